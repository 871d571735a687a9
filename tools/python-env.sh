#!/usr/bin/env bash
# Creates (or reuses) the project-local Python virtualenv NAME from tools/requirements-NAME.txt
# and prints its folder. Each engine CLI gets its own virtualenv so their pins never clash.
#   tools/python-env.sh spark    ->  .userstream/venv/spark  (bin/spark-submit)
# An optional tools/requirements-NAME.nodeps.txt is installed afterwards with --no-deps (pip allows
# no per-line --no-deps): for wheels such as apache-flink whose declared dependencies the CLI never
# uses.
# The virtualenv is rebuilt when the requirements file changes (its hash is kept beside it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME="${1:?usage: tools/python-env.sh NAME (reads tools/requirements-NAME.txt)}"
REQUIREMENTS="$ROOT/tools/requirements-$NAME.txt"
VENV="${USERSTREAM_VENV_DIR:-$ROOT/.userstream/venv}/$NAME"
PYTHON="${PYTHON:-python3}"

[ -f "$REQUIREMENTS" ] || { echo "error: no $REQUIREMENTS" >&2; exit 2; }
command -v "$PYTHON" >/dev/null || { echo "error: $PYTHON not found: install Python 3.11" >&2; exit 1; }

NODEPS="$ROOT/tools/requirements-$NAME.nodeps.txt"
if [ -f "$NODEPS" ]; then
  HASH="$(cat "$REQUIREMENTS" "$NODEPS" | sha256sum | cut -d' ' -f1)"
else
  HASH="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
fi
if [ -f "$VENV/.requirements.sha256" ] && [ "$(cat "$VENV/.requirements.sha256")" = "$HASH" ]; then
  echo "$VENV"
  exit 0
fi

# Serialise concurrent callers (two test JVMs may ask at once).
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
if [ -f "$VENV/.requirements.sha256" ] && [ "$(cat "$VENV/.requirements.sha256")" = "$HASH" ]; then
  echo "$VENV"
  exit 0
fi

echo "creating Python virtualenv $VENV from $(basename "$REQUIREMENTS") (first time only) ..." >&2
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" >&2
if [ -f "$NODEPS" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$NODEPS" >&2
fi
echo "$HASH" > "$VENV/.requirements.sha256"
echo "$VENV"
