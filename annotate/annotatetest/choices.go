package annotatetest

import (
	"testing"

	"gloss/annotate"
)

// ChoiceLabels is the built-in labels with descriptions and two groups of
// document labels: stance (one of for, against, neutral: Ctrl+1…3) and
// topic (any of war, diplomacy, economy: Ctrl+4…6). The app's, the review
// screen's and the real-window tests of document labels share it.
const ChoiceLabels = `
[[label]]
name = "ACTOR"
key = "a"
color = "#1f77b4"
description = "A person, organisation or state that acts or speaks"

[[label]]
name = "CLAIM"
key = "c"
color = "#ff7f0e"
description = "A statement put forward as true"

[[label]]
name = "QUOTE"
key = "q"
color = "#2ca02c"
description = "Words reported as said, between the quotation marks"

[[relation]]
name = "SAID_BY"
from = ["QUOTE", "CLAIM"]
to = ["ACTOR"]

[[choice]]
name = "stance"
values = ["for", "against", "neutral"]
description = "Where the article stands on the offensive"

[[choice]]
name = "topic"
values = ["war", "diplomacy", "economy"]
multiple = true
`

// ChoiceLabelSet parses ChoiceLabels.
func ChoiceLabelSet(t testing.TB) *annotate.LabelSet {
	t.Helper()
	ls, err := annotate.ParseLabelSet([]byte(ChoiceLabels), "labels.toml")
	if err != nil {
		t.Fatal(err)
	}
	return ls
}
