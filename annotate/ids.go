package annotate

import (
	"crypto/sha1"
	"strconv"

	"github.com/google/uuid"
)

// idSpace is the namespace of Gloss's name-based (version 5) UUIDs.
var idSpace = uuid.MustParse("8f0c2a6e-5b7d-4c1e-9a3f-2d6b1e0c7a44")

// SpanID is the name-based id of a span: the same document, offsets and
// label always give the same id. Readers use it for spans that come without
// one, suggestions and merge for theirs, so that outputs are deterministic
// and an accepted suggestion is the same span in every copy of a file.
func SpanID(docID string, start, end int, label string) string {
	var buf [256]byte
	b := append(buf[:0], docID...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(start), 10)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(end), 10)
	b = append(b, 0)
	b = append(b, label...)
	return nameUUID(b)
}

// RelationID is the name-based id of a relation between two span ids.
func RelationID(from, to, label string) string {
	var buf [256]byte
	b := append(buf[:0], "rel\x00"...)
	b = append(b, from...)
	b = append(b, 0)
	b = append(b, to...)
	b = append(b, 0)
	b = append(b, label...)
	return nameUUID(b)
}

// nameUUID is uuid.NewSHA1(idSpace, name) without its allocations: ids are
// made for every span of large corpora.
func nameUUID(name []byte) string {
	h := sha1.New()
	h.Write(idSpace[:])
	h.Write(name)
	var sum [sha1.Size]byte
	var u uuid.UUID
	copy(u[:], h.Sum(sum[:0]))
	u[6] = (u[6] & 0x0f) | 0x50 // version 5
	u[8] = (u[8] & 0x3f) | 0x80 // RFC 4122 variant
	return u.String()
}
