#!/usr/bin/env bash
# bad_paths.sh - awkward file names (spaces, a newline, non-UTF-8 bytes, a
# leading '-'), a folder symlink loop, a missing input, an unreadable file
# and a folder where a file is expected.  Names become safe ids; each
# failure names its file and its reason, with exit 1, and the other inputs
# still convert.
. "$NP_SOURCE_DIR/tests/robust/lib.sh"

i=$T/in
mkdir -p "$i/names"
good_article "$i/names/with space.txt" S
good_article "$i/names/new"$'\n'"line.txt" N
good_article "$i/names/latin"$'\xe9\xff'".txt" L
good_article "$i/names/-dash.txt" D
good_article "$i/names/;\$(touch pwned).txt" X
run names 60 convert -f "$FORMATS" -o "$T/out-names" -- "$i/names"
[ $rc -eq 0 ] && pass "names: a folder of awkward names converts" ||
	fail "names: exit $rc: $(head -3 "$err")"
check_tree "$T/out-names" && pass "names: outputs well-formed"
[ -e pwned ] || [ -e "$T/pwned" ] && fail "names: a file name ran as a command"
# every output name is made of safe characters only
bad=$(cd "$T/out-names" 2>/dev/null && find . -type f | LC_ALL=C grep -v '^[A-Za-z0-9._/-]*$')
[ -z "$bad" ] && pass "names: every output name is safe" ||
	fail "names: unsafe output names: $bad"
n_ids=$(cd "$T/out-names" 2>/dev/null && find . -type f ! -name '*.csv' | sed 's/\.[^/]*$//; s/\.[^/]*$//' | sort -u | wc -l)
per=$(printf '%s' "$FORMATS" | tr , '\n' | grep -vc '^csv$')
if [ "$per" -gt 0 ]; then
	[ "$n_ids" -ge 5 ] && pass "names: five articles, five distinct ids" ||
		fail "names: $n_ids distinct ids for five articles (collision?)"
fi
# a leading '-' given directly: after --, and as ./-dash
cp "$i/names/-dash.txt" "$T/-lead.txt"
pushd "$T" >/dev/null
run lead-dash 60 convert -f "$FORMATS" -o out-dash -- -lead.txt
run lead-dot 60 convert -f "$FORMATS" -o out-dash2 ./-lead.txt
[ $rc -eq 0 ] && pass "names: ./-lead.txt converts" || fail "names: ./-lead.txt failed"
popd >/dev/null
if [ -d "$T/out-dash" ] && [ -z "$(find "$T/out-dash" -name '-*')" ] &&
   find "$T/out-dash" -type f | grep -q .; then
	pass "names: '-- -lead.txt' converts to a name without a leading '-'"
else
	fail "names: '-- -lead.txt' did not convert to a safe name"
fi

# A folder symlink loop: reported, no hang, the real files still convert.
mkdir -p "$i/loop/a/b"
good_article "$i/loop/a/one.txt" 1
good_article "$i/loop/a/b/two.txt" 2
ln -s .. "$i/loop/a/b/up"
ln -s "$i/loop" "$i/loop/a/self"
run symlink-loop 60 convert -f "$FORMATS" -o "$T/out-loop" -- "$i/loop"
[ $rc -le 1 ] && grep -qi 'loop' "$err" && pass "loop: reported ($(grep -ci loop "$err") lines)" ||
	fail "loop: exit $rc, no message about the loop: $(head -3 "$err")"
has_article "$T/out-loop" a/one && has_article "$T/out-loop" a/b/two &&
	pass "loop: the real files converted" || fail "loop: the real files were not converted"
check_tree "$T/out-loop" && pass "loop: outputs well-formed"

# A missing input among good ones.
good_article "$i/ok1.txt" 1
good_article "$i/ok2.txt" 2
run missing 60 convert -f "$FORMATS" -o "$T/out-missing" -- "$i/ok1.txt" \
	"$i/no-such-file.txt" "$i/ok2.txt"
[ $rc -eq 1 ] && grep -F -- "$i/no-such-file.txt" "$err" | grep -qi 'no such file' &&
	pass "missing: exit 1 naming the file and the reason" ||
	fail "missing: exit $rc: $(head -3 "$err")"
has_article "$T/out-missing" ok1 && has_article "$T/out-missing" ok2 &&
	pass "missing: the others converted" || fail "missing: the others were not converted"

# An unreadable file.  chmod 000 stops nobody as root, so as root use a file
# that fails to read even for root: /proc/self/mem (open succeeds, read()
# at offset 0 fails with EIO).
unreadable=()
if [ "$(id -u)" -ne 0 ]; then
	good_article "$i/locked.txt"
	chmod 000 "$i/locked.txt"
	unreadable+=("$i/locked.txt")
else
	echo "note: running as root: chmod 000 cannot make a file unreadable; using /proc/self/mem"
fi
[ -r /proc/self/mem ] && unreadable+=(/proc/self/mem)
for u in "${unreadable[@]}"; do
	run unreadable 60 convert -f "$FORMATS" -o "$T/out-unread" -- "$i/ok1.txt" "$u" "$i/ok2.txt"
	[ $rc -eq 1 ] && grep -F -- "$u" "$err" | grep -qiE 'cannot|denied|error' &&
		pass "unreadable $u: exit 1 naming it: $(grep -F -- "$u" "$err" | head -1)" ||
		fail "unreadable $u: exit $rc: $(head -3 "$err")"
	has_article "$T/out-unread" ok1 && has_article "$T/out-unread" ok2 &&
		pass "unreadable $u: the others converted" ||
		fail "unreadable $u: the others were not converted"
done
[ ${#unreadable[@]} -gt 0 ] || fail "unreadable: no way to make an unreadable file here"

# A folder where a file is expected: as the output folder's place (a file
# is there), as the --archive target, and at an output file's own name.
: >"$T/plainfile"
run outdir-is-file 30 convert -f "$FORMATS" -o "$T/plainfile" -- "$i/ok1.txt"
[ $rc -eq 1 ] || [ $rc -eq 2 ] && grep -qF -- "$T/plainfile" "$err" &&
	pass "dir-expected: -o FILE refused, naming it" ||
	fail "dir-expected: -o FILE gave exit $rc: $(head -3 "$err")"
mkdir -p "$T/archdir"
run archive-is-dir 30 convert -f "$FORMATS" -o "$T/out-ad" --archive "$T/archdir" -- "$i/ok1.txt"
[ $rc -ge 1 ] && [ $rc -le 2 ] && grep -qF -- "$T/archdir" "$err" &&
	pass "file-expected: --archive FOLDER refused, naming it" ||
	fail "file-expected: --archive FOLDER gave exit $rc: $(head -3 "$err")"
first=$(printf '%s' "$FORMATS" | tr , '\n' | grep -v '^csv$' | head -1)
if [ -n "$first" ]; then
	# find the name that format gives ok1, then put a folder there
	run probe 30 convert -f "$first" -o "$T/out-probe" -- "$i/ok1.txt"
	target=$(cd "$T/out-probe" && find . -type f -name 'ok1.*' | head -1)
	mkdir -p "$T/out-clash/$target/inside"
	run file-is-dir 30 convert -f "$first" -o "$T/out-clash" -- "$i/ok1.txt" "$i/ok2.txt"
	[ $rc -eq 1 ] && grep -q "${target#./}" "$err" &&
		pass "file-expected: a folder at ${target#./} fails that article, naming it" ||
		fail "file-expected: a folder at the output name gave exit $rc: $(head -3 "$err")"
	has_article "$T/out-clash" ok2 && pass "file-expected: the next article still converted" ||
		fail "file-expected: the next article was not converted"
	[ -d "$T/out-clash/$target/inside" ] && pass "file-expected: the folder was left alone" ||
		fail "file-expected: the folder in the way was removed"
fi
# A folder given where the input must be a file: stdin from a folder.
run stdin-dir 30 convert -f "$FORMATS" -o "$T/out-sd" - <"$T"
[ $rc -eq 1 ] && grep -qiE 'folder|directory' "$err" &&
	pass "file-expected: stdin is a folder: refused" ||
	fail "file-expected: stdin from a folder gave exit $rc: $(head -3 "$err")"

finish
