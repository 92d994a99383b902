#!/usr/bin/env bash
# jsonld_styles.sh - --jsonld-style compact and graph say the same thing:
# jsonld.js turns both documents of each article into RDF and canonicalises
# it (RDFC-1.0 / URDNA2015, so blank nodes compare too); the two datasets
# must be identical, and --pretty must not change them either.  Framing the
# graph document with schemas/newsprism-article.frame.jsonld (for users who
# want the nested tree back) must give the same dataset again, as one
# NewsArticle.
set -euo pipefail
: "${NEWSPRISM:?set by CTest}" "${NP_SHARED:?}" "${NP_SOURCE_DIR:?}"
tools=${NP_TOOLS_DIR:-$NP_SOURCE_DIR/build/tools}
ctx=$NP_SHARED/reference/schemaorg/schemaorgcontext.jsonld
if [ ! -f "$NP_SHARED/seed/kerry-lavrov.txt" ] || [ ! -f "$ctx" ]; then
  echo "SKIPPED: $NP_SHARED (seed, schema.org context) not found" >&2
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
inputs=("$NP_SHARED/seed/kerry-lavrov.txt" "$NP_SOURCE_DIR/examples/sample-article.txt")
for f in "$NP_SHARED"/corpus/bbc/politics/001.txt "$NP_SHARED"/corpus/polnear-dev/*.txt; do
  [ -f "$f" ] && inputs+=("$f")
  [ ${#inputs[@]} -ge 5 ] && break
done
opts=(--now 2024-01-02T03:04:05Z --provider example.org --base-url https://news.example.com/)
"$NEWSPRISM" convert -q -o "$work/c" -f jsonld --jsonld-style compact "${opts[@]}" "${inputs[@]}"
"$NEWSPRISM" convert -q -o "$work/g" -f jsonld --jsonld-style graph "${opts[@]}" "${inputs[@]}"
"$NEWSPRISM" convert -q -o "$work/p" -f jsonld --jsonld-style graph --pretty "${opts[@]}" "${inputs[@]}"

cat >"$work/same.mjs" <<'JS'
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
const [modules, ctxFile, frameFile, ...files] = process.argv.slice(2);
const frame = JSON.parse(fs.readFileSync(frameFile, 'utf8'));
const req = createRequire(pathToFileURL(path.join(path.resolve(modules), 'x.js')));
const jsonld = (await import(pathToFileURL(req.resolve('jsonld')).href)).default;
const ctx = JSON.parse(fs.readFileSync(ctxFile, 'utf8'));
const documentLoader = async url => {
  if (/^https?:\/\/schema\.org\/?$/.test(url)) return {contextUrl: null, document: ctx, documentUrl: url};
  throw new Error(`remote context ${url} refused`);
};
const read = f => JSON.parse(fs.readFileSync(f, 'utf8'));
const canonDoc = async d => jsonld.canonize(d,
  {algorithm: 'URDNA2015', format: 'application/n-quads', documentLoader, safe: true});
const canon = f => canonDoc(read(f));
let bad = 0;
for (let i = 0; i < files.length; i += 3) {
  const [c, g, p] = await Promise.all(files.slice(i, i + 3).map(canon));
  const n = c.split('\n').filter(Boolean).length;
  if (n < 10) { console.error(`FAIL: ${files[i]}: only ${n} triples`); bad = 1; }
  if (c !== g) { console.error(`FAIL: ${files[i]}: compact and graph differ`); bad = 1; }
  if (g !== p) { console.error(`FAIL: ${files[i + 2]}: --pretty changes the data`); bad = 1; }
  const framed = await jsonld.frame(read(files[i + 1]), frame,
    {documentLoader, safe: true, omitGraph: true});
  if (framed.type !== 'NewsArticle' || framed['@graph']) {
    console.error(`FAIL: ${files[i + 1]}: framing gave no single NewsArticle`); bad = 1;
  }
  if (await canonDoc(framed) !== c) {
    console.error(`FAIL: ${files[i + 1]}: framed graph differs from compact`); bad = 1;
  }
  if (!bad) console.log(`same: ${path.basename(files[i])} (${n} triples)`);
}
process.exit(bad);
JS
args=()
while IFS= read -r rel; do
  args+=("$work/c/$rel" "$work/g/$rel" "$work/p/$rel")
done < <(cd "$work/c" && find . -name '*.jsonld' | LC_ALL=C sort)
[ ${#args[@]} -ge 6 ] || { echo "FAIL: too few documents" >&2; exit 1; }
node "$work/same.mjs" "$modules" "$ctx" "$NP_SOURCE_DIR/schemas/newsprism-article.frame.jsonld" \
  "${args[@]}"
echo "jsonld_styles: OK"
