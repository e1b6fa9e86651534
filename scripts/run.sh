#!/usr/bin/env bash
# Start the action server (5055), the Rasa server (5005) and the web chat page
# (8080) together; Ctrl-C (or TERM) stops them all cleanly.
set -euo pipefail
source "$(dirname "$0")/env.sh"
RASA_PORT=${RASA_PORT:-5005}
WEB_PORT=${WEB_PORT:-8080}
"$BIN/python" scripts/make_credentials.py var/credentials.yml

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
  --endpoints "${ENDPOINTS:-endpoints.yml}" --credentials var/credentials.yml \
  --cors "http://localhost:$WEB_PORT" "http://127.0.0.1:$WEB_PORT" &
pids+=($!)
"$BIN/python" web/serve.py --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" &
pids+=($!)
echo "run: actions :$ACTIONS_PORT, Rasa :$RASA_PORT, web chat http://localhost:$WEB_PORT/ (Ctrl-C stops all)"
wait -n "${pids[@]}"
