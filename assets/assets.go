// Package assets holds Gloss's embedded defaults: the sample article, the
// built-in label set and the icon.
package assets

import _ "embed"

// SampleName is the file name of the bundled sample article.
const SampleName = "russia-turkey-libya.txt"

// Sample is the bundled sample article, byte for byte as published.
//
//go:embed russia-turkey-libya.txt
var Sample []byte

// LabelsTOML is the built-in label set (ACTOR, CLAIM, QUOTE; SAID_BY).
//
//go:embed labels.toml
var LabelsTOML []byte

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte
