# One-command set-up: every target first makes sure the environment exists.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
MODEL := models/current.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) \
	$(wildcard components/*.py) $(wildcard bot/*.py)

.PHONY: setup train run shell test test-unit test-rasa test-e2e validate bench clean

setup: $(VENV)/.installed
$(VENV)/.installed: requirements.txt constraints.txt scripts/setup.sh
	bash scripts/setup.sh

# Retrain only when the training data or pipeline changed.
$(MODEL): $(TRAINING_INPUTS) | setup
	$(BIN)/rasa train --fixed-model-name current --out models --quiet

train: setup
	$(BIN)/rasa train --fixed-model-name current --out models --quiet --force

run: setup $(MODEL)
	bash scripts/run.sh

shell: setup $(MODEL)
	bash scripts/shell.sh

validate: setup
	$(BIN)/rasa data validate --fail-on-warnings --max-history 5

test-unit: setup
	$(BIN)/python -m pytest tests -m "not e2e" -q

test-rasa: setup $(MODEL) validate
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml \
		--fail-on-prediction-errors --out results/core
	$(BIN)/rasa test nlu --model $(MODEL) --nlu tests/nlu_holdout.yml --out results/nlu

test-e2e: setup $(MODEL)
	$(BIN)/python -m pytest tests -m e2e -q

test: test-unit test-rasa test-e2e

bench: setup $(MODEL)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf models results var .pytest_cache
