"""dag.test() of user_pipeline for each engine, end to end: a real Kafka broker and Cassandra node
(``userstream stack up`` on ports of their own), the real producer, the real ``spark-submit`` (of
pyspark 3.5 and of pyspark 4.2) and ``flink`` CLIs running the real job jars, and ``userstream
verify`` counting the rows.

These need the rest of the project built: the ``userstream`` subcommands schema, produce, verify
and stack, and the three job jars. A missing piece FAILS the tests with what to build (a skip would
let ``./mvnw verify`` pass without ever running the DAG).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from airflow.sdk.exceptions import AirflowException

from conftest import REPO, fresh_dag
from userstream_airflow import engines, settings

pytestmark = pytest.mark.e2e

USERSTREAM = str(REPO / "userstream")
# Apart from the developer's stack (9092/9042) and the Java integration tests' (19092/19042).
PORTS = {
    "--kafka-port": "49092",
    "--kafka-controller-port": "49093",
    "--cassandra-port": "49042",
    "--cassandra-storage-port": "47000",
}
SUBCOMMANDS = ["stack", "schema", "produce", "verify"]


def _port_args() -> list[str]:
    return [arg for pair in PORTS.items() for arg in pair]


@pytest.fixture(scope="module")
def prerequisites() -> None:
    """Fails (does not skip) with one message listing everything that is missing."""
    missing = []
    # ./userstream builds the CLI when it is missing or stale. An unknown subcommand's --help
    # still exits 0 (the top-level help answers), so the subcommands are read from the listing.
    result = subprocess.run(
        [USERSTREAM, "--help"], capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if result.returncode != 0:
        tail = " | ".join((result.stderr or result.stdout).strip().splitlines()[-3:])
        missing.append(f"`userstream --help` exits {result.returncode}: {tail}")
    else:
        listed = set(re.findall(r"^  (\w+) ", result.stdout, flags=re.MULTILINE))
        missing += [
            f"`userstream {sub}`: no such subcommand (userstream --help)"
            for sub in SUBCOMMANDS
            if sub not in listed
        ]
    defaults = settings.resolve(lambda name, default: default)
    for pattern, module in [
        (defaults.spark_job_jar, "spark-job"),
        (defaults.flink_job_jar, "flink-job"),
        (defaults.spark_rt_job_jar, "spark-rt-job"),
    ]:
        try:
            engines.find_job_jar(defaults, pattern, "")
        except AirflowException as e:
            missing.append(f"{module}: {e} (./mvnw -pl {module} -am package -DskipTests)")
    if missing:
        pytest.fail(
            "the DAG's end-to-end tests need the rest of the project:\n  - "
            + "\n  - ".join(missing),
            pytrace=False,
        )


@pytest.fixture(scope="module")
def stack(prerequisites, tmp_path_factory) -> Iterator[Path]:
    """A real local stack for this module, stopped at the end (and with pytest, were it killed)."""
    home = tmp_path_factory.mktemp("stack")
    common = ["--home", str(home), *_port_args()]
    up = [USERSTREAM, "stack", "up", *common, "--owner-pid", str(os.getpid())]
    result = subprocess.run(up, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        pytest.fail(f"`{' '.join(up)}` exited {result.returncode}:\n{result.stdout}{result.stderr}")
    try:
        yield home
    finally:
        subprocess.run(
            [USERSTREAM, "stack", "down", *common], stdin=subprocess.DEVNULL, check=False
        )


@pytest.mark.usefixtures("airflow_db")
@pytest.mark.parametrize("engine", ["spark", "flink", "spark-rt"])
def test_one_run_of_the_dag_lands_every_produced_record_in_cassandra(
    engine, stack, tmp_path, monkeypatch
):
    # Kafka and Cassandra as Airflow Connections; a client property in the Kafka connection's
    # extra must reach the producer, the job and verify intact (USERSTREAM_KAFKA_PROPERTIES).
    connections = {
        settings.KAFKA_CONN_ID: {
            "conn_type": "generic",
            "host": "127.0.0.1",
            "port": int(PORTS["--kafka-port"]),
            "extra": {"client.dns.lookup": "use_all_dns_ips"},
        },
        settings.CASSANDRA_CONN_ID: {
            "conn_type": "generic",
            "host": "127.0.0.1",
            "port": int(PORTS["--cassandra-port"]),
            "extra": {"datacenter": "datacenter1"},
        },
    }
    for conn_id, fields in connections.items():
        monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id.upper()}", json.dumps(fields))
    # Each engine its own topic and keyspace: the counts of one never include another's
    # (a keyspace name has no hyphen).
    name = engine.replace("-", "_")
    variables = {
        "userstream_topic": f"e2e_{name}_users",
        "userstream_keyspace": f"e2e_{name}",
        "userstream_checkpoint_dir": str(tmp_path / "checkpoints"),
    }
    for name, value in variables.items():
        monkeypatch.setenv(f"AIRFLOW_VAR_{name.upper()}", value)

    dag_run = fresh_dag().test(
        run_conf={
            "engine": engine,
            "mode": "available-now",
            "events": 500,
            "source": "generator",
            "bad_ratio": 0.1,
        }
    )

    states = {ti.task_id: ti.state for ti in dag_run.get_task_instances()}
    ran = {"spark": "spark_submit", "flink": "flink_run", "spark-rt": "spark_rt_submit"}[engine]
    assert dag_run.state == "success", states
    assert states[ran] == "success"
    others = {"spark_submit", "flink_run", "spark_rt_submit"} - {ran}
    assert {states[t] for t in others} == {"skipped"}
    assert states["verify"] == "success"
