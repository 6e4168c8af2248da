#!/bin/sh
# The physical floor of the exports that write the most (Prodigy, 1.4 GB
# for the bench corpus) or a folder of many files (brat, WebAnno), on the
# disk that holds CORPUS (docs/performance.md):
#
#   docs/bench-floors.sh GLOSS CORPUS [FORMATS...]
#
# For each format it exports once, then times, each alone: the export
# itself; copying its output (cat, or cp -r of a folder) with and without
# a sync after; and, for a folder, creating as many empty files in a fresh
# folder (xargs touch: no data, no export) with and without a sync after,
# and creating them and writing the export's bytes into them with an
# fsync of every file (what an atomic export's durability asks).
set -eu
gloss=$1 corpus=$2
shift 2
formats=${*:-prodigy webanno brat}
scratch=$(mktemp -d "$(dirname "$corpus")/gloss-floor-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# label LABEL CMD...: a table row, the wall seconds of CMD.
# Each starts from a clean disk (sync -f first): what came before is not
# written back while it runs.
label() {
	l=$1
	shift
	sync -f "$scratch"
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s.%N)
	printf '| %s | %.2f |\n' "$l" "$(echo "$t1 - $t0" | bc)"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | s |"
echo "|---|---|"
for f in $formats; do
	out=$scratch/out
	label "$f: gloss export" "$gloss" export --to "$f" -o "$out" "$corpus"
	if [ -d "$out" ]; then
		n=$(find "$out" -type f | wc -l)
		mb=$(($(du -sb "$out" | cut -f1) / 1000000))
		label "$f: cp -r of its output ($n files, $mb MB), no sync" cp -r "$out" "$scratch/copy"
		rm -rf "$scratch/copy"
		label "$f: cp -r of its output, then sync -f" sh -c "cp -r '$out' '$scratch/copy' && sync -f '$scratch/copy'"
		rm -rf "$scratch/copy"
		(cd "$out" && find . -type f) >"$scratch/names"
		label "$f: create $n empty files (xargs touch), no sync" sh -c "mkdir '$scratch/empty' && cd '$scratch/empty' && xargs touch <'$scratch/names'"
		rm -rf "$scratch/empty"
		label "$f: create $n empty files, then sync -f" sh -c "mkdir '$scratch/empty' && cd '$scratch/empty' && xargs touch <'$scratch/names' && sync -f ."
		rm -rf "$scratch/empty"
		label "$f: cp -r of its output, then sync of each file (16 at a time)" sh -c "cp -r '$out' '$scratch/copy' && cd '$scratch/copy' && find . -type f -print0 | xargs -0 -n 400 -P 16 sync"
		rm -rf "$scratch/copy"
	else
		mb=$(($(wc -c <"$out") / 1000000))
		label "$f: cat of its output ($mb MB), no sync" sh -c "cat '$out' >'$scratch/copy'"
		rm -f "$scratch/copy"
		label "$f: cat of its output, then sync" sh -c "cat '$out' >'$scratch/copy' && sync '$scratch/copy'"
		rm -f "$scratch/copy"
	fi
	rm -rf "$out"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
