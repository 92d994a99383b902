#!/usr/bin/env bash
# csv_schema_valid.sh - the tables a run writes obey the schemas it writes.
#
# Converts the bundled example, the seed and the PolNeAR dev articles in one
# batch, then checks with an independent reader (Python's csv module, strict)
# and a small Table Schema checker written here from the Frictionless spec:
# each table's header equals its schema's field names; every row is as wide;
# required fields are present; integers are integers >= minimum; enum and
# pattern constraints hold; primary keys are unique; every article_id of
# quotes.csv and entities.csv is in articles.csv; start < end and both
# within the input file; csv-metadata.json (CSVW) and datapackage.json name
# the same columns.  Then quotes.csv goes, as written, to quote-score.py
# against the PolNeAR gold files: it must read every row.
set -euo pipefail
np=${NEWSPRISM:?NEWSPRISM must name the newsprism binary}
shared=${NP_SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}
src=${NP_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
corpus=$shared/corpus/polnear-dev
if [ ! -d "$corpus" ] || [ ! -f "$shared/seed/kerry-lavrov.txt" ]; then
  echo "SKIPPED: $corpus or the seed not found (set NP_SHARED)"
  exit 77
fi
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=("$src"/examples/*.txt "$shared/seed/kerry-lavrov.txt" "$corpus"/*.txt)
"$np" convert -q -f csv -o "$work/out" "${inputs[@]}" || true

python3 - "$work/out" "${inputs[@]}" <<'EOF'
import csv, json, os, re, sys
out, inputs = sys.argv[1], sys.argv[2:]
sizes = {os.path.splitext(os.path.basename(p))[0]: os.path.getsize(p) for p in inputs}
bad = []
def err(m):
    if len(bad) < 30:
        bad.append(m)

def read(name, delim=','):
    with open(os.path.join(out, name), encoding='utf-8', newline='') as fh:
        raw = fh.read()
    # CRLF after every record: no LF without CR outside quoted fields
    q = False
    for i, ch in enumerate(raw):
        if ch == '"':
            q = not q
        elif ch == '\n' and not q and (i == 0 or raw[i - 1] != '\r'):
            err('%s: bare LF at character %d' % (name, i))
            break
    if not raw.endswith('\r\n'):
        err('%s: does not end in CRLF' % name)
    with open(os.path.join(out, name), encoding='utf-8', newline='') as fh:
        return list(csv.reader(fh, delimiter=delim, strict=True))

tables = {}
for t in ('quotes', 'entities', 'articles'):
    rows = read(t + '.csv')
    schema = json.load(open(os.path.join(out, t + '.schema.json')))
    fields = schema['fields']
    names = [f['name'] for f in fields]
    if rows[0] != names:
        err('%s.csv header %r is not the schema %r' % (t, rows[0], names))
    seen = set()
    for n, row in enumerate(rows[1:], 2):
        where = '%s.csv line %d' % (t, n)
        if len(row) != len(names):
            err('%s: %d fields, not %d' % (where, len(row), len(names)))
            continue
        for f, v in zip(fields, row):
            c = f.get('constraints', {})
            if v == '':
                if c.get('required'):
                    err('%s: %s is required' % (where, f['name']))
                continue
            if f['type'] == 'integer':
                if not re.fullmatch(r'[0-9]+', v):
                    err('%s: %s=%r is not an integer' % (where, f['name'], v))
                    continue
                if 'minimum' in c and int(v) < c['minimum']:
                    err('%s: %s=%s < %s' % (where, f['name'], v, c['minimum']))
            if 'enum' in c and v not in c['enum']:
                err('%s: %s=%r not in %r' % (where, f['name'], v, c['enum']))
            if 'pattern' in c and not re.search(c['pattern'], v):
                err('%s: %s=%r does not match %s' % (where, f['name'], v, c['pattern']))
            if f['type'] == 'string' and v[0] in '=+-@\t\r\n':
                err('%s: %s=%r would run as a formula' % (where, f['name'], v))
        key = tuple(row[names.index(k)] for k in schema['primaryKey'])
        if key in seen:
            err('%s: primary key %r repeated' % (where, key))
        seen.add(key)
    tables[t] = (names, rows[1:], schema)

articles = {r[0] for r in tables['articles'][1]}
for t in ('quotes', 'entities'):
    for r in tables[t][1]:
        if r[0] not in articles:
            err('%s.csv: article_id %r is not in articles.csv' % (t, r[0]))
qn = tables['quotes'][0]
for r in tables['quotes'][1]:
    d = dict(zip(qn, r))
    size = sizes.get(d['article_id'])
    s, e = int(d['start']), int(d['end'])
    if not (s < e and (size is None or e <= size)):
        err('quotes.csv %s %s: bad span %d-%d (file %s bytes)' % (d['article_id'], d['quote_id'], s, e, size))
    if (d['speaker_start'] == '') != (d['speaker_end'] == ''):
        err('quotes.csv %s %s: half a speaker span' % (d['article_id'], d['quote_id']))
en = tables['entities'][0]
for r in tables['entities'][1]:
    d = dict(zip(en, r))
    ranges = d['mention_offsets'].split()
    if len(ranges) != int(d['mentions']):
        err('entities.csv %s %s: mentions=%s but %d ranges' % (d['article_id'], d['entity_id'], d['mentions'], len(ranges)))
    size = sizes.get(d['article_id'])
    for rg in ranges:
        s, e = (int(x) for x in rg.split('..'))
        if not (s < e and (size is None or e <= size)):
            err('entities.csv %s %s: bad range %s' % (d['article_id'], d['entity_id'], rg))
an = tables['articles'][0]
nq = {}
for r in tables['quotes'][1]:
    nq[r[0]] = nq.get(r[0], 0) + 1
for r in tables['articles'][1]:
    d = dict(zip(an, r))
    if int(d['quotes']) != nq.get(d['article_id'], 0):
        err('articles.csv %s: quotes=%s but quotes.csv has %d rows' % (d['article_id'], d['quotes'], nq.get(d['article_id'], 0)))
if len(articles) != len(inputs):
    err('articles.csv has %d articles for %d inputs' % (len(articles), len(inputs)))

meta = json.load(open(os.path.join(out, 'csv-metadata.json')))
pkg = json.load(open(os.path.join(out, 'datapackage.json')))
for t, (names, _, _) in tables.items():
    cols = [tb for tb in meta['tables'] if tb['url'] == t + '.csv']
    if not cols or [c['name'] for c in cols[0]['tableSchema']['columns']] != names:
        err('csv-metadata.json: %s.csv columns differ from the header' % t)
    res = [r for r in pkg['resources'] if r['path'] == t + '.csv']
    if not res or res[0]['schema'] != t + '.schema.json':
        err('datapackage.json: no resource for %s.csv with its schema' % t)
if bad:
    print('FAIL:\n  ' + '\n  '.join(bad))
    sys.exit(1)
print('PASS: %d articles, %d quotes, %d entities; every table obeys its schema'
      % (len(articles), len(tables['quotes'][1]), len(tables['entities'][1])))
EOF

# quote-score reads quotes.csv as it is, and every row of it.
python3 "$shared/tools/quote-score.py" "$work/out/quotes.csv" --gold "$corpus" \
  --units bytes >"$work/score.json"
python3 - "$work/score.json" "$work/out/quotes.csv" "$corpus" <<'EOF'
import csv, json, os, sys
s = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2], encoding='utf-8', newline='')))
gold_ids = {f[:-len('.gold.json')] for f in os.listdir(sys.argv[3]) if f.endswith('.gold.json')}
n = sum(1 for r in rows if r['article_id'] in gold_ids)
if s['predicted'] != n:
    print('FAIL: the scorer read %d quotes of the %d in quotes.csv for PolNeAR' % (s['predicted'], n))
    sys.exit(1)
r = s['0.3']
print('PASS: quote-score read all %d PolNeAR quotes: P=%.3f R=%.3f F1=%.3f at 0.3, speaker name %.3f'
      % (n, r['precision'], r['recall'], r['f1'], r['speaker_name_acc']))
EOF
