"""Airflow for the tests: a home and a SQLite database of their own in a temp folder, no example
DAGs, this folder's DAGs. Set before anything imports airflow (its configuration is read once)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

AIRFLOW_DAGS = Path(__file__).resolve().parents[1]
REPO = AIRFLOW_DAGS.parent
DAGS = AIRFLOW_DAGS / "dags"

_HOME = Path(tempfile.mkdtemp(prefix="userstream-airflow-home-"))

# A developer's own settings must not leak into the tests.
for _name in list(os.environ):
    if _name.startswith("AIRFLOW") or _name == "USERSTREAM_SCHEDULE":
        del os.environ[_name]
os.environ.update(
    {
        "AIRFLOW_HOME": str(_HOME),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_HOME}/airflow.db",
    }
)
# Airflow puts its DAGs folder on sys.path for the DAG's helper package; so do the tests.
sys.path.insert(0, str(DAGS))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """Airflow's metadata database, migrated once per session (what dag.test() needs)."""
    result = subprocess.run(
        [sys.executable, "-m", "airflow", "db", "migrate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"airflow db migrate failed:\n{result.stdout}\n{result.stderr}"
    return _HOME / "airflow.db"


def fresh_dag():
    """The user_pipeline DAG as Airflow's own DagBag loads it from the DAGs folder.

    A new object on each call: dag.test() runs tasks in this process, on this very object.
    """
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(DAGS))
    assert bag.import_errors == {}, f"import errors: {bag.import_errors}"
    return bag.dags["user_pipeline"]


@pytest.fixture(scope="session")
def dag():
    """The DAG for tests that only inspect it."""
    return fresh_dag()
