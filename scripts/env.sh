# Sourced by run.sh and shell.sh: one place for the runtime environment.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${VENV:-.venv}/bin
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=$PWD
export SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONWARNINGS=ignore
ACTIONS_PORT=${ACTIONS_PORT:-5055}
mkdir -p var
