#!/usr/bin/env bash
# One-shot set-up: Debian build deps, a virtual environment, the pinned
# packages (see docs/platform.md for why each pin exists) and the project's
# own packages (pyproject.toml, editable). Idempotent:
# a stamp file holding a hash of the inputs skips work that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export RASA_TELEMETRY_ENABLED=false

# --test also installs what the browser tests need (Debian's Chromium);
# --scaled the engines of make run-scaled and make test-scale.
apt_pkgs=(libfreetype-dev libqhull-dev pkg-config)
[ "${1:-}" = "--test" ] && apt_pkgs+=(chromium)
[ "${1:-}" = "--scaled" ] && apt_pkgs+=(postgresql redis-server nginx)
need_apt=()
for pkg in "${apt_pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# The web page's only browser library (socket.io client), from the npm registry.
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund --silent)
fi

# --lint: only the lint and type tools, in their own environment.
if [ "${1:-}" = "--lint" ]; then
  LINT=${LINT_VENV:-.venv-lint}
  want=$(sha256sum requirements-lint.txt | cut -c1-16)
  if [ ! -f "$LINT/.installed" ] || [ "$(cat "$LINT/.installed")" != "$want" ]; then
    [ -x "$LINT/bin/python" ] || python3 -m venv "$LINT"
    "$LINT/bin/pip" install -q -r requirements-lint.txt 2>&1 \
      | { grep -v "is ignored: it is neither a file nor a directory" || true; }
    echo "$want" > "$LINT/.installed"
  fi
  exit 0
fi

# Runtime packages, or with --test also the test packages; a stamp per set
# (hash of its inputs) skips the install when nothing changed.
runtime=$(cat requirements.txt constraints.txt | sha256sum | cut -c1-16)
with_tests=$(cat requirements-dev.txt requirements.txt constraints.txt | sha256sum | cut -c1-16)
if [ "${1:-}" = "--test" ]; then
  reqs=requirements-dev.txt stamp="$VENV/.installed-test" want=$with_tests
else
  reqs=requirements.txt stamp="$VENV/.installed" want=$runtime
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  # matplotlib 3.5 builds from source on 3.11: use Debian's freetype/qhull
  # instead of downloading them.
  mplcfg=$(mktemp)
  printf '[libs]\nsystem_freetype = true\nsystem_qhull = true\n' > "$mplcfg"
  export MPLSETUPCFG="$mplcfg"
  "$VENV/bin/pip" install -q -c constraints.txt --upgrade "pip<24.1" wheel "setuptools==70.3.0" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  "$VENV/bin/pip" install -q --ignore-requires-python -c constraints.txt -r "$reqs" 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  rm -f "$mplcfg"
  echo "$runtime" > "$VENV/.installed"
  if [ "$reqs" = requirements-dev.txt ]; then echo "$with_tests" > "$VENV/.installed-test"; fi
  echo "setup: environment ready in $VENV"
fi

# The project's own packages (pyproject.toml) in editable mode: they import from
# any folder with no PYTHONPATH, read from this checkout. Again only when
# pyproject.toml or the checkout's folder changed (its own stamp). Offline: the
# venv's setuptools builds it (--no-build-isolation), nothing is downloaded.
project="$PWD $(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$VENV/.installed-project" ] || [ "$(cat "$VENV/.installed-project")" != "$project" ]; then
  "$VENV/bin/pip" install -q --no-deps --no-build-isolation -e . 2>&1 \
    | { grep -v "is ignored: it is neither a file nor a directory" || true; }
  echo "$project" > "$VENV/.installed-project"
  echo "setup: the project's packages installed in $VENV (editable, from $PWD)"
fi
