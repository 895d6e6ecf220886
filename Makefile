# The two quick-start commands: `make serve` and `make test`. Both set up what they need.
PY ?= python3
PORT ?= 8000
# Material 9.8 prints an end-of-life banner for MkDocs 2 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING = 1

.PHONY: setup setup-test serve build test lint bench model evaluate

setup:
	$(PY) -m pip install -q --disable-pip-version-check -e .

setup-test:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; fi
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

# The CI workflow alone: GitHub's schema, zizmor (offline), pins and permissions (also in `make test`).
.PHONY: check-workflow
check-workflow: setup-test
	$(PY) -m pytest -q tests/test_workflow.py

bench: setup
	$(PY) benchmarks/run.py

# Refit the line-role model from the corpus's fitting part and the seeds (needs ../shared);
# the same corpus gives a byte-identical model.
model: setup
	$(PY) -m civicnews.fit.train

# Score the extractor on generated pages of the corpus's validation part (never fitted on).
evaluate: setup
	$(PY) -m civicnews.fit.evaluate --split val --pages 60 --seed 1
