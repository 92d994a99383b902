#!/usr/bin/env bash
# bench/shapes.sh - no input shape may go quadratic.  Each hostile shape is
# made at size N and 10 N; the 10 N run must take about 10 times as long
# (a quadratic stage would take 100 times).  Prints a markdown table.
#
#   bench/shapes.sh NEWSPRISM [OUT.md]
#
# Shapes (the issue's): one paragraph of 5 / 50 MB; 10,000 / 100,000
# unbalanced quotation marks; 10,000 / 100,000 paragraphs.
set -u
NP=${1:?usage: bench/shapes.sh NEWSPRISM [OUT.md]}
OUT=${2:-/dev/stdout}
TIME=/usr/bin/time
tmp=$(mktemp -d /tmp/newsprism-shapes.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1735689600}

gen() { # gen SHAPE SCALE FILE
  python3 - "$1" "$2" "$3" <<'PY'
import sys
shape, scale, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with open(path, "w", encoding="utf-8") as f:
    f.write("A hostile article\n\n")
    if shape == "one-paragraph":
        # 5 MB per unit: one paragraph, sentences with quotes and names.
        unit = 'Officials met again on Monday, and "the talks went well," said minister Ana Ruiz. '
        f.write(unit * (5_000_000 * scale // len(unit)))
        f.write("\n")
    elif shape == "unbalanced-quotes":
        # 10,000 per unit: quotation marks that never close.
        for i in range(10_000 * scale):
            f.write('He said "this never ends and ')
            if i % 50 == 49:
                f.write("\n\n")
        f.write("\n")
    elif shape == "paragraphs":
        for i in range(10_000 * scale):
            f.write('"We met %d times," said Joan Pike.\n\n' % i)
PY
}

: >"$tmp/rows"
for shape in one-paragraph unbalanced-quotes paragraphs; do
  prev=
  for scale in 1 10; do
    f="$tmp/$shape-$scale.txt"
    gen "$shape" "$scale" "$f"
    size=$(stat -c %s "$f")
    for run in extract convert; do
      rm -rf "$tmp/out"
      if [ "$run" = extract ]; then
        cmd=("$NP" extract -q -j 1 "$f")
      else
        cmd=("$NP" convert -q -j 1 -f newsml,csv,jsonld -o "$tmp/out" "$f")
      fi
      "$TIME" -f '%M %U %S' -o "$tmp/time" "${cmd[@]}" >/dev/null 2>"$tmp/err"
      rc=$?
      read -r rss usr sys < <(tail -1 "$tmp/time")
      cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
      echo "$shape $scale $run $size $cpu $rss $rc" >>"$tmp/rows"
      echo "shapes: $shape x$scale $run: $cpu CPU s, $((rss / 1024)) MB, exit $rc" >&2
    done
  done
done
{
  echo "| shape | size | run | CPU s | CPU s at 1/10 the size | ratio (10 = linear) | peak RSS MB | exit |"
  echo "|---|---|---|---|---|---|---|---|"
  awk '{
    key = $1 " " $3
    if ($2 == 1) { small[key] = $5; next }
    r = (small[key] > 0.005) ? sprintf("%.1f", $5 / small[key]) : "n/a (too fast)"
    printf "| %s | %.1f MB | %s | %s | %s | %s | %.0f | %s |\n", $1, $4 / 1e6, $3, $5, small[key], r, $6 / 1024, $7
  }' "$tmp/rows"
} >"$OUT"
