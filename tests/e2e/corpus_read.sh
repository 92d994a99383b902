#!/usr/bin/env bash
# corpus_read.sh - the CLI converts every file of the shared corpora (bbc,
# onestopenglish, wikinews-de/articles, wikinews-fr/txt and html,
# polnear-dev) with exit status 0, one article per file, and:
#   - bbc/sport/199.txt (one raw Windows-1252 byte) keeps its pound sign;
#   - no output of the onestopenglish texts (BOM files) carries a BOM;
#   - every direct quote's start/end in quotes.csv slices the input file to
#     the quote's words (same decoding, NFC; white space and the quotation
#     marks that re-open a quote's later paragraphs aside).
set -uo pipefail
: "${NEWSPRISM:?NEWSPRISM must name the CLI}"
shared=${NP_SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}
corpus=$shared/corpus
if [ ! -d "$corpus/bbc" ]; then
	echo "SKIPPED: $corpus not found (set NP_SHARED)" >&2
	exit 77
fi
command -v python3 >/dev/null || { echo "SKIPPED: python3 not installed" >&2; exit 77; }
export SOURCE_DATE_EPOCH=1735689600 LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/np-corpus.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

roots=(bbc onestopenglish/Texts-SeparatedByReadingLevel wikinews-de/articles
	wikinews-fr/txt wikinews-fr/html polnear-dev)
for r in "${roots[@]}"; do
	out=$T/out/${r//\//_}
	start=$(date +%s)
	"$NEWSPRISM" convert -q -j 2 -o "$out" "$corpus/$r" 2>"$T/err"
	rc=$?
	secs=$(( $(date +%s) - start ))
	if [ $rc -ne 0 ]; then
		fail "$r: exit status $rc"
		head -20 "$T/err" >&2
		continue
	fi
	inputs=$(find "$corpus/$r" -type f ! -name '.*' | wc -l)
	items=$(find "$out" -name '*.newsml.xml' | wc -l)
	if [ "$inputs" -ne "$items" ]; then
		fail "$r: $inputs input files but $items NewsML items"
	else
		echo "ok: $r: $inputs files converted in ${secs}s"
	fi
done

f=$T/out/bbc/sport/199.newsml.xml
if [ -f "$f" ] && grep -q '£15.8m' "$f"; then
	echo "ok: bbc/sport/199 keeps its £"
else
	fail "bbc/sport/199: £15.8m missing from $f"
fi

bom=$(grep -rl $'\xef\xbb\xbf' "$T/out/onestopenglish_Texts-SeparatedByReadingLevel" \
	--include='*.xml' --include='*.jsonld' 2>/dev/null | head -3)
if [ -n "$bom" ]; then
	fail "onestopenglish: a BOM survived in $bom"
else
	echo "ok: onestopenglish: no BOM in any output"
fi

# Quote offsets: every direct quote slices back to its text (when this
# build has a quote stage: the probe article has one quote).
printf 'Ferry back\n\n\u201cIt is back,\u201d Mayor Joan Pike said.\n' >"$T/probe.txt"
if [ "$("$NEWSPRISM" extract "$T/probe.txt" 2>/dev/null | wc -l)" -lt 2 ]; then
	echo "FAIL: quote offsets: no quote found in a probe article that has one"
	fails=$((fails + 1))
else
python3 - "$T/out" "$corpus" "${roots[@]}" <<'EOF' || fails=$((fails + 1))
import csv, os, re, sys, unicodedata
out, corpus, roots = sys.argv[1], sys.argv[2], sys.argv[3:]

def article_id(rel):
    base, ext = os.path.splitext(rel)
    if os.path.basename(base) == "" or ext == "":
        base = rel
    return re.sub(r"[^A-Za-z0-9._/-]", "_", base)

def decode(b):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return b.decode("cp1252")
        except UnicodeDecodeError:
            return b.decode("utf-8", "replace")

QUOTE_MARKS = dict.fromkeys(map(ord, '"\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a'))

def norm(s):
    # A quote over several paragraphs is its fragments joined by a space,
    # without the marks that re-open each paragraph: compare the words.
    s = unicodedata.normalize("NFC", s).replace("''", "").replace("``", "")
    return "".join(s.translate(QUOTE_MARKS).split())

bad = checked = 0
for r in roots:
    table = os.path.join(out, r.replace("/", "_"), "quotes.csv")
    if not os.path.exists(table):
        print(f"FAIL: {table} missing", file=sys.stderr)
        bad += 1
        continue
    files = {}
    base = os.path.join(corpus, r)
    for d, dirs, names in os.walk(base):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for n in names:
            if not n.startswith("."):
                rel = os.path.relpath(os.path.join(d, n), base)
                files[article_id(rel)] = os.path.join(d, n)
    with open(table, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["type"] != "direct" or r.endswith("html"):
                continue
            path = files.get(row["article_id"])
            if path is None:
                print(f"FAIL: {r}: no input for article {row['article_id']}", file=sys.stderr)
                bad += 1
                continue
            data = open(path, "rb").read()
            s, e = int(row["start"]), int(row["end"])
            got = norm(decode(data[s:e]).replace("\ufeff", ""))
            want = norm(row["quote"].lstrip("'") if row["quote"][:1] == "'" and
                        row["quote"][1:2] in "=+-@" else row["quote"])
            checked += 1
            if got != want:
                bad += 1
                if bad <= 5:
                    print(f"FAIL: {path} {s}-{e}: source {got[:80]!r} vs quote {want[:80]!r}",
                          file=sys.stderr)
print(f"{'ok' if not bad else 'FAIL'}: {checked} direct quotes checked, {bad} do not slice back")
sys.exit(1 if bad else 0)
EOF
fi

if [ "$fails" -gt 0 ]; then
	echo "$fails check(s) failed" >&2
	exit 1
fi
echo "all checks passed"
