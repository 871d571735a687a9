"""Starting a long-running (continuous) job that outlives its task, and finding it again.

The job runs in its own session (a new process group), so the end of the task does not end it.
Its pid goes to a pid file and its output to a log file beside it. A pid file only counts while
its process is alive *and* its command line carries the job's marker (the jar path): a stale pid
reused by an unrelated process is never taken for the job.
"""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import psutil
from airflow.sdk.exceptions import AirflowException


def running_pid(pid_file: Path, marker: str) -> int | None:
    """The pid recorded in ``pid_file`` if that process is alive and is the job, else None."""
    try:
        pid = int(pid_file.read_text().strip())
        process = psutil.Process(pid)
        alive = process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        return pid if alive and marker in " ".join(process.cmdline()) else None
    except (FileNotFoundError, ValueError, psutil.Error):
        return None


def start(
    command: Sequence[str],
    *,
    name: str,
    marker: str,
    state_dir: Path,
    settle_seconds: int,
    log: logging.Logger,
    env: Mapping[str, str] | None = None,
) -> dict[str, object]:
    """Starts ``command`` in the background unless it already runs; checks that it stays up.

    Returns ``{"pid", "log_file", "started"}`` (``started`` is False when an earlier run's job was
    still running and was left alone). A job that exits within ``settle_seconds`` fails the task
    with its exit code and the end of its log.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    pid_file = state_dir / f"{name}.pid"
    log_file = state_dir / f"{name}.log"
    existing = running_pid(pid_file, marker)
    if existing is not None:
        log.info(
            "%s already runs as pid %d (log %s): not starting another", name, existing, log_file
        )
        return {"pid": existing, "log_file": str(log_file), "started": False}

    log.info("starting %s in the background: %s", name, " ".join(command))
    with open(log_file, "ab") as out:
        process = subprocess.Popen(
            list(command),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None,
            start_new_session=True,
        )
    pid_file.write_text(f"{process.pid}\n")
    log.info("%s started as pid %d; output goes to %s", name, process.pid, log_file)

    deadline = time.monotonic() + settle_seconds
    while time.monotonic() < deadline:
        returncode = process.poll()
        if returncode is not None:
            _log_tail(log_file, log)
            pid_file.unlink(missing_ok=True)
            raise AirflowException(
                f"{name} exited with code {returncode} within {settle_seconds} s of starting "
                f"(log: {log_file})"
            )
        time.sleep(1)
    _log_tail(log_file, log)
    log.info("%s is running (pid %d) after %d s", name, process.pid, settle_seconds)
    return {"pid": process.pid, "log_file": str(log_file), "started": True}


def _log_tail(log_file: Path, log: logging.Logger, lines: int = 60) -> None:
    """Copies the last lines of the job's log into the task log."""
    try:
        text = log_file.read_text(errors="replace").splitlines()[-lines:]
    except FileNotFoundError:
        return
    log.info("last %d lines of %s:", len(text), log_file)
    for line in text:
        log.info("%s", line)
