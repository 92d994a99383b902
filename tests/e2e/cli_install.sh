#!/usr/bin/env bash
# make install's content: the CLI, the static and shared library,
# newsprism.h, newsprism.pc and the man page; a tiny program built with
# `pkg-config --cflags --libs newsprism` against the installed copy runs.
set -u
NP=${NEWSPRISM:?NEWSPRISM is not set}
: "${NP_BINARY_DIR:?NP_BINARY_DIR is not set}"
command -v pkg-config >/dev/null || { echo "SKIP: pkg-config is not installed"; exit 77; }
command -v cc >/dev/null || { echo "SKIP: no C compiler (cc)"; exit 77; }
tmp=$(mktemp -d "$NP_BINARY_DIR/cli_install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Staged like a package build: DESTDIR plus a prefix.
prefix=/opt/np
DESTDIR="$tmp/stage" cmake --install "$NP_BINARY_DIR" --prefix "$prefix" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
root="$tmp/stage$prefix"
for f in bin/newsprism include/newsprism.h share/man/man1/newsprism.1; do
  [ -f "$root/$f" ] || fail "not installed: $f"
done
pc=$(find "$root" -name newsprism.pc | head -1)
[ -n "$pc" ] || { echo "FAIL: newsprism.pc not installed"; exit 1; }
libdir=$(dirname "$(dirname "$pc")")
ls "$libdir"/libnewsprism.a >/dev/null 2>&1 || fail "static library not installed in $libdir"
ls "$libdir"/libnewsprism.so.* >/dev/null 2>&1 || fail "shared library not installed in $libdir"
[ -L "$libdir/libnewsprism.so" ] || fail "no libnewsprism.so development link"
if command -v man >/dev/null; then
  man -l "$root/share/man/man1/newsprism.1" 2>/dev/null | grep -q 'newsprism stream' ||
    fail "the man page does not render or lacks stream"
fi
"$root/bin/newsprism" --version | grep -q '^newsprism ' || fail "installed CLI --version"

export PKG_CONFIG_PATH="$(dirname "$pc")"
# A sanitizer build (make test-asan) installs an instrumented library: its
# users must link the sanitizer runtimes too.
san=()
grep -q '^NP_SANITIZE:BOOL=ON' "$NP_BINARY_DIR/CMakeCache.txt" 2>/dev/null &&
  san=(-fsanitize=address,undefined)
pkg-config --exists newsprism || fail "pkg-config does not find newsprism"
[ "$(pkg-config --modversion newsprism)" = "$("$NP" --version | cut -d' ' -f2)" ] ||
  fail "pkg-config version $(pkg-config --modversion newsprism) != CLI"

cat >"$tmp/tiny.c" <<'C'
#include <newsprism.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	static const char story[] =
		"Council approves new park\n\n"
		"The council approved a new park on Friday.\n\n"
		"\"Children need room to play,\" said councillor Maya Chen.\n";
	np_options opts = NP_OPTIONS_INIT;
	np_ctx *ctx = np_ctx_new();
	np_record *rec = NULL;
	if (np_process_buffer(&rec, "park", "park.txt", story, strlen(story), &opts,
	                      ctx) < 0) {
		fprintf(stderr, "tiny: %s\n", np_ctx_error(ctx));
		return 1;
	}
	size_t nq, np_;
	np_record_quotes(rec, &nq);
	np_record_paragraphs(rec, &np_);
	printf("id=%s paragraphs=%zu quotes=%zu formats=%s\n",
	       np_record_meta(rec)->id, np_, nq, np_format_names());
	np_record_free(rec);
	np_ctx_free(ctx);
	return 0;
}
C
# Shared: what `pkg-config --cflags --libs` gives.
if cc -std=c11 -Wall -Wextra -Werror "${san[@]}" -o "$tmp/tiny" "$tmp/tiny.c" \
     $(pkg-config --cflags --libs newsprism) 2>"$tmp/cc.log"; then
  out=$(LD_LIBRARY_PATH="$libdir" "$tmp/tiny") || fail "tiny (shared) failed: $out"
  echo "$out" | grep -q '^id=park paragraphs=[1-9]' || fail "tiny (shared) printed: $out"
  LD_LIBRARY_PATH="$libdir" ldd "$tmp/tiny" | grep -q "$libdir/libnewsprism.so" ||
    fail "tiny is not linked to the installed shared library"
else
  fail "tiny does not build with pkg-config --cflags --libs: $(cat "$tmp/cc.log")"
fi
# Static: the archive, plus the dependencies the .pc file names (linked as
# shared libraries: their own static archives are not always installed).
deps=$(pkg-config --print-requires-private newsprism | awk '{print $1}')
private=$(pkg-config --static --libs-only-other --libs-only-l newsprism |
  tr ' ' '\n' | grep -v -e '^-lnewsprism$' | grep -Fx -e -lcsv -e -lm -e -pthread | tr '\n' ' ')
if cc -std=c11 "${san[@]}" -o "$tmp/tiny-static" "$tmp/tiny.c" $(pkg-config --cflags newsprism) \
     "$libdir/libnewsprism.a" $(pkg-config --libs $deps) $private 2>"$tmp/cc2.log"; then
  out=$("$tmp/tiny-static") || fail "tiny (static) failed: $out"
  echo "$out" | grep -q '^id=park ' || fail "tiny (static) printed: $out"
else
  fail "tiny does not link statically: $(cat "$tmp/cc2.log")"
fi

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "cli_install: installed, pkg-config found it, the tiny program ran (shared and static)"
