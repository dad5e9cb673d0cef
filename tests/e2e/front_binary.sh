#!/usr/bin/env bash
# bin/xport is a light front: it holds no libarchive, nettle, libxxhash nor LLVM (but its
# demangler, for xport cc's symbol-version check: ARCHITECTURE.md), yet every command
# works through it. The heavy ones exec libexec/xport/xport-full, found from the front's real path
# or $XPORT_FULL, with the arguments, output and exit status untouched; a missing full binary is
# an error that names where it was looked for and how to fix it.
source "$(dirname "$0")/lib.sh"
command -v readelf >/dev/null || skip "readelf (binutils) is not installed"
cd "$WORK"
full=$(realpath "$(dirname "$XPORT")/../libexec/xport/xport-full")
[ -x "$full" ] || fail "no full binary beside the front at $full"

# The front is linked statically: no program interpreter, no shared library, no loader at start.
step readelf -lW "$XPORT"
expect_not_contains "$(readelf -lW "$XPORT")" "INTERP" "the front's program headers"
expect_not_contains "$(readelf -lW "$XPORT")" "DYNAMIC" "the front's program headers"
symbols=$(readelf -sW "$XPORT")
for name in archive_read_new nettle_sha256_init XXH3_128bits_update LLVMInitializeX86Disassembler; do
  expect_not_contains "$symbols" " $name" "the front's symbols (light commands only)"
done
# The full binary has libarchive and nettle linked in: loading the shared libarchive would load
# libxml2, ICU and libstdc++ too, at every start (src/CMakeLists.txt).
full_needed=$(readelf -d "$full" | grep NEEDED)
for lib in libarchive libcrypto libxml2 libicu libnettle libstdc++; do
  expect_not_contains "$full_needed" "$lib" "the full binary's DT_NEEDED"
done
expect_contains "$(readelf -sW "$full" | awk '$8 == "archive_read_new" || $8 == "nettle_sha256_init"')" \
  nettle_sha256_init "the full binary's symbols"
# libclang (with the shared libLLVM) is loaded only by xport abi's reader, never by xport-full.
expect_not_contains "$(readelf -d "$full" | grep NEEDED)" libclang "the full binary's DT_NEEDED"
reader=$(dirname "$full")/xport-abi-reader
expect_contains "$(readelf -d "$reader" | grep NEEDED)" libclang "xport-abi-reader's DT_NEEDED"

help=$("$XPORT" --help)
for c in abi c++ cargo cc check emit env inspect run rust shell sysroot target toolchain; do
  grep -Eq "^  $c +" <<<"$help" || fail "xport --help does not list $c"
  # Every command's --help has one layout, light or heavy, hand-read options or not: a
  # description, "Usage: xport <c> ...", the options with -h,--help among them; exit status 0.
  expect_status 0 "$XPORT" "$c" --help
  awk -v p="Usage: xport $c " 'index($0, p) == 1 { found = 1 } END { exit !found }' <<<"$OUT" ||
    fail "xport $c --help has no line starting 'Usage: xport $c '"
  expect_contains "$OUT" "  -h,--help " "xport $c --help"
  expect_contains "$OUT" "Options:" "xport $c --help"
done

# Heavy commands through the front behave as the full binary does.
step "$XPORT" inspect "$full"
expect_status 0 "$XPORT" inspect "$full"
front_out=$OUT
expect_status 0 "$full" inspect "$full"
[ "$front_out" = "$OUT" ] || fail "xport inspect through the front differs from xport-full's"
expect_contains "$front_out" "ELF 64-bit"
expect_status 1 "$XPORT" inspect "$WORK/absent.elf"
expect_contains "$OUT" "absent.elf"
expect_status 2 "$XPORT" check --target x86_64-unknown-linux-gnu --jsn "$full"
expect_contains "$OUT" "did you mean '--json'"
expect_status 0 "$XPORT" sysroot list --json
python3 -m json.tool <<<"$OUT" >/dev/null || fail "sysroot list --json through the front is not JSON"
expect_status 0 "$XPORT" rust --help
expect_contains "$OUT" "xport rust"

# Installed layout, reached through a symlink: prefix/bin/xport finds prefix/libexec/xport.
mkdir -p prefix/bin prefix/libexec/xport links
cp "$XPORT" prefix/bin/xport
cp "$full" prefix/libexec/xport/xport-full
ln -s "$WORK/prefix/bin/xport" links/xport
expect_status 0 links/xport inspect "$full"
[ "$front_out" = "$OUT" ] || fail "the installed front through a symlink runs another inspect"

# No full binary: light commands still work, heavy ones say what is missing and what to do.
rm prefix/libexec/xport/xport-full
expect_status 0 prefix/bin/xport target list
expect_status 1 prefix/bin/xport sysroot list
expect_contains "$OUT" "$WORK/prefix/libexec/xport/xport-full is missing"
expect_contains "$OUT" "reinstall xport"
XPORT_FULL="$full" expect_status 0 prefix/bin/xport inspect "$full"
XPORT_FULL=/nonexistent/xport-full expect_status 1 "$XPORT" check "$full"
expect_contains "$OUT" "/nonexistent/xport-full is missing"
expect_contains "$OUT" "XPORT_FULL"
echo "PASS"
