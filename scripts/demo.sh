#!/usr/bin/env bash
# demo.sh NEWSPRISM - convert the bundled sample article and show the result.
set -euo pipefail
np=${1:-build/newsprism}
cd "$(dirname "$0")/.."
rm -rf out
"$np" convert -o out --archive out/sample.tar.gz examples/sample-article.txt
echo
echo "== files written"
find out -type f | sort | while read -r f; do printf '  %8d  %s\n' "$(stat -c %s "$f")" "$f"; done
echo
echo "== quotes found (out/quotes.csv)"
if command -v column >/dev/null 2>&1; then
  cut -d, -f3,7,11 out/quotes.csv | tr -d '\r' | column -s, -t | sed 's/^/  /'
else
  tr -d '\r' < out/quotes.csv | sed 's/^/  /'
fi
echo
if [ -f out/sample.tar.gz ]; then
  echo "== archive out/sample.tar.gz: a BagIt bag (sizes, names)"
  tar -tvzf out/sample.tar.gz | awk '{printf "  %8s  %s\n", $3, $6}'
  echo
  echo "== its bag-info.txt"
  tar -xzOf out/sample.tar.gz --wildcards '*/bag-info.txt' | sed 's/^/  /'
  echo
  echo "== verification (checksums, completeness, Payload-Oxum)"
  "$np" verify out/sample.tar.gz | sed 's/^/  /'
fi
