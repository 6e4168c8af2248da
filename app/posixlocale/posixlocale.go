// Package posixlocale quiets a false error at start-up: Fyne reads the
// locale while its packages load, before main runs, and logs "Error parsing
// user locale C" when LANG is C.UTF-8 (Debian's default in containers and
// CI), a locale it cannot parse. Importing this package first (from main)
// makes such a locale read as plain English, which is what C means. It
// depends on nothing but os, so Go initialises it before Fyne's lang
// package (packages initialise in import-path order once their own
// imports are done, and lang waits for golang.org/x/text).
package posixlocale

import (
	"os"
	"strings"
)

func init() {
	if needsLanguage(os.Getenv) {
		// LANGUAGE only names message catalogues; C has none.
		os.Setenv("LANGUAGE", "en")
	}
}

// needsLanguage reports whether the locale in effect is C or POSIX with an
// encoding ("C.UTF-8"), which Fyne cannot parse, and LANGUAGE is unset.
func needsLanguage(getenv func(string) string) bool {
	// The variables in the order gettext (and Fyne's go-locale) read them.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		lang, _, _ := strings.Cut(v, ".")
		return (lang == "C" || lang == "POSIX") && v != lang && getenv("LANGUAGE") == ""
	}
	return false
}
