package project

import (
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"ana", true},
		{"Bo_2", true},
		{"jean-luc.picard", true},
		{"a", true},
		{strings.Repeat("x", maxNameLen), true},
		{"", false},
		{strings.Repeat("x", maxNameLen+1), false},
		{"annotations/../x", false},
		{"../x", false},
		{"..", false},
		{".", false},
		{".git", false},
		{"-rf", false},
		{"a/b", false},
		{`a\b`, false},
		{"a b", false},
		{"ana\n", false},
		{"zoë", false},
		{"名前", false},
		{"a:b", false},
		{"a\x00b", false},
	} {
		err := CheckName(tc.name)
		if (err == nil) != tc.ok {
			t.Errorf("CheckName(%q) = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}
