#!/usr/bin/env bash
# -j N writes exactly what -j 1 writes: every file, every CSV row, every
# archive entry, byte for byte, on a slice of the BBC corpus plus articles
# of our own (one of them failing, one empty).
set -u
NP=${NEWSPRISM:?NEWSPRISM is not set}
corpus=${NP_SHARED:-}/corpus/bbc
if [ ! -d "$corpus" ]; then
  echo "SKIP: $corpus is absent (the shared corpus)"; exit 77
fi
tmp=$(mktemp -d "${NP_BINARY_DIR:-/tmp}/cli_jobs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The input: 3 sections x 40 articles, an article of ours with quotes, an
# empty file and a file that cannot be read.
in="$tmp/in"
for s in business politics sport; do
  mkdir -p "$in/$s"
  for f in $(ls "$corpus/$s" | sort | head -40); do cp "$corpus/$s/$f" "$in/$s/"; done
done
cat >"$in/ours.txt" <<'TXT'
Ferry service resumes after storm

Ferries between the islands ran again on Tuesday.

"Every crossing is full," said harbour master Ines Moreau.

"We expect it to stay that way all week," Moreau said.
TXT
: >"$in/empty.txt"
printf 'Locked out\n\nThis one cannot be read.\n' >"$in/unreadable.txt"
chmod 000 "$in/unreadable.txt"
[ "$(id -u)" -eq 0 ] && rm -f "$in/unreadable.txt" # root reads anything

export SOURCE_DATE_EPOCH=1735689600
run() { # run JOBS DIR [extra options]
  local j=$1 dir=$2; shift 2
  "$NP" convert -q -j "$j" -f newsml,csv,jsonld -o "$dir" --archive "$dir.tar.gz" \
    "$@" "$in" 2>"$dir.err"
  echo $? >"$dir.rc"
}
run 1 "$tmp/j1"
run 2 "$tmp/j2"
run 7 "$tmp/j7"

n=$(find "$tmp/j1" -type f | wc -l)
[ "$n" -gt 200 ] || fail "-j 1 wrote only $n files: $(head -5 "$tmp/j1.err")"
for j in 2 7; do
  cmp -s "$tmp/j1.rc" "$tmp/j$j.rc" || fail "-j $j exit $(cat "$tmp/j$j.rc") != -j 1 $(cat "$tmp/j1.rc")"
  diff -r "$tmp/j1" "$tmp/j$j" >/dev/null || fail "-j $j files differ from -j 1: $(diff -rq "$tmp/j1" "$tmp/j$j" | head -3)"
  cmp -s "$tmp/j1.tar.gz" "$tmp/j$j.tar.gz" || fail "-j $j archive differs from -j 1"
  diff <(sed "s#/j1##g" "$tmp/j1.err") <(sed "s#/j$j##g" "$tmp/j$j.err") >/dev/null || fail "-j $j messages differ: $(diff "$tmp/j1.err" "$tmp/j$j.err" | head -4)"
done
[ -s "$tmp/j1.tar.gz" ] || fail "no archive written"

# The bag holds the same bytes as the folder (layouts differ: the bag files
# each article's outputs under its own folder), and counts every article.
mkdir -p "$tmp/bag"
tar -xzf "$tmp/j1.tar.gz" -C "$tmp/bag" || fail "the archive does not extract"
bagdir=$(find "$tmp/bag" -mindepth 1 -maxdepth 1 -type d | head -1)
if [ -d "$bagdir/data" ]; then
  (cd "$tmp/j1" && find . -type f -exec sha256sum {} + | cut -d' ' -f1 | sort) >"$tmp/dir.sums"
  (cd "$bagdir/data" && find . -type f -exec sha256sum {} + | cut -d' ' -f1 | sort) >"$tmp/bag.sums"
  cmp -s "$tmp/dir.sums" "$tmp/bag.sums" || fail "the bag's payload differs from the folder's files"
  n_art=$(find "$tmp/j1" -name '*.newsml.xml' | wc -l)
  grep -q " $n_art news articles" "$bagdir/bag-info.txt" ||
    fail "bag-info.txt does not count $n_art articles: $(grep -i article "$bagdir/bag-info.txt")"
else
  fail "no data/ folder in the bag"
fi

# The quote table lists the articles in input (sorted path) order.
if [ -f "$tmp/j1/quotes.csv" ]; then
  ids=$(tail -n +2 "$tmp/j1/quotes.csv" | cut -d, -f1 | uniq)
  [ "$ids" = "$(printf '%s\n' "$ids" | sort -s)" ] || fail "quotes.csv rows are not in input order"
fi

# extract: the same table for any -j.
"$NP" extract -q -j 1 "$in" >"$tmp/x1.csv" 2>/dev/null
"$NP" extract -q -j 3 "$in" >"$tmp/x3.csv" 2>/dev/null
[ -s "$tmp/x1.csv" ] || fail "extract wrote nothing"
cmp -s "$tmp/x1.csv" "$tmp/x3.csv" || fail "extract -j 3 differs from -j 1"

# --fail-fast with threads stops where -j 1 stops, writing the same.
printf 'x' >"$in/business/000-bad.txt"
chmod 000 "$in/business/000-bad.txt" 2>/dev/null
if [ "$(id -u)" -ne 0 ]; then
  "$NP" convert -q --fail-fast -j 1 -f csv -o "$tmp/f1" "$in" 2>/dev/null
  "$NP" convert -q --fail-fast -j 4 -f csv -o "$tmp/f4" "$in" 2>/dev/null
  diff -r "$tmp/f1" "$tmp/f4" >/dev/null || fail "--fail-fast -j 4 differs from -j 1"
fi

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "cli_jobs: -j 1, 2, 7 identical over $n files"
