# DrillDesk — convenience targets. The build itself is meson; see README.md.
#   make run    install what is missing, build, start the GUI
#   make test   install what is missing, build, run the whole suite
#               (then the targets in TEST_EXTRA: on CI, see below)
BUILDDIR ?= _build
MESON_OPTS ?=
PACKAGES_FILE := build-aux/debian-packages.txt
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps check-deps setup build run test test-no-display test-asan valgrind fuzz deb deb-install-check bench screenshots clean

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

# CI (.ci/run runs make test with CI=true) also runs, after the suite: the
# suite without a display, the check tools' packages, the .deb built,
# installed, tried and removed (deb-install-check), the whole suite under ASan+UBSan, and each fuzz target
# on a fixed walk (FUZZ_SEED=1, FUZZ_RUNS inputs, see fuzz below); any failure fails make test. Locally, for instance:
# make test TEST_EXTRA="test-asan valgrind".
TEST_EXTRA ?= $(if $(CI),test-no-display check-deps deb-install-check test-asan fuzz)
test: build
	xvfb-run -a -s '-screen 0 1920x1080x24' meson test -C $(BUILDDIR) --print-errorlogs --num-processes 2
	@set -e; for t in $(TEST_EXTRA); do \
	  echo "== make $$t"; $(MAKE) --no-print-directory $$t; \
	done

# The whole suite as flatpak-builder's run-tests runs it in its sandbox: no
# display. Every GUI test executable skips (TAP "1..0 # SKIP"), the rest pass.
test-no-display: build
	env -u DISPLAY -u WAYLAND_DISPLAY meson test -C $(BUILDDIR) --print-errorlogs --num-processes 2
	@python3 -c 'import json, sys; \
	  rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]; \
	  gui = [r["name"] for r in rows if r["name"].startswith("drilldesk:gui /")]; \
	  bad = [r["name"] for r in rows if r["name"].startswith("drilldesk:gui /") and r["result"] != "SKIP"]; \
	  print("GUI tests without a display: %d, all skipped" % len(gui)) if gui and not bad \
	    else sys.exit("GUI tests that did not skip without a display: %s" % (bad or "none ran"))' \
	  $(BUILDDIR)/meson-logs/testlog.json

# Benchmarks (tests/bench/): a release build of its own, then the tables.
bench: | deps
	@test -f _build-bench/build.ninja || meson setup _build-bench --buildtype=release $(MESON_OPTS)
	meson compile -C _build-bench
	tools/bench.sh _build-bench

# The Debian package (debian/): built by dpkg-buildpackage from a copy of the
# tree in $(DEB_DIR)/src (the tree itself stays clean), the .deb in $(DEB_DIR),
# then lintian (errors fail, warnings shown).
DEB_DIR ?= _build-deb
deb: | check-deps
	rm -rf $(DEB_DIR)/src && mkdir -p $(DEB_DIR)/src/drilldesk
	tar -c --exclude='./_build*' --exclude=./.git --exclude=./.flatpak-builder \
	    --exclude='./tests/fuzz/corpus-*' . | tar -x -C $(DEB_DIR)/src/drilldesk
	cd $(DEB_DIR)/src/drilldesk && dpkg-buildpackage -us -uc -b
	rm -f $(DEB_DIR)/*.deb $(DEB_DIR)/*.changes $(DEB_DIR)/*.buildinfo
	mv $(DEB_DIR)/src/*.deb $(DEB_DIR)/src/*.changes $(DEB_DIR)/src/*.buildinfo $(DEB_DIR)/
	lintian --fail-on error --info $(DEB_DIR)/*.changes

# CI: the .deb installs with apt, the installed drilldesk-cli validates every
# bundled scenario (and its action scripts) under /usr/share and has its
# manual page, and the package is removed again.
deb-install-check: deb
	@set -e; deb=$$(ls $(DEB_DIR)/drilldesk_*.deb); \
	trap '$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq drilldesk >/dev/null' EXIT; \
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ./$$deb; \
	for s in /usr/share/drilldesk/scenarios/*/; do \
	  echo "/usr/bin/drilldesk-cli validate $$s*.xml"; /usr/bin/drilldesk-cli validate $$s*.xml; \
	done; \
	test -n "$$(ls -d /usr/share/drilldesk/scenarios/*/)"; \
	man -w drilldesk-cli; \
	test -f /usr/share/applications/io.github.drilldesk.DrillDesk.desktop; \
	test -f /usr/share/metainfo/io.github.drilldesk.DrillDesk.metainfo.xml; \
	test -f /usr/share/locale/zh_CN/LC_MESSAGES/drilldesk.mo; \
	test -f /usr/share/icons/hicolor/scalable/apps/io.github.drilldesk.DrillDesk.svg; \
	echo "drilldesk installed from $$deb: every bundled scenario validates"

# Tools of the checks below only: clang and its fuzzer runtime, valgrind.
check-deps: deps
	@$(MAKE) --no-print-directory deps PACKAGES_FILE=build-aux/debian-packages-checks.txt

# The whole suite under AddressSanitizer and UBSan: the asan test setup in
# tests/meson.build (GUI without GL, full stacks), suppressions tests/lsan.supp.
test-asan: | check-deps
	@test -f _build-asan/build.ninja || meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false $(MESON_OPTS)
	meson compile -C _build-asan
	xvfb-run -a -s '-screen 0 1920x1080x24' meson test -C _build-asan --setup=asan --print-errorlogs --num-processes 2

# The suite under valgrind memcheck (setup in tests/meson.build, tests/valgrind.supp):
# every test executable (core, gui, fuzz-replay; ~5 min on 2 cores); e2e and
# data are scripts. Zero errors, zero definite leaks.
VALGRIND_ARGS ?= --suite core --suite gui --suite fuzz-replay
valgrind: build check-deps
	xvfb-run -a -s '-screen 0 1920x1080x24' meson test -C $(BUILDDIR) --setup=valgrind --print-errorlogs --num-processes 2 $(VALGRIND_ARGS)

# libFuzzer targets (tests/fuzz/README.md): clang with ASan and UBSan in
# _build-fuzz, each target FUZZ_SECONDS on a corpus grown from its seeds.
# Crashing inputs land in tests/fuzz/corpus-artifacts/: fix, then keep each in
# tests/fuzz/regressions/<format>/.
#
# Exploring (the default) keeps growing tests/fuzz/corpus-<target> with a new
# random seed each run. CI instead replays a fixed walk: FUZZ_SEED (1 on CI)
# from the seeds alone, in a fresh corpus, for at most FUZZ_RUNS inputs per
# target, so a CI failure is the same failure on every machine
# ("make fuzz FUZZ_SEED=1" reproduces it) and a clean CI run stays clean.
# New crashes are for the exploring runs to find, not for CI to stumble on.
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= $(if $(CI),1)
FUZZ_RUNS ?= 40000
FUZZ_TARGETS ?= plan scenario actions journal msel
fuzz: | check-deps
	@test -f _build-fuzz/build.ninja || CC=clang meson setup _build-fuzz -Dfuzzing=true -Dgui=disabled \
	    -Db_sanitize=address,undefined -Db_lundef=false
	meson compile -C _build-fuzz
	@mkdir -p tests/fuzz/corpus-artifacts
	@set -e; for f in $(FUZZ_TARGETS); do \
	  dict=tests/fuzz/xml.dict; [ $$f != journal ] || dict=tests/fuzz/journal.dict; \
	  if [ -n "$(FUZZ_SEED)" ]; then \
	    corpus=_build-fuzz/corpus-seed$(FUZZ_SEED)-$$f; rm -rf $$corpus; \
	    walk="-seed=$(FUZZ_SEED) -runs=$(FUZZ_RUNS)"; \
	    echo "== fuzz-$$f: seed $(FUZZ_SEED), $(FUZZ_RUNS) inputs (at most $(FUZZ_SECONDS) s)"; \
	  else \
	    corpus=tests/fuzz/corpus-$$f; walk=; \
	    echo "== fuzz-$$f for $(FUZZ_SECONDS) s"; \
	  fi; \
	  mkdir -p $$corpus; \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp G_SLICE=always-malloc \
	  _build-fuzz/tests/fuzz/fuzz-$$f -dict=$$dict -max_len=100000 -timeout=20 -rss_limit_mb=4096 \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $$walk \
	    -artifact_prefix=tests/fuzz/corpus-artifacts/$$f- \
	    $$corpus tests/fuzz/seeds/$$f; \
	done

clean:
	rm -rf $(BUILDDIR)
