# xport run's errors: each names what failed and how to fix it, before anything runs.
source "$(dirname "$0")/lib.sh"

target=$(uname -m)-unknown-linux-gnu
printf '#!/bin/sh\necho ran\n' >"$WORK/prog"
chmod +x "$WORK/prog"

# A runner command that does not exist.
expect_status 1 "$XPORT" run --target "$target" --runner '/nonexistent/runner --flag' "$WORK/prog"
expect_contains "$OUT" "runner '/nonexistent/runner' (from --runner) is not an executable program"
var=XPORT_RUNNER_$(echo "$target" | tr 'a-z-' 'A-Z_')
expect_status 1 env "$var=no-such-runner-xport host" "$XPORT" run --target "$target" "$WORK/prog"
expect_contains "$OUT" "'no-such-runner-xport' (from \$$var)"

# A runner that exists but cannot start (its interpreter is missing).
printf '#!/nonexistent/interpreter\n' >"$WORK/broken-runner"
chmod +x "$WORK/broken-runner"
expect_status 1 "$XPORT" run --target "$target" --runner "$WORK/broken-runner" "$WORK/prog"
expect_contains "$OUT" "cannot run '$WORK/broken-runner'"
expect_contains "$OUT" "runner command for this target"

# qemu missing: a foreign Linux target with a PATH that has no qemu.
expect_status 1 env PATH=/nonexistent "$XPORT" run --target aarch64-unknown-linux-gnu "$WORK/prog"
expect_contains "$OUT" "qemu-aarch64 is not installed"
expect_contains "$OUT" "apt-get install qemu-user"

# No way at all to run a FreeBSD program here: every option is named.
expect_status 1 "$XPORT" run --target x86_64-unknown-freebsd "$WORK/prog"
expect_contains "$OUT" "no way to run"
expect_contains "$OUT" "--runner"
expect_contains "$OUT" "XPORT_RUNNER_X86_64_UNKNOWN_FREEBSD"
expect_contains "$OUT" 'runner = ["CMD", "ARGS"]'

# The runner a user configures for it is used, with the program and its arguments appended.
out=$(XPORT_RUNNER_X86_64_UNKNOWN_FREEBSD='sh -c "echo runner got: \"\$@\"" runner' \
  "$XPORT" run --target x86_64-unknown-freebsd "$WORK/prog" 'two words')
[ "$out" = "runner got: $WORK/prog two words" ] || fail "runner output was '$out'"

# A profile that names a runner, loaded with --profile.
cat >"$WORK/bsd.toml" <<'TOML'
name = "x86_64-freebsd-testhost"
inherits = "x86_64-unknown-freebsd"
runner = ["sh", "-c", "echo profile runner: \"$@\"", "runner"]
TOML
out=$("$XPORT" run --profile "$WORK/bsd.toml" --target x86_64-freebsd-testhost "$WORK/prog" x)
[ "$out" = "profile runner: $WORK/prog x" ] || fail "profile runner output was '$out'"

# A program that does not exist, and one in the current folder named without ./
expect_status 1 "$XPORT" run --target "$target" "$WORK/missing"
expect_contains "$OUT" "no such program"
(cd "$WORK" && expect_status 1 "$XPORT" run --target "$target" prog && expect_contains "$OUT" "write ./prog")

# No program at all is a usage error.
expect_status 2 "$XPORT" run --target "$target"
expect_contains "$OUT" "no program to run"

echo "ok: xport run's errors name the runner, qemu, the options and the program"
