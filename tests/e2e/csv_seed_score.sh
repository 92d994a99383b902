#!/usr/bin/env bash
# csv_seed_score.sh - the seed's quotes.csv, fed as it is to
# ../shared/tools/quote-score.py (UTF-8 byte offsets), scores 1.0 against
# the gold file written by hand in tests/gold/: every quote found at the
# 0.3 and 0.8 overlap thresholds and exactly, none extra, each with the
# right speaker name and speaker span.  Also with --csv-bom and
# --csv-delimiter ';' (read back as ';'), the same rows.
set -euo pipefail
np=${NEWSPRISM:?NEWSPRISM must name the newsprism binary}
shared=${NP_SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}
src=${NP_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
seed=$shared/seed/kerry-lavrov.txt
scorer=$shared/tools/quote-score.py
if [ ! -f "$seed" ] || [ ! -f "$scorer" ]; then
  echo "SKIPPED: $seed or $scorer not found (set NP_SHARED)"
  exit 77
fi
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The scorer reads the article beside the gold file: link the seed there
# (the repo holds only our annotation, never the text).
mkdir -p "$work/gold"
cp "$src/tests/gold/kerry-lavrov.gold.json" "$work/gold/"
ln -s "$seed" "$work/gold/kerry-lavrov.txt"

"$np" convert -q -f csv -o "$work/out" "$seed"
"$np" convert -q -f csv --csv-bom --csv-delimiter ';' -o "$work/semi" "$seed"
"$np" extract -q "$seed" >"$work/extract.csv"
q=$work/out/quotes.csv
cmp -s "$q" "$work/extract.csv" ||
  { echo "FAIL: extract's stdout differs from convert's quotes.csv"; diff "$q" "$work/extract.csv" | head; exit 1; }

python3 "$scorer" "$q" --gold "$work/gold" --units bytes >"$work/score.json"
cat "$work/score.json"
python3 - "$work/score.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
bad = []
if s["gold_quotes"] != 4:
    bad.append("the gold file should hold 4 quotes, not %s" % s["gold_quotes"])
if s["predicted"] != 4:
    bad.append("quotes.csv has %s quotes for the seed, not 4" % s["predicted"])
for thr in ("0.3", "0.8", "exact"):
    r = s[thr]
    for k in ("precision", "recall", "f1", "speaker_name_acc", "speaker_span_acc"):
        if r[k] != 1.0:
            bad.append("%s %s = %s, not 1.0" % (thr, k, r[k]))
if bad:
    print("FAIL:\n  " + "\n  ".join(bad))
    sys.exit(1)
print("PASS: the seed's quotes.csv scores 1.0 (P/R/F1, speaker name and span) at 0.3, 0.8 and exact")
EOF

# The BOM/';' variant holds the same rows as the plain table.
python3 - "$q" "$work/semi/quotes.csv" <<'EOF'
import csv, sys
a = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), strict=True))
raw = open(sys.argv[2], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM with --csv-bom"
b = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline=""), delimiter=";", strict=True))
assert a == b, "the ';' table differs from the ',' table"
print("PASS: --csv-bom --csv-delimiter ';' gives the same rows")
EOF
