#!/usr/bin/env bash
# The command line as a user meets it: help, version, usage errors (exit 2
# with a hint), failures named on stderr (exit 1, the rest still written),
# --fail-fast, -q, -v, the summary line and the progress bar.
set -u
NP=${NEWSPRISM:?NEWSPRISM is not set}
tmp=$(mktemp -d "${NP_BINARY_DIR:-/tmp}/cli_usage.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect STATUS CMD...: run, keep stdout/stderr in $tmp/out and $tmp/err.
expect() {
  local want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "exit $got, wanted $want: $* ($(head -c 300 "$tmp/err"))"
}

cat >"$tmp/a.txt" <<'TXT'
Harbour bridge reopens after repairs

The city's harbour bridge reopened on Monday after six weeks of repairs.

"We are glad to have it back," said Mayor Ana Lopez.
TXT
cat >"$tmp/b.txt" <<'TXT'
Library extends opening hours

The central library will stay open until nine in the evening.

"Students asked for it," the librarian Tom Reyes said.
TXT

# --help names every command and the main options; --version the version.
expect 0 "$NP" --help
for word in convert extract validate verify stream --jobs --fail-fast --quiet \
            --verbose --progress --stream-formats --stream-input --version; do
  grep -q -- "$word" "$tmp/out" || fail "--help does not mention $word"
done
expect 0 "$NP" help
expect 0 "$NP" --version
grep -Eq '^newsprism [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" || fail "--version: $(cat "$tmp/out")"

# Usage errors: exit 2, a message and a hint, nothing on stdout.
usage_error() {
  expect 2 "$@"
  grep -q "Try 'newsprism --help'" "$tmp/err" || fail "no hint for: $*"
  [ ! -s "$tmp/out" ] || fail "stdout written on a usage error: $*"
}
usage_error "$NP"
usage_error "$NP" frobnicate
usage_error "$NP" convert
usage_error "$NP" convert --no-such-option "$tmp/a.txt"
usage_error "$NP" convert -j 0 "$tmp/a.txt"
usage_error "$NP" convert -j many "$tmp/a.txt"
usage_error "$NP" convert -f newsml,nosuch "$tmp/a.txt"
usage_error "$NP" convert -f newsml,,csv "$tmp/a.txt"
usage_error "$NP" convert --now yesterday "$tmp/a.txt"
usage_error "$NP" convert -o
usage_error "$NP" extract
usage_error "$NP" extract -f newsml "$tmp/a.txt"
usage_error "$NP" validate "$tmp/a.txt"
usage_error "$NP" stream "$tmp/a.txt"
usage_error "$NP" stream --stream-input xml
usage_error "$NP" stream --embed nothing
grep -q "unknown format 'nosuch'" <("$NP" convert -f nosuch "$tmp/a.txt" 2>&1) ||
  fail "unknown format not named"

# A missing input fails, is named, and the others are still converted.
out="$tmp/o1"
expect 1 "$NP" convert -j 2 -f csv -o "$out" "$tmp/a.txt" "$tmp/missing.txt" "$tmp/b.txt"
grep -q "missing.txt" "$tmp/err" || fail "the failed input is not named: $(cat "$tmp/err")"
grep -Eq '^newsprism: 3 articles, [0-9]+ quotes, [0-9]+ warnings, 1 failed, [0-9.]+s, [0-9.]+ MB/s$' \
  "$tmp/err" || fail "summary line: $(tail -1 "$tmp/err")"
grep -q '^b,' "$out/articles.csv" 2>/dev/null || grep -rq 'Library extends' "$out" ||
  fail "b.txt was not converted after the failure"

# --fail-fast stops at the first failure: b is never written.
out="$tmp/o2"
expect 1 "$NP" convert --fail-fast -j 1 -f csv -o "$out" "$tmp/a.txt" "$tmp/missing.txt" "$tmp/b.txt"
grep -q "missing.txt" "$tmp/err" || fail "--fail-fast: failure not named"
grep -rq 'Library extends' "$out" 2>/dev/null && fail "--fail-fast went on after the failure"
grep -q ' 2 articles' "$tmp/err" || fail "--fail-fast summary: $(tail -1 "$tmp/err")"

# -q: nothing on stderr for a clean run; no progress bar off a terminal.
expect 0 "$NP" convert -q -f csv -o "$tmp/o3" "$tmp/a.txt" "$tmp/b.txt"
[ ! -s "$tmp/err" ] || fail "-q printed: $(cat "$tmp/err")"
expect 0 "$NP" convert -f csv -o "$tmp/o4" "$tmp/a.txt" "$tmp/b.txt"
grep -q $'\r' "$tmp/err" && fail "progress bar drawn although stderr is not a terminal"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "a clean run prints one summary line: $(cat "$tmp/err")"
# --progress forces it: articles done/total, the rate and the ETA.
expect 0 "$NP" convert --progress -f csv -o "$tmp/o5" "$tmp/a.txt" "$tmp/b.txt"
tr '\r' '\n' <"$tmp/err" | grep -Eq '2/2 articles .*art/s.*ETA' ||
  fail "--progress: $(tr '\r' '\n' <"$tmp/err")"

# -v prints each article's warnings: a Latin-1 byte is repaired with one.
printf 'Caf\xe9 reopens\n\nThe caf\xe9 on the corner reopened.\n' >"$tmp/latin.txt"
expect 0 "$NP" convert -v -f csv -o "$tmp/o6" "$tmp/latin.txt"
if grep -Eq ' [1-9][0-9]* warnings' "$tmp/err"; then
  grep -q 'warning:' "$tmp/err" || fail "-v did not print the warnings"
  expect 0 "$NP" convert -f csv -o "$tmp/o7" "$tmp/latin.txt"
  grep -q 'warning:' "$tmp/err" && fail "warnings printed without -v"
fi

# extract: the quote table on stdout, header first, nothing else there.
expect 0 "$NP" extract -q "$tmp/a.txt"
head -1 "$tmp/out" | grep -q '^article_id,quote_id,type,paragraph,start,end,speaker' ||
  fail "extract header: $(head -1 "$tmp/out")"
[ "$(grep -c '^article_id,' "$tmp/out")" -eq 1 ] || fail "extract printed more than one table"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "cli_usage: all passed"
