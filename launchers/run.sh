#!/usr/bin/env bash
# Start the action server (127.0.0.1:5055), the Rasa server (5005) and the web
# chat page (8080) together; Ctrl-C (or TERM) stops them all cleanly. Ports:
# ACTIONS_PORT, RASA_PORT, WEB_PORT; the Rasa server listens on loopback unless
# RASA_HOST says otherwise; more settings in launchers/env.sh and the README.
set -euo pipefail
source "$(dirname "$0")/env.sh"
RASA_PORT=${RASA_PORT:-5005}
WEB_PORT=${WEB_PORT:-8080}
# The websites whose pages may talk to the bot (docs/channels.md, "Putting the chat on
# your clinic's website"); by default only this chat page's own. Checked and
# tidied by web/origins.py, which stops here on anything that is not an origin.
# The socket.io channel (channels/socketio.py) refuses any other origin too.
export ALLOWED_ORIGINS=${ALLOWED_ORIGINS:-"http://localhost:$WEB_PORT http://127.0.0.1:$WEB_PORT"}
ALLOWED_ORIGINS=$("$BIN/python" -m web.origins) || exit 2
read -ra origins <<< "$ALLOWED_ORIGINS"
"$BIN/python" -m launchers.make_credentials var/credentials.yml

pids=()
stop() {
  trap - INT TERM EXIT
  echo "run: stopping"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# SANIC_WORKERS > 1: several Rasa processes on one port (stores/file_lock.py
# keeps each conversation on one at a time) for REST and Slack. The web
# chat's socket.io needs one process, so it is left out (make_credentials.py).
workers=$("$BIN/python" -c 'import os; from launchers.make_credentials import workers; print(workers(dict(os.environ)))')
if [ "$workers" -eq 1 ]; then
  echo "run: starting the action server, the Rasa server and the web chat page..."
else
  echo "run: starting the action server and the Rasa server ($workers workers)..."
fi
"$BIN/python" -m launchers.actions_server &
pids+=($!)
"$BIN/python" -m launchers.rasa_quiet run --model "$RASA_MODEL" \
  --interface "${RASA_HOST:-127.0.0.1}" --port "$RASA_PORT" \
  --endpoints "${ENDPOINTS:-endpoints.yml}" --credentials var/credentials.yml \
  --cors "${origins[@]}" &
pids+=($!)
if [ "$workers" -eq 1 ]; then
  "$BIN/python" -m web.serve --port "$WEB_PORT" --rasa-url "${RASA_URL:-http://localhost:$RASA_PORT}" &
  pids+=($!)
fi
wait_ready "the action server" "${pids[0]}" 127.0.0.1 "$ACTIONS_PORT" /health
wait_ready "the Rasa server" "${pids[1]}" 127.0.0.1 "$RASA_PORT" /
if [ "$workers" -eq 1 ]; then
  wait_ready "the web page" "${pids[2]}" 127.0.0.1 "$WEB_PORT" /
  echo "run: ready: web chat http://localhost:$WEB_PORT/ (Rasa :$RASA_PORT," \
    "actions $ACTIONS_HOST:$ACTIONS_PORT; Ctrl-C stops all)"
else
  echo "run: ready: REST and Slack on Rasa :$RASA_PORT with $workers worker processes;" \
    "no web chat (its socket.io needs one process: unset SANIC_WORKERS, or make run-scaled)"
fi
wait -n "${pids[@]}"
