#!/usr/bin/env bash
# csv_libreoffice.sh - a real spreadsheet reads our CSV tables as written.
#
# For a plain, a BOM (--csv-bom) and a semicolon (--csv-delimiter ';') run,
# LibreOffice Calc imports quotes.csv, entities.csv and articles.csv
# (UTF-8, the run's separator, '"', first line the header, standard cell
# types), and
#   1. every cell of the imported sheet (read from a flat ODS) equals the
#      field that Python's csv module reads from the original; integer
#      columns arrive as numbers; no cell is a formula, so the neutralised
#      payloads ('=HYPERLINK(...), '+1, ...) stay text;
#   2. the sheet saved as .xlsx and converted back to CSV holds the same
#      rows, cell for cell.
# A --csv-raw run is the control: there LibreOffice does turn a payload into
# a formula, which shows that check 1 can fail.
# Needs soffice (Debian: libreoffice-calc-nogui, in scripts/install-deps.sh).
set -euo pipefail
np=${NEWSPRISM:?NEWSPRISM must name the newsprism binary}
src=${NP_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
  echo "SKIPPED: soffice not found (install libreoffice-calc-nogui: scripts/install-deps.sh test)"
  exit 77
fi
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private profile and HOME: works as root, in CI, and beside a running office.
export HOME=$work/home
mkdir -p "$HOME"
lo() {
  timeout 300 "$soffice" --headless --norestore --nolockcheck \
    "-env:UserInstallation=file://$work/profile" "$@" >"$work/lo.log" 2>&1 ||
    { cat "$work/lo.log"; echo "FAIL: soffice $*"; exit 1; }
}

# An article of our own with formula payloads, commas, quotes, a quote over
# two lines and non-ASCII text.
mkdir -p "$work/in"
cat >"$work/in/payloads.txt" <<'EOF'
=HYPERLINK("http://evil.example/","Read, more")

By @Ann Writer

BRUSSELS — Ministers met on Monday to discuss the budget, the "vexed" question of fees, and the café tax of 5 € per cup.

“=1+1 is not how we count, and we never will,” Finance Minister Élodie Durand said on Monday.

“+1 for the plan, but -2 for the timetable,” Durand said.

Peter Grün said: “@SUM(A1:A9) is what they want, with 東京 and the rest — all of it.”

“-We will see,” said Grün.
EOF

out=$work/out
run() { # run NAME ARGS...: convert into $out/NAME
  local name=$1; shift
  "$np" convert -q -f csv -o "$out/$name" "$@" "$work/in/payloads.txt" ||
    { echo "FAIL: newsprism convert $*"; exit 1; }
}
run plain
run bom --csv-bom
run semi --csv-delimiter ';'
run raw --csv-raw

cat >"$work/compare.py" <<'PYEOF'
import csv, sys, xml.etree.ElementTree as ET

NS = {'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
      'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
      'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'}
T = '{%s}' % NS['table']
O = '{%s}' % NS['office']
X = '{%s}' % NS['text']

def para_text(p):
    """The text of a text:p, with its tabs, runs of spaces and line breaks."""
    out = [p.text or '']
    for ch in p:
        if ch.tag == X + 's':
            out.append(' ' * int(ch.get(X + 'c', '1')))
        elif ch.tag == X + 'tab':
            out.append('\t')
        elif ch.tag == X + 'line-break':
            out.append('\n')
        else:
            out.append(para_text(ch))
        out.append(ch.tail or '')
    return ''.join(out)

def sheet(path):
    """Rows of the first sheet: (value-type, formula, text) per cell."""
    root = ET.parse(path).getroot()
    tab = root.find('.//table:table', NS)
    rows = []
    for row in tab.iter(T + 'table-row'):
        cells = []
        for c in row.findall('table:table-cell', NS):
            n = int(c.get(T + 'number-columns-repeated', '1'))
            txt = '\n'.join(para_text(p) for p in c.findall('text:p', NS))
            cells += [(c.get(O + 'value-type'), c.get(T + 'formula'), txt)] * min(n, 64)
        while cells and cells[-1] == (None, None, ''):
            cells.pop()
        n = int(row.get(T + 'number-rows-repeated', '1'))
        rows += [cells] * (1 if not cells else n)
    while rows and not rows[-1]:
        rows.pop()
    return rows

def read_csv(path, delim):
    with open(path, encoding='utf-8-sig', newline='') as fh:
        return list(csv.reader(fh, delimiter=delim, strict=True))

def check_sheet(orig_path, fods_path, delim, integer_cols, expect_formula):
    orig = read_csv(orig_path, delim)
    rows = sheet(fods_path)
    name = orig_path
    assert len(rows) == len(orig), '%s: %d rows in Calc, %d in the file' % (name, len(rows), len(orig))
    formulas = 0
    for r, (o, s) in enumerate(zip(orig, rows)):
        s = s + [(None, None, '')] * (len(o) - len(s))
        assert len(s) == len(o), '%s row %d: %d cells, %d fields' % (name, r + 1, len(s), len(o))
        for c, (field, (vt, formula, txt)) in enumerate(zip(o, s)):
            where = '%s row %d column %s' % (name, r + 1, orig[0][c])
            if formula:
                formulas += 1
                if not expect_formula:
                    raise AssertionError('%s: %r became the formula %s' % (where, field, formula))
                continue
            assert txt == field, '%s: Calc shows %r, the file has %r' % (where, txt, field)
            if r and field:
                if orig[0][c] in integer_cols:
                    assert vt == 'float', '%s: %r is not a number in Calc (%s)' % (where, field, vt)
                elif field.startswith("'"):
                    assert vt == 'string', '%s: neutralised %r is %s, not text' % (where, field, vt)
    return formulas

def check_roundtrip(orig_path, back_path, delim):
    orig = read_csv(orig_path, delim)
    back = read_csv(back_path, ',')
    assert len(back) == len(orig), '%s: %d rows back, %d sent' % (back_path, len(back), len(orig))
    for r, (o, b) in enumerate(zip(orig, back)):
        b = b + [''] * (len(o) - len(b))
        assert b == o, '%s row %d:\n sent %r\n back %r' % (back_path, r + 1, o, b)

cmd = sys.argv[1]
if cmd == 'sheet':
    orig, fods, delim, ints, expect = sys.argv[2:7]
    n = check_sheet(orig, fods, delim, set(ints.split(',')), expect == 'formula')
    if expect == 'formula' and n == 0:
        raise AssertionError('%s: control run: no payload became a formula' % orig)
    print('ok: %s: %d rows, every cell as written%s' % (
        orig, len(read_csv(orig, delim)), ' (%d formulas in the raw control)' % n if n else ''))
elif cmd == 'back':
    orig, back, delim = sys.argv[2:5]
    check_roundtrip(orig, back, delim)
    print('ok: %s: .xlsx and back, every cell equal' % orig)
PYEOF

# Integer columns, from the schemas the run wrote (never from a list here).
ints() {
  python3 -c 'import json,sys; print(",".join(f["name"] for f in json.load(open(sys.argv[1]))["fields"] if f["type"]=="integer"))' "$1"
}

fail=0
nq=$(python3 -c 'import csv,sys; print(len(list(csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))))-1)' "$out/plain/quotes.csv")
if [ "$nq" -lt 3 ]; then
  echo "FAIL: only $nq quotes found in the test article; expected at least 3"
  fail=1
fi
grep -q "'=HYPERLINK" "$out/plain/articles.csv" ||
  { echo "FAIL: the headline payload is not neutralised in articles.csv"; fail=1; }

for variant in plain bom semi raw; do
  case $variant in
    semi) sep=59 delim=';' ;;
    *) sep=44 delim=',' ;;
  esac
  # separator, text delimiter ", UTF-8 (76), from line 1, standard column
  # types, language, quoted-as-text off, detect special numbers off
  filter="CSV:$sep,34,76,1,,1033,false,false,false,false,false,false"
  dir=$out/$variant
  tables=(quotes entities articles)
  [ "$variant" = raw ] && tables=(articles)
  files=()
  for t in "${tables[@]}"; do files+=("$dir/$t.csv"); done
  lo --infilter="$filter" --convert-to fods --outdir "$dir/fods" "${files[@]}"
  lo --infilter="$filter" --convert-to xlsx --outdir "$dir/xlsx" "${files[@]}"
  xfiles=()
  for t in "${tables[@]}"; do xfiles+=("$dir/xlsx/$t.xlsx"); done
  # back to CSV: comma, '"', UTF-8, quote all text cells off, as shown
  lo --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false" \
    --outdir "$dir/back" "${xfiles[@]}"
  for t in "${tables[@]}"; do
    expect=text
    [ "$variant" = raw ] && expect=formula
    python3 "$work/compare.py" sheet "$dir/$t.csv" "$dir/fods/$t.fods" "$delim" \
      "$(ints "$dir/$t.schema.json")" "$expect" || fail=1
    if [ "$variant" != raw ]; then
      python3 "$work/compare.py" back "$dir/$t.csv" "$dir/back/$t.csv" "$delim" || fail=1
    fi
  done
done
[ "$fail" -eq 0 ] && echo "PASS: LibreOffice Calc reads every table, BOM and ';' included"
exit "$fail"
