# SQLite's autotools release (the one the npm package sqlite3 bundles), configured with
# --host=<target> and the <target>-cc links of `xport toolchain install`, as docs/driver.md shows:
# - aarch64 Linux: the sqlite3 shell runs under qemu (xport run) on a real SQL script, into a
#   database file and back out of it; its output equals the host's SQLite (Python's sqlite3
#   module) on the same statements;
# - FreeBSD 13.2 (the real base.txz): the library and the shell pass `xport check`.
# -O0 keeps the 250,000-line amalgamation's compile short.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/run_lib.bash"
base=$(real_media freebsd-13.2-amd64-base.txz)
command -v npm >/dev/null || fail "npm is not installed (scripts/install-deps.sh installs it)"
start=$SECONDS

# The npm package, downloaded once into the shared cache.
npm_cache="$XPORT_TEST_CACHE/npm"
mkdir -p "$npm_cache"
(
  flock 9
  cd "$npm_cache"
  compgen -G "sqlite3-5.*.tgz" >/dev/null ||
    npm pack sqlite3@5 --cache "$WORK/npm-cache" >/dev/null 2>"$WORK/npm.err" ||
    { cat "$WORK/npm.err" >&2; exit 3; }
) 9>"$npm_cache/.lock" || skip "cannot download sqlite3@5 from npm's registry"
package=$(ls "$npm_cache"/sqlite3-5.*.tgz | sort -V | tail -1)
cd "$WORK"
tar -xzf "$package" --wildcards 'package/deps/sqlite-autoconf-*.tar.gz'
tar -xzf package/deps/sqlite-autoconf-*.tar.gz
src=$(echo "$WORK"/sqlite-autoconf-*)
# 3440200 -> 3.44.2
version=$(basename "$src" | sed -E 's/.*-([0-9])([0-9]{2})([0-9]{2})[0-9]{2}$/\1.\2.\3/; s/\.0([0-9])/.\1/g')
echo "SQLite $version from $(basename "$package")"

import_arm64_sysroot
step "$XPORT" sysroot import "$base" --target x86_64-unknown-freebsd >/dev/null
step "$XPORT" toolchain install "$arm64_target" "$WORK/bin" >/dev/null
step "$XPORT" toolchain install x86_64-unknown-freebsd "$WORK/bin" >/dev/null
export PATH="$WORK/bin:$PATH"

# configure_for TARGET [ARGS...]: an out-of-tree build in build-TARGET.
configure_for() {
  local target=$1
  shift
  mkdir "build-$target"
  echo "\$ ../${src##*/}/configure --host=$target CFLAGS='-O0 -g0' --disable-readline --disable-editline $*"
  (cd "build-$target" && "$src/configure" --host="$target" CFLAGS="-O0 -g0" \
    --disable-readline --disable-editline "$@" >configure.log) ||
    { cat "build-$target/config.log" >&2; fail "configure --host=$target failed"; }
  grep -E "^CC = " "build-$target/Makefile"
  grep -qE "^CC = $target-gcc" "build-$target/Makefile" || fail "configure did not pick $target-gcc"
}

configure_for "$arm64_target" --disable-shared
step make -s -C "build-$arm64_target" sqlite3 >/dev/null || fail "make for $arm64_target failed"
shell="build-$arm64_target/sqlite3"
file "$shell" | grep -q "ARM aarch64" || fail "the sqlite3 shell is not aarch64: $(file "$shell")"

cat >create.sql <<'SQL'
CREATE TABLE author(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE book(id INTEGER PRIMARY KEY, author INTEGER REFERENCES author(id), title TEXT,
                  year INTEGER, pages INTEGER);
INSERT INTO author(id, name) VALUES (1, 'Ursula K. Le Guin'), (2, 'Stanislaw Lem'),
                                    (3, 'Octavia E. Butler');
INSERT INTO book(author, title, year, pages) VALUES
  (1, 'The Dispossessed', 1974, 387), (1, 'The Left Hand of Darkness', 1969, 304),
  (2, 'Solaris', 1961, 204), (2, 'The Cyberiad', 1965, 295), (2, 'His Master''s Voice', 1968, 199),
  (3, 'Kindred', 1979, 264);
CREATE INDEX book_year ON book(year);
SQL
cat >query.sql <<'SQL'
SELECT a.name, count(*), sum(b.pages), printf('%.2f', avg(b.pages)), min(b.year)
  FROM author a JOIN book b ON b.author = a.id GROUP BY a.id ORDER BY sum(b.pages) DESC;
SELECT b.year, b.title FROM book b JOIN author a ON a.id = b.author
  WHERE a.name LIKE 'S%' AND b.year > 1962 ORDER BY b.year;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
  SELECT count(*), sum(i), sum(i * i) % 1000003, max(length(printf('%x', i))) FROM n;
SELECT group_concat(upper(substr(title, 1, 3)), ',') FROM (SELECT title FROM book ORDER BY title);
SQL
step "$XPORT" run --target "$arm64_target" "$shell" farm.db <create.sql || fail "creating farm.db failed"
got=$("$XPORT" run --target "$arm64_target" "$shell" farm.db <query.sql) || fail "the queries failed"
echo "$got"
want=$(python3 - create.sql query.sql <<'PY'
import sqlite3, sys
db = sqlite3.connect(":memory:")
for name in sys.argv[1:]:
    statement = ""
    for line in open(name):
        statement += line
        if sqlite3.complete_statement(statement):
            for row in db.execute(statement):
                print("|".join(str(v) for v in row))
            statement = ""
PY
)
[ "$got" = "$want" ] || { diff <(echo "$want") <(echo "$got") >&2; fail "the aarch64 sqlite3 disagrees with the host's SQLite"; }
[ "$(wc -l <<<"$got")" = 7 ] || fail "the queries printed $(wc -l <<<"$got") lines, expected 7"
got=$("$XPORT" run --target "$arm64_target" "$shell" :memory: "select sqlite_version()")
[ "$got" = "$version" ] || fail "the aarch64 shell is SQLite $got, expected $version"
aarch64_done=$SECONDS

configure_for x86_64-unknown-freebsd --disable-static
step make -s -C build-x86_64-unknown-freebsd >/dev/null || fail "make for x86_64-unknown-freebsd failed"
lib=$(readlink -f build-x86_64-unknown-freebsd/.libs/libsqlite3.so)
"$XPORT" inspect "$lib" build-x86_64-unknown-freebsd/sqlite3
expect_status 0 "$XPORT" check --target x86_64-unknown-freebsd "$lib" build-x86_64-unknown-freebsd/sqlite3
echo "$OUT"
inspected=$("$XPORT" inspect build-x86_64-unknown-freebsd/sqlite3)
expect_contains "$inspected" "OS/ABI FreeBSD" "the FreeBSD shell"
expect_contains "$inspected" "interpreter /libexec/ld-elf.so.1" "the FreeBSD shell"
echo "PASS: SQLite $version: aarch64 shell agrees with the host's SQLite under qemu" \
  "($((aarch64_done - start)) s), FreeBSD build passes xport check ($((SECONDS - aarch64_done)) s)"
