"""The DAG's steps that call the project's own CLI: schema, produce, verify.

The CLI (``<repo>/userstream``) owns the CQL, the producer and the counts; these functions only
build its command lines from the settings and the run's params, and read its answers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from airflow.sdk.exceptions import AirflowException

from userstream_airflow import commands
from userstream_airflow.settings import Settings

CONTINUOUS = "continuous"
_VERIFY_RETRY_SECONDS = 5


def ensure_schema(settings: Settings, log: logging.Logger) -> None:
    """Creates the keyspace and both tables if absent (``userstream schema``, common-model's CQL).

    Also the run's first check that Cassandra answers, before any event is produced.
    """
    commands.check(
        [settings.userstream, "schema", *settings.cassandra_args()],
        what="userstream schema",
        log=log,
    )


def produce(settings: Settings, params: Mapping[str, Any], log: logging.Logger) -> dict[str, Any]:
    """Produces ``events`` records to the topic; returns the producer's summary (for XCom)."""
    events = int(params["events"])
    if events == 0:
        # The producer reads --events 0 as "no limit"; for the DAG 0 means: produce nothing.
        log.info("events=0: producing nothing, the engine processes what the topic already holds")
        return {"produced": 0, "bad": 0, "topic": settings.topic, "partitions": 0}
    command = [
        settings.userstream,
        "produce",
        "--events",
        str(events),
        "--source",
        params["source"],
        "--bad-ratio",
        str(params["bad_ratio"]),
        "--topic",
        settings.topic,
        "--bootstrap-servers",
        settings.bootstrap_servers,
    ]
    if params["source"] == "files":
        if not settings.source_dir:
            raise AirflowException(
                "source=files needs the Airflow Variable userstream_source_dir (folder to replay)"
            )
        command += ["--dir", settings.source_dir]
    finished = commands.check(command, what="userstream produce", log=log)
    summary = commands.parse_summary(finished.tail)
    log.info(
        "the producer reports %d records (%d malformed on purpose)", summary.produced, summary.bad
    )
    return asdict(summary)


def verify(settings: Settings, produced: int, mode: str, log: logging.Logger) -> None:
    """Fails unless every produced record is in exactly one table (``userstream verify``).

    After an ``available-now`` run the job has finished, so one check decides. A ``continuous``
    job is still consuming: the check repeats until it passes or the timeout is reached.
    """
    # verify counts the rows stored for --topic (the lineage columns name it) and compares them
    # with every record the topic holds, not only this run's: scheduled runs share one topic,
    # so earlier runs' rows are there too and must still add up exactly.
    log.info("this run produced %d records; verifying every record of %s", produced, settings.topic)
    command = [
        settings.userstream,
        "verify",
        "--expect-topic",
        "--topic",
        settings.topic,
        "--bootstrap-servers",
        settings.bootstrap_servers,
        *settings.cassandra_args(),
    ]
    if mode != CONTINUOUS:
        commands.check(command, what="userstream verify", log=log)
        return
    deadline = time.monotonic() + settings.continuous_verify_timeout_seconds
    while True:
        finished = commands.run(command, log=log)
        if finished.returncode == 0:
            return
        if time.monotonic() >= deadline:
            raise commands.CommandFailed(
                f"userstream verify (after {settings.continuous_verify_timeout_seconds} s)",
                finished.returncode,
                command,
            )
        log.info(
            "not all records are in Cassandra yet; checking again in %d s", _VERIFY_RETRY_SECONDS
        )
        time.sleep(_VERIFY_RETRY_SECONDS)
