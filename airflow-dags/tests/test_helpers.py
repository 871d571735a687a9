"""The DAG's helper package on its own: settings, command running, jars, CLIs, detached jobs."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import psutil
import pytest
from airflow.sdk import Connection
from airflow.sdk.exceptions import AirflowException

from userstream_airflow import commands, detached, engines, settings

log = logging.getLogger("test")


def resolved(
    connections: dict[str, Connection] | None = None, **overrides: str
) -> settings.Settings:
    values = {**settings.DEFAULTS, **{f"userstream_{k}": v for k, v in overrides.items()}}
    return settings.resolve(
        lambda name, default: values.get(name, default), (connections or {}).get
    )


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


class TestSettings:
    def test_defaults_are_the_local_stack_and_this_repository(self):
        s = resolved()

        assert s.repo_root == Path(__file__).resolve().parents[2]
        assert s.bootstrap_servers == "127.0.0.1:9092"
        assert (s.endpoints.cassandra_hosts, s.endpoints.cassandra_port, s.keyspace) == (
            "127.0.0.1",
            9042,
            "spark_streams",
        )
        assert s.child_environment() == {}
        assert s.topic == "users_created"
        assert s.checkpoint_dir == s.repo_root / ".userstream" / "checkpoints" / "airflow"
        assert s.spark_venv is None and s.spark4_venv is None and s.flink_venv is None
        assert s.spark_rt_job_jar == "spark-rt-job/target/spark-rt-job-*-all.jar"
        assert s.flink_jobmanager == "local"
        assert s.userstream == str(s.repo_root / "userstream")
        ports = (s.spark_metrics_port, s.spark_rt_metrics_port, s.flink_metrics_port)
        assert ports == (9464, 9465, 9466)

    def test_job_args_use_the_option_names_both_jobs_share(self, tmp_path):
        s = resolved(
            {
                "userstream_kafka": Connection(conn_id="k", conn_type="generic", host="k", port=1),
                "userstream_cassandra": Connection(
                    conn_id="c",
                    conn_type="generic",
                    host="c1,c2",
                    port=2,
                    extra='{"datacenter": "dc2"}',
                ),
            },
            topic="t",
            keyspace="ks",
            checkpoint_dir=str(tmp_path),
        )

        assert s.job_args("continuous") == [
            "--mode", "continuous",
            "--bootstrap-servers", "k:1",
            "--topic", "t",
            "--cassandra-host", "c1,c2",
            "--cassandra-port", "2",
            "--cassandra-datacenter", "dc2",
            "--keyspace", "ks",
            "--checkpoint-dir", str(tmp_path),
        ]  # fmt: skip

    def test_a_metrics_port_is_passed_after_the_shared_options_and_zero_leaves_it_out(self):
        s = resolved()

        assert s.job_args("available-now", 9466)[-2:] == ["--metrics-port", "9466"]
        assert "--metrics-port" not in s.job_args("available-now", 0)
        assert "--metrics-port" not in s.job_args("available-now")

    @pytest.mark.parametrize("value", ["65536", "-1"])
    def test_a_metrics_port_out_of_range_is_named(self, value):
        with pytest.raises(ValueError, match="userstream_spark_rt_metrics_port must be a port"):
            resolved(spark_rt_metrics_port=value)

    def test_kafka_host_may_list_brokers_and_extra_holds_client_properties(self):
        kafka = Connection(
            conn_id="k",
            conn_type="generic",
            host="b1:9093,b2:9093",
            port=9999,
            extra='{"security.protocol": "SSL", "bootstrap.servers": "ignored:1"}',
        )

        s = resolved({"userstream_kafka": kafka})

        assert s.bootstrap_servers == "b1:9093,b2:9093"
        assert s.child_environment() == {"USERSTREAM_KAFKA_PROPERTIES": "security.protocol=SSL\n"}

    def test_kafka_login_becomes_a_jaas_config_in_the_environment_only(self):
        kafka = Connection(
            conn_id="k",
            conn_type="generic",
            host="b1",
            login="app",
            password='p"w\\d',
            extra='{"sasl.mechanism": "SCRAM-SHA-512", "security.protocol": "SASL_SSL"}',
        )

        s = resolved({"userstream_kafka": kafka})

        assert s.bootstrap_servers == "b1:9092"
        assert s.child_environment()["USERSTREAM_KAFKA_PROPERTIES"] == (
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            r' username="app" password="p\\"w\\\\d";'
            "\n"
            "sasl.mechanism=SCRAM-SHA-512\n"
            "security.protocol=SASL_SSL\n"
        )
        assert 'p"w' not in " ".join(s.job_args("available-now"))

    def test_cassandra_credentials_go_to_the_environment_and_never_into_repr_or_arguments(self):
        cassandra = Connection(
            conn_id="c", conn_type="generic", host="db", login="u", password="s3cret"
        )

        s = resolved({"userstream_cassandra": cassandra})

        assert s.child_environment() == {
            "USERSTREAM_CASSANDRA_USERNAME": "u",
            "USERSTREAM_CASSANDRA_PASSWORD": "s3cret",
        }
        assert s.endpoints.cassandra_port == 9042
        assert "s3cret" not in repr(s)
        assert "s3cret" not in " ".join(s.job_args("available-now") + s.cassandra_args())

    def test_a_property_key_with_separators_is_escaped_as_java_properties_read_it(self):
        assert settings.java_properties({"a=b c": "x\ny", "k": " v"}) == (
            "a\\=b\\ c=x\\ny\nk=\\ v\n"
        )

    def test_a_non_integer_variable_is_named(self):
        with pytest.raises(
            ValueError, match="userstream_continuous_settle_seconds must be an integer"
        ):
            resolved(continuous_settle_seconds="ninety")

    @pytest.mark.parametrize(
        ("value", "schedule"),
        [(None, "@hourly"), ("", "@hourly"), ("*/5 * * * *", "*/5 * * * *"), ("none", None)],
    )
    def test_schedule_comes_from_userstream_schedule(self, value, schedule):
        environ = {} if value is None else {"USERSTREAM_SCHEDULE": value}

        assert settings.schedule_from_env(environ) == schedule


class TestCommands:
    def test_output_goes_to_the_log_and_a_failure_carries_the_exit_code(self, caplog):
        caplog.set_level(logging.INFO)

        with pytest.raises(commands.CommandFailed, match="exit code 3") as failure:
            commands.check(
                ["sh", "-c", "echo to-stdout; echo to-stderr >&2; exit 3"], what="demo", log=log
            )

        assert failure.value.returncode == 3
        assert "to-stdout" in caplog.text and "to-stderr" in caplog.text

    def test_the_summary_is_the_producers_last_summary_line(self):
        lines = [
            "produced=1 bad=0 topic=old partitions=1 seconds=0.10 rate=10/s",
            "bad by kind: not-json=3",
            "produced=1000 bad=50 topic=users_created partitions=2 seconds=1.25 rate=800/s",
        ]

        summary = commands.parse_summary(lines)

        assert summary == commands.ProduceSummary(1000, 50, "users_created", 2)

    def test_no_summary_line_is_a_clear_error(self):
        with pytest.raises(AirflowException, match="no summary line"):
            commands.parse_summary(["sent 10 records"])


class TestEngines:
    def test_the_shaded_job_jar_is_found_and_build_leftovers_ignored(self, tmp_path):
        target = tmp_path / "flink-job" / "target"
        target.mkdir(parents=True)
        for name in [
            "flink-job-0.1.0.jar",
            "original-flink-job-0.1.0.jar",
            "flink-job-0.1.0-tests.jar",
        ]:
            (target / name).touch()
        s = resolved(repo_root=str(tmp_path))

        assert engines.find_job_jar(s, s.flink_job_jar, "build") == target / "flink-job-0.1.0.jar"

    def test_a_missing_jar_says_how_to_build_it(self, tmp_path):
        s = resolved(repo_root=str(tmp_path))

        with pytest.raises(AirflowException, match="build it first .*-pl spark-job"):
            engines.find_job_jar(s, s.spark_job_jar, "./mvnw -pl spark-job -am package")

    def test_two_candidate_jars_are_an_error_not_a_guess(self, tmp_path):
        target = tmp_path / "spark-job" / "target"
        target.mkdir(parents=True)
        (target / "spark-job-0.1.0-all.jar").touch()
        (target / "spark-job-0.2.0-all.jar").touch()
        s = resolved(repo_root=str(tmp_path))

        with pytest.raises(AirflowException, match="2 jars match"):
            engines.find_job_jar(s, s.spark_job_jar, "build")

    def test_flink_is_found_inside_the_pyflink_distribution(self, tmp_path):
        flink = executable(
            tmp_path / "lib" / "python3.11" / "site-packages" / "pyflink" / "bin" / "flink",
            "#!/bin/sh\n",
        )

        assert engines.cli_binary(tmp_path, "flink") == flink

    def test_a_missing_cli_names_where_it_was_looked_for(self, tmp_path):
        with pytest.raises(AirflowException, match="no executable spark-submit .*bin/spark-submit"):
            engines.cli_binary(tmp_path, "spark-submit")

    def test_spark_submit_runs_the_spark_of_its_own_virtualenv(self, tmp_path, monkeypatch):
        monkeypatch.setenv("SPARK_HOME", "/opt/some-other-spark")
        pyspark = tmp_path / "lib" / "python3.11" / "site-packages" / "pyspark"
        executable(pyspark / "bin" / "spark-class", "#!/bin/sh\n")
        (pyspark / "jars").mkdir()
        binary = executable(tmp_path / "bin" / "spark-submit", "#!/bin/sh\n")

        env = engines.cli_environment(tmp_path, binary)

        assert env["SPARK_HOME"] == str(pyspark)
        assert env["PATH"].split(os.pathsep)[0] == str(tmp_path / "bin")
        assert env["SPARK_CONF_DIR"] == ""

    def test_a_spark_submit_without_a_distribution_is_a_clear_error(self, tmp_path):
        binary = executable(tmp_path / "bin" / "spark-submit", "#!/bin/sh\n")

        with pytest.raises(AirflowException, match="no Spark distribution"):
            engines.cli_environment(tmp_path, binary)


class TestDetached:
    def test_a_started_job_keeps_running_and_is_not_started_twice(self, tmp_path):
        marker = str(tmp_path / "job.jar")
        command = [sys.executable, "-c", "import time; time.sleep(60)", marker]

        first = detached.start(
            command, name="job", marker=marker, state_dir=tmp_path, settle_seconds=1, log=log
        )
        try:
            second = detached.start(
                command, name="job", marker=marker, state_dir=tmp_path, settle_seconds=1, log=log
            )

            assert first["started"] is True and second["started"] is False
            assert second["pid"] == first["pid"]
            assert (tmp_path / "job.pid").read_text().strip() == str(first["pid"])
        finally:
            psutil.Process(first["pid"]).kill()

    def test_a_job_that_dies_while_starting_fails_with_its_exit_code_and_log(
        self, tmp_path, caplog
    ):
        caplog.set_level(logging.INFO)

        with pytest.raises(AirflowException, match="exited with code 4"):
            detached.start(
                ["sh", "-c", "echo cannot reach Kafka; exit 4"],
                name="job",
                marker="sh",
                state_dir=tmp_path,
                settle_seconds=10,
                log=log,
            )

        assert "cannot reach Kafka" in caplog.text
        assert not (tmp_path / "job.pid").exists()

    def test_a_stale_pid_file_of_another_process_is_not_the_job(self, tmp_path):
        (tmp_path / "job.pid").write_text(f"{os.getpid()}\n")

        # This process is alive, but its command line is not the job's.
        assert detached.running_pid(tmp_path / "job.pid", marker="no-such-jar.jar") is None
