"""Finding the engine CLIs (spark-submit, flink) and the job jars, and the CLIs' environment."""

from __future__ import annotations

import glob
import logging
import os
import subprocess
from pathlib import Path

from airflow.sdk.exceptions import AirflowException

from userstream_airflow.settings import Settings

# Build leftovers beside a shaded jar that are not the job.
_NOT_THE_JOB = ("original-", "-sources.jar", "-javadoc.jar", "-tests.jar")


def find_job_jar(settings: Settings, pattern: str, build_hint: str) -> Path:
    """The one jar matching ``pattern`` (relative to the repository root, or absolute)."""
    full = pattern if os.path.isabs(pattern) else str(settings.repo_root / pattern)
    matches = sorted(
        Path(p) for p in glob.glob(full) if not any(part in Path(p).name for part in _NOT_THE_JOB)
    )
    if not matches:
        raise AirflowException(f"no job jar matches {full}: build it first ({build_hint})")
    if len(matches) > 1:
        names = ", ".join(str(m) for m in matches)
        raise AirflowException(f"{len(matches)} jars match {full} ({names}): remove the stale ones")
    return matches[0]


def engine_venv(
    settings: Settings, name: str, configured: Path | None, log: logging.Logger
) -> Path:
    """The engine's virtualenv: the configured one, else tools/python-env.sh NAME (built once)."""
    if configured is not None:
        return configured
    script = settings.repo_root / "tools" / "python-env.sh"
    log.info("locating the %s CLI with %s %s", name, script, name)
    result = subprocess.run(
        [str(script), name], capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False
    )
    for line in result.stderr.splitlines():
        log.info("%s", line)
    if result.returncode != 0:
        raise AirflowException(
            f"{script} {name} failed with exit code {result.returncode}: {result.stderr.strip()}"
        )
    return Path(result.stdout.strip().splitlines()[-1])


def cli_binary(venv: Path, name: str) -> Path:
    """The engine CLI ``name`` of a virtualenv, or a clear error naming where it was looked for.

    pyspark puts spark-submit in ``bin/``; the apache-flink wheel keeps ``flink`` inside its
    distribution (``site-packages/pyflink/bin/``), where the script finds its own lib/ and conf/.
    """
    candidates = [venv / "bin" / name]
    if name == "flink":
        candidates += sorted(venv.glob("lib/python*/site-packages/pyflink/bin/flink"))
    for binary in candidates:
        if os.access(binary, os.X_OK):
            return binary
    looked = ", ".join(str(c) for c in candidates)
    raise AirflowException(f"no executable {name} in the virtualenv {venv} (looked at {looked})")


def cli_environment(venv: Path, binary: Path) -> dict[str, str]:
    """Variables that make an engine CLI use its own distribution, whatever the worker inherited.

    spark-submit runs the Spark of SPARK_HOME, set here to the distribution beside it. Left to
    itself, pyspark's launcher would ask ``python3`` on the PATH, and the Airflow worker's
    interpreter answers wrongly (the Airflow virtualenv carries pyspark-client, a Spark Connect
    client without Spark's jars). pyflink's ``flink`` finds its home from its own location.
    Inherited configuration folders are blanked: the launchers read an empty value as unset.
    """
    path = os.pathsep.join(
        dict.fromkeys([str(binary.parent), str(venv / "bin"), os.environ.get("PATH", os.defpath)])
    )
    env = {"PATH": path, "SPARK_CONF_DIR": "", "FLINK_CONF_DIR": ""}
    if binary.name == "spark-submit":
        env["SPARK_HOME"] = str(spark_home(venv, binary))
    return env


def spark_home(venv: Path, binary: Path) -> Path:
    """The Spark distribution of a spark-submit: its parent folder, or pyspark's in a virtualenv."""
    candidates = [binary.parent.parent, *sorted(venv.glob("lib/python*/site-packages/pyspark"))]
    for home in candidates:
        if (home / "bin" / "spark-class").is_file() and (home / "jars").is_dir():
            return home
    looked = ", ".join(str(c) for c in candidates)
    raise AirflowException(f"no Spark distribution (bin/spark-class and jars/) at {looked}")
