/* A program that uses thread-local storage, as Rust's std does for its thread handle: built with
 * native TLS it reads the variables through %fs; built with emulated TLS it calls
 * __emutls_get_address. The first variable pads the TLS block so that `counter` sits at a
 * non-zero offset in it, which makes the faulting address tell which variable was read. */
#include <stdio.h>

_Thread_local long history[3] = {1, 2, 3};
_Thread_local int counter = 41;

int main(int argc, char **argv) {
  (void)argv;
  counter += argc;
  history[2] = counter;
  printf("thread-local counter = %d, history = %ld %ld %ld\n", counter, history[0], history[1],
         history[2]);
  return 0;
}
