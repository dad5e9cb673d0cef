#pragma once
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void abort(void);
