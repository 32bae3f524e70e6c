# Lector: `make run` opens the reader, `make test` runs the whole suite headless.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: run test i18n i18n-update i18n-check lint format stress bench bench-quick dist dist-check \
	check-qt-run check-qt-offscreen clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.run: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test,lint]'
	touch $@ $(VENV)/.run

$(VENV)/.build: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[build]'
	touch $@ $(VENV)/.run

check-qt-run: $(VENV)/.run
	@$(PY) -m reader.sysdeps

check-qt-offscreen: $(VENV)/.run
	@$(PY) -m reader.sysdeps offscreen

run: $(VENV)/.run check-qt-run i18n
	$(PY) -m reader

test: $(VENV)/.test check-qt-offscreen i18n
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m "not stress"

stress: $(VENV)/.test check-qt-offscreen
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s -m stress

# Compiled translations (i18n/*.qm) are build outputs; the .ts files are the source.
i18n: $(VENV)/.run
	$(PY) tools/i18n.py release

i18n-update: $(VENV)/.run
	$(PY) tools/i18n.py update

i18n-check: $(VENV)/.run
	$(PY) tools/i18n.py check

# Benchmarks run at low priority: on a shared machine they measure, they do not hog.
BENCH_DOCS ?= 10000
bench: $(VENV)/.run check-qt-offscreen
	QT_QPA_PLATFORM=offscreen nice -n 10 $(PY) -m benchmarks.run --docs $(BENCH_DOCS)

bench-quick: $(VENV)/.run check-qt-offscreen
	QT_QPA_PLATFORM=offscreen nice -n 10 $(PY) -m benchmarks.run --quick

lint: $(VENV)/.test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.test
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# The standalone program in dist/lector/ (runs with no Python installed). Building
# needs binutils (objdump, strip); see README for the system packages it bundles.
dist: $(VENV)/.build i18n
	rm -rf dist/lector
	$(PY) -m PyInstaller --noconfirm --log-level WARN build.spec
	cp packaging/linux/lector.desktop packaging/linux/install.sh dist/lector/
	@du -sh dist/lector

# The packaged program checks itself offscreen: window, library, rendering, both languages.
dist-check:
	QT_QPA_PLATFORM=offscreen dist/lector/lector --self-test

clean:
	rm -rf build dist .pytest_cache .ruff_cache i18n/*.qm
