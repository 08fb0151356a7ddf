# Two commands for newcomers: `make run` and `make test`. Both install what
# is missing first (scripts/setup.sh) and are quick when all is there.

SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

HOST_PACKAGES := -p linli-model -p linli-service -p linli-app -p linli-server
WASM := --target wasm32-unknown-unknown

.PHONY: run test setup setup-test setup-bench build lint test-rust test-e2e bench bench-pages bench-pages-large bench-client bench-matters clean-data

## Run the portal on http://127.0.0.1:3000 with the demo city (SQLite at ./data/linli.db).
run: setup build
	LINLI_DATABASE_URL=$${LINLI_DATABASE_URL:-sqlite:data/linli.db} \
	LINLI_SITE_ROOT=target/site \
	target/release/linli serve --seed-demo

## Every test: formatting, lints on both targets, unit, SQLite and PostgreSQL, browser.
test: setup-test lint test-rust build test-e2e

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

setup-bench:
	@scripts/setup.sh bench

## The release build `make run` serves: server binary and hydrate bundle.
build:
	cargo leptos build --release --precompress

lint:
	cargo fmt --all -- --check
	cargo clippy $(HOST_PACKAGES) --all-targets -- -D warnings
	cargo clippy -p linli-frontend $(WASM) -- -D warnings
	@if cargo tree -p linli-frontend $(WASM) -e normal,build | grep -q '^.*sqlx'; then \
	  echo "the wasm build pulls in sqlx"; exit 1; \
	else echo "the wasm build is free of sqlx"; fi

# One test at a time in each test binary: with several test servers running
# at once in one process (each on its own runtime), a page request now and
# then waits forever; never with one server per process, as in production,
# nor with one test at a time. Until the cause is found, tests do not run
# concurrently inside a process; it costs well under a minute.
#
# Leptos' `erase_components` cfg type-erases views in the test build: each
# test binary shrinks from 1.4 GB to 130 MB and the build takes a third of
# the time (a clean CI run filled its disk without it). The release build
# `make run` serves keeps the typed views.
test-rust:
	CI=$${CI:-} RUSTFLAGS="$${RUSTFLAGS:-} --cfg erase_components" \
	  scripts/with-postgres.sh cargo test $(HOST_PACKAGES) -- --test-threads=1

test-e2e:
	scripts/e2e.sh

## Requests per second of the pages, signed in and as a visitor, on both
## engines, with peak memory (set BEFORE=dir to measure an older build's
## `linli` and `site/` in the same run), then on the ten-million-matter
## city; the directory and a consultation page (wrk on loopback); the
## opinion groups' recompute time; the client's figures.
bench: setup-bench build
	scripts/bench-pages.sh sqlite
	scripts/bench-pages.sh postgres
	$(MAKE) --no-print-directory bench-pages-large
	scripts/bench.sh
	cargo bench -p linli-service --bench opinion
	scripts/bench-client.sh

## Only the pages' requests per second and memory, on both engines.
bench-pages: setup-bench build
	scripts/bench-pages.sh sqlite
	scripts/bench-pages.sh postgres

## The same pages (and a street search) on the demo city with
## BENCH_LARGE matters (ten million by default), seeded once into
## bench-data/ and reused: about 11 GB for SQLite, 30 GB for PostgreSQL
## (the first seed takes most of an hour per engine; delete the folder to
## free the disk).
BENCH_LARGE ?= 10000000
bench-pages-large: setup-bench build
	BENCH_MATTERS=$(BENCH_LARGE) BENCH_DB=$(CURDIR)/bench-data/city-$(BENCH_LARGE).db scripts/bench-pages.sh sqlite
	BENCH_MATTERS=$(BENCH_LARGE) BENCH_PGDATA=$(CURDIR)/bench-data/city-$(BENCH_LARGE)-pg scripts/bench-pages.sh postgres

## First-load bytes and Lighthouse's mobile figures of the page types; set
## BEFORE=dir (an older build's `linli` and `site/`) to measure it alongside.
bench-client: setup-bench build
	scripts/bench-client.sh

## The matters benchmark: seed, list, search and submissions per second.
bench-matters: setup-bench build
	scripts/bench-matters.sh sqlite

clean-data:
	rm -rf data
