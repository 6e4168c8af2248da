#!/bin/sh
# Lays out the tuning split of docs/suggest.md: PolNeAR's *train* articles
# only, every 10th (in name order, starting with the 6th) as a tuning
# "dev", the other nine tenths as "train", in polnear.py's layout, as
# symbolic links into DATA (the data/ folder polnear.py's docstring makes).
# PolNeAR's dev split is for measuring, and its test split is held out:
# neither is read here.
#
# A third argument picks another tenth (0–9; 5 by default): the fold of
# docs/suggest.md's "another fold", that nothing was tuned on, is 0.
#
#   docs/polnear-cv-split.sh /tmp/polnear/data /tmp/polnear/cv/data
#   docs/polnear-cv-split.sh /tmp/polnear/data /tmp/polnear/cv0/data 0
set -eu
data=$(cd "$1" && pwd) out=$2 fold=${3:-5}
mkdir -p "$out/train/text" "$out/train/attributions" "$out/dev/text" "$out/dev/attributions"
i=0
for f in $(ls "$data/train/text"); do
	base=${f%.txt}
	if [ $((i % 10)) -eq "$fold" ]; then split=dev; else split=train; fi
	ln -sf "$data/train/text/$f" "$out/$split/text/$f"
	for a in "$data/train/attributions/${base}"_*.ann; do
		[ -e "$a" ] && ln -sf "$a" "$out/$split/attributions/"
	done
	i=$((i + 1))
done
echo "$(ls "$out/train/text" | wc -l) train and $(ls "$out/dev/text" | wc -l) tuning articles in $out"
