package project

import (
	"context"
	"os"
	"os/user"
	"strings"
)

// identityKey is the git configuration key, local to one clone, that
// remembers who works in it: `gloss sync` run later in that clone, without
// --annotator, syncs as the same person.
const identityKey = "gloss.annotator"

// Identify says who is working in the project and where that came from:
// the name given (a flag), else the one this clone remembers, else the
// app's preference, else the login name. It does not check membership
// (CheckMember does).
func (p *Project) Identify(ctx context.Context, g *Git, given, preference string) (name, from string) {
	if given != "" {
		return given, "--annotator"
	}
	if g == nil {
		g = &Git{Dir: p.Dir}
	}
	if out, err := g.Run(ctx, "config", "--local", identityKey); err == nil {
		if n := strings.TrimSpace(out); n != "" {
			return n, "this clone's git config " + identityKey
		}
	}
	if preference != "" {
		return preference, "the app's preference"
	}
	return LoginName(), "the login name"
}

// Remember makes this clone remember name for later syncs.
func (p *Project) Remember(ctx context.Context, g *Git, name string) error {
	if g == nil {
		g = &Git{Dir: p.Dir}
	}
	_, err := g.Run(ctx, "config", "--local", identityKey, name)
	return err
}

// LoginName is the user's login name, or "" when the system has none.
func LoginName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		// Windows says DOMAIN\name.
		name := u.Username
		if i := strings.LastIndexByte(name, '\\'); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	return os.Getenv("USER")
}
