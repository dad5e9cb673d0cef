# scripts/package.sh builds the Debian package, and the package works once installed: dpkg
# installs it into a fresh root of its own (dpkg --root, an empty database; the machine's
# libraries and clang serve as its dependencies), and from there `xport --version`, a heavy
# command through the installed front, `xport cc` for aarch64 against Debian's packages,
# `xport check` of the result, the manual page (every command of --help in it) and the bash and
# zsh completion functions (commands, options, targets, a user's profile) all work.
# `cmake --install` gives the package's layout.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/fixtures/cross.sh"
for tool in dpkg dpkg-deb dpkg-shlibdeps man; do
  command -v "$tool" >/dev/null || skip "$tool is not installed"
done
: "${XPORT_BINARY_DIR:?}"
cd "$WORK"

step bash "$XPORT_SOURCE_DIR/scripts/package.sh" "$XPORT_BINARY_DIR" >package.out
deb=$(tail -1 package.out)
version=$("$XPORT" --version | awk '{ print $2 }')
[ "$deb" = "$XPORT_BINARY_DIR/xport_${version}_$(dpkg --print-architecture).deb" ] ||
  fail "package.sh printed '$deb', not BUILD_DIR/xport_<version>_<arch>.deb"
[ -f "$deb" ] || fail "no package at $deb"

info=$(dpkg-deb --field "$deb")
expect_contains "$info" "Package: xport"
expect_contains "$info" "Version: $version"
for dep in "libc6 (>=" "clang-19 | clang-16 | clang-15 | clang-14 | clang" "lld-19 |"; do
  expect_contains "$(dpkg-deb --field "$deb" Depends)" "$dep" "Depends"
done
expect_contains "$(dpkg-deb --field "$deb" Recommends)" "qemu-user" "Recommends"
for lib in libarchive libssl libxml2; do
  expect_not_contains "$(dpkg-deb --field "$deb" Depends)" "$lib" "Depends (linked in or absent)"
done

contents=$(dpkg-deb --contents "$deb" | awk '{ print $NF }' | sed 's|^\./|/|' | grep -v '/$' | sort)
for f in /usr/bin/xport /usr/libexec/xport/xport-full /usr/libexec/xport/xport-abi-reader \
  /usr/share/man/man1/xport.1.gz /usr/share/bash-completion/completions/xport \
  /usr/share/zsh/vendor-completions/_xport /usr/share/doc/xport/sysroots.md \
  /usr/share/doc/xport/README.md /usr/share/xport/targets/x86_64-unknown-genode.toml; do
  grep -qxF "$f" <<<"$contents" || fail "the package has no $f"
done
# The binaries are stripped (Debian's packages keep debugging data apart).
dpkg-deb -x "$deb" extracted
expect_contains "$(file extracted/usr/libexec/xport/xport-full)" "stripped" "xport-full"
expect_not_contains "$(file extracted/usr/libexec/xport/xport-full)" "not stripped" "xport-full"

# cmake --install gives the same files.
DESTDIR="$WORK/cmake-install" cmake --install "$XPORT_BINARY_DIR" --prefix /usr --strip >/dev/null
installed=$(cd cmake-install && find . ! -type d | sed 's|^\./|/|' | sort)
[ "$installed" = "$contents" ] ||
  { diff <(echo "$installed") <(echo "$contents") >&2 || true; fail "cmake --install and the package differ"; }

# A fresh root: dpkg's database and nothing else.
R=$WORK/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
: >"$R/var/lib/dpkg/status"
: >"$R/var/lib/dpkg/available"
force=--force-depends
[ "$(id -u)" -eq 0 ] || force+=",not-root"
step dpkg --root="$R" --log="$WORK/dpkg.log" "$force" -i "$deb" >/dev/null
expect_contains "$(dpkg --root="$R" -s xport)" "Status: install ok installed"
expect_contains "$(dpkg --root="$R" -L xport)" "/usr/libexec/xport/xport-full"

export XPORT="$R/usr/bin/xport" PATH="$R/usr/bin:$PATH"
expect_status 0 xport --version
[ "$OUT" = "xport $version" ] || fail "the installed xport --version printed '$OUT'"
# A heavy command: the installed front finds /usr/libexec/xport/xport-full beside itself.
expect_status 0 xport inspect "$R/usr/libexec/xport/xport-full"
expect_contains "$OUT" "x86-64"

write_hello src
root=$(debian_sysroot arm64 aarch64-unknown-linux-gnu)
step xport cc --target aarch64-unknown-linux-gnu src/hello.c -o hello
expect_status 0 xport check --target aarch64-unknown-linux-gnu hello
expect_status 0 xport run --target aarch64-unknown-linux-gnu ./hello
expect_contains "$OUT" "hello from C"

# The manual page: every command --help lists, with its options.
page=$(MANWIDTH=200 man -l "$R/usr/share/man/man1/xport.1.gz" 2>/dev/null)
for c in $(xport --help | awk '/^commands:/ { on = 1; next } on && !NF { exit } on { print $1 }'); do
  grep -qE "^ +xport $c\$" <<<"$page" || fail "the manual page has no section for xport $c"
done
expect_contains "$page" "--print-command" "the manual page"
expect_contains "$page" "XPORT_CLANG" "the manual page"

# Completion, as bash calls it: the function with COMP_WORDS and COMP_CWORD.
mkdir -p "$XDG_CONFIG_HOME/xport/targets"
printf 'name = "my-genode"\ninherits = "x86_64-unknown-genode"\ndescription = "mine"\n' \
  >"$XDG_CONFIG_HOME/xport/targets/my-genode.toml"
xport target show my-genode >/dev/null || fail "the user profile does not load"
complete_bash() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _xport
           printf "%s\n" "${COMPREPLY[@]}"' _ "$R/usr/share/bash-completion/completions/xport" "$@"
}
out=$(complete_bash xport s)
[ "$(echo $out)" = "shell sysroot" ] || fail "bash: 'xport s<TAB>' gave '$(echo $out)'"
expect_contains "$(complete_bash xport cc --tar)" "--target" "bash: xport cc --tar<TAB>"
expect_contains "$(complete_bash xport sysroot "")" "fetch" "bash: xport sysroot <TAB>"
expect_contains "$(complete_bash xport sysroot import --fi)" "--file-digest" "bash: xport sysroot import --fi<TAB>"
out=$(complete_bash xport cc --target aarch64-unknown-linux-g)
[ "$out" = aarch64-unknown-linux-gnu ] || fail "bash: a target name gave '$out'"
expect_contains "$(complete_bash xport check --target my-)" "my-genode" "bash: a user's profile"
expect_contains "$(complete_bash xport cargo x86_64-unknown-ge)" "x86_64-unknown-genode" "bash: cargo's target"

# zsh: the completion function with zsh's completion builtins replaced by functions that print.
if command -v zsh >/dev/null; then
  complete_zsh() {
    zsh -f -c 'compadd() { local arrays=0 values=0 a; for a in "$@"; do
                 if (( values )); then print -r -- $a; elif [[ $a == -- ]]; then values=1
                 elif [[ $a == -a ]]; then arrays=1; elif [[ $a == -* ]]; then :
                 elif (( arrays )); then print -rl -- ${(P)a}; else print -r -- $a; fi; done }
               _describe() { print -rl -- ${(P)${@[-1]}}; }
               _files() { print -r -- "(files)"; }
               source "$1"; shift; words=("$@"); CURRENT=$#; PREFIX=${@[-1]}; _xport' _ \
      "$R/usr/share/zsh/vendor-completions/_xport" "$@"
  }
  expect_contains "$(complete_zsh xport s)" "sysroot:import OS media" "zsh: xport s<TAB>"
  expect_contains "$(complete_zsh xport cc --tar)" "--target" "zsh: xport cc --tar<TAB>"
  expect_contains "$(complete_zsh xport check --target my)" "my-genode" "zsh: a user's profile"
  expect_contains "$(complete_zsh xport sysroot "")" "verify" "zsh: xport sysroot <TAB>"
else
  echo "zsh is not installed: its completion function was not called"
fi
echo "ok: package $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) installs and works"
