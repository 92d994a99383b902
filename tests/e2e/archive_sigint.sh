#!/usr/bin/env bash
# archive_sigint.sh - SIGINT during `convert --archive` leaves no archive
# and no temporary file; so does a kill in the middle of writing it.  The
# run is held open on stdin (a FIFO) so that the signal surely lands mid-run.
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
# The interrupted run may already be gone and the FIFO without a reader:
# the late write must then fail with EPIPE, not kill this script.
trap '' PIPE
printf 'Late\n\n"Too late," Ann Lee said.\n' >&3 2>/dev/null || true
exec 3>&-
rc=0
wait "$pid" || rc=$?
[ "$rc" = 1 ] || fail "interrupted convert exited $rc"
grep -q interrupted err.txt || fail "no interruption message: $(cat err.txt)"
leftover=$(ls -A out | grep -v -e '\.xml$' -e '\.jsonld$' -e '\.json$' -e '\.csv$' -e '\.jsonl$' || true)
[ -z "$leftover" ] || fail "left behind: $leftover"
[ ! -e out/bag.tar.gz ] || fail "a partial archive was left"


# Killed outright halfway through writing the archive (SIGXFSZ from a file
# size limit between the payload's size and the archive's): still nothing.
formats=$(working_formats)
if [ -n "$formats" ]; then
  mkdir many
  for i in $(seq -w 1 40); do cp "$NP_SOURCE_DIR/examples/sample-article.txt" "many/story$i.txt"; done
  "$NEWSPRISM" convert -q -f "$formats" -o out0 --archive out0/b.tar many
  payload=$(tar -xOf out0/b.tar --wildcards '*/bag-info.txt' | sed -n 's/^Payload-Oxum: \([0-9]*\)\..*/\1/p')
  total=$(stat -c %s out0/b.tar)
  [ "$total" -gt $((payload + 8192)) ] || fail "archive $total not larger than payload $payload"
  limit=$(( (payload + total) / 2 / 1024 ))
  mkdir out3
  rc=0
  ( ulimit -f "$limit"; exec "$NEWSPRISM" convert -q -f "$formats" -o out3 --archive out3/b.tar many ) \
    2> /dev/null || rc=$?
  [ "$rc" != 0 ] || fail "convert under a $limit KiB file limit succeeded"
  leftover=$(ls -A out3 | grep -v -e '\.xml$' -e '\.jsonld$' -e '\.json$' -e '\.csv$' -e '\.jsonl$' || true)
  [ -z "$leftover" ] || fail "killed mid-write, left behind: $leftover"
  echo "archive_sigint: killed mid-write (status $rc) left nothing"
fi
echo "archive_sigint: OK"
