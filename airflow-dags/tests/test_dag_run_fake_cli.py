"""dag.test() runs of the whole DAG with stand-in CLIs: no services, seconds.

The stand-ins (``userstream``, two ``spark-submit``, ``flink``) record the command lines they get
and answer like the real ones, so these tests check the DAG's own work in real Airflow: the branch,
the XCom from the producer's summary to verify, the engines' command lines and environment,
exit codes failing tasks, and continuous mode leaving a running job. test_dag_e2e.py runs the
real CLIs against a real stack.
"""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

import psutil
import pytest

from conftest import fresh_dag

USERSTREAM = """#!/usr/bin/env bash
echo "userstream $*" >> "{calls}"
user="$USERSTREAM_CASSANDRA_USERNAME"
[ -n "$user" ] && echo "env user=$user" >> "{calls}"
case "$1" in
  produce)
    events=$(echo "$*" | sed -E 's/.*--events ([0-9]+).*/\\1/')
    echo "producing $events records"
    # One record fewer than asked: verify must get the producer's count, not the param.
    echo "produced=$((events - 1)) bad=3 topic=t partitions=2 seconds=0.50 rate=100/s"
    ;;
  verify)
    echo "users=7 rejects=3"
    # {verify_rc}.once: the exit code of the next call only.
    once="{verify_rc}.once"
    if [ -f "$once" ]; then rc=$(cat "$once"); rm "$once"; exit "$rc"; fi
    exit "$(cat "{verify_rc}" 2>/dev/null || echo 0)" ;;
esac
"""

ENGINE = """#!/usr/bin/env bash
echo "{name} $* SPARK_HOME=$SPARK_HOME" >> "{calls}"
echo "{name} says hello"
[ -n "$FLINK_LOG_DIR" ] && echo "{name} client log line" > "$FLINK_LOG_DIR/{name}-client.log"
case "$*" in *"--mode continuous"*) exec sleep 300 ;; esac
# {rc}.once: the exit code of the next call only.
if [ -f "{rc}.once" ]; then rc=$(cat "{rc}.once"); rm "{rc}.once"; exit "$rc"; fi
exit "$(cat "{rc}" 2>/dev/null || echo 0)"
"""


def _executable(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.fixture
def fake(tmp_path: Path) -> dict[str, Path]:
    """A repository with built jars, Spark, Spark 4 and Flink virtualenvs with stand-in CLIs."""
    repo, calls = tmp_path / "repo", tmp_path / "calls.txt"
    paths = {
        "repo": repo,
        "calls": calls,
        "spark_rc": tmp_path / "spark.rc",
        "flink_rc": tmp_path / "flink.rc",
        "verify_rc": tmp_path / "verify.rc",
        "spark_venv": tmp_path / "spark-venv",
        "spark4_venv": tmp_path / "spark4-venv",
        "flink_venv": tmp_path / "flink-venv",
        "checkpoints": tmp_path / "checkpoints",
    }
    _executable(repo / "userstream", USERSTREAM.format(calls=calls, verify_rc=paths["verify_rc"]))
    (repo / "spark-job" / "target").mkdir(parents=True)
    (repo / "spark-job" / "target" / "spark-job-0.1.0-SNAPSHOT-all.jar").touch()
    (repo / "spark-job" / "target" / "spark-job-0.1.0-SNAPSHOT.jar").touch()
    (repo / "spark-rt-job" / "target").mkdir(parents=True)
    (repo / "spark-rt-job" / "target" / "spark-rt-job-0.1.0-SNAPSHOT-all.jar").touch()
    (repo / "spark-rt-job" / "target" / "spark-rt-job-0.1.0-SNAPSHOT.jar").touch()
    (repo / "flink-job" / "target").mkdir(parents=True)
    (repo / "flink-job" / "target" / "flink-job-0.1.0-SNAPSHOT.jar").touch()
    (repo / "flink-job" / "target" / "original-flink-job-0.1.0-SNAPSHOT.jar").touch()
    _executable(
        paths["spark_venv"] / "bin" / "spark-submit",
        ENGINE.format(name="spark-submit", calls=calls, rc=paths["spark_rc"]),
    )
    _executable(
        paths["spark4_venv"] / "bin" / "spark-submit",
        ENGINE.format(name="spark4-submit", calls=calls, rc=paths["spark_rc"]),
    )
    for venv in ("spark_venv", "spark4_venv"):
        pyspark = paths[venv] / "lib" / "python3.11" / "site-packages" / "pyspark"
        _executable(pyspark / "bin" / "spark-class", "#!/bin/sh\n")
        (pyspark / "jars").mkdir()
    pyflink_bin = paths["flink_venv"] / "lib" / "python3.11" / "site-packages" / "pyflink" / "bin"
    _executable(
        pyflink_bin / "flink", ENGINE.format(name="flink", calls=calls, rc=paths["flink_rc"])
    )

    paths["variables"] = {
        "userstream_repo_root": str(repo),
        "userstream_spark_venv": str(paths["spark_venv"]),
        "userstream_spark4_venv": str(paths["spark4_venv"]),
        "userstream_flink_venv": str(paths["flink_venv"]),
        "userstream_checkpoint_dir": str(paths["checkpoints"]),
        "userstream_continuous_settle_seconds": "2",
        "userstream_continuous_verify_timeout_seconds": "10",
    }
    paths["connections"] = {
        "userstream_kafka": {"conn_type": "generic", "host": "127.0.0.1", "port": 1},
        "userstream_cassandra": {"conn_type": "generic", "host": "127.0.0.1", "port": 2},
    }
    return paths


def quick_retries(dag) -> None:
    """The engine tasks' retries without their 30 s delay, so a test can wait for them."""
    for task_id in ("spark_submit", "flink_run", "spark_rt_submit"):
        dag.get_task(task_id).retry_delay = timedelta(0)


def run(fake, monkeypatch, tune=quick_retries, **conf):
    # Airflow Variables and Connections from the environment (AIRFLOW_VAR_*, AIRFLOW_CONN_*),
    # read at each lookup.
    for name, value in fake["variables"].items():
        monkeypatch.setenv(f"AIRFLOW_VAR_{name.upper()}", value)
    for conn_id, fields in fake["connections"].items():
        monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id.upper()}", json.dumps(fields))
    dag = fresh_dag()
    tune(dag)
    dag_run = dag.test(run_conf=conf)
    states = {ti.task_id: ti.state for ti in dag_run.get_task_instances()}
    calls = fake["calls"].read_text().splitlines() if fake["calls"].exists() else []
    return dag_run.state, states, calls


@pytest.mark.usefixtures("airflow_db")
class TestDagRunWithStandInClis:
    def test_spark_branch_submits_the_shaded_jar_and_verifies_the_produced_count(
        self, fake, monkeypatch
    ):
        state, states, calls = run(fake, monkeypatch, engine="spark", events=10, bad_ratio=0.3)

        assert state == "success", states
        assert states["flink_run"] == "skipped"
        assert calls[0] == (
            "userstream schema --cassandra-host 127.0.0.1 --cassandra-port 2"
            " --keyspace spark_streams"
        )
        assert calls[1] == (
            "userstream produce --events 10 --source generator --bad-ratio 0.3"
            " --topic users_created --bootstrap-servers 127.0.0.1:1"
        )
        spark = calls[2]
        assert spark.startswith("spark-submit --master local[2] --name userstream-spark")
        assert "--class dev.userstream.spark.SparkJobMain" in spark
        jar = fake["repo"] / "spark-job" / "target" / "spark-job-0.1.0-SNAPSHOT-all.jar"
        assert f" {jar} --mode available-now --bootstrap-servers 127.0.0.1:1" in spark
        assert f"--checkpoint-dir {fake['checkpoints']} --metrics-port 9464 " in spark
        assert spark.endswith(
            f"SPARK_HOME={fake['spark_venv']}/lib/python3.11/site-packages/pyspark"
        )
        assert calls[3] == (
            "userstream verify --expect-topic --topic users_created --bootstrap-servers 127.0.0.1:1"
            " --cassandra-host 127.0.0.1 --cassandra-port 2 --keyspace spark_streams"
        )

    def test_the_spark_master_comes_from_the_userstream_spark_connection(self, fake, monkeypatch):
        monkeypatch.setenv(
            "AIRFLOW_CONN_USERSTREAM_SPARK", '{"conn_type": "spark", "host": "local[1]"}'
        )

        state, _, calls = run(fake, monkeypatch, engine="spark", events=1)

        assert state == "success"
        assert calls[2].startswith("spark-submit --master local[1] ")

    def test_spark_rt_branch_submits_the_spark4_jar_with_the_spark4_virtualenvs_spark_submit(
        self, fake, monkeypatch
    ):
        # The Spark 3.5 master is not Spark 4's: spark-rt reads userstream_spark4 only.
        monkeypatch.setenv(
            "AIRFLOW_CONN_USERSTREAM_SPARK", '{"conn_type": "spark", "host": "local[1]"}'
        )

        state, states, calls = run(fake, monkeypatch, engine="spark-rt", events=10)

        assert state == "success", states
        assert states["spark_submit"] == "skipped"
        assert states["flink_run"] == "skipped"
        spark = calls[2]
        assert spark.startswith("spark4-submit --master local[2] --name userstream-spark-rt")
        assert "--class dev.userstream.spark.SparkRtJobMain" in spark
        jar = fake["repo"] / "spark-rt-job" / "target" / "spark-rt-job-0.1.0-SNAPSHOT-all.jar"
        assert f" {jar} --mode available-now --bootstrap-servers 127.0.0.1:1" in spark
        assert " --metrics-port 9465 " in spark
        assert spark.endswith(
            f"SPARK_HOME={fake['spark4_venv']}/lib/python3.11/site-packages/pyspark"
        )
        assert calls[3].startswith("userstream verify --expect-topic ")

    def test_spark_rt_in_continuous_mode_runs_on_the_spark4_master_and_is_left_running(
        self, fake, monkeypatch
    ):
        monkeypatch.setenv(
            "AIRFLOW_CONN_USERSTREAM_SPARK4", '{"conn_type": "spark", "host": "local[1]"}'
        )

        state, states, calls = run(
            fake, monkeypatch, engine="spark-rt", mode="continuous", events=3
        )

        pid_file = fake["checkpoints"] / "running" / "spark-rt-job.pid"
        try:
            assert state == "success", states
            assert calls[2].startswith(
                "spark4-submit --master local[1] --name userstream-spark-rt"
                " --class dev.userstream.spark.SparkRtJobMain "
            )
            assert "--mode continuous" in calls[2]
            job = psutil.Process(int(pid_file.read_text()))
            assert job.is_running() and job.status() != psutil.STATUS_ZOMBIE
        finally:
            if pid_file.exists():
                psutil.Process(int(pid_file.read_text())).kill()

    def test_flink_branch_runs_the_jar_on_the_local_minicluster(self, fake, monkeypatch):
        state, states, calls = run(fake, monkeypatch, engine="flink", events=5)

        assert state == "success", states
        assert states["spark_submit"] == "skipped"
        jar = fake["repo"] / "flink-job" / "target" / "flink-job-0.1.0-SNAPSHOT.jar"
        assert calls[2].startswith(
            f"flink run -t local -c dev.userstream.flink.FlinkJobMain {jar} --mode available-now"
        )
        assert " --metrics-port 9466 " in calls[2]
        assert calls[3].startswith("userstream verify --expect-topic ")

    def test_a_metrics_port_variable_overrides_its_engines_default_and_zero_turns_it_off(
        self, fake, monkeypatch
    ):
        fake["variables"]["userstream_flink_metrics_port"] = "19466"
        fake["variables"]["userstream_spark_metrics_port"] = "0"

        _, _, flink_calls = run(fake, monkeypatch, engine="flink", events=1)
        fake["calls"].unlink()
        _, _, spark_calls = run(fake, monkeypatch, engine="spark", events=1)

        assert " --metrics-port 19466 " in flink_calls[2]
        assert spark_calls[2].startswith("spark-submit ")
        assert "--metrics-port" not in spark_calls[2]

    def test_a_failing_spark_submit_fails_its_task_and_nothing_is_verified(self, fake, monkeypatch):
        fake["spark_rc"].write_text("7")

        state, states, calls = run(fake, monkeypatch, engine="spark", events=10)

        assert state == "failed"
        assert states["spark_submit"] == "failed"
        assert states["verify"] == "upstream_failed"
        assert not any(c.startswith("userstream verify") for c in calls)
        # The first try and its two retries.
        assert sum(c.startswith("spark-submit ") for c in calls) == 3

    def test_an_engine_run_that_fails_once_is_retried_and_the_run_succeeds(self, fake, monkeypatch):
        Path(f"{fake['flink_rc']}.once").write_text("1")

        state, states, calls = run(fake, monkeypatch, engine="flink", events=4)

        assert state == "success", states
        assert sum(c.startswith("flink run ") for c in calls) == 2
        assert calls[-1].startswith("userstream verify --expect-topic ")

    def test_cassandra_credentials_of_the_connection_reach_the_commands_by_environment(
        self, fake, monkeypatch
    ):
        fake["connections"]["userstream_cassandra"].update(login="app", password="s3cret")

        state, _, calls = run(fake, monkeypatch, engine="spark", events=2)

        assert state == "success"
        assert calls.count("env user=app") == 3  # schema, produce, verify
        assert not any("s3cret" in c for c in calls)

    def test_a_failing_flink_run_fails_its_task_and_shows_the_end_of_the_flink_log(
        self, fake, monkeypatch, capfd
    ):
        fake["flink_rc"].write_text("3")

        state, states, _ = run(fake, monkeypatch, engine="flink", events=10)

        assert state == "failed"
        assert states["flink_run"] == "failed"
        task_log = capfd.readouterr().out  # what dag.test() prints of the task logs
        assert "flink run failed with exit code 3" in task_log
        assert "flink client log line" in task_log

    def test_a_count_mismatch_after_available_now_fails_verify_at_the_first_check(
        self, fake, monkeypatch
    ):
        fake["verify_rc"].write_text("1")

        state, states, calls = run(fake, monkeypatch, engine="flink", events=10)

        assert state == "failed"
        assert states["verify"] == "failed"
        assert sum(c.startswith("userstream verify") for c in calls) == 1

    def test_events_zero_produces_nothing_and_expects_nothing(self, fake, monkeypatch):
        state, _, calls = run(fake, monkeypatch, engine="spark", events=0)

        assert state == "success"
        assert not any(c.startswith("userstream produce") for c in calls)
        assert calls[-1].startswith("userstream verify --expect-topic ")

    def test_continuous_mode_leaves_the_job_running_and_records_its_pid(self, fake, monkeypatch):
        def tune(dag):
            quick_retries(dag)
            dag.get_task("verify").poke_interval = 1

        # The running job has not written everything at the first check: the sensor reschedules.
        Path(f"{fake['verify_rc']}.once").write_text("1")

        state, states, calls = run(
            fake, monkeypatch, tune=tune, engine="spark", mode="continuous", events=3
        )

        pid_file = fake["checkpoints"] / "running" / "spark-job.pid"
        try:
            assert state == "success", states
            jar = fake["repo"] / "spark-job" / "target" / "spark-job-0.1.0-SNAPSHOT-all.jar"
            assert calls[2].startswith(
                "spark-submit --master local[2] --name userstream-spark"
                f" --class dev.userstream.spark.SparkJobMain {jar} --mode continuous"
            )
            assert sum(c.startswith("userstream verify") for c in calls) == 2
            job = psutil.Process(int(pid_file.read_text()))
            assert job.is_running() and job.status() != psutil.STATUS_ZOMBIE
        finally:
            if pid_file.exists():
                psutil.Process(int(pid_file.read_text())).kill()
