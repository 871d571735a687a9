"""Running the project's commands from a task: output into the task log, failure = exit code."""

from __future__ import annotations

import logging
import re
import shlex
import subprocess
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from airflow.sdk.exceptions import AirflowException

# The producer's last line: produced=N bad=B topic=T partitions=P seconds=S rate=R/s
_SUMMARY = re.compile(
    r"\bproduced=(?P<produced>\d+) bad=(?P<bad>\d+) topic=(?P<topic>\S+)"
    r" partitions=(?P<partitions>\d+) seconds=(?P<seconds>[0-9.]+) rate=(?P<rate>\d+)/s\s*$"
)


class CommandFailed(AirflowException):
    """A command exited non-zero; the message names it and carries its exit code."""

    def __init__(self, what: str, returncode: int, command: Sequence[str]):
        super().__init__(f"{what} failed with exit code {returncode}: {shlex.join(command)}")
        self.returncode = returncode


@dataclass(frozen=True)
class Finished:
    """A command that ran to its end: its exit code and its last lines of output."""

    returncode: int
    tail: list[str]


def run(
    command: Sequence[str],
    *,
    log: logging.Logger,
    env: Mapping[str, str] | None = None,
    keep_lines: int = 200,
) -> Finished:
    """Runs ``command``, copying each output line (stdout and stderr) into ``log`` as it comes."""
    log.info("running: %s", shlex.join(command))
    process = subprocess.Popen(
        list(command),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        errors="replace",
        bufsize=1,
        env=dict(env) if env is not None else None,
    )
    tail: deque[str] = deque(maxlen=keep_lines)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            line = line.rstrip("\n")
            log.info("%s", line)
            tail.append(line)
        returncode = process.wait()
    finally:
        # The task was killed or failed while the command ran: never leave the command behind.
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return Finished(returncode, list(tail))


def check(
    command: Sequence[str],
    *,
    what: str,
    log: logging.Logger,
    env: Mapping[str, str] | None = None,
) -> Finished:
    """Like :func:`run`, but a non-zero exit fails the task with that exit code."""
    finished = run(command, log=log, env=env)
    if finished.returncode != 0:
        raise CommandFailed(what, finished.returncode, command)
    return finished


@dataclass(frozen=True)
class ProduceSummary:
    """What the producer reported on its summary line."""

    produced: int
    bad: int
    topic: str
    partitions: int


def parse_summary(lines: Sequence[str]) -> ProduceSummary:
    """The producer's summary line (the last one that matches), or a clear error."""
    for line in reversed(lines):
        match = _SUMMARY.search(line)
        if match:
            return ProduceSummary(
                produced=int(match["produced"]),
                bad=int(match["bad"]),
                topic=match["topic"],
                partitions=int(match["partitions"]),
            )
    raise AirflowException(
        "the producer printed no summary line 'produced=N bad=B topic=T partitions=P seconds=S "
        "rate=R/s', so the number of records to verify is unknown"
    )
