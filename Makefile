# The two quick-start commands: `make serve` and `make test`. Both set up what they need.
# Everything runs in a virtualenv the Makefile makes itself (.venv/): stock Debian and Ubuntu
# refuse `pip install` into the system Python (PEP 668, externally-managed-environment).
PY ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
PORT ?= 8000
# Material 9.8 prints an end-of-life banner for MkDocs 2 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING = 1

.PHONY: setup setup-test serve build test lint bench model evaluate

# pip runs only when pyproject.toml changed since the last install (the stamp files), so
# `make build` costs the build, not a pip resolve each time.
$(VPY):
	@$(PY) -m venv $(VENV) || { echo "make: cannot create $(VENV): install python3-venv" \
	  "(sudo apt-get install python3-venv) and run make again" >&2; rm -rf $(VENV); exit 1; }

$(VENV)/.installed: pyproject.toml | $(VPY)
	$(VPY) -m pip install -q --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VPY)
	$(VPY) -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $@ $(VENV)/.installed

setup: $(VENV)/.installed

# Debian packages the tests drive: chromium (e2e, PDF typesetting), CJK fonts, poppler's
# pdftotext, a JRE for the Nu HTML checker, npm for axe-core.
setup-test: $(VENV)/.installed-test
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; fi
	@if ! command -v java >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless npm >/dev/null; fi
	@test -f .cache/testtools/package/axe.min.js || (mkdir -p .cache/testtools && cd .cache/testtools && \
	  npm pack -q axe-core@4.14 >/dev/null && tar xzf axe-core-*.tgz)

build: setup
	$(VPY) -m mkdocs build --strict

serve: setup
	$(VPY) -m mkdocs serve --dev-addr 0.0.0.0:$(PORT)

lint: setup-test
	$(VPY) -m ruff check scripts tests $(wildcard benchmarks)

test: setup-test lint
	$(VPY) -m pytest

# The CI workflow alone: GitHub's schema, zizmor (offline), pins and permissions (also in `make test`).
.PHONY: check-workflow
check-workflow: setup-test
	$(VPY) -m pytest -q tests/test_workflow.py

bench: setup
	$(VPY) benchmarks/run.py

# Refit the line-role model from the corpus's fitting part and the seeds (needs ../shared, and
# chromium with the PDF tools for the typeset pages); the same corpus and tools give a
# byte-identical model.
model: setup-test
	$(VPY) -m civicnews.fit.train

# Score the extractor on generated pages of the corpus's validation part (never fitted on).
evaluate: setup
	$(VPY) -m civicnews.fit.evaluate --split val --pages 60 --seed 1
