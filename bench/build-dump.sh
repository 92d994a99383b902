#!/bin/sh
# Build bench/quote-dump against the static library in BUILD (default build).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
cc -O2 -std=c11 -Wall -Wextra -I"$here/include" "$here/bench/quote-dump.c" \
	"$build/libnewsprism.a" $(pkg-config --libs libxml-2.0 jansson libarchive libutf8proc) \
	-lcsv -lpthread -lm -o "$build/quote-dump"
