"""spark-submit of a Spark job jar (spark-job, spark-rt-job) with the Spark provider's operator."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import BaseHook
from airflow.sdk.exceptions import AirflowNotFoundException

from userstream_airflow import detached, engines, settings
from userstream_airflow.settings import Settings

CONTINUOUS = "continuous"


@dataclass(frozen=True)
class SparkJob:
    """One of the project's Spark jobs, as spark-submit runs it.

    ``module`` names the jar's module (and a continuous job's pid file), ``venv`` the virtualenv
    of its spark-submit (``tools/python-env.sh VENV``); ``jar``, ``configured_venv`` and
    ``metrics_port`` read the Variables that override them.
    """

    module: str
    main_class: str
    conn_id: str
    venv: str
    app_name: str
    jar: Callable[[Settings], str]
    configured_venv: Callable[[Settings], Path | None]
    metrics_port: Callable[[Settings], int]


# Spark 3.5, the documented engine.
SPARK_JOB = SparkJob(
    module="spark-job",
    main_class=settings.SPARK_MAIN_CLASS,
    conn_id=settings.SPARK_CONN_ID,
    venv="spark",
    app_name="userstream-spark",
    jar=lambda s: s.spark_job_jar,
    configured_venv=lambda s: s.spark_venv,
    metrics_port=lambda s: s.spark_metrics_port,
)
# Spark 4.2 with Real-Time Mode (--mode continuous): its own pyspark, and its own master.
SPARK_RT_JOB = SparkJob(
    module="spark-rt-job",
    main_class=settings.SPARK_RT_MAIN_CLASS,
    conn_id=settings.SPARK4_CONN_ID,
    venv="spark4",
    app_name="userstream-spark-rt",
    jar=lambda s: s.spark_rt_job_jar,
    configured_venv=lambda s: s.spark4_venv,
    metrics_port=lambda s: s.spark_rt_metrics_port,
)


class UserstreamSparkSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator whose jar, arguments and spark-submit are resolved when it runs.

    ``job`` is which Spark job (``SPARK_JOB`` by default, or ``SPARK_RT_JOB``). Its jar is
    found by glob (its version is in its name), the job's options come from the settings and the
    run's ``mode`` param, and spark-submit is the job's Spark virtualenv's. The master is the
    job's connection's (``userstream_spark``, ``userstream_spark4``), or ``local[2]`` without
    one. Every line that spark-submit prints goes to the task log (the provider's hook does that),
    and a non-zero exit fails the task with its exit code.

    In ``continuous`` mode spark-submit runs in the background instead: the task records its pid,
    checks that the job stays up, and leaves it running (a later run finds it and starts none).
    That command line is built here from the same master, name, class, jar and arguments (the
    provider builds its own only for the foreground run, and has no public way to hand it out).
    The connections' secrets reach spark-submit, and so the driver, in its environment.
    """

    def __init__(self, *, job: SparkJob = SPARK_JOB, **kwargs: Any) -> None:
        kwargs.setdefault("conn_id", job.conn_id)
        kwargs.setdefault("java_class", job.main_class)
        kwargs.setdefault("name", job.app_name)
        super().__init__(**kwargs)
        self.job = job
        self.master_conn_id = kwargs["conn_id"]
        self.main_class = kwargs["java_class"]
        self.job_name = kwargs["name"]

    def execute(self, context: Any) -> Any:
        resolved = settings.resolve()
        mode = context["params"]["mode"]
        module = self.job.module
        self.application = str(
            engines.find_job_jar(
                resolved,
                self.job.jar(resolved),
                f"./mvnw -pl {module} -am package -DskipTests",
            )
        )
        # The driver (client mode: this worker) serves the job's metrics.
        self.application_args = resolved.job_args(mode, self.job.metrics_port(resolved))
        venv = engines.engine_venv(
            resolved, self.job.venv, self.job.configured_venv(resolved), self.log
        )
        binary = engines.cli_binary(venv, "spark-submit")
        # spark_binary stays "spark-submit" (the provider allows only spark[2|3]-submit as a name),
        # found on the PATH that the hook gives the process.
        self.env_vars = {
            **(self.env_vars or {}),
            **engines.cli_environment(venv, binary),
            **resolved.child_environment(),
        }
        if mode != CONTINUOUS:
            with self._local_master_unless_configured():
                return super().execute(context)
        command = [
            str(binary),
            "--master",
            self._master(),
            "--name",
            self.job_name,
            "--class",
            self.main_class,
            self.application,
            *self.application_args,
        ]
        return detached.start(
            command,
            name=module,
            marker=self.application,
            state_dir=resolved.state_dir,
            settle_seconds=resolved.continuous_settle_seconds,
            log=self.log,
            env={**os.environ, **self.env_vars},
        )

    def _master(self) -> str:
        """The master URL of the ``userstream_spark`` connection (as the provider reads it)."""
        try:
            conn = BaseHook.get_connection(self.master_conn_id)
        except AirflowNotFoundException:
            return settings.DEFAULT_SPARK_MASTER
        host = conn.host or settings.DEFAULT_SPARK_MASTER
        return f"{host}:{conn.port}" if conn.port else host

    @contextlib.contextmanager
    def _local_master_unless_configured(self) -> Iterator[None]:
        """Without a ``userstream_spark`` connection the hook would fall back to YARN: use local.

        The default is given the way Airflow reads connections from the environment
        (``AIRFLOW_CONN_<ID>``), for the duration of the submission only.
        """
        try:
            BaseHook.get_connection(self.master_conn_id)
            configured = True
        except AirflowNotFoundException:
            configured = False
        if configured:
            yield
            return
        self.log.info(
            "no Airflow connection %s: running on Spark master %s",
            self.master_conn_id,
            settings.DEFAULT_SPARK_MASTER,
        )
        name = f"AIRFLOW_CONN_{self.master_conn_id.upper()}"
        os.environ[name] = json.dumps({"conn_type": "spark", "host": settings.DEFAULT_SPARK_MASTER})
        try:
            yield
        finally:
            os.environ.pop(name, None)
