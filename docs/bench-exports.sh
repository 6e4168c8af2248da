#!/bin/sh
# Times `gloss export --to FORMAT` for every format against the Python
# standard-library yardstick (../shared/bench/to_doccano.py) on one native
# corpus, in one run, alternating yardstick and export, and prints a
# Markdown table of medians and ratios (docs/performance.md).
#
#   docs/bench-exports.sh GLOSS CORPUS [ROUNDS] [FORMATS...]
#
# GLOSS is the binary, CORPUS a native file (python3 ../shared/bench/gen.py
# 54000 CORPUS assets/russia-turkey-libya.txt). Outputs go to a scratch
# folder beside CORPUS and are removed. "cat" is the physical floor of
# reading CORPUS and writing as many bytes, synced, as an export's atomic
# save does; in the first round each export's own output is copied the
# same way (cat, or cp -r for a folder, then sync), the floor of writing
# what that export writes.
set -eu
gloss=$1 corpus=$2 rounds=${3:-3}
load0=$(cut -d" " -f1-3 /proc/loadavg)
shift 2; [ $# -gt 0 ] && shift
formats=${*:-jsonl doccano doccano-rel prodigy labelstudio conll hf webanno brat}
yard=$(dirname "$0")/../../shared/bench/to_doccano.py
[ -f "$yard" ] || yard=$(dirname "$0")/../shared/bench/to_doccano.py
scratch=$(mktemp -d "$(dirname "$corpus")/gloss-bench-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
times=$scratch/times
: >"$times"

# run NAME CMD...: one timed run (wall seconds) appended to $times.
run() {
	name=$1; shift
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>"$scratch/err" || { cat "$scratch/err" >&2; exit 1; }
	t1=$(date +%s.%N)
	echo "$name $(echo "$t1 - $t0" | bc)" >>"$times"
	if [ "$r" = 1 ] && [ "$name" != python ] && [ "$name" != cat ]; then
		du -sb "$scratch/out" | cut -f1 >"$scratch/size-$name"
		t0=$(date +%s.%N)
		if [ -d "$scratch/out" ]; then
			cp -r "$scratch/out" "$scratch/copy" && sync -f "$scratch/copy"
		else
			cat "$scratch/out" >"$scratch/copy" && sync "$scratch/copy"
		fi
		t1=$(date +%s.%N)
		echo "floor-$name $(echo "$t1 - $t0" | bc)" >>"$times"
		rm -rf "$scratch/copy"
	fi
	rm -rf "$scratch/out"
}

for r in $(seq "$rounds"); do
	for f in $formats; do
		run python python3 "$yard" "$corpus" "$scratch/out"
		run "$f" "$gloss" export --to "$f" -o "$scratch/out" "$corpus"
	done
	run python python3 "$yard" "$corpus" "$scratch/out"
	run cat sh -c "cat '$corpus' >'$scratch/out' && sync '$scratch/out'"
done

median() { grep "^$1 " "$times" | cut -d' ' -f2 | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mb=$(($(wc -c <"$corpus") / 1000000))
py=$(median python)
echo "corpus: $corpus ($mb MB), $rounds round(s), load before: $load0"
echo
echo "| export | median s | MB/s (native in) | × yardstick | output MB | floor s (copy of the output) |"
echo "|---|---|---|---|---|---|"
printf '| python3 to_doccano.py (yardstick) | %.2f | %.0f | 1.0 | | |\n' "$py" "$(echo "$mb / $py" | bc -l)"
for f in $formats; do
	t=$(median "$f")
	printf '| %s | %.2f | %.0f | %.1f | %d | %.2f |\n' "$f" "$t" "$(echo "$mb / $t" | bc -l)" "$(echo "$py / $t" | bc -l)" \
		"$(($(cat "$scratch/size-$f") / 1000000))" "$(median "floor-$f")"
done
t=$(median cat)
printf '| cat CORPUS, synced (floor) | %.2f | %.0f | %.1f | %d | |\n' "$t" "$(echo "$mb / $t" | bc -l)" "$(echo "$py / $t" | bc -l)" "$mb"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
