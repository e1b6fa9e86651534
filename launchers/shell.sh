#!/usr/bin/env bash
# Talk to the bot in the terminal: the action server in the background and
# `rasa shell` in the foreground; leaving the shell stops both. Its own ports
# (actions 5056, Rasa 5006, both on loopback), so it can run beside `make run`.
set -euo pipefail
export ACTIONS_PORT=${ACTIONS_PORT:-5056}
source "$(dirname "$0")/env.sh"
"$BIN/python" -m launchers.actions_server >var/shell-actions.log 2>&1 &
actions_pid=$!
# It loads while rasa shell does; should it fail (a port in use), say so.
( wait_ready "shell: the action server" "$actions_pid" 127.0.0.1 "$ACTIONS_PORT" /health \
  || tail -n 5 var/shell-actions.log >&2 ) &
watch_pid=$!
trap 'kill -TERM $actions_pid $watch_pid 2>/dev/null || true; wait 2>/dev/null || true' EXIT
"$BIN/python" -m launchers.rasa_quiet shell --model "$RASA_MODEL" \
  --endpoints "${ENDPOINTS:-endpoints.yml}" --port "${RASA_PORT:-5006}" --interface 127.0.0.1
