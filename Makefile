# Two commands on a fresh machine with only Python 3.11 and pip:
#   make run   set up .venv from uv.lock and run the ETL once on the bundled sample corpus
#   make test  set up the same way, check formatting and lint (ruff), run the whole test suite (.ci/run runs this)
PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
# uv must use the machine's Python 3.11 and never download an interpreter of its own.
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup run test bench bench-scaling clean

setup: $(VENV)/.synced

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --locked --python $(PYTHON)
	touch $@

run: setup
	$(VENV)/bin/gaoxin run

test: setup
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

# make bench [BENCH_DOCS=20000] [BENCH_OUT=FILE.json]: time, memory and recall on a generated corpus
BENCH_DOCS ?= 2000
BENCH_OUT ?= bench/out/latest.json
bench: setup
	$(VENV)/bin/python -m bench.run --docs $(BENCH_DOCS) --out $(BENCH_OUT)

# make bench-scaling [SCALING_ARGS="--base-kb 128 --shapes prose"]: seconds per stage at n..8n on adversarial shapes
bench-scaling: setup
	$(VENV)/bin/python -m bench.scaling $(SCALING_ARGS)

clean:
	rm -rf $(VENV) $(TOOLS) warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/gx
