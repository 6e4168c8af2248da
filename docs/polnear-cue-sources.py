#!/usr/bin/env python3
"""Named-speaker accuracy against PolNeAR, with and without the quotes
whose gold Source is a speech verb (docs/suggest.md, "Named speakers").

A few PolNeAR attributions mark the cue as their Source: the Source span's
text is "said" (grep -P '\\tSource [0-9 ;]+\\tsaid$' on an attributions
folder finds them). polnear.py's accuracy_name_sources counts such a
Source as a name, so a quote Gloss links to its real speaker counts as
wrong. This script recounts, as polnear.py does: of the suggested QUOTEs
that are exactly a gold direct quote whose Source is not a pronoun, those
whose SAID_BY target overlaps the gold Source; then again leaving out the
quotes whose Source is one of CUE_WORDS. Its matching is its own, so its
first figure is near polnear.py's, not equal to it.

Usage (after polnear.py ran on the split, and wrote its gold):
  python3 polnear.py --gloss GLOSS --data DATA --split dev --work /tmp/polnear/run-dev
  python3 polnear.py --gloss GLOSS --data DATA --split dev --write-gold /tmp/polnear/dev.gold.jsonl
  python3 docs/polnear-cue-sources.py /tmp/polnear/dev.gold.jsonl /tmp/polnear/run-dev/suggested.jsonl
"""
import json
import sys

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "me"}
CUE_WORDS = {"said", "says", "say", "told", "added", "wrote"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return {d["id"]: d for d in map(json.loads, f)}


def quote_speakers(doc):
    """(start, end) of each QUOTE → the span its SAID_BY points at."""
    by_id = {s["id"]: s for s in doc["spans"]}
    out = {}
    for r in doc.get("relations", []):
        f, t = by_id.get(r["from"]), by_id.get(r["to"])
        if r["label"] == "SAID_BY" and f and t and f["label"] == "QUOTE":
            out[(f["start"], f["end"])] = t
    return out


def main():
    gold, sugg = load(sys.argv[1]), load(sys.argv[2])
    named = right = cue = cue_right = 0
    for doc_id, g in gold.items():
        gsrc, ssp = quote_speakers(g), quote_speakers(sugg[doc_id])
        for s in sugg[doc_id]["spans"]:
            k = (s["start"], s["end"])
            src = gsrc.get(k)
            if s["label"] != "QUOTE" or src is None or src["text"].strip().lower() in PRONOUNS:
                continue
            sp = ssp.get(k)
            ok = sp is not None and sp["start"] < src["end"] and src["start"] < sp["end"]
            named += 1
            right += ok
            if src["text"].strip().lower() in CUE_WORDS:
                cue += 1
                cue_right += ok
    print("named-Source quotes matched exactly: %d, speaker right: %d (%.3f)" % (named, right, right / max(1, named)))
    print("of them, Source is a cue word: %d (right: %d)" % (cue, cue_right))
    print("without those: %d of %d (%.3f)" % (right - cue_right, named - cue, (right - cue_right) / max(1, named - cue)))


if __name__ == "__main__":
    main()
