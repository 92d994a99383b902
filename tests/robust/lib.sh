# shellcheck shell=bash
# lib.sh - shared by tests/e2e/bad_*.sh (sourced, not run).
#
# Each bad-input test makes its inputs in a scratch folder at run time (the
# big ones are never committed), runs the CLI under a time limit and checks:
#   - no crash, no hang: the exit status is 0, 1 or (usage) 2, never a signal
#     or the timeout's 124;
#   - either a clear error naming the file, with the other inputs still
#     converted, or a repaired conversion whose warnings say so;
#   - every file written is complete and well-formed, checked by independent
#     tools: xmllint for XML, Python's json for JSON, Python's csv (strict)
#     for CSV; no temporary file is left behind.
set -uo pipefail

: "${NEWSPRISM:?NEWSPRISM must name the CLI}"
NP_SOURCE_DIR=${NP_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}
export LC_ALL=C.UTF-8

T=$(mktemp -d "${TMPDIR:-/tmp}/np-bad.XXXXXX")
cleanup() { chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT

fails=0
checks=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { checks=$((checks + 1)); echo "ok: $*"; }
finish() {
	if [ "$fails" -gt 0 ]; then
		echo "$fails check(s) failed, $checks passed" >&2
		exit 1
	fi
	echo "all $checks checks passed"
	exit 0
}

for tool in xmllint python3 timeout; do
	command -v "$tool" >/dev/null || { echo "SKIPPED: $tool not installed" >&2; exit 77; }
done

# A small good article, written here, to go beside each bad input.
good_article() { # PATH [WORD]
	cat >"$1" <<EOF
Harbour town keeps its ferry ${2:-}

The council of Port Ellery voted on Tuesday to keep the ferry running.

“The ferry is our road,” Mayor Joan Pike said after the vote.
EOF
}

# Every registered format (from --help) is checked; one that cannot convert
# a good article is a failure, never a format quietly left out.
np_registered_formats() {
	"$NEWSPRISM" --help | sed -n 's/.*known: \([a-z0-9,]*\).*/\1/p' | head -1
}
FORMATS=$(np_registered_formats)
[ -n "$FORMATS" ] || { echo "FAIL: no format listed in newsprism --help" >&2; exit 1; }
mkdir -p "$T/probe"
good_article "$T/probe/probe.txt"
for f in $(printf '%s' "$FORMATS" | tr , ' '); do
	"$NEWSPRISM" convert -q -f "$f" -o "$T/probe/out-$f" "$T/probe/probe.txt" >/dev/null 2>&1 ||
		{ echo "FAIL: format $f cannot convert a plain article" >&2; exit 1; }
done
echo "formats checked: $FORMATS"

# run NAME TIMEOUT ARGS... - run the CLI; sets $rc, $out (stdout file) and
# $err (stderr file); fails on a signal or a timeout.
run() {
	local name=$1 limit=$2
	shift 2
	out=$T/$name.stdout
	err=$T/$name.stderr
	local t0=$SECONDS
	timeout -k 10 "$limit" "$NEWSPRISM" "$@" >"$out" 2>"$err"
	rc=$?
	elapsed=$((SECONDS - t0))
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		fail "$name: no result within ${limit}s (hang or super-linear time)"
	elif [ $rc -gt 2 ]; then
		fail "$name: exit status $rc (crash or signal):"
		tail -20 "$err" >&2
	elif grep -qE 'AddressSanitizer|runtime error:|LeakSanitizer' "$err"; then
		fail "$name: sanitizer report:"
		head -40 "$err" >&2
	fi
}

# check_tree DIR [RAW] - every file below DIR well-formed, and no temporary
# file left.  XML: xmllint (libxml2), all files in one run.  JSON, JSON
# lines and CSV: one Python run over all of them -- json (strict UTF-8), csv
# in strict mode with one field count per table, and unless RAW no text cell
# a spreadsheet would run as a formula.  JSON-LD must not hold a raw "</" (a
# page may embed it in <script>; issue 7).
check_tree() {
	local dir=$1 raw=${2:-} msg bad=0
	[ -d "$dir" ] || return 0
	if find "$dir" -name '*.tmp.*' | grep -q .; then
		fail "temporary files left in $dir: $(find "$dir" -name '*.tmp.*' | head -3)"
		bad=1
	fi
	msg=$(find "$dir" -type f -name '*.xml' -print0 |
		xargs -0 -r xmllint --nonet --noout --huge 2>&1 | head -10)
	if [ -n "$msg" ]; then
		fail "XML not well-formed below $dir: $msg"
		bad=1
	fi
	msg=$(find "$dir" -type f \( -name '*.json' -o -name '*.jsonld' -o -name '*.ninjs' \
		-o -name '*.jsonl' -o -name '*.ndjson' -o -name '*.csv' \) -print0 |
		python3 -c '
import csv, io, json, re, sys
csv.field_size_limit(sys.maxsize)
raw = sys.argv[1] == "raw"
def check_csv(data):
    if data.startswith("\ufeff"):
        data = data[1:]
    first = data.split("\r\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(data, newline=""), delimiter=delim, strict=True))
    if not rows:
        return "empty table"
    for i, r in enumerate(rows, 1):
        if len(r) != len(rows[0]):
            return "row %d has %d fields, the header %d" % (i, len(r), len(rows[0]))
        for cell in ([] if raw or i == 1 else r):
            if cell and (cell[0] in "=+@\t\r\n\0" or
                         (cell[0] == "-" and not re.fullmatch(r"-?[0-9.]+", cell))):
                return "row %d: cell %r would run as a formula" % (i, cell[:40])
for path in sys.stdin.read().split("\0"):
    if not path:
        continue
    try:
        data = open(path, "rb").read().decode("utf-8")
        if path.endswith(".csv"):
            err = check_csv(data)
        elif path.endswith((".jsonl", ".ndjson")):
            err = None
            # JSON Lines are split on LF only: str.splitlines() would also
            # split inside strings at U+0085, U+2028 and U+2029.
            for line in data.split("\n"):
                if line.strip():
                    json.loads(line)
        else:
            err = None
            json.loads(data)
        if err is None and path.endswith(".jsonld") and "</" in data:
            err = "raw \"</\" (would close an HTML <script>)"
    except Exception as e:
        err = "%s: %s" % (type(e).__name__, e)
    if err:
        print("%s: %s" % (path, err))
' "$raw" 2>&1 | head -10)
	if [ -n "$msg" ]; then
		fail "not well-formed below $dir: $msg"
		bad=1
	fi
	return $bad
}

# outputs_of DIR ID - the files written for article ID (per-article formats).
outputs_of() { find "$1" -type f -path "$1/$2.*" ! -name '*.tmp.*'; }

# has_article DIR ID - at least one per-article output of ID, or its rows in
# a table (when only table formats work).
has_article() {
	[ -n "$(outputs_of "$1" "$2")" ] && return 0
	grep -qs "^\"\\?$2\"\\?[,;]" "$1"/*.csv 2>/dev/null
}

# expect_handled NAME BADFILE [OPTIONS...] - the bad input is either refused
# with an error that names it (exit 1, the good inputs beside it still
# converted) or converted with a warning (exit 0).  Never a crash or a hang,
# and every output well-formed.
expect_handled() {
	local name=$1 bad=$2
	shift 2
	local d=$T/$name
	mkdir -p "$d"
	good_article "$d/good-a.txt" A
	good_article "$d/good-z.txt" Z
	run "$name" "${LIMIT:-120}" convert -v -f "$FORMATS" -o "$d/out" "$@" -- \
		"$d/good-a.txt" "$bad" "$d/good-z.txt"
	case $rc in
	1)
		if grep -F -- "$bad" "$err" | grep -qiE 'fail|error|cannot|refus|limit|invalid|empty|not '; then
			pass "$name: refused with a message naming the file"
		else
			fail "$name: exit 1 but no error names '$bad':"
			head -5 "$err" >&2
		fi ;;
	0)
		if [ -n "${ACCEPT_CLEAN:-}" ]; then
			pass "$name: converted"
		elif grep -qi 'warning' "$err"; then
			pass "$name: converted with a warning"
		else
			fail "$name: converted without any warning or error"
		fi ;;
	*) [ $rc -le 2 ] && fail "$name: unexpected exit status $rc: $(head -3 "$err")" ;;
	esac
	if has_article "$d/out" good-a && has_article "$d/out" good-z; then
		pass "$name: the other inputs were converted"
	else
		fail "$name: the good inputs beside it were not converted"
	fi
	check_tree "$d/out" && pass "$name: outputs well-formed"
}

# expect_clean NAME FILE [OPTIONS...] - converts (exit 0), outputs
# well-formed; sets $d to the scratch folder for further checks.
expect_clean() {
	local name=$1 file=$2
	shift 2
	d=$T/$name
	mkdir -p "$d"
	run "$name" "${LIMIT:-120}" convert -f "$FORMATS" -o "$d/out" "$@" -- "$file"
	if [ $rc -eq 0 ]; then
		pass "$name: converted (${elapsed}s)"
	else
		fail "$name: exit $rc: $(head -3 "$err")"
	fi
	check_tree "$d/out" && pass "$name: outputs well-formed"
}
