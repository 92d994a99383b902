#!/usr/bin/env bash
# archive_sigint.sh - SIGINT during `convert --archive` leaves no archive
# and no temporary file.  The run is held open on stdin (a FIFO) so that the
# signal surely lands mid-run, after the first article went into the bag.
set -euo pipefail
source "$(dirname "$0")/archive_common.inc"
cd "$tmp"
mkdir out
mkfifo feed
"$NEWSPRISM" convert -q -o out --archive out/bag.tar.gz \
  "$NP_SOURCE_DIR/examples/sample-article.txt" - < feed > /dev/null 2> err.txt &
pid=$!
exec 3> feed # the reader now blocks on stdin, mid-run
for _ in $(seq 50); do
  [ -n "$(ls -A out 2>/dev/null)" ] && break # the first article is out
  sleep 0.1
done
kill -INT "$pid"
sleep 0.2
printf 'Late\n\n"Too late," Ann Lee said.\n' >&3
exec 3>&-
rc=0
wait "$pid" || rc=$?
[ "$rc" = 1 ] || fail "interrupted convert exited $rc"
grep -q interrupted err.txt || fail "no interruption message: $(cat err.txt)"
leftover=$(ls -A out | grep -v -e '\.xml$' -e '\.jsonld$' -e '\.json$' -e '\.csv$' -e '\.jsonl$' || true)
[ -z "$leftover" ] || fail "left behind: $leftover"
[ ! -e out/bag.tar.gz ] || fail "a partial archive was left"
echo "archive_sigint: OK"
