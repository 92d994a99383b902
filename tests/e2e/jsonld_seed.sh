#!/usr/bin/env bash
# jsonld_seed.sh - the seed article's JSON-LD (issue 7): every quote a
# Quotation node, of which the four direct ones are two by John Kirby and two
# by Sergey Lavrov (creator and spokenByCharacter
# both pointing at the speaker's Person node), and the four people of the
# story, each once, each with a jobTitle.  Checked in both styles: compact
# (nested) and graph (flat @graph, references resolved).
set -euo pipefail
: "${NEWSPRISM:?set by CTest}" "${NP_SHARED:?}"
seed=$NP_SHARED/seed/kerry-lavrov.txt
if [ ! -f "$seed" ]; then
  echo "SKIPPED: $seed not found" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$NEWSPRISM" convert -q -o "$work/compact" -f jsonld --now 2016-09-24T00:00:00Z "$seed"
"$NEWSPRISM" convert -q -o "$work/graph" -f jsonld --jsonld-style graph --pretty \
  --base-url https://news.example.com/ "$seed"

python3 - "$work/compact/kerry-lavrov.jsonld" "$work/graph/kerry-lavrov.jsonld" <<'PY'
import json, sys
fail = []
def check(cond, msg):
    if not cond:
        fail.append(msg)

for path in sys.argv[1:]:
    doc = json.load(open(path, encoding="utf-8"))
    check(doc.get("@context") == "https://schema.org", f"{path}: @context")
    if "@graph" in doc:   # flat: index the nodes, resolve references
        nodes = {n["@id"]: n for n in doc["@graph"]}
        art = doc["@graph"][0]
        resolve = lambda r: nodes.get(r["@id"], {})
    else:
        art = doc
        nodes = {n["@id"]: n for n in doc.get("mentions", [])}
        resolve = lambda r: r if "@type" in r else nodes.get(r["@id"], {})
    check(art.get("@type") == "NewsArticle", f"{path}: not a NewsArticle")
    mentions = [resolve(m) for m in art.get("mentions", [])]
    ids = [m.get("@id") for m in mentions]
    check(len(ids) == len(set(ids)), f"{path}: a node is mentioned twice")
    people = [m for m in mentions if m.get("@type") == "Person"]
    names = sorted(p.get("name") for p in people)
    want = ["Bashar Assad", "John Kerry", "John Kirby", "Sergey Lavrov"]
    check(names == want, f"{path}: people {names}, want {want}")
    for p in people:
        check(bool(p.get("jobTitle")), f"{path}: {p.get('name')} has no jobTitle")
    parts = [resolve(q) for q in art.get("hasPart", [])]
    # every quote is a Quotation (indirect ones too, typed in description);
    # the seed's direct quotes are exactly the four of issue 2
    for i, q in enumerate(parts, 1):
        check(q.get("@type") == "Quotation", f"{path}: part {i} is not a Quotation")
        check(q.get("position") == i, f"{path}: quote {i} position {q.get('position')}")
        check(q.get("description") in ("direct", "mixed", "indirect"),
              f"{path}: quote {i} type {q.get('description')!r}")
        check(q.get("isPartOf", {}).get("@id") == art["@id"], f"{path}: quote {i} isPartOf")
        check(bool(q.get("text")), f"{path}: quote {i} has no text")
        c, s = q.get("creator"), q.get("spokenByCharacter")
        if c is not None or s is not None:
            check(c and s and c.get("@id") == s.get("@id"),
                  f"{path}: quote {i} creator/spokenByCharacter differ")
            check(c and c.get("@id") in nodes,
                  f"{path}: quote {i} creator is not a mentioned node")
    quotes = [q for q in parts if q.get("description") == "direct"]
    check(len(quotes) == 4, f"{path}: {len(quotes)} direct quotations, want 4")
    speakers = []
    for q in quotes:
        who = nodes.get(q.get("creator", {}).get("@id"), {})
        speakers.append(who.get("name"))
        check(who.get("@type") == "Person", f"{path}: {who.get('name')} is not a Person")
    check(speakers == ["John Kirby", "John Kirby", "Sergey Lavrov", "Sergey Lavrov"],
          f"{path}: speakers {speakers}")
    texts = [q.get("text", "") for q in quotes]
    starts = ["Secretary Kerry expressed concerns", "The secretary made clear",
              "[S]omeone in Washington", "Not long ago, the Americans"]
    for i, (t, s) in enumerate(zip(texts, starts), 1):
        check(t.startswith(s), f"{path}: quote {i} text {t[:40]!r}")
    kirby = [p for p in people if p.get("name") == "John Kirby"]
    check(kirby and kirby[0].get("jobTitle") == "State Department spokesman",
          f"{path}: John Kirby's jobTitle")

for f in fail:
    print("FAIL:", f)
sys.exit(1 if fail else 0)
PY
echo "jsonld_seed: OK"
