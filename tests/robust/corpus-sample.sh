#!/usr/bin/env bash
# corpus-sample.sh [EVERY] - print a fixed sample of ../shared's corpora, one
# path per line, NUL-terminated: every EVERY-th article (default 40) of each
# corpus, in byte order, so that the sample is the same on every machine.
# Prints nothing when ../shared is absent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${NP_SHARED:-$here/../../../shared}
every=${1:-40}
[ -d "$shared/corpus" ] || exit 0
for sub in bbc onestopenglish polnear-dev wikinews-de/articles/txt \
           wikinews-de/articles/html wikinews-fr; do
	[ -d "$shared/corpus/$sub" ] || continue
	find "$shared/corpus/$sub" -type f \( -name '*.txt' -o -name '*.html' \) \
		! -name 'README*' -print0 | LC_ALL=C sort -z |
		awk -v RS='\0' -v ORS='\0' -v n="$every" '(NR - 1) % n == 0'
done
