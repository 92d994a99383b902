#!/usr/bin/env bash
# archive_convert.sh - `convert --archive` end to end: every archive type is
# a bag that bagit-check.sh and `verify` accept, two runs give identical
# bytes, names are safe, non-ASCII release names read back in Python, and
# `--archive -` streams to stdout.
set -euo pipefail
source "$(dirname "$0")/archive_common.inc"
formats=$(working_formats)
[ "$formats" = newsml,jsonld,ninjs,csv,jsonl ] || { echo "FAIL: only these exporters convert the sample article: $formats"; exit 1; }
bagit_check=${NP_SHARED:-}/tools/bagit-check.sh
[ -f "$bagit_check" ] || { echo "SKIPPED: $bagit_check not found (set NP_SHARED)"; exit 77; }
cd "$tmp"

mkdir -p in/sport "a folder"
cp "$NP_SOURCE_DIR/examples/sample-article.txt" in/sport/001.txt
printf 'Second story\n\n"We will see," Jane Doe said.\n' > in/second.txt
printf 'Evil\n\n"Hello," Ann Lee said.\n' > "a folder/..évil name;\$(x).txt"

for ext in tar.gz tgz tar.xz tar.zst tar zip; do
  for run in 1 2; do
    "$NEWSPRISM" convert -q -j "$run" -f "$formats" -o "out$run" --archive "out$run/bag.$ext" \
      in "a folder/..évil name;\$(x).txt" || fail "convert --archive bag.$ext"
  done
  cmp -s "out1/bag.$ext" "out2/bag.$ext" || fail "bag.$ext differs between two runs"
  if ls -A out1 | grep -q 'spool\|\.tmp\|XXXX'; then fail "temporary files left: $(ls -A out1)"; fi
  "$NEWSPRISM" verify "out1/bag.$ext" > v.txt || { cat v.txt; fail "verify bag.$ext"; }
  rm -rf x && mkdir x
  case $ext in
    zip) (cd x && unzip -q "../out1/bag.$ext") ;;
    *) tar -xf "out1/bag.$ext" -C x ;;
  esac
  [ "$(ls x)" = newsprism-20231114 ] || fail "bag.$ext: top folder is $(ls x)"
  bash "$bagit_check" x/newsprism-20231114 > /dev/null || fail "bagit-check on bag.$ext"
  "$NEWSPRISM" verify x > v.txt || { cat v.txt; fail "verify extracted bag.$ext"; }
  # the hostile input name became a safe entry, in its own article folder
  ls x/newsprism-20231114/data/..__vil_name___x_/..__vil_name___x_.* > /dev/null ||
    fail "bag.$ext: no safe entry for the hostile name: $(find x | head -50)"
  ls x/newsprism-20231114/data/sport/001/001.* > /dev/null || fail "bag.$ext: no sport/001"
  rm -rf out1 out2
done

# every name in the archive is safe
"$NEWSPRISM" convert -q -f "$formats" -o o --archive o/b.tar "a folder/..évil name;\$(x).txt" in
tar -tf o/b.tar | while IFS= read -r n; do
  case "/$n/" in */../*|//*|*\\*) fail "unsafe entry $n" ;; esac
  if [[ $n =~ [[:cntrl:]] ]]; then fail "control character in $n"; fi
done

# a non-ASCII release name, read back by Python's tarfile and zipfile
"$NEWSPRISM" convert -q -f "$formats" -o o --release "Archiv-Zürich-新闻" --archive o/r.tar.xz in
"$NEWSPRISM" convert -q -f "$formats" -o o --release "Archiv-Zürich-新闻" --archive o/r.zip in
python3 - o/r.tar.xz o/r.zip <<'PY'
import sys, tarfile, zipfile
top = "Archiv-Z\u00fcrich-\u65b0\u95fb"
t = tarfile.open(sys.argv[1])
names = t.getnames()
assert all(n == top or n.startswith(top + "/") for n in names), names
assert t.extractfile(top + "/bagit.txt").read().startswith(b"BagIt-Version: 1.0")
z = zipfile.ZipFile(sys.argv[2])
assert z.testzip() is None
assert all(i.filename.startswith(top + "/") for i in z.infolist())
assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
PY

# --archive - streams a tar (or --archive-format) to stdout
"$NEWSPRISM" convert -q -f "$formats" -o o --archive - in > stream.tar
tar -tf stream.tar | grep '^newsprism-20231114/bagit.txt$' > /dev/null || fail "--archive - is not a tar"
"$NEWSPRISM" convert -q -f "$formats" -o o --archive - --archive-format tar.zst in > stream.tzst
zstd -dc stream.tzst | tar -t | grep 'manifest-sha512.txt' > /dev/null || fail "--archive-format tar.zst"
"$NEWSPRISM" verify stream.tzst > /dev/null || fail "verify the streamed tar.zst"

# progress (files and bytes) shows on a terminal only
"$NEWSPRISM" convert -q -f "$formats" -o o --archive o/p.tar in 2> err.txt
if grep -q 'archive o/p.tar:' err.txt; then fail "progress on a non-terminal: $(cat err.txt)"; fi
if command -v script > /dev/null; then
  script -qec "'$NEWSPRISM' convert -q -f '$formats' -o o --archive o/p.tar in" /dev/null > tty.txt
  grep -aE 'archive o/p.tar: [0-9]+/[0-9]+ files, [0-9]+ bytes' tty.txt > /dev/null ||
    fail "no progress on a terminal: $(cat -v tty.txt)"
fi

# an unwritable target leaves nothing
rc=0
"$NEWSPRISM" convert -q -f "$formats" -o o2 --archive no/such/dir/b.tar.gz in 2> err.txt || rc=$?
[ "$rc" != 0 ] || fail "convert into a missing folder succeeded"
grep -q "no/such/dir/b.tar.gz" err.txt || fail "the error does not name the archive: $(cat err.txt)"
[ ! -e no ] || fail "something was created: $(find no)"
echo "archive_convert: OK ($formats)"
