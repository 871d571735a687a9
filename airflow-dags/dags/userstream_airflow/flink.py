"""`flink run` of the flink-job jar: an operator, as there is no Flink provider for a jar job."""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from airflow.sdk import BaseOperator
from airflow.sdk.exceptions import AirflowException

from userstream_airflow import commands, detached, engines, settings
from userstream_airflow.settings import Settings

CONTINUOUS = "continuous"
_JOB_ID = re.compile(r"JobID ([0-9a-f]{32})")
_LOG_TAIL = 150


class FlinkRunOperator(BaseOperator):
    """Runs the flink-job jar with the Flink virtualenv's ``flink run``.

    ``available-now``: ``flink run`` in the foreground; every line it prints goes to the task log
    and a non-zero exit fails the task with that exit code. ``continuous``: against a JobManager
    (``userstream_flink_jobmanager`` = host:port) the job is submitted detached (``flink run -d``)
    and the task checks that it is RUNNING; with the local MiniCluster the CLI itself hosts the
    job, so it is started in the background and the task checks that it stays up.
    """

    ui_color = "#e6f1f2"

    def __init__(self, *, main_class: str = settings.FLINK_MAIN_CLASS, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.main_class = main_class

    def execute(self, context: Any) -> Any:
        resolved = settings.resolve()
        mode = context["params"]["mode"]
        jar = engines.find_job_jar(
            resolved, resolved.flink_job_jar, "./mvnw -pl flink-job -am package -DskipTests"
        )
        venv = engines.engine_venv(resolved, "flink", resolved.flink_venv, self.log)
        binary = engines.cli_binary(venv, "flink")
        env = engines.cli_environment(venv, binary)
        local = resolved.flink_jobmanager == settings.FLINK_LOCAL
        target = ["-t", "local"] if local else ["-m", resolved.flink_jobmanager]
        # The TaskManager that runs the job's operators serves its metrics (the CLI's JVM locally).
        job_args = resolved.job_args(mode, resolved.flink_metrics_port)
        job = ["-c", self.main_class, str(jar), *job_args]
        full_env = {**resolved.environment(), **env}

        if mode != CONTINUOUS:
            with self._client_log(full_env):
                command = [str(binary), "run", *target, *job]
                commands.check(command, what="flink run", log=self.log, env=full_env)
            return None
        if local:
            # The job lives in the CLI's JVM: its Flink log stays beside its pid and output files.
            full_env["FLINK_LOG_DIR"] = str(resolved.state_dir / "flink-log")
            return detached.start(
                [str(binary), "run", *target, *job],
                name="flink-job",
                marker=str(jar),
                state_dir=resolved.state_dir,
                settle_seconds=resolved.continuous_settle_seconds,
                log=self.log,
                env=full_env,
            )
        with self._client_log(full_env):
            return self._submit_detached(binary, target, job, resolved, full_env)

    @contextlib.contextmanager
    def _client_log(self, env: dict[str, str]) -> Iterator[None]:
        """Points the CLI's log (the whole MiniCluster's, with ``-t local``) to a temp folder;
        when the CLI fails, the end of that log goes to the task log."""
        with tempfile.TemporaryDirectory(prefix="userstream-flink-log-") as log_dir:
            env["FLINK_LOG_DIR"] = log_dir
            try:
                yield
            except commands.CommandFailed:
                for log_file in sorted(Path(log_dir).glob("*.log")):
                    lines = log_file.read_text(errors="replace").splitlines()[-_LOG_TAIL:]
                    self.log.info("last %d lines of the Flink log %s:", len(lines), log_file.name)
                    for line in lines:
                        self.log.info("%s", line)
                raise

    def _submit_detached(
        self,
        binary: Path,
        target: list[str],
        job: list[str],
        resolved: Settings,
        env: dict[str, str],
    ) -> dict[str, str]:
        finished = commands.check(
            [str(binary), "run", "-d", *target, *job], what="flink run -d", log=self.log, env=env
        )
        job_id = next((m[1] for line in finished.tail if (m := _JOB_ID.search(line))), None)
        if job_id is None:
            raise AirflowException(
                "flink run -d printed no 'JobID <id>': cannot check the job runs"
            )
        deadline = time.monotonic() + resolved.continuous_settle_seconds
        while True:
            listing = commands.run([str(binary), "list", "-r", *target], log=self.log, env=env)
            if any(job_id in line and "RUNNING" in line for line in listing.tail):
                self.log.info("Flink job %s is RUNNING on %s", job_id, resolved.flink_jobmanager)
                return {"job_id": job_id}
            if time.monotonic() > deadline:
                raise AirflowException(
                    f"Flink job {job_id} is not RUNNING on {resolved.flink_jobmanager} "
                    f"{resolved.continuous_settle_seconds} s after submission"
                )
            time.sleep(2)
