#!/usr/bin/env bash
# archive_verify.sh - `newsprism verify` on bags made by hand with coreutils
# (not by newsprism), as archives (tar.gz, zip) and as folders: a good bag
# passes; a tampered payload, an extra file, a missing file, a wrong
# Payload-Oxum, a damaged tag manifest and unsafe entries are each caught.
set -euo pipefail
: "${NEWSPRISM:?set NEWSPRISM to the newsprism binary}"
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

make_bag() { # make_bag DIR: a valid BagIt 1.0 bag, built independently
  local b=$1
  mkdir -p "$b/data/story one" "$b/data/zürich"
  printf 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n' > "$b/bagit.txt"
  printf '<newsItem/>\n' > "$b/data/story one/a.newsml.xml"
  printf '{"a": 1}\n' > "$b/data/zürich/b.jsonld"
  printf 'x,y\r\n1,2\r\n' > "$b/data/quotes.csv"
  (cd "$b" && find data -type f | LC_ALL=C sort | while read -r f; do sha256sum "$f"; done > manifest-sha256.txt
   find data -type f | LC_ALL=C sort | while read -r f; do sha512sum "$f"; done > manifest-sha512.txt
   oxum=$(find data -type f -printf '%s\n' | awk '{s+=$1;n++} END{printf "%d.%d", s, n}')
   printf 'Source-Organization: Test\nBagging-Date: 2020-01-01\nPayload-Oxum: %s\n' "$oxum" > bag-info.txt
   sha256sum bagit.txt bag-info.txt manifest-sha256.txt manifest-sha512.txt > tagmanifest-sha256.txt)
}

expect_ok() {
  "$NEWSPRISM" verify "$1" > out.txt 2> err.txt || { echo "FAIL: $1 should verify"; cat out.txt err.txt; exit 1; }
  grep -qF "OK: $1" out.txt || { echo "FAIL: no OK line for $1"; cat out.txt; exit 1; }
}

expect_bad() { # expect_bad BUNDLE MESSAGE
  local rc=0
  "$NEWSPRISM" verify "$1" > out.txt 2> err.txt || rc=$?
  [ "$rc" = 1 ] || { echo "FAIL: verify $1 exited $rc, wanted 1"; cat out.txt err.txt; exit 1; }
  grep -qF -- "$2" out.txt || { echo "FAIL: verify $1 did not report: $2"; cat out.txt err.txt; exit 1; }
  grep -qF "not a valid bag" err.txt || { echo "FAIL: no summary on stderr"; cat err.txt; exit 1; }
}

make_bag good
if [ -n "${NP_SHARED:-}" ] && [ -f "$NP_SHARED/tools/bagit-check.sh" ]; then
  bash "$NP_SHARED/tools/bagit-check.sh" good > /dev/null # the hand-made bag is valid
fi
tar -czf good.tar.gz good
(cd good && python3 -c 'import zipfile, os
z = zipfile.ZipFile("../good.zip", "w")
for root, dirs, files in sorted(os.walk(".")):
    for f in sorted(files):
        p = os.path.join(root, f)[2:]
        z.write(p, "bag/" + p)')
expect_ok good
expect_ok good.tar.gz
expect_ok good.zip

check_damage() { # check_damage 'SHELL DAMAGE' 'EXPECTED MESSAGE'
  rm -rf bad bad.tar.gz
  cp -r good bad
  (cd bad && eval "$1")
  expect_bad bad "$2"
  tar -czf bad.tar.gz bad
  expect_bad bad.tar.gz "$2"
}
check_damage 'printf X >> "data/zürich/b.jsonld"' 'data/zürich/b.jsonld: sha256 checksum mismatch'
check_damage 'echo extra > data/extra.txt' 'data/extra.txt: not listed in manifest-sha256.txt (an extra file)'
check_damage 'rm "data/story one/a.newsml.xml"' 'data/story one/a.newsml.xml: missing (listed in manifest-sha256.txt)'
check_damage 'sed -i "s/^Payload-Oxum: .*/Payload-Oxum: 1.3/" bag-info.txt' 'Payload-Oxum is 1.3 but the payload is'
check_damage 'sed -i "s/^Payload-Oxum: .*/Payload-Oxum: 1.3/" bag-info.txt' 'bag-info.txt: sha256 checksum mismatch (tagmanifest-sha256.txt'
check_damage 'rm bagit.txt' 'bagit.txt: missing'

# hostile archives: a '..' entry and a symbolic link are reported, never followed
python3 -c 'import tarfile, io
t = tarfile.open("evil.tar", "w")
i = tarfile.TarInfo("bag/../../escape"); i.size = 1; t.addfile(i, io.BytesIO(b"x"))
i = tarfile.TarInfo("bag/data/link"); i.type = tarfile.SYMTYPE; i.linkname = "/etc/passwd"; t.addfile(i)'
expect_bad evil.tar "unsafe entry name 'bag/../../escape'"
expect_bad evil.tar "bag/data/link: a link, not a regular file"
[ ! -e escape ] && [ ! -e ../escape ]

# usage and missing files
rc=0; "$NEWSPRISM" verify nope.tar.gz 2> err.txt || rc=$?
[ "$rc" = 1 ] && grep -q "nope.tar.gz" err.txt
rc=0; "$NEWSPRISM" verify 2> /dev/null || rc=$?
[ "$rc" = 2 ]
echo "archive_verify: OK"
