"""Where the DAG finds the project, its services and its engines: every default in one place.

The services are Airflow Connections, as Airflow keeps endpoints and secrets (masked in task
logs, kept in a secrets backend if the deployment has one):

- ``userstream_kafka``: host = the bootstrap servers (``host`` with ``port``, or a list
  ``h1:9092,h2:9092`` in host); extra = a JSON object of Kafka client properties
  (``security.protocol``, ``sasl.mechanism``, ...); login and password, when given, become a
  ``sasl.jaas.config`` for the extra's ``sasl.mechanism`` (PLAIN unless it names SCRAM).
- ``userstream_cassandra``: host = the contact points (comma-separated), port, login and
  password (Cassandra authentication), extra ``{"datacenter": "..."}``.
- ``userstream_spark``: the Spark master, where SparkSubmitOperator reads it (type ``spark``,
  host = the master URL).
- ``userstream_spark4``: the same for the Spark 4 job (``spark-rt``): a Spark 3.5 master cannot
  run it.

A connection that does not exist means the local stack of ``./userstream stack up``:
127.0.0.1:9092, 127.0.0.1:9042 without credentials, Spark on ``local[2]``. Credentials reach the
project's commands and the jobs only through their environment variables, never their command
lines.

Everything else is an Airflow Variable, set in the UI (Admin > Variables), with ``airflow
variables set``, or as an environment variable ``AIRFLOW_VAR_<NAME IN CAPITALS>`` (Airflow's own
environment backend). Connections and Variables are read when a task runs, never while the DAG
file is parsed; a deployment overrides only what differs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# What `schedule` is when USERSTREAM_SCHEDULE is not set; "none" there means manual runs only.
DEFAULT_SCHEDULE = "@hourly"
SCHEDULE_ENV = "USERSTREAM_SCHEDULE"

SPARK_CONN_ID = "userstream_spark"
SPARK4_CONN_ID = "userstream_spark4"
KAFKA_CONN_ID = "userstream_kafka"
CASSANDRA_CONN_ID = "userstream_cassandra"
DEFAULT_KAFKA_PORT = 9092
DEFAULT_CASSANDRA_HOST = "127.0.0.1"
DEFAULT_CASSANDRA_PORT = 9042
# The environment variables of the project's commands and jobs (pipeline-io's PipelineOptions).
ENV_CASSANDRA_USERNAME = "USERSTREAM_CASSANDRA_USERNAME"
ENV_CASSANDRA_PASSWORD = "USERSTREAM_CASSANDRA_PASSWORD"
ENV_KAFKA_PROPERTIES = "USERSTREAM_KAFKA_PROPERTIES"
DEFAULT_SPARK_MASTER = "local[2]"
SPARK_MAIN_CLASS = "dev.userstream.spark.SparkJobMain"
SPARK_RT_MAIN_CLASS = "dev.userstream.spark.SparkRtJobMain"
FLINK_MAIN_CLASS = "dev.userstream.flink.FlinkJobMain"
# `flink run -t local`: the job runs in a MiniCluster inside the flink CLI's own JVM.
FLINK_LOCAL = "local"
# Each engine's job serves Prometheus metrics on its own port (--metrics-port), so a continuous
# job of one engine and a run of another never compete for one; docker-compose.yml's Prometheus
# scrapes these. 0 = no endpoint (the option is left out).
DEFAULT_METRICS_PORTS = {"spark": 9464, "spark-rt": 9465, "flink": 9466}

# This file is <repo>/airflow-dags/dags/userstream_airflow/settings.py.
_REPO_FROM_FILE = Path(__file__).resolve().parents[3]

# Variable name -> default. An empty default is derived when the task runs (see resolve()).
DEFAULTS: dict[str, str] = {
    "userstream_repo_root": str(_REPO_FROM_FILE),
    "userstream_topic": "users_created",
    "userstream_keyspace": "spark_streams",
    # The jobs' --checkpoint-dir; "" = <repo>/.userstream/checkpoints/airflow, apart from the
    # developer's own `./userstream run` (two queries must never share one checkpoint).
    "userstream_checkpoint_dir": "",
    # Virtualenvs holding bin/spark-submit (Spark 3.5, Spark 4) and bin/flink;
    # "" = tools/python-env.sh spark|spark4|flink.
    "userstream_spark_venv": "",
    "userstream_spark4_venv": "",
    "userstream_flink_venv": "",
    # Job jars, as globs relative to the repository root (or absolute paths).
    "userstream_spark_job_jar": "spark-job/target/spark-job-*-all.jar",
    "userstream_spark_rt_job_jar": "spark-rt-job/target/spark-rt-job-*-all.jar",
    "userstream_flink_job_jar": "flink-job/target/flink-job-*.jar",
    # "local" (MiniCluster in the CLI) or a JobManager REST address host:port for `flink run -m`.
    "userstream_flink_jobmanager": FLINK_LOCAL,
    # The folder that `--source files` replays (the producer's --dir).
    "userstream_source_dir": "",
    # continuous mode: how long a freshly started job must stay up to count as running, and how
    # long the verify sensor waits for the running job to have written every produced record.
    "userstream_continuous_settle_seconds": "30",
    "userstream_continuous_verify_timeout_seconds": "300",
    # The port of each engine's job's Prometheus endpoint (http://<host>:<port>/metrics: for
    # Spark the driver's host, for Flink the TaskManager's); "0" = none.
    "userstream_spark_metrics_port": str(DEFAULT_METRICS_PORTS["spark"]),
    "userstream_spark_rt_metrics_port": str(DEFAULT_METRICS_PORTS["spark-rt"]),
    "userstream_flink_metrics_port": str(DEFAULT_METRICS_PORTS["flink"]),
}


@dataclass(frozen=True)
class Endpoints:
    """Kafka and Cassandra as the connections give them (secrets left out of repr)."""

    bootstrap_servers: str = f"127.0.0.1:{DEFAULT_KAFKA_PORT}"
    cassandra_hosts: str = DEFAULT_CASSANDRA_HOST
    cassandra_port: int = DEFAULT_CASSANDRA_PORT
    cassandra_datacenter: str | None = None
    cassandra_username: str | None = None
    cassandra_password: str | None = field(default=None, repr=False)
    kafka_properties: dict[str, str] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one task run."""

    repo_root: Path
    endpoints: Endpoints
    topic: str
    keyspace: str
    checkpoint_dir: Path
    spark_venv: Path | None
    spark4_venv: Path | None
    flink_venv: Path | None
    spark_job_jar: str
    spark_rt_job_jar: str
    flink_job_jar: str
    flink_jobmanager: str
    source_dir: str
    continuous_settle_seconds: int
    continuous_verify_timeout_seconds: int
    spark_metrics_port: int
    spark_rt_metrics_port: int
    flink_metrics_port: int

    @property
    def userstream(self) -> str:
        """The project's CLI."""
        return str(self.repo_root / "userstream")

    @property
    def bootstrap_servers(self) -> str:
        return self.endpoints.bootstrap_servers

    def cassandra_args(self) -> list[str]:
        """Where the tables are, in the option names every userstream component shares."""
        e = self.endpoints
        datacenter = (
            ["--cassandra-datacenter", e.cassandra_datacenter] if e.cassandra_datacenter else []
        )
        return [
            "--cassandra-host",
            e.cassandra_hosts,
            "--cassandra-port",
            str(e.cassandra_port),
            *datacenter,
            "--keyspace",
            self.keyspace,
        ]

    def child_environment(self) -> dict[str, str]:
        """The connections' secrets for a command or job: its environment, never its arguments.

        Only what a connection gives is set; without one, a worker's own USERSTREAM_* variables
        (docs/security.md) still apply.
        """
        e = self.endpoints
        env = {}
        if e.cassandra_username:
            env[ENV_CASSANDRA_USERNAME] = e.cassandra_username
            env[ENV_CASSANDRA_PASSWORD] = e.cassandra_password or ""
        if e.kafka_properties:
            env[ENV_KAFKA_PROPERTIES] = java_properties(e.kafka_properties)
        return env

    def environment(self) -> dict[str, str]:
        """This worker's environment with :meth:`child_environment` on top, for a child process."""
        return {**os.environ, **self.child_environment()}

    def job_args(self, mode: str, metrics_port: int = 0) -> list[str]:
        """The job's command line: the same option names for every engine's job.

        Each job keeps its checkpoints in its own subfolder of --checkpoint-dir
        (``spark/<keyspace>.<topic>``, ``spark-rt/...``, ``flink/<keyspace>.<topic>``).
        ``metrics_port`` > 0 adds ``--metrics-port``; 0 leaves it out (the jobs' default: off).
        """
        metrics = ["--metrics-port", str(metrics_port)] if metrics_port else []
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
            *metrics,
        ]

    @property
    def state_dir(self) -> Path:
        """Pid and log files of the jobs started in continuous mode."""
        return self.checkpoint_dir / "running"


def _airflow_variable(name: str, default: str) -> str:
    from airflow.sdk import Variable

    return Variable.get(name, default=default)


def _airflow_connection(conn_id: str) -> Any | None:
    from airflow.sdk import BaseHook
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        return BaseHook.get_connection(conn_id)
    except AirflowNotFoundException:
        return None


def resolve(
    get: Callable[[str, str], str] = _airflow_variable,
    connection: Callable[[str], Any | None] = _airflow_connection,
) -> Settings:
    """Reads every setting: Airflow Variables and Connections by default; tests pass their own.

    ``connection(conn_id)`` returns an object with Airflow Connection's attributes (host, port,
    login, password, extra_dejson), or None when there is no such connection.
    """
    values = {name: str(get(name, default)).strip() for name, default in DEFAULTS.items()}
    root = Path(values["userstream_repo_root"]).expanduser().resolve()
    checkpoints = values["userstream_checkpoint_dir"] or str(
        root / ".userstream" / "checkpoints" / "airflow"
    )
    return Settings(
        repo_root=root,
        endpoints=endpoints(connection(KAFKA_CONN_ID), connection(CASSANDRA_CONN_ID)),
        topic=values["userstream_topic"],
        keyspace=values["userstream_keyspace"],
        checkpoint_dir=Path(checkpoints).expanduser(),
        spark_venv=_optional_path(values["userstream_spark_venv"]),
        spark4_venv=_optional_path(values["userstream_spark4_venv"]),
        flink_venv=_optional_path(values["userstream_flink_venv"]),
        spark_job_jar=values["userstream_spark_job_jar"],
        spark_rt_job_jar=values["userstream_spark_rt_job_jar"],
        flink_job_jar=values["userstream_flink_job_jar"],
        flink_jobmanager=values["userstream_flink_jobmanager"] or FLINK_LOCAL,
        source_dir=values["userstream_source_dir"],
        continuous_settle_seconds=_int(values, "userstream_continuous_settle_seconds"),
        continuous_verify_timeout_seconds=_int(
            values, "userstream_continuous_verify_timeout_seconds"
        ),
        spark_metrics_port=_port(values, "userstream_spark_metrics_port"),
        spark_rt_metrics_port=_port(values, "userstream_spark_rt_metrics_port"),
        flink_metrics_port=_port(values, "userstream_flink_metrics_port"),
    )


def endpoints(kafka: Any | None, cassandra: Any | None) -> Endpoints:
    """Kafka and Cassandra from their connections; a missing one is the local stack's default."""
    defaults = Endpoints()
    bootstrap, properties = defaults.bootstrap_servers, {}
    if kafka is not None:
        properties = {str(k): str(v) for k, v in _extra(kafka, KAFKA_CONN_ID).items()}
        host = (kafka.host or "").strip()
        if host:
            bootstrap = (
                host
                if ("," in host or ":" in host)
                else f"{host}:{kafka.port or DEFAULT_KAFKA_PORT}"
            )
        elif "bootstrap.servers" in properties:
            bootstrap = properties["bootstrap.servers"]
        properties.pop("bootstrap.servers", None)
        if kafka.login and "sasl.jaas.config" not in properties:
            properties.setdefault("sasl.mechanism", "PLAIN")
            properties.setdefault("security.protocol", "SASL_PLAINTEXT")
            properties["sasl.jaas.config"] = _jaas(
                properties["sasl.mechanism"], kafka.login, kafka.password or ""
            )
    if cassandra is None:
        return Endpoints(bootstrap_servers=bootstrap, kafka_properties=properties)
    extra = _extra(cassandra, CASSANDRA_CONN_ID)
    return Endpoints(
        bootstrap_servers=bootstrap,
        kafka_properties=properties,
        cassandra_hosts=(cassandra.host or "").strip() or DEFAULT_CASSANDRA_HOST,
        cassandra_port=int(cassandra.port or DEFAULT_CASSANDRA_PORT),
        cassandra_datacenter=str(extra["datacenter"]) if extra.get("datacenter") else None,
        cassandra_username=cassandra.login or None,
        cassandra_password=cassandra.password or None,
    )


def _extra(conn: Any, conn_id: str) -> dict[str, Any]:
    extra = conn.extra_dejson
    if not isinstance(extra, dict):
        raise ValueError(f"the extra of Airflow connection {conn_id} must be a JSON object")
    return extra


def _jaas(mechanism: str, login: str, password: str) -> str:
    module = (
        "org.apache.kafka.common.security.scram.ScramLoginModule"
        if mechanism.upper().startswith("SCRAM")
        else "org.apache.kafka.common.security.plain.PlainLoginModule"
    )
    return f"{module} required username={json.dumps(login)} password={json.dumps(password)};"


def java_properties(properties: dict[str, str]) -> str:
    """Kafka properties in Java properties format, one ``key=value`` a line, sorted by key.

    What USERSTREAM_KAFKA_PROPERTIES holds (pipeline-io's KafkaPropertiesText reads it back):
    backslashes, line breaks and a key's separators are escaped, so a JAAS config survives.
    """

    def escape(text: str, key: bool) -> str:
        out = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        if key:
            for c in "=: #!":
                out = out.replace(c, "\\" + c)
        elif out.startswith(" "):
            out = "\\" + out
        return out

    return "".join(f"{escape(k, True)}={escape(v, False)}\n" for k, v in sorted(properties.items()))


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


def _port(values: dict[str, str], name: str) -> int:
    port = _int(values, name)
    if not 0 <= port <= 65535:
        raise ValueError(
            f"Airflow Variable {name} must be a port 0..65535 (0 = no metrics endpoint), "
            f"got {values[name]!r}"
        )
    return port


def _optional_path(value: str) -> Path | None:
    return Path(value).expanduser() if value else None
