# Gloss: `make run` opens the app on the sample article; `make test` passes
# every test. Both install the system packages they need first.

GO      ?= go
BINARY  := gloss
export PATH := $(PATH):/usr/local/go/bin
export LANG := en_US.UTF-8

# What building the desktop app needs (cgo, OpenGL, X11 headers for GLFW).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
# What the real-window tests need on top.
E2E_PKGS   := xvfb xdotool imagemagick xauth

# Packages that `go test` runs with CGO_ENABLED=0 (everything but main).
PURE_PKGS := ./annotate/... ./export/... ./cli/... ./app/... ./assets/...

.PHONY: run test build deps deps-test vet unit e2e bench fuzz clean package install uninstall

run: deps build
	./$(BINARY)

build:
	$(GO) build -o $(BINARY) .

test: deps deps-test vet build unit e2e

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	@# 32-bit systems (Raspberry Pi OS, i386) must build too: an int constant
	@# past 2^31 in the JSON scanner once broke them unnoticed.
	CGO_ENABLED=0 GOARCH=386 $(GO) vet $(PURE_PKGS)
	@# No build products in git: a tracked file that .gitignore covers (a *.test binary, ./gloss) fails.
	@! git rev-parse --git-dir >/dev/null 2>&1 || test -z "$$(git ls-files -ci --exclude-standard)" || { echo "tracked files that .gitignore excludes (build products? git rm --cached them):"; git ls-files -ci --exclude-standard; exit 1; }

unit:
	CGO_ENABLED=0 $(GO) test -count=1 $(PURE_PKGS)

# End-to-end tests of the real binary in a real window under Xvfb.
e2e: build
	@if [ -d e2e ]; then GLOSS_BINARY=$(CURDIR)/$(BINARY) $(GO) test -count=1 -timeout 15m ./e2e/...; fi

bench:
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchmem $(PURE_PKGS)

# Fuzz every reader for FUZZTIME each; new corpus entries land in testdata/fuzz.
FUZZTIME ?= 30s
fuzz:
	@for pkg in $$(CGO_ENABLED=0 $(GO) list $(PURE_PKGS)); do \
	  for f in $$(CGO_ENABLED=0 $(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; CGO_ENABLED=0 $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

# The Linux package, made by Fyne's own tool from FyneApp.toml (name, id,
# version, icon; the .desktop entry's GenericName, Categories, Comment and
# Keywords): build/Gloss.tar.xz holds bin/gloss, the .desktop entry and the
# icon. The tool is installed into build/bin on first use (the go command
# fetches it like a module), so `make test` never needs it. `fyne package
# --release` rewrites FyneApp.toml (its Build number, its layout): the
# checkout's copy is put back, so packaging leaves git clean.
FYNE_TOOLS := fyne.io/tools/cmd/fyne@v1.7.4
FYNE       := $(CURDIR)/build/bin/fyne
PACKAGE    := build/Gloss.tar.xz

$(FYNE):
	GOBIN=$(CURDIR)/build/bin $(GO) install $(FYNE_TOOLS)

package: deps $(FYNE)
	@mkdir -p build
	cp FyneApp.toml build/FyneApp.toml.checkout
	$(FYNE) package --os linux --release; status=$$?; \
	  cp build/FyneApp.toml.checkout FyneApp.toml; rm -f build/FyneApp.toml.checkout; exit $$status
	mv -f Gloss.tar.xz $(PACKAGE)
	@echo "$(PACKAGE): make install puts Gloss in ~/.local (bin, applications menu, icon)"

# Installs the package for the user who runs it: ~/.local/bin/gloss, the
# menu entry ~/.local/share/applications/org.gloss.Gloss.desktop and its
# icon (DESTDIR=… installs under another root). `make uninstall` removes
# them.
install: package
	rm -rf build/pkg && mkdir -p build/pkg && tar -xJf $(PACKAGE) -C build/pkg
	$(MAKE) -C build/pkg/gloss user-install
	@echo "installed: $(DESTDIR)$(HOME)/.local/bin/gloss (put ~/.local/bin on PATH) and Gloss in the applications menu"

uninstall:
	@test -d build/pkg/gloss || { rm -rf build/pkg && mkdir -p build/pkg && tar -xJf $(PACKAGE) -C build/pkg; }
	$(MAKE) -C build/pkg/gloss user-uninstall

deps:
	@./.ci/install-packages $(BUILD_PKGS)
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is needed: https://go.dev/dl/ (put it on PATH)"; exit 1; }

deps-test:
	@./.ci/install-packages $(E2E_PKGS)

clean:
	rm -f $(BINARY)
	rm -rf build
