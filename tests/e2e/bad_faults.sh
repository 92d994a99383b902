#!/usr/bin/env bash
# bad_faults.sh - a full disk (a small tmpfs when this machine lets us mount
# one, and /dev/full for stdout), an unwritable output folder, and SIGINT /
# SIGTERM in the middle of a batch.  In every case: no half-written file
# (every output file parses), no temporary file left, a message saying what
# failed, and a rerun completes the batch.
. "$NP_SOURCE_DIR/tests/robust/lib.sh"

i=$T/in
mkdir -p "$i/batch"
for n in $(seq -w 1 40); do
	python3 -c '
import sys
n = sys.argv[1]
sys.stdout.write("Ferry story %s\n\n" % n + "".join(
    "The council met for the %dth time. \u201cWe met again,\u201d Mayor Joan Pike said.\n\n" % k
    for k in range(60)))' "$n" >"$i/batch/story-$n.txt"
done

# ---- /dev/full as stdout (extract writes the quote table there) ----------
if printf '%s' "$FORMATS" | grep -qw csv && [ -w /dev/full ]; then
	timeout 60 "$NEWSPRISM" extract -- "$i/batch/story-01.txt" >/dev/full 2>"$T/full.err"
	rc=$?
	[ $rc -eq 1 ] && grep -qi 'no space' "$T/full.err" &&
		pass "dev-full: extract to /dev/full fails with '$(grep -i 'no space' "$T/full.err" | head -1)'" ||
		fail "dev-full: exit $rc: $(head -3 "$T/full.err")"
else
	echo "note: /dev/full check needs the csv exporter (extract) and /dev/full"
fi

# ---- a full disk: a 200 KiB tmpfs ----------------------------------------
mnt=$T/small
mkdir -p "$mnt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=200k,nr_inodes=200 tmpfs "$mnt" 2>/dev/null; then
	trap 'umount "$mnt" 2>/dev/null; cleanup' EXIT
	run full-disk 120 convert -f "$FORMATS" -o "$mnt/out" -- "$i/batch"
	if [ $rc -eq 1 ] && grep -qi 'no space\|quota\|too many' "$err"; then
		pass "full-disk: exit 1: $(grep -i 'no space' "$err" | head -1)"
	else
		fail "full-disk: exit $rc: $(head -3 "$err")"
	fi
	check_tree "$mnt/out" && pass "full-disk: what was written is whole, no temporary left"
	# the run must say how far it got
	grep -qE '[0-9]+ (articles|failed)' "$err" && pass "full-disk: the summary says what was done" ||
		fail "full-disk: no summary of what was finished"
	umount "$mnt"
	trap cleanup EXIT
else
	echo "note: cannot mount a tmpfs here (not root or no CAP_SYS_ADMIN): full disk checked with /dev/full only"
fi

# ---- an unwritable output folder -----------------------------------------
targets=()
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T/ro"
	chmod 555 "$T/ro"
	targets+=("$T/ro/out" "$T/ro")
else
	mkdir -p "$T/ro"
	if mount -t tmpfs -o ro,size=64k tmpfs "$T/ro" 2>/dev/null; then
		trap 'umount "$T/ro" 2>/dev/null; cleanup' EXIT
		targets+=("$T/ro" "$T/ro/out")
	fi
	# places no one can write, root included
	targets+=(/proc/np-robust-out /dev/null/out)
fi
for tgt in "${targets[@]}"; do
	run unwritable 60 convert -f "$FORMATS" -o "$tgt" -- "$i/batch/story-01.txt"
	[ $rc -eq 1 ] && grep -qF -- "$tgt" "$err" &&
		pass "unwritable $tgt: exit 1: $(head -1 "$err")" ||
		fail "unwritable $tgt: exit $rc: $(head -3 "$err")"
done
mountpoint -q "$T/ro" 2>/dev/null && umount "$T/ro"
trap cleanup EXIT

# ---- SIGINT and SIGTERM in the middle of a batch -------------------------
# 200 articles take a few seconds; the signal comes after the first outputs
# appear.  Then: exit non-zero, a message, no half-written or temporary file,
# and a rerun completes the batch.
big=$T/bigbatch
mkdir -p "$big"
for n in $(seq -w 1 200); do cp "$i/batch/story-$(printf '%02d' $(( (10#$n % 40) + 1 ))).txt" "$big/a$n.txt"; done
for sig in INT TERM; do
	o=$T/out-$sig
	timeout -k 10 120 "$NEWSPRISM" convert -j 1 -f "$FORMATS" -o "$o" -- "$big" \
		>"$T/$sig.out" 2>"$T/$sig.err" &
	pid=$!
	for _ in $(seq 1 400); do
		[ -n "$(find "$o" -type f 2>/dev/null | head -1)" ] && break
		sleep 0.05
	done
	kill -s "$sig" "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	done_files=$(find "$o" -type f 2>/dev/null | wc -l)
	if [ $rc -eq 0 ]; then
		echo "note: SIG$sig came after the batch finished ($done_files files); not a mid-batch test"
		fail "SIG$sig: the batch was too quick to interrupt"
	elif [ $rc -gt 128 ] && [ $rc -ne 130 ] && [ $rc -ne 143 ]; then
		fail "SIG$sig: died with status $rc"
	else
		pass "SIG$sig: stopped with exit $rc after $done_files files"
	fi
	grep -qi 'interrupt' "$T/$sig.err" && pass "SIG$sig: says it was interrupted: $(grep -i interrupt "$T/$sig.err" | head -1)" ||
		fail "SIG$sig: no message about the interruption"
	check_tree "$o" && pass "SIG$sig: no half-written or temporary file"
	run rerun-$sig 300 convert -f "$FORMATS" -o "$o" -- "$big"
	[ $rc -eq 0 ] && pass "SIG$sig: the rerun completes the batch" ||
		fail "SIG$sig: the rerun gave exit $rc"
	for n in 001 100 200; do
		has_article "$o" "a$n" || fail "SIG$sig: a$n missing after the rerun"
	done
	check_tree "$o" && pass "SIG$sig: rerun outputs well-formed"
done

finish
