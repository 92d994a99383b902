#!/usr/bin/env bash
# jsonld_check.sh - every JSON-LD document made from the seed, the example and
# a sample of each corpus passes ../shared/tools/jsonld-check.mjs (jsonld.js
# expanding it offline in safe mode + every term checked against the
# schema.org vocabulary), in both styles, one line and --pretty.
set -euo pipefail
: "${NEWSPRISM:?set by CTest}" "${NP_SHARED:?}" "${NP_SOURCE_DIR:?}"
tools=${NP_TOOLS_DIR:-$NP_SOURCE_DIR/build/tools}
if [ ! -f "$NP_SHARED/seed/kerry-lavrov.txt" ] || [ ! -d "$NP_SHARED/corpus" ]; then
  echo "SKIPPED: $NP_SHARED (seed, corpus) not found" >&2
  exit 77
fi
set +e
modules=$(bash "$NP_SOURCE_DIR/scripts/setup-jsonld-check.sh" "$tools")
rc=$?
set -e
[ $rc -eq 77 ] && { echo "SKIPPED: jsonld.js could not be installed (see above)" >&2; exit 77; }
[ $rc -ne 0 ] && { echo "FAIL: setup-jsonld-check.sh failed" >&2; exit 1; }
modules=$(printf '%s\n' "$modules" | tail -n 1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The sample: the seed, our example, the first two articles of every corpus
# folder (sorted, so the same every run) and the known hard cases.
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
  for style in compact graph; do
    out=$work/$n-$style
    extra=()
    [ "$style" = graph ] && extra=(--pretty --base-url "https://news.example.com/$n/")
    if ! "$NEWSPRISM" convert -q -o "$out" -f jsonld --jsonld-style "$style" \
         --now 2024-01-02T03:04:05Z "${extra[@]}" "$f"; then
      echo "FAIL: convert $f ($style)" >&2
      exit 1
    fi
    doc=$(find "$out" -name '*.jsonld')
    [ -n "$doc" ] || { echo "FAIL: no .jsonld for $f" >&2; exit 1; }
    files+=("$doc")
  done
done

# Documents with every kind of node (people, organisations, places,
# quotations by each, unattributed ones), made by the unit test's records.
rich=$work/rich
mkdir -p "$rich"
"${NP_BINARY_DIR:?}/tests/check_jsonld" --write "$rich" >/dev/null
for f in "$rich"/*.jsonld; do files+=("$f"); done

log=$work/check.log
if ! JSONLD_MODULES=$modules node "$NP_SHARED/tools/jsonld-check.mjs" "${files[@]}" \
     >"$log" 2>"$work/err.log"; then
  cat "$log" "$work/err.log" >&2
  echo "FAIL: jsonld-check rejected a document" >&2
  exit 1
fi
ok=$(grep -c '^OK: ' "$log" || true)
if [ "$ok" -ne "${#files[@]}" ]; then
  cat "$log" >&2
  echo "FAIL: $ok OK lines for ${#files[@]} documents" >&2
  exit 1
fi
# the only warnings allowed are about schema.org's pending terms
if grep -v 'is in the pending area' "$work/err.log" | grep -q .; then
  cat "$work/err.log" >&2
  echo "FAIL: unexpected warnings from jsonld-check" >&2
  exit 1
fi
echo "jsonld_check: ${#files[@]} documents from ${#inputs[@]} articles OK"
