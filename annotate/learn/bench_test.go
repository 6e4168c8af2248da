package learn

import (
	"fmt"
	"testing"

	"gloss/annotate"
	"gloss/annotate/suggest"
)

// benchCorpus is 200 generated documents of about 2 KB.
func benchCorpus() ([]*annotate.Document, int) {
	docs := make([]*annotate.Document, 200)
	size := 0
	for i := range docs {
		docs[i] = genDoc(fmt.Sprintf("b%d", i), uint64(100+i), 24, 0.3)
		size += len(docs[i].Text)
	}
	return docs, size
}

// BenchmarkLearn trains on 200 generated documents (about 400 KB);
// b.SetBytes makes the figure MB/s of annotated text learned from.
func BenchmarkLearn(b *testing.B) {
	docs, size := benchCorpus()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		Train(docs, Options{})
	}
}

// BenchmarkSuggestModel suggests, with the rules and a model learned from
// the generated corpus, for 200 new documents; MB/s of text.
func BenchmarkSuggestModel(b *testing.B) {
	docs, size := benchCorpus()
	m := Train(docs[:100], Options{})
	bares := make([]*annotate.Document, len(docs))
	for i, d := range docs {
		bares[i] = bare(d)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for _, d := range bares {
			Suggest(d, nil, suggest.Options{}, m)
		}
	}
}

// BenchmarkSuggestRules is BenchmarkSuggestModel without the model, to
// compare within one run.
func BenchmarkSuggestRules(b *testing.B) {
	docs, size := benchCorpus()
	b.SetBytes(int64(size))
	b.ResetTimer()
	for range b.N {
		for _, d := range docs {
			suggest.Suggest(bare(d), nil, suggest.Options{})
		}
	}
}
