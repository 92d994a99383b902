#!/usr/bin/env bash
# ninjs_check.sh - every ninjs document made from the seed, the example, a
# sample of each corpus and the unit test's rich records validates against
# ../shared/reference/ninjs/ninjs-schema_3.1.json (JSON Schema draft 2020-12,
# python3-jsonschema; the schema's GeoJSON $ref is resolved to the local copy,
# offline), with "uri" and "date-time" formats enforced too.
set -euo pipefail
: "${NEWSPRISM:?set by CTest}" "${NP_SHARED:?}" "${NP_SOURCE_DIR:?}" "${NP_BINARY_DIR:?}"
ref=$NP_SHARED/reference/ninjs
if [ ! -f "$ref/ninjs-schema_3.1.json" ] || [ ! -d "$NP_SHARED/corpus" ]; then
  echo "SKIPPED: $ref/ninjs-schema_3.1.json or the corpus not found" >&2
  exit 77
fi
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "SKIPPED: python3-jsonschema is not installed (scripts/install-deps.sh test)" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

c=$NP_SHARED/corpus
osl=$c/onestopenglish/Texts-SeparatedByReadingLevel
inputs=("$NP_SHARED/seed/kerry-lavrov.txt" "$NP_SOURCE_DIR/examples/sample-article.txt"
  "$c/bbc/sport/199.txt" "$osl/Int-Txt/WNL Ships noise-int.txt")
for d in bbc/business bbc/entertainment bbc/politics bbc/sport bbc/tech \
         onestopenglish/Texts-SeparatedByReadingLevel/Adv-Txt \
         onestopenglish/Texts-SeparatedByReadingLevel/Ele-Txt \
         polnear-dev wikinews-de/articles wikinews-fr/html wikinews-fr/txt; do
  [ -d "$c/$d" ] || continue
  while IFS= read -r f; do inputs+=("$f"); done < <(
    find "$c/$d" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.html' \) |
      LC_ALL=C sort | head -n 2)
done

files=()
n=0
for f in "${inputs[@]}"; do
  n=$((n + 1))
  out=$work/$n
  extra=()
  [ $((n % 2)) -eq 0 ] && extra=(--pretty --base-url "https://news.example.com/$n/")
  if ! "$NEWSPRISM" convert -q -o "$out" -f ninjs --now 2024-01-02T03:04:05Z \
       "${extra[@]}" "$f"; then
    echo "FAIL: convert $f" >&2
    exit 1
  fi
  doc=$(find "$out" -name '*.ninjs.json')
  [ -n "$doc" ] || { echo "FAIL: no .ninjs.json for $f" >&2; exit 1; }
  files+=("$doc")
done
mkdir -p "$work/rich"
"$NP_BINARY_DIR/tests/check_ninjs" --write "$work/rich" >/dev/null
for f in "$work/rich"/*.ninjs.json; do files+=("$f"); done

# Documents that must be refused: prove the validator really validates (an
# unknown property; a date-time without a time).
printf '{"uri":"urn:x:1","type":"text","quotes":[]}\n' >"$work/bad1.json"
printf '{"uri":"urn:x:1","type":"text","versionCreated":"2024-01-01"}\n' >"$work/bad2.json"

python3 - "$ref" "$work/bad1.json,$work/bad2.json" "${files[@]}" <<'PY'
import json, os, re, sys
import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

ref, bad, files = sys.argv[1], sys.argv[2], sys.argv[3:]
schema = json.load(open(os.path.join(ref, "ninjs-schema_3.1.json")))
assert schema["$schema"].endswith("/draft/2020-12/schema"), schema["$schema"]
geo = json.load(open(os.path.join(ref, "GeoJSON-schema.json")))
GEO = "https://geojson.org/schema/GeoJSON.json"

# Formats are annotations unless a checker is given; the optional packages
# that check "uri" and "date-time" may be absent, so check them here.
fc = FormatChecker()
URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
DT = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:"
                r"([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$")
fc.checks("uri")(lambda v: not isinstance(v, str) or bool(URI.match(v)))
fc.checks("date-time")(lambda v: not isinstance(v, str) or bool(DT.match(v)))

try:  # jsonschema >= 4.18
    from referencing import Registry, Resource
    reg = Registry().with_resource(GEO, Resource.from_contents(geo))
    v = Draft202012Validator(schema, registry=reg, format_checker=fc)
except ImportError:  # Debian 12: 4.10, RefResolver with a local store
    resolver = jsonschema.RefResolver.from_schema(schema, store={GEO: geo, GEO + "#": geo})
    v = Draft202012Validator(schema, resolver=resolver, format_checker=fc)

for b in bad.split(","):
    if not list(v.iter_errors(json.load(open(b)))):
        print(f"FAIL: the validator accepted {open(b).read().strip()}"); sys.exit(1)
rc = 0
for f in files:
    doc = json.load(open(f))
    errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    if errs:
        rc = 1
        for e in errs[:5]:
            print(f"FAIL: {f}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
    else:
        print(f"OK: {f}")
print(f"ninjs_check: {len(files)} documents, {'some INVALID' if rc else 'all valid'}")
sys.exit(rc)
PY
