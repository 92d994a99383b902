#!/usr/bin/env bash
# bad_markup.sh - XML metacharacters and "]]>", <script> in the text and in
# the metadata header, and CSV formula payloads: converted cleanly, escaped
# in every format (no element injected into the XML, no "</" in JSON, no
# cell a spreadsheet would run), unless --csv-raw asks for raw cells.
. "$NP_SOURCE_DIR/tests/robust/lib.sh"

i=$T/in
mkdir -p "$i"

cat >"$i/xml-meta.txt" <<'A'
Tags & <b>bold</b> claims "fly" ]]> past the parser

The council said <![CDATA[ x ]]> and &amp; &lt;tag&gt; &#0; &bogus; are fine ]]>.

“Prices < costs & costs > prices ]]> always,” Mayor Joan <Pike> said.

<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>
A
expect_clean xml-meta "$i/xml-meta.txt"
if grep -rqs 'root:x:0' "$d/out"; then
	fail "xml-meta: an external entity was expanded"
else
	pass "xml-meta: no entity expanded"
fi
for f in $(find "$d/out" -name '*.xml'); do
	# the text's <b> must stay text: no element named b or x in the output
	n=$(xmllint --nonet --xpath 'count(//*[local-name()="b" or local-name()="x" or local-name()="Pike"])' "$f" 2>/dev/null)
	[ "${n:-0}" = 0 ] && pass "xml-meta: no element injected in $(basename "$f")" ||
		fail "xml-meta: markup from the text became elements in $f"
done

cat >"$i/script.txt" <<'A'
Headline: Alert <script>alert("head")</script>
Byline: <script src="https://evil.invalid/x.js"></script> Jane Doe
Keywords: </script><script>alert(1)</script>

The page said <script>alert(document.cookie)</script> twice.

“</script><img src=x onerror=alert(1)>,” hacker Sam Roe said.
A
expect_clean script "$i/script.txt"
for f in $(find "$d/out" -name '*.xml'); do
	n=$(xmllint --nonet --xpath 'count(//*[local-name()="script" or local-name()="img"])' "$f" 2>/dev/null)
	[ "${n:-0}" = 0 ] && pass "script: no script element in $(basename "$f")" ||
		fail "script: a <script> element reached $f"
done
# check_tree (in expect_clean) already refuses a raw "</" in JSON.

cat >"$i/formula.txt" <<'A'
=HYPERLINK("http://evil.invalid","click") headline

+SUM(1+1) opens the paragraph.

“=cmd|' /C calc'!A0,” analyst Kim Lee said.

“+1-1,” Lee said.

“-2+3,” Lee said.

“@SUM(A1:A9),” Lee said.

“	tab first,” Lee said.

Speaker =Evil said: “=1+1”
A
expect_clean formula "$i/formula.txt"
csvs=$(find "$d/out" -name '*.csv')
if [ -n "$csvs" ]; then
	# check_tree (strict, not raw) already failed any formula cell; make
	# sure the quotes really reached the table, or the check proved nothing
	if grep -qs 'cmd|' $csvs; then
		pass "formula: the quote '=cmd|...' is in the table, neutralised"
	else
		fail "formula: the quote '=cmd|...' is missing from the CSV"
	fi
	if grep -qs 'HYPERLINK' $csvs; then
		pass "formula: the headline '=HYPERLINK...' is in a table, neutralised"
	fi
	d2=$T/formula-raw
	run formula-raw 60 convert -f csv --csv-raw -o "$d2" -- "$i/formula.txt"
	if [ $rc -eq 0 ] && python3 - "$d2" <<'PY'
import csv, glob, io, sys
cells = [c for f in glob.glob(sys.argv[1] + "/*.csv")
         for r in csv.reader(io.StringIO(open(f, encoding="utf-8-sig").read(), newline=""))
         for c in r]
sys.exit(0 if any(c.startswith(("=cmd|", "=HYPERLINK")) for c in cells) else 1)
PY
	then
		pass "formula: --csv-raw keeps the cell as written"
	else
		fail "formula: --csv-raw did not keep '=cmd|...' or '=HYPERLINK...' raw"
	fi
else
	echo "note: no CSV exporter in this build; formula cells not checked"
fi

finish
