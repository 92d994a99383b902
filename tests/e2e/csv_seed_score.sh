#!/usr/bin/env bash
# csv_seed_score.sh - the seed's quotes.csv, fed to
# ../shared/tools/quote-score.py (UTF-8 byte offsets), against the gold file
# written by hand in tests/gold/ (the four direct quotes of issue 2 and six
# indirect attributions):
#   1. the direct rows score 1.0 at the 0.3 and 0.8 overlap thresholds and
#      exactly: precision, recall, F1, speaker name and speaker span;
#   2. the table as written, every row: all four direct quotes found with
#      their speakers, and no row that is not an attribution of the gold
#      file (lenient precision 1.0);
#   3. `extract` prints the same quotes.csv; --csv-bom and
#      --csv-delimiter ';' give the same rows.
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
if ! cmp -s "$q" "$work/extract.csv"; then
  echo "FAIL: extract's stdout differs from convert's quotes.csv"
  diff "$q" "$work/extract.csv" | head
  exit 1
fi

# The direct rows, through Python's csv module.
python3 - "$q" "$work/direct.csv" <<'PYEOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), strict=True))
t = rows[0].index("type")
with open(sys.argv[2], "w", encoding="utf-8", newline="") as fh:
    csv.writer(fh, lineterminator="\r\n").writerows(
        [rows[0]] + [r for r in rows[1:] if r[t] == "direct"])
PYEOF
python3 "$scorer" "$work/direct.csv" --gold "$work/gold" --units bytes --types direct >"$work/direct.json"
python3 "$scorer" "$q" --gold "$work/gold" --units bytes --types direct >"$work/all.json"
python3 "$scorer" "$q" --gold "$work/gold" --units bytes >"$work/full.json"

python3 - "$work/direct.json" "$work/all.json" "$work/full.json" <<'PYEOF'
import json, sys
d, a, f = (json.load(open(p)) for p in sys.argv[1:4])
bad = []
if d["gold_quotes"] != 4:
    bad.append("the gold file should hold 4 direct quotes, not %s" % d["gold_quotes"])
if d["predicted"] != 4:
    bad.append("quotes.csv has %s direct quotes for the seed, not 4" % d["predicted"])
for thr in ("0.3", "0.8", "exact"):
    for k in ("precision", "recall", "f1", "speaker_name_acc", "speaker_span_acc"):
        if d[thr][k] != 1.0:
            bad.append("direct rows, %s: %s = %s, not 1.0" % (thr, k, d[thr][k]))
    for k in ("recall", "speaker_name_acc", "speaker_span_acc"):
        if a[thr][k] != 1.0:
            bad.append("whole table, %s: %s = %s, not 1.0" % (thr, k, a[thr][k]))
for thr in ("0.3", "0.8"):
    if a[thr]["precision_lenient"] != 1.0:
        bad.append("whole table, %s: lenient precision %s: some rows are no attribution "
                   "of the gold file" % (thr, a[thr]["precision_lenient"]))
for thr in ("0.3", "0.8", "exact"):
    r = f[thr]
    print("for the record, whole table vs all %d gold quotes at %s: P=%.3f R=%.3f F1=%.3f, "
          "recall by type %s" % (f["gold_quotes"], thr, r["precision"], r["recall"], r["f1"],
                                 r["recall_by_type"]))
if bad:
    print("FAIL:\n  " + "\n  ".join(bad))
    sys.exit(1)
print("PASS: the seed's 4 direct quotes score 1.0 (P/R/F1, speaker name and span) at 0.3, "
      "0.8 and exact; every other row of quotes.csv is an attribution of the gold file")
PYEOF

# The BOM/';' variant holds the same rows as the plain table.
python3 - "$q" "$work/semi/quotes.csv" <<'PYEOF'
import csv, sys
a = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""), strict=True))
raw = open(sys.argv[2], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no BOM with --csv-bom"
b = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline=""), delimiter=";", strict=True))
assert a == b, "the ';' table differs from the ',' table"
print("PASS: --csv-bom --csv-delimiter ';' gives the same rows")
PYEOF
