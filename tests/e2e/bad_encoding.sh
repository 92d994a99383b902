#!/usr/bin/env bash
# bad_encoding.sh - empty and blank files, binary data, NUL bytes, every kind
# of invalid UTF-8, UTF-16 with and without a BOM, C0 and C1 controls: each
# is refused with an error naming the file or converted with a warning, the
# inputs beside it still convert, and every output is well-formed.
. "$NP_SOURCE_DIR/tests/robust/lib.sh"

i=$T/in
mkdir -p "$i"
body='The ferry runs again.\n\n“It is back,” Mayor Joan Pike said.\n'

: >"$i/empty.txt"
expect_handled empty "$i/empty.txt"
printf ' \t \n\n   \r\n\t\n' >"$i/blank.txt"
expect_handled whitespace-only "$i/blank.txt"

# binary: a fixed pseudo-random 64 KiB (the same bytes on every run)
python3 -c '
import random, sys
r = random.Random(10)
sys.stdout.buffer.write(bytes(r.getrandbits(8) for _ in range(65536)))' >"$i/binary.txt"
expect_handled binary "$i/binary.txt"
head -c 4096 /bin/sh >"$i/elf.txt"
expect_handled elf-binary "$i/elf.txt"

printf "Ferry back\n\nThe ferry\0runs \0\0again.\n\n\"It is\0 back,\" Pike said.\n" >"$i/nul.txt"
expect_handled nul-bytes "$i/nul.txt"

# Invalid UTF-8, one kind per file, inside otherwise valid UTF-8 text.
declare -A bad_utf8=(
	[overlong-2]='\xc0\xaf' [overlong-3]='\xe0\x80\xaf' [overlong-4]='\xf0\x80\x80\xaf'
	[overlong-nul]='\xc0\x80' [surrogate-high]='\xed\xa0\x80' [surrogate-low]='\xed\xbf\xbf'
	[surrogate-pair]='\xed\xa0\xbd\xed\xb8\x80' [truncated-2]='\xc3' [truncated-3]='\xe2\x82'
	[truncated-4]='\xf0\x9f\x98' [lone-continuation]='\x80\xbf' [above-f4]='\xf5\x80\x80\x80'
	[f4-above-max]='\xf4\x90\x80\x80' [ff-fe]='\xff\xfe\xfd' [five-byte]='\xf8\x88\x80\x80\x80'
)
for kind in "${!bad_utf8[@]}"; do
	f=$i/utf8-$kind.txt
	printf "Café headline ${bad_utf8[$kind]} here\n\nThe café ${bad_utf8[$kind]} opened.\n\n“It is ${bad_utf8[$kind]} good,” owner Ana Lima said.\n" >"$f"
	expect_handled "utf8-$kind" "$f"
	# the repaired text must be valid UTF-8 everywhere (checked by check_tree's
	# parsers, which decode UTF-8 strictly)
done
# truncated at the very end of the file
printf 'Café\n\nThe end \xe2\x80' >"$i/utf8-truncated-eof.txt"
expect_handled utf8-truncated-eof "$i/utf8-truncated-eof.txt"

# UTF-16 with a BOM must be decoded: the words come out readable.
for enc in utf-16-le utf-16-be; do
	py=${enc//-/_}; py=${py/utf_16_/utf-16-}
	python3 -c '
import sys
text = "Ferry returns to Port Ellery\n\nThe ferry runs again.\n\n\u201cIt is back,\u201d Mayor Joan Pike said.\n"
enc = sys.argv[1]
bom = b"\xff\xfe" if enc.endswith("le") else b"\xfe\xff"
sys.stdout.buffer.write(bom + text.encode(enc))' "$py" >"$i/bom-$enc.txt"
	expect_clean "bom-$enc" "$i/bom-$enc.txt"
	if grep -rqs 'Ellery' "$d/out"; then
		pass "bom-$enc: decoded (the words are readable in the output)"
	else
		fail "bom-$enc: the UTF-16 text did not come out readable"
	fi
done
# Without a BOM: decoded, or flagged - never passed on as NUL-riddled text.
for enc in utf-16-le utf-16-be; do
	python3 -c '
import sys
text = "Ferry returns\n\nThe ferry runs again, \u201cyes,\u201d she said.\n"
sys.stdout.buffer.write(text.encode(sys.argv[1]))' "$enc" >"$i/nobom-$enc.txt"
	expect_handled "nobom-$enc" "$i/nobom-$enc.txt"
done

# C0 controls (XML 1.0 cannot carry them) and C1 controls (U+0080-U+009F).
python3 -c '
import sys
c0 = "".join(chr(c) for c in range(32) if c not in (9, 10, 13))
c1 = "".join(chr(c) for c in range(0x80, 0xa0))
text = "Ferry " + c0 + " news\n\nThe ferry" + c0 + " runs.\n\n\u201cIt is" + c1 + " back,\u201d Pike said. Bell\x07 and C1 \x85 here.\n"
sys.stdout.buffer.write(text.encode("utf-8"))' >"$i/controls.txt"
expect_handled controls "$i/controls.txt"
if [ -d "$T/controls/out" ] && grep -rqsP '[\x01-\x08\x0b\x0c\x0e-\x1f]' "$T/controls/out"; then
	fail "controls: a C0 control character reached an output file"
else
	pass "controls: no C0 control in any output"
fi

finish
