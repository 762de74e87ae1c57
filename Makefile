# Two commands do everything on a fresh machine: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
N ?= 1000

.PHONY: install build test serve preview validate generate bench clean

$(STAMP): requirements.txt pyproject.toml package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# Make the repository's own package importable (no build step: the code runs in place).
	$(PY) -c "import os, site; open(os.path.join(site.getsitepackages()[0], 'showcase-repo.pth'), 'w').write(os.getcwd())"
	# axe-core (accessibility checks in the browser tests), at the version in package-lock.json.
	npm ci --no-audit --no-fund
	touch $(STAMP)

install: $(STAMP)

validate: $(STAMP)
	$(PY) scripts/validate.py

# The build validates everything first (showcase/mkdocs_hooks.py) and stops on any error.
build: $(STAMP)
	$(PY) -m mkdocs build --strict

generate: $(STAMP)
	$(PY) scripts/generate.py

test: $(STAMP)
	$(PY) -m pytest

# --dirty: a rebuild rewrites only what changed (MkDocs keeps the previous files; the adapter
# does the same for profiles and listings). --no-strict: a warning shows, the preview stays up.
SERVE := $(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --dirty --no-strict

serve: $(STAMP)
	$(SERVE)

# Preview one or more profiles quickly in a large repository: make preview FILE=exemplars/x.md
preview: $(STAMP)
	SHOWCASE_PREVIEW=$(FILE) $(SERVE)

bench: $(STAMP)
	$(PY) benchmarks/run.py --sizes $(N) $(BENCH_ARGS)

clean:
	rm -rf site .pytest_cache
