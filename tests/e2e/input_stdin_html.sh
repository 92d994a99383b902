#!/usr/bin/env bash
# input_stdin_html.sh - HTML pages and stdin from the command line, on
# inputs written here:
#   - an HTML page given as a file and on stdin: the headline and byline come
#     from its metadata, the body from <article> without nav/aside/figure,
#     and every quote's CSV start/end slice the page to the quote's words;
#   - --input-format text keeps the markup as text; --meta overrides;
#   - a Windows-1252 text with CRLFs and a header block on stdin: converted
#     with a warning that names stdin and the byte offset;
#   - --encoding forces the decoding; UTF-16LE with a BOM on stdin;
#   - a missing file among good ones: exit 1, named, the rest converted.
set -uo pipefail
: "${NEWSPRISM:?NEWSPRISM must name the CLI}"
command -v python3 >/dev/null || { echo "SKIPPED: python3 not installed" >&2; exit 77; }
export SOURCE_DATE_EPOCH=1735689600 LC_ALL=C.UTF-8
T=$(mktemp -d "${TMPDIR:-/tmp}/np-input.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

cat >"$T/page.htm" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<title>Portside News | Ferry strike ends</title>
<meta property="og:title" content="Ferry strike ends after talks">
<meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2024-05-06T08:30:00Z">
<script>var banner = "<p>Subscribe now</p>";</script>
</head>
<body>
<nav><p>Home | Sport | Weather</p></nav>
<article>
<h1>Ferry strike ends</h1>
<p>The strike at Port Ellery ended on Monday &amp; the first ferry left at noon.</p>
<figure><figcaption><p>The harbour at dawn</p></figcaption></figure>
<p>&#8220;We are pleased with the deal,&#8221; said union leader Maria Costa.</p>
<aside><p>Read more: earlier strikes</p></aside>
<p>Mayor Joan Pike said: &#8220;The island can breathe again.&#8221;</p>
</article>
</body>
</html>
EOF

check_page() { # $1 = output folder, $2 = article id, $3 = input file
	local x=$1/$2.newsml.xml
	if [ ! -f "$x" ]; then fail "$x not written"; return; fi
	grep -q 'Ferry strike ends after talks' "$x" && ok "$2: headline from og:title" ||
		fail "$2: og:title headline missing"
	grep -q 'Ana Ruiz' "$x" && ok "$2: byline from meta author" || fail "$2: byline missing"
	grep -q 'first ferry left at noon' "$x" && ok "$2: body paragraph" || fail "$2: body missing"
	if grep -q -e 'Subscribe' -e 'harbour at dawn' -e 'Read more' -e 'Home |' "$x"; then
		fail "$2: script, figure, aside or nav text leaked into the item"
	else
		ok "$2: script, nav, figure and aside dropped"
	fi
	if [ "$quote_stage" = no ]; then
		fail "$2: no quote found in a probe article that has one"
		return
	fi
	python3 - "$1/quotes.csv" "$2" "$3" <<'PY' || fails=$((fails + 1))
import csv, sys
table, art, page = sys.argv[1:]
data = open(page, "rb").read()
rows = [r for r in csv.DictReader(open(table, newline="", encoding="utf-8-sig"))
        if r["article_id"] == art]
if len(rows) < 2:
    print(f"FAIL: {art}: {len(rows)} quotes, want 2", file=sys.stderr); sys.exit(1)
for r in rows:
    s, e = int(r["start"]), int(r["end"])
    got = data[s:e].decode("utf-8")
    if " ".join(got.split()) != " ".join(r["quote"].split()):
        print(f"FAIL: {art}: {s}-{e} is {got!r} in the page, quote {r['quote']!r}",
              file=sys.stderr); sys.exit(1)
print(f"ok: {art}: {len(rows)} quote offsets slice the HTML page to the quote")
PY
}

# Is there a quote stage in this build?  (The probe has one quote.)
printf 'Ferry back\n\n\u201cIt is back,\u201d Mayor Joan Pike said.\n' >"$T/probe.txt"
quote_stage=yes
[ "$("$NEWSPRISM" extract "$T/probe.txt" 2>/dev/null | wc -l)" -ge 2 ] || quote_stage=no

"$NEWSPRISM" convert -q -o "$T/file" "$T/page.htm" || fail "page.htm: exit status $?"
check_page "$T/file" page "$T/page.htm"

"$NEWSPRISM" convert -q -o "$T/stdin" - <"$T/page.htm" || fail "stdin page: exit status $?"
check_page "$T/stdin" stdin "$T/page.htm"

# --input-format text: the page is text, tags and all
"$NEWSPRISM" convert -q -f newsml --input-format text -o "$T/astext" "$T/page.htm" ||
	fail "--input-format text: exit status $?"
if grep -q 'og:title' "$T/astext/page.newsml.xml" 2>/dev/null; then
	ok "--input-format text keeps the markup as text"
else
	fail "--input-format text did not keep the markup"
fi

# --meta overrides what the page says
"$NEWSPRISM" convert -q -f newsml --meta headline='Given headline' -o "$T/meta" \
	"$T/page.htm" || fail "--meta: exit status $?"
grep -q 'Given headline' "$T/meta/page.newsml.xml" 2>/dev/null &&
	ok "--meta headline overrides og:title" || fail "--meta headline ignored"

# stdin: Windows-1252, CRLF, header block; warnings name stdin and the offset
printf 'Headline: Caf\xe9 reopens\r\nDate: 6 May 2024\r\n\r\nThe caf\xe9 opened \x96 at last.\r\n\r\n\x93It is good,\x94 owner Ana Lima said.\r\n' \
	>"$T/cp1252.txt"
"$NEWSPRISM" convert -v -o "$T/cp" - <"$T/cp1252.txt" 2>"$T/cp.err" ||
	fail "cp1252 on stdin: exit status $?"
if grep -q 'offset 13' "$T/cp.err" && grep -qi 'windows-1252' "$T/cp.err"; then
	ok "cp1252 on stdin: warned with the byte offset"
else
	fail "cp1252 on stdin: no warning with the offset"; cat "$T/cp.err" >&2
fi
grep -q 'Café reopens' "$T/cp/stdin.newsml.xml" 2>/dev/null &&
	ok "cp1252 on stdin: header headline decoded" || fail "cp1252: headline not decoded"
grep -q '2024-05-06' "$T/cp/stdin.newsml.xml" 2>/dev/null &&
	ok "cp1252 on stdin: date normalised" || fail "cp1252: date not normalised"

# --encoding forces the choice: UTF-8 bytes read as Windows-1252 on request
printf 'Caf\xc3\xa9 news\n\nThe caf\xc3\xa9 opened.\n' >"$T/utf8.txt"
"$NEWSPRISM" convert -q -f newsml --encoding windows-1252 -o "$T/forced" "$T/utf8.txt" ||
	fail "--encoding: exit status $?"
grep -q 'CafÃ© news' "$T/forced/utf8.newsml.xml" 2>/dev/null &&
	ok "--encoding windows-1252 is obeyed" || fail "--encoding windows-1252 ignored"

# UTF-16LE with a BOM on stdin
python3 -c 'import sys; sys.stdout.buffer.write(b"\xff\xfe" + "Ferry news\n\nThe ferry runs again.\n".encode("utf-16-le"))' \
	>"$T/u16.txt"
"$NEWSPRISM" convert -q -f newsml -o "$T/u16" - <"$T/u16.txt" || fail "utf-16: exit $?"
grep -q 'The ferry runs again.' "$T/u16/stdin.newsml.xml" 2>/dev/null &&
	ok "UTF-16LE on stdin decoded" || fail "UTF-16LE on stdin not decoded"

# a folder given where a file is expected, and a missing file: named errors
mkdir -p "$T/dir"
"$NEWSPRISM" convert -q -o "$T/miss" "$T/nope.txt" "$T/page.htm" 2>"$T/miss.err"
rc=$?
if [ $rc -eq 1 ] && grep -q 'nope.txt' "$T/miss.err" && [ -f "$T/miss/page.newsml.xml" ]; then
	ok "missing file: exit 1, named, the rest converted"
else
	fail "missing file: exit $rc"; cat "$T/miss.err" >&2
fi

if [ "$fails" -gt 0 ]; then
	echo "$fails check(s) failed" >&2
	exit 1
fi
echo "all checks passed"
