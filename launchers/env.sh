# Sourced by run.sh and shell.sh: one place for the runtime environment.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${VENV:-.venv}/bin
# The project's packages import with no PYTHONPATH: each program starts with
# python -m from this folder (and setup.sh installs them, pyproject.toml).
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3
export SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=${PYTHONWARNINGS:-ignore}
# Warnings and INFO lines only when asked for (LOG_LEVEL=INFO, PYTHONWARNINGS=default).
export LOG_LEVEL=${LOG_LEVEL:-WARNING}
RASA_MODEL=${RASA_MODEL:-models/current.tar.gz}
# The action server listens on loopback and runs nothing without this run's
# token, which the Rasa server sends from endpoints.yml (see docs/clinic.md).
export ACTIONS_HOST=${ACTIONS_HOST:-127.0.0.1} ACTIONS_PORT=${ACTIONS_PORT:-5055}
if [ -z "${ACTION_SERVER_TOKEN:-}" ]; then
  ACTION_SERVER_TOKEN=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))')
fi
export ACTION_SERVER_TOKEN
# Conversations, summaries and logs are for their owner only: files made from
# here on (the SQLite tracker store, var/credentials.yml, logs) are 0600.
umask 077
mkdir -p var
chmod -R go= var

# http_ok HOST PORT PATH: does GET answer 200? (bash's /dev/tcp, no curl needed)
http_ok() (
  exec 3<>"/dev/tcp/$1/$2" || exit 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$3" "$1" >&3
  IFS= read -r -t 5 status <&3 || exit 1
  while IFS= read -r -t 5 _; do :; done <&3  # the rest, so the server can finish
  [[ $status == *" 200 "* ]]
) 2>/dev/null

# wait_ready NAME PID HOST PORT PATH: wait until it answers, or fail if it exits.
wait_ready() {
  local tries=0
  until http_ok "$3" "$4" "$5"; do
    if ! kill -0 "$2" 2>/dev/null; then
      echo "$1 stopped before it was ready (see the lines above)" >&2
      return 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ]; then
      echo "$1 did not answer on $3:$4 within 5 minutes" >&2
      return 1
    fi
    sleep 0.5
  done
}
