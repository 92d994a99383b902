#!/usr/bin/env bash
# bad_limits.sh - --max-article-bytes and --max-quotes: an article over the
# byte limit is refused with an error naming the file, the limit and the
# option, while the others convert; the quote cap keeps the first N quotes
# and says so; bad values are usage errors (exit 2).
. "$NP_SOURCE_DIR/tests/robust/lib.sh"

i=$T/in
mkdir -p "$i"
good_article "$i/small.txt"
python3 -c '
import sys
sys.stdout.write("Big one\n\n" + "The council met. " * 400 + "\n")' >"$i/big.txt"

run max-bytes 60 convert -f "$FORMATS" -o "$T/out1" --max-article-bytes 2K -- \
	"$i/small.txt" "$i/big.txt"
if [ $rc -eq 1 ] && grep -F -- "$i/big.txt" "$err" | grep -q -- '--max-article-bytes' &&
   grep -F -- "$i/big.txt" "$err" | grep -q '2048'; then
	pass "max-bytes: refused, naming the file, the limit and the option"
else
	fail "max-bytes: exit $rc, stderr: $(head -3 "$err")"
fi
has_article "$T/out1" small && pass "max-bytes: the small article converted" ||
	fail "max-bytes: the small article was not converted"
has_article "$T/out1" big && fail "max-bytes: the refused article has outputs"
check_tree "$T/out1" && pass "max-bytes: outputs well-formed"

# The limit also holds for stdin and for an endless input: no 64 MB read.
run max-bytes-zero 60 convert -f "$FORMATS" -o "$T/out2" --max-article-bytes 1M -- /dev/zero
if [ $rc -eq 1 ] && grep -q -- '--max-article-bytes' "$err"; then
	pass "max-bytes: /dev/zero stops at the limit with an error"
else
	fail "max-bytes: /dev/zero gave exit $rc: $(head -3 "$err")"
fi
head -c 5000 /dev/zero | tr '\0' 'a' >"$i/a5000"
run max-bytes-stdin 60 convert -f "$FORMATS" -o "$T/out3" --max-article-bytes 1K - \
	<"$i/a5000"
[ $rc -eq 1 ] && grep -q -- '--max-article-bytes' "$err" &&
	pass "max-bytes: stdin over the limit refused" ||
	fail "max-bytes: stdin over the limit: exit $rc: $(head -3 "$err")"

for v in 0 -5 abc 10Q ''; do
	run max-bytes-usage 20 convert -o "$T/out4" --max-article-bytes "$v" "$i/small.txt"
	[ $rc -eq 2 ] && grep -q -- '--max-article-bytes' "$err" &&
		pass "max-bytes: '$v' is a usage error" ||
		fail "max-bytes: '$v' gave exit $rc"
done
for v in 0 -1 many; do
	run max-quotes-usage 20 convert -o "$T/out4" --max-quotes "$v" "$i/small.txt"
	[ $rc -eq 2 ] && grep -q -- '--max-quotes' "$err" &&
		pass "max-quotes: '$v' is a usage error" ||
		fail "max-quotes: '$v' gave exit $rc"
done

# The quote cap: 30 quotes, --max-quotes 5.
python3 -c '
import sys
sys.stdout.write("Many quotes\n\n" + "".join(
    "\u201cPoint number %d is true,\u201d Mayor Joan Pike said.\n\n" % n for n in range(30)))' >"$i/quotes.txt"
if printf '%s' "$FORMATS" | grep -qw csv; then
	run quotes-all 60 convert -f csv -o "$T/q0" -- "$i/quotes.txt"
	all=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig"))) - 1)' "$T/q0/quotes.csv" 2>/dev/null)
	run quotes-cap 60 convert -v -f csv -o "$T/q1" --max-quotes 5 -- "$i/quotes.txt"
	capped=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding="utf-8-sig"))) - 1)' "$T/q1/quotes.csv" 2>/dev/null)
	echo "quotes: $all without the cap, $capped with --max-quotes 5"
	if [ "${all:-0}" -gt 5 ]; then
		[ "$capped" = 5 ] && pass "max-quotes: the table keeps 5 quotes" ||
			fail "max-quotes: $capped quotes kept, not 5"
		grep -qi 'quote' "$err" && grep -qiE 'warn' "$err" &&
			pass "max-quotes: a warning says quotes were dropped" ||
			fail "max-quotes: no warning about the dropped quotes"
	else
		fail "max-quotes: the quote finder found only ${all:-0} of 30 quotes"
	fi
else
	echo "note: no CSV exporter in this build; the quote cap is checked in check_robust"
fi

finish
