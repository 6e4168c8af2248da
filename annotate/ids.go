package annotate

import (
	"strconv"

	"github.com/google/uuid"
)

// idSpace is the namespace of Gloss's name-based (version 5) UUIDs.
var idSpace = uuid.MustParse("8f0c2a6e-5b7d-4c1e-9a3f-2d6b1e0c7a44")

// SpanID is the name-based id of a span: the same document, offsets and
// label always give the same id. Readers use it for spans that come without
// one, and merge for the gold file, so that outputs are deterministic.
func SpanID(docID string, start, end int, label string) string {
	return uuid.NewSHA1(idSpace, []byte(docID+"\x00"+strconv.Itoa(start)+"\x00"+strconv.Itoa(end)+"\x00"+label)).String()
}

// RelationID is the name-based id of a relation between two span ids.
func RelationID(from, to, label string) string {
	return uuid.NewSHA1(idSpace, []byte("rel\x00"+from+"\x00"+to+"\x00"+label)).String()
}
