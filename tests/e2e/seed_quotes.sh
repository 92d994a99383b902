#!/usr/bin/env bash
# seed_quotes.sh - the seed article's quotes and people, through the CLI:
# exactly four direct quotes (Kirby x2 with his title, Lavrov x2, the last
# one continuing Lavrov's paragraph), the indirect quotes of issue 4 with
# their speakers, every offset pointing at its words in the file, and
# exactly four people with their titles (no "Secretary Kerry", no "Kerry's").
set -euo pipefail
np=${NEWSPRISM:?NEWSPRISM must name the newsprism binary}
shared=${NP_SHARED:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}
seed=$shared/seed/kerry-lavrov.txt
if [ ! -f "$seed" ]; then
  echo "SKIPPED: $seed not found (set NP_SHARED)"
  exit 77
fi
command -v python3 >/dev/null || { echo "FAIL: python3 is needed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$np" extract -q "$seed" >"$work/quotes.csv"
"$np" convert -q -f jsonl -o "$work/out" "$seed"

python3 - "$seed" "$work/quotes.csv" "$work/out/articles.jsonl" <<'PY'
import csv, json, sys
seed, qcsv, jsonl = sys.argv[1:4]
src = open(seed, "rb").read()
rows = list(csv.DictReader(open(qcsv, encoding="utf-8", newline="")))
bad = []
def at(a, b):
    return src[int(a):int(b)].decode("utf-8")
for r in rows:
    if at(r["start"], r["end"]) != r["quote"]:
        bad.append("offsets %s-%s do not hold the quote %r" % (r["start"], r["end"], r["quote"][:40]))
    if not r["speaker"] or not r["speaker_start"] or not r["cue"]:
        bad.append("quote %r lacks a speaker, speaker span or cue" % r["quote"][:40])
direct = [r for r in rows if r["type"] == "direct"]
want_direct = [
    ("Secretary Kerry expressed concerns", "John Kirby", "John Kirby", "State Department spokesman"),
    ("The secretary made clear", "John Kirby", "Kirby", "State Department spokesman"),
    ("[S]omeone in Washington", "Sergey Lavrov", "Lavrov", "Russian Foreign Minister"),
    ("Not long ago, the Americans", "Sergey Lavrov", "Lavrov", "Russian Foreign Minister"),
]
if len(direct) != 4:
    bad.append("%d direct quotes, not 4: %r" % (len(direct), [r["quote"][:30] for r in direct]))
for (start, who, mention, title), r in zip(want_direct, direct):
    if not r["quote"].startswith(start):
        bad.append("direct quote %r, expected one starting %r" % (r["quote"][:30], start))
    if r["speaker"] != who or r["speaker_title"] != title:
        bad.append("%r: speaker %r (%r), expected %r (%r)" % (start, r["speaker"], r["speaker_title"], who, title))
    if r["speaker_start"] and at(r["speaker_start"], r["speaker_end"]) != mention:
        bad.append("%r: speaker span holds %r, not %r" % (start, at(r["speaker_start"], r["speaker_end"]), mention))
if [r["type"] for r in rows].count("mixed"):
    bad.append("the seed has no mixed quote")
want_indirect = [
    ("the Russians and Syrian President Bashar Assad for failing", "John Kerry", "faulted", "Kerry"),
    ("the U.S.-backed groups haven", "Sergey Lavrov", "countered", "Sergey Lavrov"),
    ("the U.S. of trying", "Sergey Lavrov", "accused", "Sergey Lavrov"),
    ("the United States might continue", "John Kirby", "suggested", "Kerry\u2019s spokesman"),
    ("the United States of letting opposition groups", "Sergey Lavrov", "accused", "Lavrov"),
    ("the U.S. of trying", "Sergey Lavrov", "accused", "he"),
]
indirect = [r for r in rows if r["type"] == "indirect"]
for start, who, cue, mention in want_indirect:
    # two quotes start alike ("the U.S. of trying …"): the mention tells them apart
    hit = [r for r in indirect if r["quote"].startswith(start) and r["speaker_start"]
           and at(r["speaker_start"], r["speaker_end"]) == mention]
    if len(hit) != 1:
        bad.append("indirect quote starting %r with speaker mention %r found %d times" % (start, mention, len(hit)))
        continue
    r = hit[0]
    if r["speaker"] != who or r["cue"] != cue:
        bad.append("%r: %r/%r, expected %r/%r" % (start, r["speaker"], r["cue"], who, cue))
if len(indirect) != len(want_indirect):
    bad.append("%d indirect quotes, expected %d" % (len(indirect), len(want_indirect)))

art = json.loads(open(jsonl, encoding="utf-8").readline())
people = {m["name"]: m.get("jobTitle") for m in art.get("mentions", []) if m["@type"] == "Person"}
want_people = {"John Kerry": "Secretary of State", "Sergey Lavrov": "Russian Foreign Minister",
               "Bashar Assad": "Syrian President", "John Kirby": "State Department spokesman"}
if people != want_people:
    bad.append("people %r, expected %r" % (people, want_people))
orgs = {m["name"] for m in art.get("mentions", []) if m["@type"] == "Organization"}
places = {m["name"] for m in art.get("mentions", []) if m["@type"] == "Place"}
if "State Department" not in orgs:
    bad.append("the State Department is not an organisation: %r" % sorted(orgs))
for p in ("Syria", "Russia", "Aleppo", "Washington", "United States"):
    if p not in places:
        bad.append("%s is not a place: %r" % (p, sorted(places)))
if bad:
    print("FAIL:\n  " + "\n  ".join(bad))
    sys.exit(1)
print("PASS: %d quotes (4 direct, %d indirect), 4 people, %d organisations, %d places"
      % (len(rows), len(indirect), len(orgs), len(places)))
PY
