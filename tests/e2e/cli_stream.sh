#!/usr/bin/env bash
# newsprism stream as a mapper: one JSON result per NDJSON record, in order,
# errors per record, flushed line by line; and GNU parallel --pipe -N 50 -k
# over the whole BBC corpus gives the same records as one process.
set -u
NP=${NEWSPRISM:?NEWSPRISM is not set}
corpus=${NP_SHARED:-}/corpus/bbc
[ -d "$corpus" ] || { echo "SKIP: $corpus is absent (the shared corpus)"; exit 77; }
command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed (scripts/install-deps.sh test)"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
tmp=$(mktemp -d "${NP_BINARY_DIR:-/tmp}/cli_stream.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
export SOURCE_DATE_EPOCH=1735689600

# Every article of the corpus (2,225: not a multiple of 50), a bad JSON
# line, a record without text, one without id, and a blank line (not a
# record).
python3 - "$corpus" "$tmp/in.ndjson" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
files = []
for section in sorted(os.listdir(corpus)):
    d = os.path.join(corpus, section)
    if os.path.isdir(d):
        files += [os.path.join(d, f) for f in sorted(os.listdir(d))]
with open(out, "w", encoding="utf-8") as o:
    for i, f in enumerate(files):
        text = open(f, "rb").read().decode("utf-8", "replace")
        rec = {"id": os.path.relpath(f, corpus)[:-4], "text": text,
               "meta": {"language": "en"}}
        o.write(json.dumps(rec, ensure_ascii=(i % 2 == 0)) + "\n")
        if i == 60:
            o.write('{"id": "broken", "text": \n')
        if i == 61:
            o.write('{"id": "no-text"}\n')
        if i == 62:
            o.write('{"text": "Nobody named this one."}\n')
        if i == 63:
            o.write('\n')
PY
n_in=$(grep -c . "$tmp/in.ndjson")

formats=newsml,csv,jsonld
"$NP" stream --stream-formats "$formats" <"$tmp/in.ndjson" >"$tmp/one.out" 2>"$tmp/one.err"
rc=$?
[ "$rc" -eq 1 ] || fail "stream exit $rc with failed records, wanted 1: $(tail -2 "$tmp/one.err")"
grep -Eq "^newsprism: $n_in records, [0-9]+ quotes, 3 failed" "$tmp/one.err" ||
  fail "stream summary: $(tail -1 "$tmp/one.err")"

# One valid JSON line per record, in input order, with its verdict.
python3 - "$tmp/in.ndjson" "$tmp/one.out" "$formats" <<'PY' || fail "stream output check"
import json, sys
ins = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
outs = open(sys.argv[2], encoding="utf-8").read().split("\n")
assert outs[-1] == "", "output does not end with a newline"
outs = [json.loads(l) for l in outs[:-1]]
assert len(outs) == len(ins), (len(outs), len(ins))
fmts = sys.argv[3].split(",")
bad = 0
for i, (line, res) in enumerate(zip(ins, outs)):
    try:
        rec = json.loads(line)
    except ValueError:
        assert res["ok"] is False and res["id"] is None and "line" not in res, res
        bad += 1
        continue
    if "id" not in rec or "text" not in rec:
        assert res["ok"] is False and res["error"], res
        bad += 1
        continue
    assert res["id"] == rec["id"], (i, res["id"], rec["id"])
    assert res["ok"] is True, res
    for f in fmts:
        assert f in res, (f, sorted(res))
    assert isinstance(res["jsonld"], dict), type(res["jsonld"])
    assert res["newsml"].lstrip().startswith("<?xml") or "<newsItem" in res["newsml"]
    assert isinstance(res["csv"], str)
    for row in res["csv"].split("\r\n"):
        assert not row or row.startswith(rec["id"] + ",") or row.startswith('"'), row
    assert "article_id," not in res["csv"], "csv header embedded"
assert bad == 3, bad
PY

# GNU parallel: 50 records a job, order kept, the same bytes as one process.
parallel --pipe -N 50 -k "$NP" stream -q --stream-formats "$formats" \
  <"$tmp/in.ndjson" >"$tmp/par.out" 2>"$tmp/par.err"
cmp -s "$tmp/one.out" "$tmp/par.out" ||
  fail "parallel --pipe -N 50 -k differs from one process: $(cmp "$tmp/one.out" "$tmp/par.out")"
# Threads inside one mapper keep the order too.
"$NP" stream -q -j 3 --stream-formats "$formats" <"$tmp/in.ndjson" >"$tmp/j3.out" 2>/dev/null
cmp -s "$tmp/one.out" "$tmp/j3.out" || fail "stream -j 3 differs from -j 1"

# --embed string: JSON-LD as a string holding the same object.
head -5 "$tmp/in.ndjson" | "$NP" stream -q --embed string --stream-formats jsonld >"$tmp/s.out"
python3 - "$tmp/s.out" "$tmp/one.out" <<'PY' || fail "--embed string"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])][:5]
for x, y in zip(a, b):
    assert isinstance(x["jsonld"], str) and json.loads(x["jsonld"]) == y["jsonld"]
PY

# Raw text lines: the id comes from the line, so splitting cannot change it.
printf '%s\n' 'Storm closes port' '"It will reopen tomorrow," the harbour master said.' >"$tmp/t.txt"
"$NP" stream -q --stream-input text --stream-formats csv <"$tmp/t.txt" >"$tmp/t1.out"
parallel --pipe -N 1 -k "$NP" stream -q --stream-input text --stream-formats csv \
  <"$tmp/t.txt" >"$tmp/t2.out"
[ "$(wc -l <"$tmp/t1.out")" -eq 2 ] || fail "text input: $(cat "$tmp/t1.out")"
cmp -s "$tmp/t1.out" "$tmp/t2.out" || fail "text input differs when split"

# Flushed per record: the answer to the first record arrives while stdin is
# still open (a mapper must not sit on finished results).
head -1 "$tmp/in.ndjson" >"$tmp/first.ndjson"
exec 3> >(exec "$NP" stream -q --stream-formats csv >"$tmp/live.out")
cat "$tmp/first.ndjson" >&3
for _ in $(seq 50); do [ -s "$tmp/live.out" ] && break; sleep 0.1; done
[ -s "$tmp/live.out" ] || fail "no result before the end of input: output is buffered"
exec 3>&-

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "cli_stream: $n_in records, one process == parallel --pipe -N 50 -k == -j 3"
