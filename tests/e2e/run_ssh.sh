# A runner = ["ssh", HOST] profile: xport run copies the program and the library it needs from its
# build folder (not from the sysroot) to a fresh folder on the test machine, runs it there with its
# arguments and standard input, reports its exit status or signal, and removes the folder.
# No ssh server runs here, so `ssh` is a stand-in on PATH that plays the remote side on this
# machine: it drops the options and the host name and hands the command to sh, as sshd hands it to
# the login shell. Everything xport sends (mktemp, the copies over standard input, the run, the
# status, the clean-up) goes through it.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
cd "$WORK"

mkdir bin build
cat >bin/ssh <<'SH'
#!/bin/sh
while [ $# -gt 0 ]; do
  case $1 in
    -p | -i | -o | -l) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
echo "$1" >>"$SSH_LOG"
shift
echo "$*" >>"$SSH_LOG.commands"
exec sh -c "$*"
SH
chmod +x bin/ssh
export SSH_LOG=$WORK/ssh.log PATH="$WORK/bin:$PATH"

cat >greet.c <<'C'
const char *greeting(void) { return "hello from libgreet"; }
C
cc -shared -fPIC -o build/libgreet.so greet.c
cc -DGREETING -o build/probe "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c" -Lbuild -lgreet
# Without the copied library next to it, the program cannot start: the copy is what makes it run.
if ./build/probe >/dev/null 2>&1; then fail "build/probe runs without its library; the test proves nothing"; fi

cat >testhost.toml <<TOML
name = "x86_64-testhost"
inherits = "x86_64-unknown-linux-gnu"
runner = ["ssh", "-p", "2222", "testhost"]
TOML
run=("$XPORT" run --profile "$WORK/testhost.toml" --target x86_64-testhost)

plan=$("${run[@]}" --print-command --json build/probe)
echo "$plan"
expect_contains "$plan" '"copy_in"'
expect_contains "$plan" "build/libgreet.so"

out=$("${run[@]}" build/probe "two words" "it's")
[ "$out" = $'hello from libgreet\n<two words>\n<it\'s>' ] || fail "remote run printed '$out'"
grep -qx testhost "$SSH_LOG" || fail "ssh was not called with the profile's host"

got=$(ending "${run[@]}" build/probe exit 3)
[ "$got" = "exit 3" ] || fail "exit 3 over ssh ended as '$got'"
got=$(ending "${run[@]}" build/probe abort 2>/dev/null)
[ "$got" = "signal 6" ] || fail "SIGABRT over ssh ended as '$got'"
out=$(printf 'through ssh\n' | "${run[@]}" build/probe cat)
[ "$out" = "through ssh" ] || fail "standard input over ssh: '$out'"

# Every remote folder was removed.
folders=$(grep -o "/tmp/xport-run\.[A-Za-z0-9]*" "$SSH_LOG.commands" | sort -u)
[ "$(wc -l <<<"$folders")" -ge 4 ] || fail "expected a remote folder per run, saw: $folders"
for f in $folders; do
  [ ! -e "$f" ] || fail "remote folder $f was left behind"
done
echo "ok: the ssh runner copies the program and its library in, runs it faithfully, cleans up"
