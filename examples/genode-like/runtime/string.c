/* The memory and string functions compilers may call on their own (memcpy, memset for struct
 * copies and zeroing), plus strlen for the output functions. */
#include <string.h>

void* memcpy(void* to, const void* from, size_t n) {
  unsigned char* d = to;
  const unsigned char* s = from;
  while (n--)
    *d++ = *s++;
  return to;
}

void* memset(void* to, int byte, size_t n) {
  unsigned char* d = to;
  while (n--)
    *d++ = (unsigned char)byte;
  return to;
}

size_t strlen(const char* s) {
  size_t n = 0;
  while (s[n])
    ++n;
  return n;
}
