# Two commands do everything on a fresh machine: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
N ?= 1000

.PHONY: install build test serve preview validate generate bench clean node edit

$(STAMP): requirements.txt pyproject.toml showcase/pagefind_binary.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# Make the repository's own package importable (no build step: the code runs in place).
	$(PY) -c "import os, site; open(os.path.join(site.getsitepackages()[0], 'showcase-repo.pth'), 'w').write(os.getcwd())"
	# Pagefind's binary, pinned with its checksum, from the npm registry without Node (showcase/pagefind_binary.py).
	$(PY) -m showcase.pagefind_binary
	touch $(STAMP)

install: $(STAMP)

# Node tools at the versions in package-lock.json: Decap CMS (the form editor /bien-tap/, copied
# into the site by the build), decap-server (`make edit`), axe-core and Lighthouse (browser tests). `make build`
# and `make serve` need none of them: without them the build leaves /bien-tap/ out and says so.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "Chưa có Node.js (npm): bỏ qua trang biên tập /bien-tap/ và các kiểm tra trên trình duyệt cần nó."; fi

node: $(NODE_STAMP)

validate: $(STAMP)
	$(PY) scripts/validate.py

# The build validates everything first (showcase/mkdocs_hooks.py) and stops on any error.
# showcase/serve.py runs MkDocs with its messages in Vietnamese (mkdocs build --strict).
build: $(STAMP)
	$(PY) -m showcase.serve build

generate: $(STAMP)
	$(PY) scripts/generate.py

test: $(STAMP) node
	$(PY) -m pytest

# --dirty: a rebuild rewrites only what changed (MkDocs keeps the previous files; the adapter
# does the same for profiles and listings). --no-strict: a warning shows, the preview stays up.
# `make serve PORT=8001` when 8000 is taken. showcase/serve.py: mkdocs serve, its messages in Vietnamese.
PORT ?= 8000
SERVE := $(PY) -m showcase.serve serve --dev-addr 127.0.0.1:$(PORT)

serve: $(STAMP)
	$(SERVE)

# The form editor on this computer: http://127.0.0.1:8000/bien-tap/ writes real files into exemplars/
# (decap-server, loopback only) while the preview shows them and the validator's messages.
edit: $(STAMP) node
	$(PY) scripts/edit.py -- $(SERVE)

# Preview one or more profiles quickly in a large repository: make preview FILE=exemplars/x.md
preview: $(STAMP)
	SHOWCASE_PREVIEW=$(FILE) $(SERVE)

# The build against plain Material on N synthetic profiles (benchmarks/README.md): make bench N=10000.
# National scale: make bench N=10000,50000 BENCH_ARGS="--workdir /var/tmp/bench" (10 GB of disk);
# N=100000 only on request (about 30 minutes and 20 GB on 2 cores).
bench: $(STAMP)
	$(PY) benchmarks/run.py --sizes $(N) $(BENCH_ARGS)
	$(PY) benchmarks/relevance.py

clean:
	rm -rf site .pytest_cache
