/* Emulated thread-local storage: what a program compiled with -femulated-tls calls instead of
 * reading the thread pointer. Each _Thread_local variable `v` becomes a control block __emutls_v.v
 * (size, alignment, a slot for the runtime, and a template __emutls_t.v or NULL for zero-filled
 * data); every access calls __emutls_get_address(&__emutls_v.v).
 *
 * The control block's layout is the ABI shared with the compilers: LLVM's
 * compiler-rt/lib/builtins/emutls.c (struct __emutls_control) and GCC's libgcc/emutls.c.
 *
 * This runtime has one thread, as the example programs do; the storage comes from a static arena,
 * never from malloc (there is none). A multi-threaded port keeps one such table per thread, found
 * through its own thread library instead of a register. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

typedef struct __emutls_control {
  size_t size;
  size_t align;
  union {
    uintptr_t index; /* 0: not yet assigned; else slots[index - 1] */
    void* address;
  } object;
  void* value; /* the initial contents, or NULL for zeros */
} __emutls_control;

enum { arena_size = 64 * 1024, max_variables = 256 };

static _Alignas(64) unsigned char arena[arena_size];
static size_t arena_used;
static void* slots[max_variables];
static uintptr_t slots_used;

static void out_of_space(void) {
  static const char message[] = "genode-like runtime: emulated TLS arena exhausted\n";
  write(2, message, sizeof message - 1);
  _exit(127);
}

void* __emutls_get_address(__emutls_control* control) {
  if (control->object.index == 0) {
    if (slots_used == max_variables)
      out_of_space();
    size_t align = control->align ? control->align : 1;
    size_t start = (arena_used + align - 1) & ~(align - 1);
    if (start + control->size > arena_size)
      out_of_space();
    void* storage = arena + start;
    arena_used = start + control->size;
    if (control->value)
      memcpy(storage, control->value, control->size);
    else
      memset(storage, 0, control->size);
    slots[slots_used++] = storage;
    control->object.index = slots_used;
  }
  return slots[control->object.index - 1];
}
