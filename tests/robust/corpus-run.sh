#!/usr/bin/env bash
# corpus-run.sh CLI EVERY [WRAPPER...] - convert a sample of the corpora
# (see corpus-sample.sh) with every registered format, optionally under a
# wrapper such as valgrind, and fail on any sanitizer or valgrind report.
#
# Exit status of the CLI: 0 or 1 are accepted (1 = some articles failed,
# each named on stderr; the count is printed), anything else - a crash, an
# abort from UBSan, ASan's or valgrind's own error code - fails the run.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${1:?usage: corpus-run.sh CLI EVERY [WRAPPER...]}
every=${2:?usage: corpus-run.sh CLI EVERY [WRAPPER...]}
shift 2
mapfile -d '' files < <("$here/corpus-sample.sh" "$every")
if [ ${#files[@]} -eq 0 ]; then
	echo "corpus-run: SKIPPED: no corpus (../shared absent; set NP_SHARED)" >&2
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
formats=$("$cli" --help | sed -n 's/.*known: \([a-z0-9,]*\).*/\1/p' | head -1)
formats=${formats:-newsml,csv,jsonld}
echo "corpus-run: ${#files[@]} articles, formats $formats${*:+, under $*}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:exitcode=86}
export LSAN_OPTIONS=${LSAN_OPTIONS:-exitcode=86}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
start=$(date +%s)
"$@" "$cli" convert -q -f "$formats" -o "$tmp/out" -- "${files[@]}" \
	2>"$tmp/stderr"
rc=$?
secs=$(( $(date +%s) - start ))
failed=$(grep -c '^newsprism: failed:' "$tmp/stderr")
echo "corpus-run: exit $rc in ${secs}s, $failed articles failed," \
	"$(find "$tmp/out" -type f 2>/dev/null | wc -l) files written"
if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|==[0-9]+== (Invalid|Conditional|Syscall|Mismatched|Source and destination)|definitely lost: [1-9]|indirectly lost: [1-9]|are definitely lost|are indirectly lost|ERROR SUMMARY: [1-9]' "$tmp/stderr"; then
	echo "corpus-run: FAILED: sanitizer or valgrind report:" >&2
	grep -E -B2 -A30 'ERROR|runtime error|Invalid|Conditional|lost:' "$tmp/stderr" | head -120 >&2
	exit 1
fi
if [ $rc -gt 1 ]; then
	echo "corpus-run: FAILED: the CLI exited with $rc" >&2
	tail -40 "$tmp/stderr" >&2
	exit 1
fi
if [ "$failed" -gt 0 ]; then
	echo "corpus-run: failures (reasons):"
	sed -n 's/^newsprism: failed: //p' "$tmp/stderr" | sed 's/^[^:]*: //' |
		sort | uniq -c | sort -rn | head -5
fi
exit 0
