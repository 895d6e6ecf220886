# The two quick-start commands: `make serve` and `make test`. Both set up what they need.
PY ?= python3
PORT ?= 8000
# Material 9.8 prints an end-of-life banner for MkDocs 2 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING = 1

.PHONY: setup setup-test serve build test lint bench

setup:
	$(PY) -m pip install -q --disable-pip-version-check -e .

setup-test:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi
	$(PY) -m pip install -q --disable-pip-version-check -e ".[test]"
	@if ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless npm >/dev/null; fi
	@test -f .cache/testtools/package/axe.min.js || (mkdir -p .cache/testtools && cd .cache/testtools && \
	  npm pack -q axe-core@4.14 >/dev/null && tar xzf axe-core-*.tgz)

build: setup
	$(PY) -m mkdocs build --strict

serve: setup
	$(PY) -m mkdocs serve --dev-addr 0.0.0.0:$(PORT)

lint:
	$(PY) -m ruff check scripts tests $(wildcard benchmarks)

test: setup-test lint
	$(PY) -m pytest

bench: setup
	$(PY) benchmarks/run.py
