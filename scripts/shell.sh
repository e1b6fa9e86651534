#!/usr/bin/env bash
# Talk to the bot in the terminal: the action server in the background and
# `rasa shell` in the foreground; leaving the shell stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=$PWD
export SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore
ACTIONS_PORT=${ACTIONS_PORT:-5055}
mkdir -p var
"$BIN/rasa" run actions --port "$ACTIONS_PORT" --actions actions >var/shell-actions.log 2>&1 &
actions_pid=$!
trap 'kill -TERM $actions_pid 2>/dev/null || true; wait $actions_pid 2>/dev/null || true' EXIT
"$BIN/rasa" shell --model models/current.tar.gz --endpoints "${ENDPOINTS:-endpoints.yml}" \
  --port "${RASA_PORT:-5006}" --quiet
