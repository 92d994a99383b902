#!/usr/bin/env bash
# run.sh BUILD_DIR SECONDS [HARNESS...] - run each libFuzzer harness for
# SECONDS with its seed corpus.
#
# The working corpus of each harness lives in BUILD_DIR/fuzz-corpus/<name>
# (never committed): the seeds in tests/fuzz/seeds, samples of ../shared's
# corpora copied at run time when present, and for the archive reader small
# tar/tar.gz/zip files built here from the text seeds.  A crash, leak, hang
# (-timeout) or sanitizer report stops the harness and fails the run; the
# input that did it is kept in BUILD_DIR/fuzz-artifacts/<name>/.
#
# FUZZ_SEED=N and FUZZ_RUNS=N (both optional) make a run reproducible: the
# same mutations in the same order, at most N inputs, SECONDS still the upper
# bound.  CI uses them so that its verdict does not depend on luck; local
# exploration (make fuzz) leaves them unset.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh BUILD_DIR SECONDS [HARNESS...]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [HARNESS...]}
shift 2
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(text html header archive)
shared=${NP_SHARED:-$here/../../../shared}

# A few files from each corpus (sorted, so the sample is the same each run).
sample() { # DIR GLOB N DEST
	[ -d "$1" ] || return 0
	find "$1" -type f -name "$2" -size -64k 2>/dev/null | LC_ALL=C sort |
		head -n "$3" | while IFS= read -r f; do
			cp "$f" "$4/shared-$(printf '%s' "$f" | md5sum | cut -c1-12)"
		done
}

prepare() { # NAME -> corpus folder
	local name=$1 dir=$build/fuzz-corpus/$1
	mkdir -p "$dir" "$build/fuzz-artifacts/$name"
	case $name in
	text)
		cp "$here"/seeds/text/* "$dir"/
		cp "$here"/../../examples/*.txt "$dir"/ 2>/dev/null
		[ -f "$shared/seed/kerry-lavrov.txt" ] && cp "$shared/seed/kerry-lavrov.txt" "$dir"/
		sample "$shared/corpus/bbc" '*.txt' 6 "$dir"
		sample "$shared/corpus/onestopenglish" '*.txt' 3 "$dir"
		sample "$shared/corpus/polnear-dev" '*.txt' 3 "$dir"
		sample "$shared/corpus/wikinews-de" '*.txt' 3 "$dir" ;;
	html)
		cp "$here"/seeds/html/* "$dir"/
		sample "$shared/corpus/wikinews-fr" '*.html' 4 "$dir" ;;
	header)
		cp "$here"/seeds/header/* "$dir"/ ;;
	archive)
		cp "$here"/seeds/archive/* "$dir"/
		python3 - "$here/seeds/text" "$dir" <<'PY'
import io, os, sys, tarfile, zipfile
src, dst = sys.argv[1], sys.argv[2]
files = sorted(f for f in os.listdir(src) if os.path.getsize(os.path.join(src, f)) < 4096)[:4]
def add_tar(t, name, data):
    info = tarfile.TarInfo(name); info.size = len(data); info.mtime = 0
    t.addfile(info, io.BytesIO(data))
for mode, ext in (("w", "tar"), ("w:gz", "tar.gz"), ("w:xz", "tar.xz")):
    with tarfile.open(os.path.join(dst, "seed." + ext), mode, format=tarfile.PAX_FORMAT) as t:
        for f in files:
            add_tar(t, "bag/data/" + f, open(os.path.join(src, f), "rb").read())
        add_tar(t, "../evil.txt", b'"Up," he said.\n')
        d = tarfile.TarInfo("bag/sub"); d.type = tarfile.DIRTYPE; t.addfile(d)
        l = tarfile.TarInfo("bag/link"); l.type = tarfile.SYMTYPE; l.linkname = "/etc/passwd"; t.addfile(l)
with zipfile.ZipFile(os.path.join(dst, "seed.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for f in files:
        z.writestr("data/" + f, open(os.path.join(src, f), "rb").read())
    z.writestr("caf\u00e9/na\u00efve.txt", "\u201cOui,\u201d dit-il.\n")
PY
		;;
	esac
	printf '%s\n' "$dir"
}

status=0
for h in "${harnesses[@]}"; do
	bin=$build/tests/fuzz/fuzz_$h
	if [ ! -x "$bin" ]; then
		echo "fuzz: $bin not built (configure with -DNP_FUZZ=ON)" >&2
		exit 2
	fi
	corpus=$(prepare "$h")
	dict=()
	[ -f "$here/$h.dict" ] && dict=(-dict="$here/$h.dict")
	repro=()
	[ -n "${FUZZ_SEED:-}" ] && repro+=(-seed="$FUZZ_SEED")
	[ -n "${FUZZ_RUNS:-}" ] && repro+=(-runs="$FUZZ_RUNS")
	maxlen=65536
	[ "$h" = header ] && maxlen=8192
	echo "fuzz: $h for ${seconds}s ($(ls "$corpus" | wc -l) inputs in $corpus)"
	# -timeout: one input taking >10 s is a hang (also catches quadratic
	# blow-ups on max_len inputs); -rss_limit_mb: a leak or a bomb.
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	"$bin" "$corpus" "${dict[@]}" "${repro[@]}" -max_total_time="$seconds" \
		-max_len=$maxlen -timeout=10 -rss_limit_mb=3072 -print_final_stats=1 \
		-artifact_prefix="$build/fuzz-artifacts/$h/" \
		>"$build/fuzz-$h.log" 2>&1
	rc=$?
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|#[0-9]+ *DONE)' \
		"$build/fuzz-$h.log" | sed "s/^/fuzz: $h: /"
	if [ $rc -ne 0 ]; then
		echo "fuzz: $h FAILED (exit $rc); log: $build/fuzz-$h.log" >&2
		grep -E -A25 'ERROR: |FUZZ FINDING|runtime error|Test unit written' \
			"$build/fuzz-$h.log" | head -60 >&2
		status=1
	fi
done
exit $status
