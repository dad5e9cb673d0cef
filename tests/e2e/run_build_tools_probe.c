/* The program the ctest, meson test and cargo-style scenarios cross-build and run as their tests:
 * each test names a behaviour, the program checks it and exits 0 when it holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  if (!strcmp(argv[1], "machine")) { /* prints what the kernel (here: qemu) says it runs on */
    struct utsname u;
    uname(&u);
    printf("machine=%s\n", u.machine);
    return strcmp(u.machine, argv[2]) != 0;
  }
  if (!strcmp(argv[1], "sum")) /* sum A B C: A + B == C */
    return atoi(argv[2]) + atoi(argv[3]) != atoi(argv[4]);
  if (!strcmp(argv[1], "words")) /* words "two words": arguments arrive unsplit */
    return !(argc == 3 && !strcmp(argv[2], "two words"));
  if (!strcmp(argv[1], "exit"))
    return atoi(argv[2]);
  if (!strcmp(argv[1], "abort"))
    abort();
  return 2;
}
