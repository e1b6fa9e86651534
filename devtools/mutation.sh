#!/usr/bin/env bash
# make mutation: plant small bugs in the facts, selection, answers, pictures
# and safety modules (mutmut, settings in setup.cfg) and print the kill rate.
# mutmut lives in its own virtual environment that sees the project's
# packages, so the project's pinned environment is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
MUT=.venv-mutation
if [ ! -x "$MUT/bin/mutmut" ]; then
  python3 -m venv "$MUT"
  site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  own=$("$MUT/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$site" > "$own/project-venv.pth"
  "$MUT/bin/pip" install -q mutmut==3.8.1 2>&1 | { grep -v "is ignored" || true; }
fi
rm -rf mutants
# mutmut must import the mutated copy, not the project root.
unset PYTHONPATH
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3
"$MUT/bin/mutmut" run --max-children "${JOBS:-2}" || true
"$MUT/bin/mutmut" results --all true > results/mutation.txt 2>&1 || true
"$MUT/bin/python" - <<'PY'
import re
from collections import Counter
lines = open("results/mutation.txt").read().splitlines()
states = Counter(line.rsplit(":", 1)[-1].strip() for line in lines if ":" in line)
killed = states.get("killed", 0)
total = sum(states.values())
print("mutation states:", dict(states))
if total:
    print(f"kill rate: {killed}/{total} = {killed / total:.0%}")
print("survivors: .venv-mutation/bin/mutmut show <name>  (list in results/mutation.txt)")
PY
