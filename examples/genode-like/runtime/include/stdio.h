/* The example runtime's stdio: formatted output to standard output only. */
#pragma once
int printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
int puts(const char *s);
