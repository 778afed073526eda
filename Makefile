# DrillDesk — convenience targets. The build itself is meson; see README.md.
#   make run    install what is missing, build, start the GUI
#   make test   install what is missing, build, run the whole suite
BUILDDIR ?= _build
MESON_OPTS ?=
PACKAGES_FILE := build-aux/debian-packages.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps setup build run test test-asan valgrind fuzz bench screenshots clean

all: build

# Installs the Debian packages listed in $(PACKAGES_FILE) that are not installed yet.
deps:
	@missing=$$(grep -v '^\s*#' $(PACKAGES_FILE) | grep -v '^\s*$$' | while read -r p; do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed' || echo "$$p"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@# Chinese is what users see: the zh_CN locale must exist for the GUI tests and screenshots.
	@locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$$' || $(SUDO) localedef -i zh_CN -c -f UTF-8 zh_CN.UTF-8

$(BUILDDIR)/build.ninja: | deps
	meson setup $(BUILDDIR) $(MESON_OPTS)

setup: deps $(BUILDDIR)/build.ninja

build: setup
	meson compile -C $(BUILDDIR)

run: build
	GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/assets $(BUILDDIR)/app/drilldesk

test: build
	xvfb-run -a -s '-screen 0 1920x1080x24' meson test -C $(BUILDDIR) --print-errorlogs --num-processes 2

# Benchmarks (tests/bench/): a release build of its own, then the tables.
bench: | deps
	@test -f _build-bench/build.ninja || meson setup _build-bench --buildtype=release $(MESON_OPTS)
	meson compile -C _build-bench
	tools/bench.sh _build-bench

clean:
	rm -rf $(BUILDDIR)
