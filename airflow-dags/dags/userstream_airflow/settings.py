"""Where the DAG finds the project, its services and its engines: every default in one place.

Each setting is an Airflow Variable, set in the UI (Admin > Variables), with ``airflow variables
set``, or as an environment variable ``AIRFLOW_VAR_<NAME IN CAPITALS>`` (Airflow's own environment
backend). Variables are read when a task runs, never while the DAG file is parsed. The defaults
are the local stack of ``./userstream stack up`` on 127.0.0.1 and the engines' project-local
virtualenvs; a deployment overrides only what differs.

The Spark master is the one setting that lives in an Airflow connection, because that is where
SparkSubmitOperator reads it: connection ``userstream_spark`` (type ``spark``, host = the master
URL). Without that connection the job runs on ``local[2]``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# What `schedule` is when USERSTREAM_SCHEDULE is not set; "none" there means manual runs only.
DEFAULT_SCHEDULE = "@hourly"
SCHEDULE_ENV = "USERSTREAM_SCHEDULE"

SPARK_CONN_ID = "userstream_spark"
DEFAULT_SPARK_MASTER = "local[2]"
SPARK_MAIN_CLASS = "dev.userstream.spark.SparkJobMain"
FLINK_MAIN_CLASS = "dev.userstream.flink.FlinkJobMain"
# `flink run -t local`: the job runs in a MiniCluster inside the flink CLI's own JVM.
FLINK_LOCAL = "local"

# This file is <repo>/airflow-dags/dags/userstream_airflow/settings.py.
_REPO_FROM_FILE = Path(__file__).resolve().parents[3]

# Variable name -> default. An empty default is derived when the task runs (see resolve()).
DEFAULTS: dict[str, str] = {
    "userstream_repo_root": str(_REPO_FROM_FILE),
    "userstream_bootstrap_servers": "127.0.0.1:9092",
    "userstream_topic": "users_created",
    "userstream_cassandra_host": "127.0.0.1",
    "userstream_cassandra_port": "9042",
    "userstream_keyspace": "spark_streams",
    # The jobs' --checkpoint-dir; "" = <repo>/.userstream/checkpoints/airflow, apart from the
    # developer's own `./userstream run` (two queries must never share one checkpoint).
    "userstream_checkpoint_dir": "",
    # Virtualenvs holding bin/spark-submit and bin/flink; "" = tools/python-env.sh spark|flink.
    "userstream_spark_venv": "",
    "userstream_flink_venv": "",
    # Job jars, as globs relative to the repository root (or absolute paths).
    "userstream_spark_job_jar": "spark-job/target/spark-job-*-all.jar",
    "userstream_flink_job_jar": "flink-job/target/flink-job-*.jar",
    # "local" (MiniCluster in the CLI) or a JobManager REST address host:port for `flink run -m`.
    "userstream_flink_jobmanager": FLINK_LOCAL,
    # The folder that `--source files` replays (the producer's --dir).
    "userstream_source_dir": "",
    # continuous mode: how long a freshly started job must stay up to count as running, and how
    # long verify waits for the running job to have written every produced record.
    "userstream_continuous_settle_seconds": "30",
    "userstream_continuous_verify_timeout_seconds": "300",
}


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one task run."""

    repo_root: Path
    bootstrap_servers: str
    topic: str
    cassandra_host: str
    cassandra_port: int
    keyspace: str
    checkpoint_dir: Path
    spark_venv: Path | None
    flink_venv: Path | None
    spark_job_jar: str
    flink_job_jar: str
    flink_jobmanager: str
    source_dir: str
    continuous_settle_seconds: int
    continuous_verify_timeout_seconds: int

    @property
    def userstream(self) -> str:
        """The project's CLI."""
        return str(self.repo_root / "userstream")

    def cassandra_args(self) -> list[str]:
        """Where the tables are, in the option names every userstream component shares."""
        return [
            "--cassandra-host",
            self.cassandra_host,
            "--cassandra-port",
            str(self.cassandra_port),
            "--keyspace",
            self.keyspace,
        ]

    def job_args(self, mode: str) -> list[str]:
        """The job's command line: the same option names for the Spark and the Flink job.

        Each job keeps its checkpoints in its own subfolder of --checkpoint-dir
        (``spark/<keyspace>.<topic>``, ``flink/<keyspace>.<topic>``).
        """
        return [
            "--mode",
            mode,
            "--bootstrap-servers",
            self.bootstrap_servers,
            "--topic",
            self.topic,
            *self.cassandra_args(),
            "--checkpoint-dir",
            str(self.checkpoint_dir),
        ]

    @property
    def state_dir(self) -> Path:
        """Pid and log files of the jobs started in continuous mode."""
        return self.checkpoint_dir / "running"


def _airflow_variable(name: str, default: str) -> str:
    from airflow.sdk import Variable

    return Variable.get(name, default=default)


def resolve(get: Callable[[str, str], str] = _airflow_variable) -> Settings:
    """Reads every setting (Airflow Variables by default; tests pass a dict's get)."""
    values = {name: str(get(name, default)).strip() for name, default in DEFAULTS.items()}
    root = Path(values["userstream_repo_root"]).expanduser().resolve()
    checkpoints = values["userstream_checkpoint_dir"] or str(
        root / ".userstream" / "checkpoints" / "airflow"
    )
    return Settings(
        repo_root=root,
        bootstrap_servers=values["userstream_bootstrap_servers"],
        topic=values["userstream_topic"],
        cassandra_host=values["userstream_cassandra_host"],
        cassandra_port=_int(values, "userstream_cassandra_port"),
        keyspace=values["userstream_keyspace"],
        checkpoint_dir=Path(checkpoints).expanduser(),
        spark_venv=_optional_path(values["userstream_spark_venv"]),
        flink_venv=_optional_path(values["userstream_flink_venv"]),
        spark_job_jar=values["userstream_spark_job_jar"],
        flink_job_jar=values["userstream_flink_job_jar"],
        flink_jobmanager=values["userstream_flink_jobmanager"] or FLINK_LOCAL,
        source_dir=values["userstream_source_dir"],
        continuous_settle_seconds=_int(values, "userstream_continuous_settle_seconds"),
        continuous_verify_timeout_seconds=_int(
            values, "userstream_continuous_verify_timeout_seconds"
        ),
    )


def schedule_from_env(environ: dict[str, str] | None = None) -> str | None:
    """The DAG's schedule: USERSTREAM_SCHEDULE (a cron expression or preset), "none" for manual."""
    value = (os.environ if environ is None else environ).get(SCHEDULE_ENV, "").strip()
    if not value:
        return DEFAULT_SCHEDULE
    return None if value.lower() == "none" else value


def _int(values: dict[str, str], name: str) -> int:
    try:
        return int(values[name])
    except ValueError:
        raise ValueError(
            f"Airflow Variable {name} must be an integer, got {values[name]!r}"
        ) from None


def _optional_path(value: str) -> Path | None:
    return Path(value).expanduser() if value else None
