//go:build goexperiment.jsonv2

package export

import (
	"bytes"
	"encoding/json/jsontext"
	"testing"
)

// BenchmarkDecodeJSONText walks the same lines with encoding/json/jsontext
// (GOEXPERIMENT=jsonv2), token by token, copying the strings a reader keeps.
// Run: GOEXPERIMENT=jsonv2 go test -bench DecodeJSONText ./export
func BenchmarkDecodeJSONText(b *testing.B) {
	data := choiceCorpus(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		dec := jsontext.NewDecoder(bytes.NewReader(data))
		var kept []string
		for {
			tok, err := dec.ReadToken()
			if err != nil {
				break
			}
			if tok.Kind() == '"' {
				kept = append(kept[:0], tok.String())
			}
		}
	}
}
