# One-command set-up: every target first makes sure the environment exists.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
MODEL := models/current.tar.gz
LINTED := rasa_patches bot actions channels components stores web launchers ops devtools
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) \
	$(wildcard components/*.py) bot/safety.py $(wildcard bot/profile/*.py bot/data/profile_*.yml)

TRAINING_INPUTS += bot/vocabulary.py bot/data/vocabulary.yml bot/symptoms.py bot/data/symptoms.yml

.PHONY: help setup setup-test setup-scaled run-scaled test-scale load lint train run shell test test-unit test-rasa test-e2e readability validate bench nlu-report mutation golden docs clean
.DEFAULT_GOAL := help

# make (or make help): every target with its line after "## ".
help: ## List the targets with what each does
	@awk 'BEGIN {FS = ":[^#]*## "} /^[a-z][a-z0-9-]*:[^=]*## / {printf "  %-13s %s\n", $$1, $$2}' \
		$(MAKEFILE_LIST)
	@echo "  Settings: VENV (default .venv), and the *_ARGS, DAYS and SENDER above."

# launchers/setup.sh is idempotent and quick when nothing changed.
setup: ## The virtual environment, the pinned packages and the project (editable); quick when done
	@bash launchers/setup.sh

setup-test: ## setup, plus the test packages and Debian's Chromium
	@bash launchers/setup.sh --test

# The first, fast step of make test: lint and types (tools in .venv-lint).
lint: setup-test ## ruff and mypy over the code (tools in .venv-lint)
	@bash launchers/setup.sh --lint
	.venv-lint/bin/ruff check $(LINTED) tests
	.venv-lint/bin/mypy --python-executable $(BIN)/python $(LINTED)

# Reading level of every message and the summary page (Flesch-Kincaid, SMOG); fails
# above grade 8. Report in results/readability/ (devtools/readability.py; seconds).
readability: setup-test ## Reading grade of every message and the summary page; fails above 8
	$(BIN)/python -m devtools.readability $(READABILITY_ARGS)

# Retrain only when the training data or pipeline changed.
$(MODEL): $(TRAINING_INPUTS) | setup
	$(BIN)/rasa train --fixed-model-name current --out models --quiet

train: setup ## Retrain the model (models/current.tar.gz) even if nothing changed
	$(BIN)/rasa train --fixed-model-name current --out models --quiet --force

run: setup $(MODEL) ## The action server, the Rasa server and the web chat page on loopback
	bash launchers/run.sh

shell: setup $(MODEL) ## Talk to the bot in the terminal (rasa shell)
	bash launchers/shell.sh

validate: setup ## rasa data validate: domain, stories, rules and NLU data agree
	$(BIN)/rasa data validate --fail-on-warnings --max-history 5

test-unit: setup-test ## The unit tests (tests/unit; about a minute)
	$(BIN)/python -m pytest tests -m "not e2e" -q

test-rasa: setup $(MODEL) validate ## rasa test core on tests/test_stories.yml
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml \
		--fail-on-prediction-errors --out results/core

test-e2e: setup-test $(MODEL) ## The end-to-end tests (tests/e2e): real servers and Chromium
	$(BIN)/python -m pytest tests -m "e2e and not scale" -q

# The scaled set-up (ops/stack.py): PostgreSQL, Redis, REPLICAS Rasa servers
# with their action servers, and nginx in front, all on loopback (docs/scaling.md).
setup-scaled: ## The engines of the scaled set-up: PostgreSQL, Redis, nginx
	@bash launchers/setup.sh --scaled

run-scaled: setup setup-scaled $(MODEL) ## REPLICAS Rasa servers behind nginx on PostgreSQL and Redis
	@$(BIN)/python -m ops.stack up

# Two replicas behind nginx on real PostgreSQL and Redis: conversations across
# replicas, one replica killed mid-run, the database and Redis stopped and
# started (tests/scale/test_scale.py; in .ci/run after make test; ~3 min).
test-scale: setup-test setup-scaled $(MODEL) ## The scaled set-up's tests (~3 min; in CI after make test)
	$(BIN)/python -m pytest tests -m scale -q

# In make test the report prints only its figures (the full list is in report.txt).
test: READABILITY_ARGS = --quiet
test: lint readability test-unit test-rasa test-e2e ## Everything CI runs first: lint, readability, unit, Rasa, e2e

# 200 patients at once x 10 turns over REST, loopback only, servers started and
# stopped by the script (devtools/load.py; a few minutes). LOAD_ARGS="--scaled".
load: setup-test setup-scaled $(MODEL) ## 200 patients at once over REST (LOAD_ARGS=--scaled)
	$(BIN)/python -m devtools.load $(LOAD_ARGS)

# Ours beside a stock `rasa init` bot built in a temporary folder: messages/s,
# latency, cold start, memory, training, turn 5 against turn 50 (devtools/bench.py;
# about 7 minutes, 13 with BENCH_ARGS=--levers). Results in results/bench/.
bench: setup $(MODEL) ## Ours beside a stock rasa init bot (~7 min; BENCH_ARGS=--levers)
	$(BIN)/python -m devtools.bench $(BENCH_ARGS)

# Compare intent classifiers in config.yml's pipeline: cross-validation, held-out sets,
# training and start time, memory, and the open narrative sets played end to end to the
# whole bot built with each (devtools/nlu_report.py; outside make test; ~30 min on 2
# shared cores, a few when results/nlu-report/cache is current). NLU_REPORT_ARGS="--fresh"
# or "--no-narrative".
nlu-report: setup ## Compare the intent classifiers, end to end too (~30 min; NLU_REPORT_ARGS)
	$(BIN)/python -m devtools.nlu_report $(NLU_REPORT_ARGS)

clean: ## Delete models, results, var and the pytest cache
	rm -rf models results var .pytest_cache

# docs/rasa-patches.md from rasa_patches/registry.py (a test fails when it is stale).
docs: setup ## Write docs/rasa-patches.md from rasa_patches/registry.py
	$(BIN)/python -m rasa_patches.docs

# Accept changed bot messages into tests/golden/messages.txt after reading the diff.
golden: setup-test ## Accept changed bot messages into tests/golden/messages.txt
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/unit/bot/test_golden.py -q

# Plant small bugs in the content modules and report how many the tests catch
# (mutmut; slow, outside make test). Settings in setup.cfg.
mutation: setup-test ## Mutation testing of the content modules (mutmut; slow)
	@mkdir -p results
	bash devtools/mutation.sh

# Delete conversations from the tracker store in endpoints.yml (ops/purge.py):
# make purge DAYS=30 (idle for more than 30 days), make forget SENDER=<sender id>.
# The values reach the script through the environment, never through the shell's parser.
.PHONY: purge forget
purge: setup ## Delete conversations idle for more than DAYS days: make purge DAYS=30
	@$(BIN)/python -m ops.purge --days "$$DAYS"

forget: setup ## Delete one conversation: make forget SENDER=<sender id>
	@$(BIN)/python -m ops.purge --sender "$$SENDER"
