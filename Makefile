# The two commands a newcomer needs: `make run` and `make test`. The rest are their steps.
SHELL := /bin/bash
.DEFAULT_GOAL := run
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
SAMPLE_DIR := data/bgt_bag_samples
PLAN_DIR := data/omgevingsplan_samples
REGELS_DIR := data/toepasbare_regels_samples
KWB_DIR := data/kwb_samples
# The image builds with `make venv SYSTEEM=app EXTRAS=`: the same install path without the database
# server, browser and test tools.
SYSTEEM ?= alles
EXTRAS ?= [dev]
# Without DATABASE_URL we start and use the project-local cluster (scripts/pg.sh).
LOCAL_DB := $(if $(DATABASE_URL),,yes)

.PHONY: run run-dev demo replica test stop system venv db sample load seed lint bench clean-sample screenshots

system:
	@scripts/system-packages.sh $(SYSTEEM)

# Re-installs only when pyproject.toml changes, so a second `make run` installs nothing.
$(VENV)/.installed: pyproject.toml | system
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --upgrade pip
	@$(PY) -m pip install -q -e ".$(EXTRAS)"
	@touch $@

venv: $(VENV)/.installed

db: venv
ifeq ($(LOCAL_DB),yes)
	@scripts/pg.sh up
endif
	@$(MANAGE) migrate --noinput -v 0
	@# The release's other step: the basemap's MapProxy configuration, which web processes only read.
	@$(MANAGE) bouw_basiskaart -v 0

sample: venv
	@$(PY) -m dev.sample.bgt_bag --out $(SAMPLE_DIR) --if-missing
	@$(PY) -m dev.sample.omgevingsplan --out $(PLAN_DIR) --sample $(SAMPLE_DIR) --if-missing
	@$(PY) -m dev.sample.toepasbare_regels --out $(REGELS_DIR) --if-missing
	@$(PY) -m dev.sample.kwb --buurten $(SAMPLE_DIR) --out $(KWB_DIR) --if-missing

# Loads the sample once: the import records each file it finished, so a second run skips them.
load: db sample
	@$(MANAGE) load_sample $(SAMPLE_DIR)
	@$(MANAGE) import_omgevingsplan $(PLAN_DIR)
	@$(MANAGE) import_sttr $(REGELS_DIR) -v 0
	@$(MANAGE) import_kerncijfers $(KWB_DIR) -v 0

# What both run targets serve on top of the sample: meldingen, buurtberichten, the dashboard's figures.
demo: load
	@$(MANAGE) load_sample_meldingen
	@$(MANAGE) load_sample_buurtberichten
	@$(MANAGE) load_sample_buurtdashboard

# granian (config/webserver.py): worker processes by core count, threads, keep-alive, as in production;
# DEBUG off and the static files collected, compressed and hashed, as production serves them (run.sh).
run: demo
	@scripts/run.sh

# The same stack with Django's runserver, which reloads on code changes: for development only.
run-dev: demo
	@LOKET_DEV_SERVER=1 scripts/run.sh

test: db sample
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports --no-cache --no-logo
	@$(MANAGE) makemigrations --check --dry-run
	@$(VENV)/bin/pytest --ignore=tests/config/test_api_contract.py
	@# schemathesis names every operation's test alike, which pytest-xdist cannot share out: in one process.
	@$(VENV)/bin/pytest -n0 tests/config/test_api_contract.py

# A local streaming replica of the project-local cluster; `LOKET_PG_REPLICA=1 make run` reads from it.
replica: db
	@scripts/pg.sh replica-up

# Fills the basemap's tile cache for the area with BGT data (MapProxy also renders tiles on demand).
seed: load
	@$(MANAGE) seed_basiskaart

# The main pages and the backoffice (on the demo's meldingen and vergunningaanvragen) at phone and
# desktop size into var/screenshots/ (not committed).
screenshots: demo
	@$(MANAGE) screenshots

stop:
ifeq ($(LOCAL_DB),yes)
	@scripts/pg.sh stop
else
	@echo "DATABASE_URL is gezet: die database beheert u zelf."
endif

bench: db
	@$(PY) bench/import_bench.py
	@$(PY) bench/kaart_bench.py
	@$(PY) bench/dso_bench.py
	@$(PY) bench/check_regels_bench.py
	@$(PY) bench/omgevingsplan_bench.py
	@$(PY) bench/regels_bench.py
	@$(PY) bench/werkers_bench.py
	@$(PY) bench/meldingen_bench.py
	@$(PY) bench/dashboard_bench.py
	@$(PY) bench/buurtberichten_bench.py

clean-sample:
	rm -f $(SAMPLE_DIR)/*.zip $(SAMPLE_DIR)/*.geojson
	rm -f $(PLAN_DIR)/*.xml $(PLAN_DIR)/*.gml
