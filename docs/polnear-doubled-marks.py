#!/usr/bin/env python3
"""QUOTE exact F1 against PolNeAR, with and without the doubled-apostrophe
artefact of ../shared/eval/polnear.py (docs/suggest.md, "QUOTE exact").

Some PolNeAR articles type a double quotation mark as two apostrophes:
''It is over,'' he said.  polnear.py strips one apostrophe at each end, so
its gold QUOTE is 'It is over,' while Gloss (marks excluded, DESIGN.md)
suggests It is over,  This script counts exact matches as polnear.py does,
and again counting a suggested QUOTE that equals a gold one but for those
two apostrophes as a match.

Usage (after polnear.py ran on the split, and wrote its gold):
  python3 polnear.py --gloss GLOSS --data DATA --split dev --work /tmp/polnear/run-dev
  python3 polnear.py --gloss GLOSS --data DATA --split dev --write-gold /tmp/polnear/dev.gold.jsonl
  python3 docs/polnear-doubled-marks.py /tmp/polnear/dev.gold.jsonl /tmp/polnear/run-dev/suggested.jsonl
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return {d["id"]: d for d in map(json.loads, f)}


def f1(tp, pred, gold):
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main():
    gold, sugg = load(sys.argv[1]), load(sys.argv[2])
    n_gold = n_sugg = exact = doubled = 0
    for doc_id, g in gold.items():
        text = g["text"]
        gq = {(s["start"], s["end"]) for s in g["spans"] if s["label"] == "QUOTE"}
        sq = [(s["start"], s["end"]) for s in sugg[doc_id]["spans"] if s["label"] == "QUOTE"]
        n_gold += len(gq)
        n_sugg += len(sq)
        for s, e in sq:
            if (s, e) in gq:
                exact += 1
            elif (s - 1, e + 1) in gq and text[s - 1] == "'" and text[e] == "'":
                doubled += 1
    print("QUOTE exact, as polnear.py counts:      P=%.3f R=%.3f F1=%.3f" % f1(exact, n_sugg, n_gold))
    print("QUOTE exact, '' artefact counted (%d): P=%.3f R=%.3f F1=%.3f" % ((doubled,) + f1(exact + doubled, n_sugg, n_gold)))


if __name__ == "__main__":
    main()
