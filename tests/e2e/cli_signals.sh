#!/usr/bin/env bash
# Signals: one TERM delivered twice at once (as timeout(1) does: to the
# child and to its process group) is one request for a clean stop; a second
# signal two or more seconds later ends the process at once.
set -uo pipefail
np=${NEWSPRISM:?}
src=${NP_SOURCE_DIR:?}/examples/sample-article.txt
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir -p "$t/in"
for n in $(seq -w 1 3000); do cp "$src" "$t/in/a$n.txt"; done
fails=0

start() {
	"$np" convert -q -j 1 -f newsml,csv,jsonld -o "$1" "$t/in" 2>"$1.err" &
	pid=$!
	for _ in $(seq 1 400); do
		[ -n "$(find "$1" -name '*.xml' 2>/dev/null | head -1)" ] && return 0
		sleep 0.02
	done
}

start "$t/o1"
kill -TERM "$pid"; kill -TERM "$pid"
wait "$pid"; rc=$?
if [ "$rc" -eq 1 ] && grep -q interrupted "$t/o1.err" &&
   [ -z "$(find "$t/o1" -name '*.tmp.*')" ]; then
	echo "ok: a doubled TERM stops cleanly (exit 1, no temporary file)"
else
	echo "FAIL: doubled TERM: exit $rc; $(cat "$t/o1.err")"; fails=$((fails + 1))
fi

start "$t/o2"
kill -TERM "$pid"; sleep 2.5; kill -TERM "$pid" 2>/dev/null
wait "$pid"; rc=$?
if [ "$rc" -eq 143 ] || [ "$rc" -eq 1 ]; then
	# 1 when the clean stop finished within the 2.5 s, 143 when the second
	# signal ended it: both are right; anything else is not.
	echo "ok: a second TERM later: exit $rc"
else
	echo "FAIL: second TERM: exit $rc"; fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
