/* The program the xport run scenarios build (natively, for aarch64, or as a CMake/Meson/Cargo
 * project's test) and run: each first argument names a behaviour; with none of them it prints
 * every argument as <arg>, one per line. Built with -DGREETING it first prints greeting() from a
 * separate library (the ssh runner must copy that library in). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#ifdef GREETING
const char *greeting(void);
#endif

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!strcmp(mode, "exit")) /* exit N */
    return atoi(argv[2]);
  if (!strcmp(mode, "abort"))
    abort();
  if (!strcmp(mode, "cat")) { /* copies standard input to standard output */
    int c;
    while ((c = getchar()) != EOF)
      putchar(c);
    return 0;
  }
  if (!strcmp(mode, "machine")) { /* machine M: what the kernel (or qemu) says it is, == M */
    struct utsname u;
    uname(&u);
    printf("machine=%s\n", u.machine);
    return strcmp(u.machine, argv[2]) != 0;
  }
  if (!strcmp(mode, "sum")) /* sum A B C: A + B == C */
    return atoi(argv[2]) + atoi(argv[3]) != atoi(argv[4]);
  if (!strcmp(mode, "words")) /* words "two words": arguments arrive unsplit */
    return !(argc == 3 && !strcmp(argv[2], "two words"));
#ifdef GREETING
  puts(greeting());
#endif
  for (int i = 1; i < argc; i++)
    printf("<%s>\n", argv[i]);
  return 0;
}
