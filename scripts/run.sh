#!/usr/bin/env bash
# Start the action server (5055) and the Rasa server (5005) together;
# Ctrl-C (or TERM) stops both cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=$PWD
export SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
mkdir -p var

pids=()
stop() {
  trap - INT TERM EXIT
  echo "run: stopping"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop INT TERM EXIT

"$BIN/rasa" run actions --port "$ACTIONS_PORT" --actions actions &
pids+=($!)
"$BIN/rasa" run --model models/current.tar.gz --port "$RASA_PORT" \
  --endpoints "${ENDPOINTS:-endpoints.yml}" --credentials credentials.yml --cors "*" &
pids+=($!)
echo "run: action server on :$ACTIONS_PORT, Rasa on :$RASA_PORT (Ctrl-C stops both)"
wait -n "${pids[@]}"
