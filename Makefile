# The two quick-start commands: `make serve` and `make test`. Both set up what they need.
# Everything runs in a virtualenv the Makefile makes itself (.venv/): stock Debian and Ubuntu
# refuse `pip install` into the system Python (PEP 668, externally-managed-environment).
PY ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
PORT ?= 8000
# Material 9.8 prints an end-of-life banner for MkDocs 2 on every build; we pin mkdocs<2.
export NO_MKDOCS_2_WARNING = 1

.PHONY: setup setup-test serve build test lint bench

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

setup-test: $(VENV)/.installed-test
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi

build: setup
	$(VPY) -m mkdocs build --strict

serve: setup
	$(VPY) -m mkdocs serve --dev-addr 0.0.0.0:$(PORT)

lint: setup-test
	$(VPY) -m ruff check scripts tests $(wildcard benchmarks)

test: setup-test lint
	$(VPY) -m pytest

bench: setup
	$(VPY) benchmarks/run.py
