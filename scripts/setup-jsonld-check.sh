#!/usr/bin/env bash
# setup-jsonld-check.sh [DIR] - install jsonld.js for ../shared/tools/jsonld-check.mjs
# into a scratch folder (shared is read-only in CI).
#
# Copies the tool's package.json and package-lock.json to DIR (default
# $NP_TOOLS_DIR, else build/tools) and runs `npm ci` there, offline-first.
# Prints the node_modules folder to pass as JSONLD_MODULES on success.  Does
# nothing when the locked jsonld is already installed.  Exit 77 when node,
# npm or the tool is absent (the tests then report themselves skipped).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${NP_SHARED:-$here/../shared}
dir=${1:-${NP_TOOLS_DIR:-$here/build/tools}}
tools=$shared/tools

if [ ! -f "$tools/package.json" ] || [ ! -f "$tools/package-lock.json" ]; then
  echo "setup-jsonld-check: $tools/package.json or package-lock.json not found" >&2
  exit 77
fi
if ! command -v node >/dev/null 2>&1; then
  echo "setup-jsonld-check: node not found (apt-get install nodejs)" >&2
  exit 77
fi
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
# One install at a time: parallel CTest runs share the folder.
exec 9>"$dir/.install.lock"
flock 9
# Up to date: same lock file as the tool's and jsonld installed.
if cmp -s "$tools/package-lock.json" "$dir/package-lock.json" &&
   [ -f "$dir/node_modules/jsonld/package.json" ]; then
  echo "$dir/node_modules"
  exit 0
fi
# npm: the first that works of: npm on PATH; the copy Debian's nodejs image
# carries without the npm package; npm through corepack (Node's own package
# manager launcher, which fetches npm from the npm registry).  Each is tried,
# not just found: a half-upgraded global npm exists but cannot run.
npm=()
if command -v npm >/dev/null 2>&1 && npm --version >/dev/null 2>&1; then
  npm=(npm)
elif [ -f /usr/lib/node_modules/npm/bin/npm-cli.js ] &&
     node /usr/lib/node_modules/npm/bin/npm-cli.js --version >/dev/null 2>&1; then
  npm=(node /usr/lib/node_modules/npm/bin/npm-cli.js)
elif command -v corepack >/dev/null 2>&1; then
  export COREPACK_HOME="$dir/.corepack" COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  if corepack npm@10.8.2 --version >/dev/null 2>&1; then
    npm=(corepack npm@10.8.2)
  elif COREPACK_INTEGRITY_KEYS=0 corepack npm@10.8.2 --version >/dev/null 2>&1; then
    # a registry mirror without signatures: the lock file's integrity
    # hashes still check every package npm ci installs
    export COREPACK_INTEGRITY_KEYS=0
    npm=(corepack npm@10.8.2)
  fi
fi
if [ ${#npm[@]} -eq 0 ]; then
  echo "setup-jsonld-check: no working npm (scripts/install-deps.sh test installs it)" >&2
  exit 77
fi

cp "$tools/package.json" "$tools/package-lock.json" "$dir/"
if ! (cd "$dir" && "${npm[@]}" ci --no-audit --no-fund --prefer-offline \
        --loglevel=error >&2); then
  echo "setup-jsonld-check: npm ci failed in $dir" >&2
  exit 1
fi
echo "$dir/node_modules"
