package learn

import "fmt"

// Explanations: a learned suggestion's reason names the feature that
// weighed most for it ("after ‘said’"), among those a person can check in
// the text. The rules' own tags are left out (a span the rules suggested
// too says so with their reason), and so are the bias and the tagger's
// previous tags.

// tagPhrases renders the tagger's features; a template missing here is
// never named.
var tagPhrases = map[byte]func(f featureName) string{
	fWord:       func(f featureName) string { return fmt.Sprintf("‘%s’", f.a) },
	fWordPrev:   func(f featureName) string { return fmt.Sprintf("after ‘%s’", f.a) },
	fWordPrev2:  func(f featureName) string { return fmt.Sprintf("after ‘%s …’", f.a) },
	fWordNext:   func(f featureName) string { return fmt.Sprintf("before ‘%s’", f.a) },
	fWordNext2:  func(f featureName) string { return fmt.Sprintf("before ‘… %s’", f.a) },
	fBigramPrev: func(f featureName) string { return fmt.Sprintf("‘%s %s’", f.a, f.b) },
	fBigramNext: func(f featureName) string { return fmt.Sprintf("‘%s %s’", f.a, f.b) },
	fShape:      func(f featureName) string { return fmt.Sprintf("shaped ‘%s’", f.a) },
	fQuoteCtx: func(f featureName) string {
		return map[string]string{"out": "outside quotation marks", "direct": "inside quotation marks", "embedded": "inside a quoted phrase"}[f.a]
	},
	fAfterOpen:     func(featureName) string { return "after an opening mark" },
	fBeforeClose:   func(featureName) string { return "before a closing mark" },
	fCueBeforeWord: func(f featureName) string { return fmt.Sprintf("after ‘%s’", f.a) },
	fCueAfterWord:  func(f featureName) string { return fmt.Sprintf("before ‘%s’", f.a) },
	fCueBefore:     func(f featureName) string { return fmt.Sprintf("%s words after a cue", f.a) },
	fCueAfter:      func(f featureName) string { return fmt.Sprintf("%s words before a cue", f.a) },
	fLineStart:     func(featureName) string { return "at the start of a line" },
}

// explainTag names the feature that weighed most for token i, the start
// of a span of label l, being a B rather than an O: ", after ‘said’", or
// "" when none of them helped.
func (m *Model) explainTag(df *docFeatures, l, i int) string {
	s := &df.explaining
	s.explain = true
	s.reset()
	df.tokenFeatures(i, s)
	best, bestW := "", float32(0)
	for k, f := range s.names {
		phrase, ok := tagPhrases[f.tpl]
		if !ok {
			continue
		}
		row := m.tagger.row(s.hashes[k])
		if row == nil {
			continue
		}
		if w := row[l*nTags+tagB] - row[l*nTags+tagO]; w > bestW {
			best, bestW = phrase(f), w
		}
	}
	if best == "" {
		return ""
	}
	return ", " + best
}

// rankPhrases renders the ranker's features.
var rankPhrases = map[byte]func(f featureName) string{
	rNext:    func(f featureName) string { return fmt.Sprintf("before ‘%s’", f.a) },
	rPrev:    func(f featureName) string { return fmt.Sprintf("after ‘%s’", f.a) },
	rCueNext: func(f featureName) string { return fmt.Sprintf("before ‘%s’", f.a) },
	rCuePrev: func(f featureName) string { return fmt.Sprintf("after ‘%s’", f.a) },
	rRule: func(f featureName) string {
		return map[string]string{"same": "the rules' speaker too", "other": "not the rules' speaker", "none": "the rules found none"}[f.a]
	},
	rPronoun:   func(f featureName) string { return fmt.Sprintf("the pronoun ‘%s’ %s the quote", f.a, f.b) },
	rLastWord:  func(f featureName) string { return fmt.Sprintf("ends in ‘%s’", f.a) },
	rFirstWord: func(f featureName) string { return fmt.Sprintf("starts with ‘%s’", f.a) },
	rDist:      func(f featureName) string { return fmt.Sprintf("%s words %s it", f.b, f.a) },
}

// explainRank names the feature that weighed most for candidate mt.
func (m *Model) explainRank(df *docFeatures, c contentRef, mt mention, rank int) string {
	s := &df.explaining
	s.explain = true
	s.reset()
	df.rankFeatures(c, mt, rank, s)
	best, bestW := "", float32(0)
	for k, f := range s.names {
		phrase, ok := rankPhrases[f.tpl]
		if !ok {
			continue
		}
		if row := m.ranker.row(s.hashes[k]); row != nil && row[0] > bestW {
			best, bestW = phrase(f), row[0]
		}
	}
	if best == "" {
		return ""
	}
	return ", " + best
}
