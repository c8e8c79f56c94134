# opswiki: `make serve` and `make test` are the whole set-up on a fresh Debian machine.
SHELL := /bin/bash
SWIFT ?= swift
SHARED ?= ../shared
HOST ?= 127.0.0.1
PORT ?= 8080
DEMO ?= .demo/wiki.git
DEMO_USERS ?= .demo/users
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN := .build/release/opswiki

BUILD_PACKAGES := libgit2-dev libcrypt-dev pkg-config
TEST_PACKAGES := git python3 apache2-utils chromium curl
BENCH_PACKAGES := cmark-gfm wrk nginx-light curl python3

# Installs the Debian packages named in $(1) that are not installed yet.
define ensure_packages
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

.PHONY: serve build test conformance bench soak fuzz deps test-deps bench-deps clean check-swift

FUZZ_SECONDS ?= 60
# libFuzzer builds go to their own scratch path; gold cannot link them, lld (shipped with Swift) can.
FUZZ_BUILD = $(SWIFT) build -c release --scratch-path .build-fuzz -Xswiftc -use-ld=lld \
	-Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing -Xswiftc -DFUZZING
FUZZ_RUN = SWIFT_BACKTRACE=enable=no


check-swift:
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is not on PATH: install the Swift toolchain (swift.org) first."; exit 1; }

deps: check-swift
	$(call ensure_packages,$(BUILD_PACKAGES))

test-deps: deps
	$(call ensure_packages,$(TEST_PACKAGES))

bench-deps: deps
	$(call ensure_packages,$(BENCH_PACKAGES))

build: deps
	$(SWIFT) build -c release --product opswiki

## serve: build, create the demo wiki and a demo maintainer once, serve it at http://$(HOST):$(PORT)
serve: build
	@[ -d "$(DEMO)" ] || { mkdir -p "$$(dirname "$(DEMO)")" && $(RELEASE_BIN) init "$(DEMO)" --demo; }
	@if [ ! -f "$(DEMO_USERS)" ]; then \
	  password=$$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 16); \
	  echo "$$password" | $(RELEASE_BIN) user add --users "$(DEMO_USERS)" demo --email demo@localhost \
	    --role maintainer --name "Demo Maintainer" >/dev/null; \
	  ( umask 077; echo "$$password" > "$(DEMO_USERS).password" ); \
	fi
	@echo "Sign in at http://$(HOST):$(PORT)/login as 'demo' with password '$$(cat "$(DEMO_USERS).password")'"
	$(RELEASE_BIN) serve --repo "$(DEMO)" --users "$(DEMO_USERS)" --host $(HOST) --port $(PORT)

## test: unit and integration tests, the headless-Chromium browser test, then the Markdown conformance suites (when ../shared is present)
test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	python3 Tests/Browser/run-browser-tests .build/debug/opswiki .build/browser-screenshots
	python3 Tests/Browser/run-xss-tests .build/debug/opswiki
	@$(MAKE) --no-print-directory conformance

## conformance: CommonMark 0.31.2 and GFM suites through `opswiki render` (skipped without ../shared)
conformance: build
	@if [ ! -x "$(SHARED)/conformance/run-conformance" ]; then \
	  echo "conformance: $(SHARED)/conformance is absent (a fresh clone without ../shared): skipped"; \
	else \
	  python3 scripts/conformance.py --shared "$(SHARED)" --renderer "$(RELEASE_BIN) render --pure --unsafe --batch"; \
	fi

## bench: benchmarks, each printed beside its reference as a ratio
bench: bench-deps
	$(SWIFT) build -c release --product opswiki
	$(SWIFT) build -c release --product Benchmarks
	.build/release/Benchmarks $(RELEASE_BIN)
	scripts/bench-http.sh $(RELEASE_BIN)

SOAK_SECONDS ?= 600
## soak: SOAK_SECONDS (default 600) of readers, editors on the same pages, pushes, clones and searches against a
## release build on loopback; then zero 5xx, no lost acknowledged write, git fsck clean, RSS growth < 10%
soak: build test-deps
	SOAK_SECONDS=$(SOAK_SECONDS) python3 scripts/soak.py --binary $(RELEASE_BIN)

## fuzz: the Markdown renderer and the HTTP request parser under libFuzzer, FUZZ_SECONDS each
fuzz: deps
	$(FUZZ_BUILD) --product RenderFuzz
	$(FUZZ_BUILD) --product HTTPParserFuzz
	mkdir -p .build-fuzz/corpus/render .build-fuzz/corpus/http .build-fuzz/crashes
	$(FUZZ_RUN) .build-fuzz/release/RenderFuzz -max_total_time=$(FUZZ_SECONDS) -timeout=5 -max_len=4096 \
	  -dict=Fuzz/render.dict -artifact_prefix=.build-fuzz/crashes/render- .build-fuzz/corpus/render Fuzz/render-seeds
	$(FUZZ_RUN) .build-fuzz/release/HTTPParserFuzz -max_total_time=$(FUZZ_SECONDS) -timeout=5 -max_len=4096 \
	  -artifact_prefix=.build-fuzz/crashes/http- .build-fuzz/corpus/http Fuzz/seeds

clean:
	rm -rf .build .build-fuzz .demo
