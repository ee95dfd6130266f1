# The two commands: `make dev` and `make test`. Each installs what it needs.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/.tools/node_modules/.bin:$(PATH)

DEV_API_PORT ?= 8081

.PHONY: dev test dist bench setup lint test-native test-e2e test-contract clean

## make dev: the blog at http://127.0.0.1:8080 with the embedded dev API.
dev:
	@scripts/setup.sh build
	@cargo build -p devapi
	@scripts/dev.sh $(DEV_API_PORT)

## make test: every test (lint, native, end-to-end in headless Chromium).
test:
	@scripts/setup.sh test
	@$(MAKE) --no-print-directory lint test-native dist test-e2e test-contract

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p blog --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p blog --no-default-features --features ssr --all-targets -- -D warnings
	cargo clippy -p blog-core --features native-html --all-targets -- -D warnings

test-native:
	cargo test --workspace
	cargo test -p blog --no-default-features --features ssr
	cargo test -p blog-core --features native-html --lib rules::sanitize_native

test-e2e:
	cargo build -p devapi --release
	cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec

## make test-contract: the dev API and the app against a real WordPress
## (Debian's packages, on 127.0.0.1; SKIPPED where they cannot be installed).
test-contract:
	cargo build -p devapi --release
	@scripts/wordpress/contract.sh

## make dist: the CDN bundle in dist/, its pages prerendered (scripts/prerender.sh).
## Trunk builds the app into target/trunk-dist, and the parts prerendered
## pages load on demand (part: the comments; chat: the chat; their Trunk
## pages are written from index.html by part-pages.mjs) into
## target/trunk-part and target/trunk-chat (skipped when nothing they read
## changed); sync-app.mjs brings them into dist/ without wiping it, so a
## rebuild renders only what changed.
dist:
	@scripts/setup.sh build
	@$(MAKE) --no-print-directory $(TRUNK_BUILDS)
	@node scripts/sync-app.mjs target/trunk-dist dist $(foreach p,$(PARTS),$(p)=target/trunk-$(p))
	@scripts/prerender.sh
	@UV_THREADPOOL_SIZE=$$(nproc) node scripts/postbuild.mjs dist
	@node scripts/sizes.mjs dist

# What Trunk's builds read. When none of it changed since they last ran,
# make dist skips them (the code is the same) and only prerenders what the
# content changed: a rebuild after a post is edited then costs seconds, not
# the three builds' 20 (wasm-bindgen and wasm-opt run even on unchanged code).
# After a toolchain upgrade, `rm -r target/trunk-*` makes them run again.
TRUNK_INPUTS := index.html Trunk.toml Cargo.toml Cargo.lock scripts/part-pages.mjs \
	$(shell find src core/src core/Cargo.toml style public -type f)
# The parts, as scripts/part-pages.mjs names them (its PARTS).
PARTS := $(shell node scripts/part-pages.mjs --names)
TRUNK_BUILDS := target/trunk-dist/index.html $(PARTS:%=target/trunk-%/index.html)

target/trunk-dist/index.html: $(TRUNK_INPUTS)
	trunk build --release --dist target/trunk-dist

target/trunk-%/index.html: $(TRUNK_INPUTS)
	@node scripts/part-pages.mjs target/part-pages
	trunk build --release --dist target/trunk-$* target/part-pages/$*.html

## make bench: figures (phone profile: prerendered article and fallback path
## vs. the static limit, comment threads, typing; build time and size for
## 10 to 1,000 posts) printed and written into BENCHMARKS.md; a few minutes.
bench:
	@scripts/setup.sh bench
	@$(MAKE) --no-print-directory dist
	cargo build -p devapi --release
	node scripts/bench/bench.mjs

clean:
	cargo clean
	rm -rf dist
