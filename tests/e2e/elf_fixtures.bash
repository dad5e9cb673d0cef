# Fixtures for the ELF scenarios (sourced after lib.sh): stub sysroots compiled by clang for a
# triple, with the OS ABI note in crt1.o, and small programs that use thread-local storage.

# abi_note_asm NAME TYPE WORD... : assembly for an ABI note section (4-byte aligned, gABI layout).
abi_note_asm() {
  local name=$1 type=$2 section=.note.tag
  shift 2
  case $name in
    GNU) section=.note.ABI-tag ;;
    NetBSD) section=.note.netbsd.ident ;;
    OpenBSD) section=.note.openbsd.ident ;;
  esac
  local words
  words=$(IFS=,; echo "$*")
  printf '.section %s,"a",%%note\n.p2align 2\n.long %d, %d, %d\n.asciz "%s"\n.p2align 2\n.long %s\n.text\n' \
    "$section" $((${#name} + 1)) $((4 * $#)) "$type" "$name" "$words"
}

# make_stub_sysroot DIR TRIPLE NOTE_NAME NOTE_WORD : a BSD-style sysroot clang can link against:
# crt1.o/Scrt1.o (with the note), empty crti/crtn/crtbegin*/crtend* objects, a link-only libc.so.7
# (versioned FBSD_1.0, with __emutls_get_address for -femulated-tls), libgcc.a, libgcc_eh.a and
# libgcc_s.so.1.
make_stub_sysroot() {
  local dir=$1 triple=$2 note_name=$3 note_word=$4
  local lib=$dir/usr/lib src=$dir/.src
  mkdir -p "$lib" "$src" "$dir/usr/include"
  abi_note_asm "$note_name" 1 "$note_word" >"$src/note.s"
  cat >"$src/crt1.c" <<'C'
int main(int, char**, char**);
void exit(int) __attribute__((noreturn));
void _start(void) { exit(main(0, 0, 0)); }
C
  cat >"$src/libc.c" <<'C'
int printf(const char* f, ...) { return f != 0; }
void exit(int code) { for (;;) (void)code; }
void* __emutls_get_address(void* control) { return control; }
int __libc_private_marker;
C
  printf 'FBSD_1.0 { global: printf; exit; __emutls_get_address; __libc_private_marker; local: *; };\n' >"$src/libc.map"
  printf 'int __gcc_s_stub(void) { return 0; }\n' >"$src/gcc_s.c"
  : >"$src/empty.c"
  local cc=(clang -target "$triple" -O1 -fno-stack-protector)
  "${cc[@]}" -c "$src/crt1.c" -o "$src/crt1_code.o"
  "${cc[@]}" -c "$src/note.s" -o "$src/note.o"
  ld.lld -r "$src/crt1_code.o" "$src/note.o" -o "$lib/crt1.o"
  "${cc[@]}" -fPIC -c "$src/crt1.c" -o "$src/scrt1_code.o"
  ld.lld -r "$src/scrt1_code.o" "$src/note.o" -o "$lib/Scrt1.o"
  "${cc[@]}" -c "$src/empty.c" -o "$src/empty.o"
  for f in crti crtn crtbegin crtend crtbeginS crtendS crtbeginT; do
    cp "$src/empty.o" "$lib/$f.o"
  done
  "${cc[@]}" -fPIC -shared -nostdlib -fuse-ld=lld -Wl,-soname,libc.so.7 \
    -Wl,--version-script="$src/libc.map" "$src/libc.c" -o "$lib/libc.so.7"
  ln -sf libc.so.7 "$lib/libc.so"
  "${cc[@]}" -fPIC -shared -nostdlib -fuse-ld=lld -Wl,-soname,libgcc_s.so.1 "$src/gcc_s.c" \
    -o "$lib/libgcc_s.so.1"
  ln -sf libgcc_s.so.1 "$lib/libgcc_s.so"
  llvm-ar rc "$lib/libgcc.a" "$src/empty.o"
  llvm-ar rc "$lib/libgcc_eh.a" "$src/empty.o"
}

# The Genode story in C: a thread-local counter read and written from two functions.
write_tls_program() {
  cat >"$1" <<'C'
_Thread_local int counter;
_Thread_local long last_value = 42;
int bump_counter(int by) { counter += by; return counter; }
long remember(long v) { long old = last_value; last_value = v; return old; }
int main(void) { return bump_counter(1) + (int)remember(7); }
C
}

# The same program as write_tls_program, as clang's -femulated-tls lowers it: each thread-local is
# a control block handed to __emutls_get_address (compiler-rt's emutls.c layout).
write_emulated_tls_program() {
  cat >"$1" <<'C'
struct __emutls_control { unsigned long size, align; void* index; void* value; };
void* __emutls_get_address(struct __emutls_control*);
static long initial_last_value = 42;
struct __emutls_control __emutls_v_counter = {sizeof(int), sizeof(int), 0, 0};
struct __emutls_control __emutls_v_last_value = {sizeof(long), sizeof(long), 0, &initial_last_value};
int bump_counter(int by) {
  int* counter = __emutls_get_address(&__emutls_v_counter);
  *counter += by;
  return *counter;
}
long remember(long v) {
  long* last_value = __emutls_get_address(&__emutls_v_last_value);
  long old = *last_value;
  *last_value = v;
  return old;
}
int main(void) { return bump_counter(1) + (int)remember(7); }
C
}
