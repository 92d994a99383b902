#!/usr/bin/env bash
# install-deps.sh [build|test|fuzz] - install the Debian packages newsprism needs,
# and only those that are missing.  Uses sudo when not root; stops with a
# clear message when neither works.
set -euo pipefail
profile=${1:-build}

build_pkgs=(gcc make cmake pkg-config libxml2-dev libjansson-dev libarchive-dev
  libutf8proc-dev libcsv-dev check libsubunit-dev)
# What the test suite's independent checkers need: xmllint, a JSON-LD
# processor (node + npm), a JSON Schema validator, a real spreadsheet,
# archive tools, GNU parallel and valgrind.
test_pkgs=(libxml2-utils python3 python3-jsonschema nodejs zstd xz-utils unzip
  parallel valgrind libreoffice-calc-nogui)

# The fuzzers (make fuzz): clang with libFuzzer and the sanitizer runtimes.
fuzz_pkgs=(clang libclang-rt-14-dev python3)

pkgs=("${build_pkgs[@]}")
[ "$profile" = test ] && pkgs+=("${test_pkgs[@]}")
[ "$profile" = fuzz ] && pkgs+=("${fuzz_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
# npm: Debian's nodejs image may carry npm without the package; use it then.
if [ "$profile" = test ] && ! command -v npm >/dev/null 2>&1 &&
   [ ! -f /usr/lib/node_modules/npm/bin/npm-cli.js ]; then
  missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo)
else
  echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
  echo "install-deps: run as root, or install them with: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
