/* Minimal formatted output to standard output: %d %i %u %x %ld %lu %lx %s %c %p %%, no widths.
 * Enough for the example programs; a real libc port brings its own stdio. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void put_text(const char* s, size_t n) {
  while (n > 0) {
    ssize_t done = write(1, s, n);
    if (done <= 0)
      return;
    s += done;
    n -= (size_t)done;
  }
}

static void put_number(unsigned long value, unsigned base, int negative) {
  char digits[24];
  int i = sizeof digits;
  do {
    digits[--i] = "0123456789abcdef"[value % base];
    value /= base;
  } while (value);
  if (negative)
    digits[--i] = '-';
  put_text(digits + i, sizeof digits - (size_t)i);
}

int printf(const char* format, ...) {
  va_list args;
  va_start(args, format);
  for (const char* p = format; *p; ++p) {
    if (*p != '%') {
      const char* end = p;
      while (*end && *end != '%')
        ++end;
      put_text(p, (size_t)(end - p));
      p = end - 1;
      continue;
    }
    int is_long = 0;
    if (p[1] == 'l') {
      is_long = 1;
      ++p;
    }
    switch (*++p) {
    case 'd':
    case 'i': {
      long v = is_long ? va_arg(args, long) : va_arg(args, int);
      put_number(v < 0 ? -(unsigned long)v : (unsigned long)v, 10, v < 0);
      break;
    }
    case 'u':
      put_number(is_long ? va_arg(args, unsigned long) : va_arg(args, unsigned), 10, 0);
      break;
    case 'x':
      put_number(is_long ? va_arg(args, unsigned long) : va_arg(args, unsigned), 16, 0);
      break;
    case 'p':
      put_text("0x", 2);
      put_number((unsigned long)va_arg(args, void*), 16, 0);
      break;
    case 's': {
      const char* s = va_arg(args, const char*);
      put_text(s ? s : "(null)", strlen(s ? s : "(null)"));
      break;
    }
    case 'c': {
      char c = (char)va_arg(args, int);
      put_text(&c, 1);
      break;
    }
    case '%':
      put_text("%", 1);
      break;
    default: /* unknown conversion, or a '%' at the end: print it as it is */
      put_text(p - 1, *p ? 2 : 1);
      if (!*p)
        --p;
    }
  }
  va_end(args);
  return 0;
}

int puts(const char* s) {
  put_text(s, strlen(s));
  put_text("\n", 1);
  return 0;
}
