# Shared helpers for the end-to-end scenarios. Each scenario sources this file, gets a fresh
# $WORK folder (removed on exit) and runs the real xport binary ($XPORT) on media it makes.
set -euo pipefail

: "${XPORT:?XPORT must name the xport binary (ctest sets it)}"
: "${XPORT_SOURCE_DIR:?}"
: "${XPORT_TEST_CACHE:=${TMPDIR:-/tmp}/xport-test-cache}"
mkdir -p "$XPORT_TEST_CACHE"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/xport-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export XPORT_HOME="$WORK/store"  # every scenario has a store of its own
export XDG_CONFIG_HOME="$WORK/config"
export XDG_CACHE_HOME="$WORK/cache" # runtimes built for a target; rust_lib.bash shares its own

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

skip() {
  echo "SKIP: $*"
  exit 77
}

# Prints the command as a user would type it, then runs it.
step() {
  echo "\$ $*"
  "$@"
}

# expect_contains TEXT NEEDLE [WHAT]
expect_contains() {
  if ! grep -qF -- "$2" <<<"$1"; then
    echo "--- output was:" >&2
    echo "$1" >&2
    fail "${3:-output} does not contain '$2'"
  fi
}

expect_not_contains() {
  if grep -qF -- "$2" <<<"$1"; then
    echo "--- output was:" >&2
    echo "$1" >&2
    fail "${3:-output} contains '$2'"
  fi
}

# expect_status N CMD...: runs CMD, fails unless it exits with N. Its output is in $OUT.
expect_status() {
  local want=$1 got=0
  shift
  OUT=$("$@" 2>&1) || got=$?
  if [ "$got" -ne "$want" ]; then
    echo "--- $* printed:" >&2
    echo "$OUT" >&2
    fail "'$*' exited $got, expected $want"
  fi
}

# fetch_debs DIR PACKAGE...: downloads Debian packages (apt-get download, no root needed) into a
# shared cache once, and links them into DIR. Skips the scenario when the archive is unreachable.
fetch_debs() {
  local dir=$1
  shift
  local cache="$XPORT_TEST_CACHE/debs"
  mkdir -p "$cache" "$dir"
  (
    flock 9
    cd "$cache"
    local missing=()
    for p in "$@"; do
      compgen -G "${p}_*.deb" >/dev/null || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      apt-get download "${missing[@]}" >/dev/null 2>"$cache/download.err" ||
        { cat "$cache/download.err" >&2; exit 3; }
    fi
  ) 9>"$cache/.lock" || skip "cannot download Debian packages: $*"
  for p in "$@"; do
    ln -sf "$cache"/"${p}"_*.deb "$dir/"
  done
}

# real_media FILE: the path of a real OS medium from ../shared/media (or $XPORT_TEST_MEDIA); skips
# the scenario, saying so, only when that folder is absent.
real_media() {
  local dir=${XPORT_TEST_MEDIA:-$XPORT_SOURCE_DIR/../shared/media}
  [ -d "$dir" ] || skip "no real OS media: $dir is absent (set XPORT_TEST_MEDIA)"
  [ -f "$dir/$1" ] || fail "$dir has no $1"
  echo "$dir/$1"
}
