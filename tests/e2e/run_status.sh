# xport run on the host's own target: the program's exit status and fatal signal come back
# unchanged, arguments arrive byte for byte, standard input reaches the program.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"

target=$(uname -m)-unknown-linux-gnu
cc -o "$WORK/probe" "$XPORT_SOURCE_DIR/tests/e2e/run_probe.c"


step "$XPORT" run --target "$target" "$WORK/probe" exit 3 || true
got=$(ending "$XPORT" run --target "$target" "$WORK/probe" exit 3)
[ "$got" = "exit 3" ] || fail "a program exiting 3 ended as '$got'"

got=$(ending "$XPORT" run --target "$target" "$WORK/probe" abort 2>/dev/null)
[ "$got" = "signal 6" ] || fail "a program killed by SIGABRT ended as '$got' (want signal 6)"

# Through a runner too: `env --` runs the program; its ending is still the program's.
got=$(ending "$XPORT" run --target "$target" --runner 'env --' "$WORK/probe" abort 2>/dev/null)
[ "$got" = "signal 6" ] || fail "through a runner, SIGABRT ended as '$got'"

# Arguments with spaces, quotes, backslashes, globs, dollar signs, empty ones, and options that
# look like xport's own.
args=("a b" "it's" '"double"' 'back\slash' '*' '$HOME' '' '--target' '-h' $'new\nline')
out=$("$XPORT" run --target "$target" "$WORK/probe" "${args[@]}")
want=$(for a in "${args[@]}"; do printf '<%s>\n' "$a"; done)
[ "$out" = "$want" ] || fail "arguments changed on the way: got
$out
want
$want"
# The same through a runner given in the environment.
var=XPORT_RUNNER_$(echo "$target" | tr 'a-z-' 'A-Z_')
out=$(env "$var=env --" "$XPORT" run --target "$target" "$WORK/probe" "${args[@]}")
[ "$out" = "$want" ] || fail "arguments changed through \$$var"

# Standard input is the program's.
out=$(printf 'first line\nsecond \0 line' | "$XPORT" run --target "$target" "$WORK/probe" cat | od -c)
want=$(printf 'first line\nsecond \0 line' | od -c)
[ "$out" = "$want" ] || fail "standard input was not passed through: $out"

echo "ok: exit status, SIGABRT, arguments and standard input pass through xport run"
