package export

import (
	"slices"

	"gloss/annotate"
)

// Source tokens. Prodigy, CoNLL, Hugging Face and WebAnno files come with
// their own tokens (spaCy splits "Uber’s" into "Uber" and "’s"; UAX #29
// does not), and spans drawn on those tokens do not line up with Gloss's.
// An importer that finds tokens other than annotate.Tokenize's keeps them
// under the document key "tokens", in Prodigy's shape with code-point
// offsets:
//
//	"tokens":[{"text":"Uber","start":0,"end":4,"id":0,"ws":false},…]
//
// The native file carries the key like any unknown key, and every
// exporter that writes tokens uses them for as long as they line up with
// the text and with every span written; when an edit made a span cut a
// token, it tokenizes afresh and says so.

// tokensKey is the document key that holds source tokens.
const tokensKey = "tokens"

// sourceToken is a token as read from a file: code-point offsets, and the
// members other than text, start, end, id and ws (Prodigy's "disabled"),
// kept verbatim.
type sourceToken struct {
	start, end int
	ws         int8 // -1 unknown, 0 false, 1 true
	extra      []annotate.Field
}

// keepSourceTokens stores toks under "tokens" when they say more than
// annotate.Tokenize(d.Text) would: other offsets or extra members. Offsets
// are code points; toks must lie inside the text, in order.
func keepSourceTokens(d *annotate.Document, toks []sourceToken) {
	d.Extra = slices.DeleteFunc(d.Extra, func(f annotate.Field) bool { return f.Key == tokensKey })
	if len(toks) == 0 {
		return
	}
	if same(toks, d.Tokens()) {
		return
	}
	d.Extra = append(d.Extra, annotate.Field{Key: tokensKey, Value: appendSourceTokens(nil, d, toks, offsets{})})
}

// same reports whether toks are exactly the tokens ours, without extras.
func same(toks []sourceToken, ours []annotate.Token) bool {
	if len(toks) != len(ours) {
		return false
	}
	for i, t := range toks {
		if t.start != ours[i].Start || t.end != ours[i].End || len(t.extra) > 0 {
			return false
		}
	}
	return true
}

// appendSourceTokens writes toks as a JSON array in Prodigy's shape, with
// offsets converted by off.
func appendSourceTokens(buf []byte, d *annotate.Document, toks []sourceToken, off offsets) []byte {
	ix := d.Index()
	buf = append(buf, '[')
	for i, t := range toks {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, `{"text":`...)
		buf = appendString(buf, ix.Slice(t.start, t.end))
		buf = append(buf, `,"start":`...)
		buf = appendInt(buf, off.of(t.start))
		buf = append(buf, `,"end":`...)
		buf = appendInt(buf, off.of(t.end))
		buf = append(buf, `,"id":`...)
		buf = appendInt(buf, i)
		ws := t.ws
		if ws < 0 {
			ws = 0
			if b := ix.ByteOffset(t.end); b < len(d.Text) && isSpaceByte(d.Text[b]) {
				ws = 1
			}
		}
		if ws == 1 {
			buf = append(buf, `,"ws":true`...)
		} else {
			buf = append(buf, `,"ws":false`...)
		}
		buf = appendExtraFields(buf, t.extra)
		buf = append(buf, '}')
	}
	return append(buf, ']')
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// parseSourceTokens reads the kept "tokens" of d, or nil when there are
// none or they are not well formed, in order and inside the text.
func parseSourceTokens(d *annotate.Document, sc *scanner) []sourceToken {
	var raw []byte
	for _, f := range d.Extra {
		if f.Key == tokensKey {
			raw = f.Value
		}
	}
	if raw == nil {
		return nil
	}
	sc.reset(raw)
	var toks []sourceToken
	n, last := d.Len(), 0
	err := sc.array(func() error {
		t := sourceToken{ws: -1}
		var hasStart, hasEnd bool
		err := sc.object(func(key []byte) error {
			var err error
			switch string(key) {
			case "start":
				t.start, err = sc.int()
				hasStart = true
			case "end":
				t.end, err = sc.int()
				hasEnd = true
			case "ws":
				var ws bool
				ws, err = sc.bool()
				t.ws = 0
				if ws {
					t.ws = 1
				}
			case "text", "id":
				_, err = sc.skip()
			default:
				t.extra, err = appendExtra(sc, t.extra, key)
			}
			return err
		})
		if err != nil {
			return err
		}
		if !hasStart || !hasEnd || t.start < last || t.end <= t.start || t.end > n {
			return errBadTokens
		}
		last = t.end
		toks = append(toks, t)
		return nil
	})
	if err != nil || sc.end() != nil {
		return nil
	}
	return toks
}

var errBadTokens = &syntaxError{msg: "tokens out of order or outside the text"}

// tokenSource chooses the tokens a writer uses for a document: its source
// tokens while every span to be written starts and ends on their
// boundaries, else annotate.Tokenize's.
type tokenSource struct {
	sc      scanner
	toks    []annotate.Token
	src     []sourceToken
	retoken int // documents whose source tokens no longer fit their spans
}

// tokens returns the tokens of d for the spans kept (indexes into
// d.Spans) and, when they are the source tokens, those with their extras
// (nil otherwise).
func (ts *tokenSource) tokens(d *annotate.Document, kept []int) ([]annotate.Token, []sourceToken) {
	src := parseSourceTokens(d, &ts.sc)
	if src == nil {
		return d.Tokens(), nil
	}
	ts.toks = ts.toks[:0]
	for _, t := range src {
		ts.toks = append(ts.toks, annotate.Token{Start: t.start, End: t.end})
	}
	for _, i := range kept {
		s := &d.Spans[i]
		first, last, ok := annotate.TokenRange(ts.toks, s.Start, s.End)
		if !ok || ts.toks[first].Start != s.Start || ts.toks[last].End != s.End {
			ts.retoken++
			return d.Tokens(), nil
		}
	}
	ts.src = src
	return ts.toks, src
}

// warn says how many documents were tokenized afresh.
func (ts *tokenSource) warn(opt Options, format string) {
	if ts.retoken > 0 {
		opt.warn("%s: %d document(s) had source tokens that no longer line up with their spans (edited since import): tokenized them afresh", format, ts.retoken)
	}
}
