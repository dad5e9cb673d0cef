/* From the initial stack to main() and back to the kernel: no TLS set-up, no constructors beyond
 * what main needs (the example programs have none). */
#include <stdlib.h>

int main(int argc, char** argv, char** envp);

__attribute__((noreturn, used)) void __genode_like_start(long* initial_stack) {
  int argc = (int)initial_stack[0];
  char** argv = (char**)(initial_stack + 1);
  char** envp = argv + argc + 1;
  exit(main(argc, argv, envp));
}
