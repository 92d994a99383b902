#!/usr/bin/env bash
# bench/run.sh - throughput and memory of newsprism, with reference points.
#
#   bench/run.sh NEWSPRISM [OUT.md]
#
# Corpus: ../shared/corpus/bbc (BENCH_CORPUS), and 10x and 100x copies of it
# made at run time under a scratch folder (hard links when the file system
# allows: the same bytes, no extra disk; never committed).  For each size
# and for -j 1 and -j 2 it times:
#   extract  (newsprism extract: the quote table only)
#   newsml, csv, jsonld  (each format alone)
#   all      (newsml,csv,jsonld)
#   all+gz, all+zst  (all, plus a BagIt archive)
# and, side by side over the same bytes: cat (the I/O floor), gzip -6, and
# the compromise NLP library's quotations (bench/compromise-quotes.mjs) when
# node and compromise can be installed.
#
# Environment:
#   BENCH_SCALES   sizes to run (default "1 10 100")
#   BENCH_JOBS     -j values (default "1 2")
#   BENCH_CONFIGS  runs at 1x and 10x (default: extract newsml csv jsonld all
#                  all+gz all+zst)
#   BENCH_CONFIGS100  runs at 100x (default: extract all all+zst; the
#                  linearity and memory checks, the archive's included)
#   BENCH_FULL100  1 = BENCH_CONFIGS at 100x too
#   BENCH_PEER     0 = skip compromise (default 1; it runs on 1x only: it is
#                  ~100x slower than newsprism)
#   BENCH_TMP      scratch folder (default: a fresh one under /tmp)
#   BENCH_OUT      where the converted files go (default: BENCH_TMP/out; put
#                  it on tmpfs, e.g. /dev/shm/np-out, to take the file
#                  system's cost of creating files out of the measure)
# Warm cache: every run reads files the previous ones just read.
set -u
NP=${1:?usage: bench/run.sh NEWSPRISM [OUT.md]}
NP=$(cd "$(dirname "$NP")" && pwd)/$(basename "$NP")
OUT=${2:-/dev/stdout}
here=$(cd "$(dirname "$0")" && pwd)
CORPUS=$(realpath "${BENCH_CORPUS:-$here/../../shared/corpus/bbc}" 2>/dev/null || echo /nonexistent)
SCALES=${BENCH_SCALES:-1 10 100}
JOBS=${BENCH_JOBS:-1 2}
TIME=/usr/bin/time
[ -d "$CORPUS" ] || { echo "bench: no corpus at $CORPUS (set BENCH_CORPUS)" >&2; exit 1; }
[ -x "$TIME" ] || { echo "bench: $TIME is missing (apt-get install time)" >&2; exit 1; }
scratch=${BENCH_TMP:-$(mktemp -d /tmp/newsprism-bench.XXXXXX)}
mkdir -p "$scratch"
OUTDIR=${BENCH_OUT:-$scratch/out}
trap 'rm -rf "$scratch/in" "$OUTDIR" "$OUTDIR."*' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}

# ---- inputs ----------------------------------------------------------------
make_copies() { # make_copies N -> prints the folder
  local n=$1 dir="$scratch/in/x$1"
  if [ "$n" -eq 1 ]; then echo "$CORPUS"; return; fi
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    for i in $(seq -w 1 "$n"); do
      cp -al "$CORPUS" "$dir/copy$i" 2>/dev/null || cp -a "$CORPUS" "$dir/copy$i"
    done
  fi
  echo "$dir"
}
count_files() { find "$1" -type f ! -name '.*' | wc -l; }
count_bytes() { find "$1" -type f ! -name '.*' -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }

# ---- one timed run -----------------------------------------------------------
# measure SCALE LABEL JOBS ARTICLES BYTES CMD... : appends a table row
measure() {
  local scale=$1 label=$2 jobs=$3 n=$4 bytes=$5; shift 5
  rm -rf "$OUTDIR" "$OUTDIR."*
  local t0 t1 secs rss
  t0=$(date +%s%N)
  "$TIME" -f '%M %U %S' -o "$scratch/time" "$@" >/dev/null 2>"$scratch/err"
  local rc=$?
  # newsprism exits 1 when some articles failed: still a run, noted as such.
  local nfail
  nfail=$(grep -c '^newsprism: failed:' "$scratch/err")
  if [ "$rc" -eq 1 ] && [ "$nfail" -gt 0 ] && [ "$nfail" -lt "$n" ]; then
    label="$label ($nfail failed)"
  elif [ "$rc" -ne 0 ]; then
    echo "bench: $label ${scale}x -j $jobs failed: $(tail -2 "$scratch/err")" >&2
    echo "| ${scale}x | $label | $jobs | failed: $(tail -1 "$scratch/err" | tr '|' '/' | cut -c1-80) | | | | | |" >>"$scratch/rows"
    return
  fi
  t1=$(date +%s%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  local usr sys
  read -r rss usr sys < <(tail -1 "$scratch/time")
  # Wall clock, and CPU time (user + system): on a shared machine the wall
  # clock also counts the time other jobs held the cores.
  awk -v s="$scale" -v l="$label" -v j="$jobs" -v n="$n" -v b="$bytes" \
      -v t="$secs" -v r="$rss" -v u="$usr" -v k="$sys" 'BEGIN {
    if (t <= 0) t = 0.001
    c = u + k; if (c <= 0) c = 0.01
    printf "| %sx | %s | %s | %.3f | %.0f | %.1f | %.2f | %.1f | %.1f |\n", s, l, j, t, n / t, b / 1e6 / t, c, b / 1e6 / c, r / 1024
  }' >>"$scratch/rows"
  tail -1 "$scratch/rows" >&2
}

# ---- the peer ----------------------------------------------------------------
npm_cmd() { # a working npm: on PATH, Debian's, or corepack's
  if command -v npm >/dev/null 2>&1 && npm --version >/dev/null 2>&1; then echo npm; return; fi
  if node /usr/lib/node_modules/npm/bin/npm-cli.js --version >/dev/null 2>&1; then
    echo "node /usr/lib/node_modules/npm/bin/npm-cli.js"; return; fi
  if command -v corepack >/dev/null 2>&1; then
    echo "env COREPACK_HOME=$scratch/corepack COREPACK_INTEGRITY_KEYS=0 COREPACK_ENABLE_DOWNLOAD_PROMPT=0 corepack npm@10.8.2"
    return; fi
  return 1
}
PEER_MODULES=${BENCH_NODE_MODULES:-}
setup_peer() {
  [ "${BENCH_PEER:-1}" = 1 ] || return 1
  command -v node >/dev/null 2>&1 || { echo "bench: node absent: no peer" >&2; return 1; }
  if [ -z "$PEER_MODULES" ]; then
    local dir=${BENCH_NODE_DIR:-$scratch/node}
    mkdir -p "$dir"
    if [ ! -d "$dir/node_modules/compromise" ]; then
      local npm; npm=$(npm_cmd) || { echo "bench: no npm: no peer" >&2; return 1; }
      (cd "$dir" && $npm install --no-audit --no-fund --silent compromise@14.17.0 >/dev/null 2>&1) ||
        { echo "bench: cannot install compromise: no peer" >&2; return 1; }
    fi
    PEER_MODULES=$dir/node_modules
  fi
  return 0
}

# ---- the matrix ----------------------------------------------------------------
: >"$scratch/rows"
have_peer=0
setup_peer && have_peer=1
for scale in $SCALES; do
  in=$(make_copies "$scale")
  n=$(count_files "$in")
  bytes=$(count_bytes "$in")
  echo "bench: ${scale}x: $n articles, $bytes bytes" >&2
  measure "$scale" "cat (I/O floor)" 1 "$n" "$bytes" \
    sh -c 'find "$1" -type f ! -name ".*" -print0 | sort -z | xargs -0 cat' sh "$in"
  measure "$scale" "gzip -6" 1 "$n" "$bytes" \
    sh -c 'find "$1" -type f ! -name ".*" -print0 | sort -z | xargs -0 cat | gzip -6' sh "$in"
  if [ "$have_peer" = 1 ] && [ "$scale" = "${BENCH_PEER_SCALE:-1}" ]; then
    measure "$scale" "peer: compromise quotations" 1 "$n" "$bytes" \
      env COMPROMISE_MODULES="$PEER_MODULES" node "$here/compromise-quotes.mjs" "$in"
  fi
  configs=${BENCH_CONFIGS:-extract newsml csv jsonld all all+gz all+zst}
  if [ "$scale" -ge 100 ] && [ "${BENCH_FULL100:-0}" != 1 ]; then
    configs=${BENCH_CONFIGS100:-extract all all+zst}
  fi
  for j in $JOBS; do
    for cfg in $configs; do
      case $cfg in
        extract) measure "$scale" "extract (quotes CSV)" "$j" "$n" "$bytes" \
                   "$NP" extract -q -j "$j" "$in" ;;
        all) measure "$scale" "all three formats" "$j" "$n" "$bytes" \
               "$NP" convert -q -j "$j" -f newsml,csv,jsonld -o "$OUTDIR" "$in" ;;
        all+gz) measure "$scale" "all + tar.gz" "$j" "$n" "$bytes" \
                  "$NP" convert -q -j "$j" -f newsml,csv,jsonld -o "$OUTDIR" \
                  --archive "$OUTDIR.tar.gz" "$in" ;;
        all+zst) measure "$scale" "all + tar.zst" "$j" "$n" "$bytes" \
                   "$NP" convert -q -j "$j" -f newsml,csv,jsonld -o "$OUTDIR" \
                   --archive "$OUTDIR.tar.zst" "$in" ;;
        *) measure "$scale" "$cfg only" "$j" "$n" "$bytes" \
             "$NP" convert -q -j "$j" -f "$cfg" -o "$OUTDIR" "$in" ;;
      esac
    done
  done
done

# ---- the report ------------------------------------------------------------------
{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) by bench/run.sh"
  echo "($(basename "$NP") $("$NP" --version 2>/dev/null | cut -d' ' -f2)," \
       "commit $(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo unknown))."
  echo
  echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) online cores" \
       "(shared with other jobs), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM," \
       "$(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-Linux}"), kernel $(uname -r)," \
       "output on $(df -T "$(dirname "$OUTDIR")" | awk 'NR==2 {print $2}'), warm page cache," \
       "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| corpus | run | -j | wall s | articles/s | MB/s | CPU s | MB/CPU-s | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$scratch/rows"
} >"$OUT"
