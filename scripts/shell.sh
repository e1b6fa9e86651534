#!/usr/bin/env bash
# Talk to the bot in the terminal: the action server in the background and
# `rasa shell` in the foreground; leaving the shell stops both.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$BIN/rasa" run actions --port "$ACTIONS_PORT" --actions actions >var/shell-actions.log 2>&1 &
actions_pid=$!
trap 'kill -TERM $actions_pid 2>/dev/null || true; wait $actions_pid 2>/dev/null || true' EXIT
"$BIN/rasa" shell --model models/current.tar.gz --endpoints "${ENDPOINTS:-endpoints.yml}" \
  --port "${RASA_PORT:-5006}" --quiet
