// compromise-quotes.mjs - the peer in the benchmark: the compromise NLP
// library's quotations over the same files newsprism converts.
//
//   COMPROMISE_MODULES=DIR/node_modules node compromise-quotes.mjs INPUT...
//
// INPUTs are files or folders (walked recursively, sorted, hidden names
// skipped, like newsprism).  Prints one JSON line on stdout:
// {"articles":N,"bytes":N,"quotes":N,"seconds":S}.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const modules = process.env.COMPROMISE_MODULES;
if (!modules) {
  console.error('compromise-quotes: set COMPROMISE_MODULES to the node_modules holding compromise');
  process.exit(2);
}
const require = createRequire(join(resolve(modules), '..', 'index.js'));
const nlp = require('compromise');

function* walk(path) {
  const st = statSync(path);
  if (!st.isDirectory()) {
    yield path;
    return;
  }
  const names = readdirSync(path).filter((n) => !n.startsWith('.')).sort();
  for (const n of names) yield* walk(join(path, n));
}

const t0 = process.hrtime.bigint();
let articles = 0, bytes = 0, quotes = 0;
for (const input of process.argv.slice(2)) {
  for (const file of walk(input)) {
    const buf = readFileSync(file);
    bytes += buf.length;
    articles++;
    const doc = nlp(buf.toString('utf8'));
    quotes += doc.quotations().length;
  }
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(JSON.stringify({ articles, bytes, quotes, seconds }));
