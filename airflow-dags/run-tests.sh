#!/usr/bin/env bash
# Runs the DAG's tests with the pinned Airflow virtualenv (tools/python-env.sh airflow), from the
# repository root. `./mvnw verify` runs exactly this (airflow-dags/pom.xml); so can a human:
#   airflow-dags/run-tests.sh                  # all tests, the end-to-end ones included
#   airflow-dags/run-tests.sh -m "not e2e"     # without the stack, the engines and the job jars
# Extra arguments go to pytest; its exit code is the result (5 = no test ran: a failure).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$("$ROOT/tools/python-env.sh" airflow)"
cd "$ROOT"
# Formatting and lint first, as Spotless checks the Java; `ruff format airflow-dags` fixes layout.
"$VENV/bin/ruff" format --check airflow-dags
"$VENV/bin/ruff" check airflow-dags
exec "$VENV/bin/python" -m pytest airflow-dags/tests -v "$@"
