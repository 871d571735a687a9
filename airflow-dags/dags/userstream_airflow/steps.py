"""The DAG's steps that call the project's own CLI: schema, produce, verify.

The CLI (``<repo>/userstream``) owns the CQL, the producer and the counts; these functions only
build its command lines from the settings and the run's params, and read its answers. The
connections' secrets go to the CLI in its environment (:meth:`Settings.environment`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from airflow.sdk import BaseSensorOperator
from airflow.sdk.exceptions import AirflowException, AirflowFailException

from userstream_airflow import commands
from userstream_airflow.settings import Settings, resolve

CONTINUOUS = "continuous"


def ensure_schema(settings: Settings, log: logging.Logger) -> None:
    """Creates the keyspace and both tables if absent (``userstream schema``, common-model's CQL).

    Also the run's first check that Cassandra answers, before any event is produced.
    """
    commands.check(
        [settings.userstream, "schema", *settings.cassandra_args()],
        what="userstream schema",
        log=log,
        env=settings.environment(),
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
    finished = commands.check(
        command, what="userstream produce", log=log, env=settings.environment()
    )
    summary = commands.parse_summary(finished.tail)
    log.info(
        "the producer reports %d records (%d malformed on purpose)", summary.produced, summary.bad
    )
    return asdict(summary)


def verify_command(settings: Settings) -> list[str]:
    """``userstream verify`` of every record the topic holds against both tables."""
    # verify counts the rows stored for --topic (the lineage columns name it) and compares them
    # with every record the topic holds, not only this run's: scheduled runs share one topic,
    # so earlier runs' rows are there too and must still add up exactly.
    return [
        settings.userstream,
        "verify",
        "--expect-topic",
        "--topic",
        settings.topic,
        "--bootstrap-servers",
        settings.bootstrap_servers,
        *settings.cassandra_args(),
    ]


class VerifySensor(BaseSensorOperator):
    """Succeeds once every record of the topic is in exactly one table (``userstream verify``).

    After an ``available-now`` run the job has finished, so the first check decides: a mismatch
    fails the task at once, without retries (a finished job's counts do not change). A
    ``continuous`` job is still consuming: a mismatch reschedules the check (the worker slot is
    free in between) until it passes or ``userstream_continuous_verify_timeout_seconds`` have
    passed since the first check. ``summary`` is the producer's (templated, so an XComArg).
    """

    template_fields = ("summary",)
    ui_color = "#e8f3e8"

    def __init__(self, *, summary: Any, **kwargs: Any) -> None:
        kwargs.setdefault("mode", "reschedule")
        kwargs.setdefault("poke_interval", 15)
        super().__init__(**kwargs)
        self.summary = summary

    def execute(self, context: Any) -> Any:
        # The timeout is a Variable, read when the task runs, like every setting.
        self.timeout = resolve().continuous_verify_timeout_seconds
        return super().execute(context)

    def poke(self, context: Any) -> bool:
        resolved = resolve()
        mode = context["params"]["mode"]
        self.log.info(
            "this run produced %s records; verifying every record of %s",
            self.summary["produced"],
            resolved.topic,
        )
        command = verify_command(resolved)
        finished = commands.run(command, log=self.log, env=resolved.environment())
        if finished.returncode == 0:
            return True
        if mode != CONTINUOUS:
            raise AirflowFailException(
                f"userstream verify failed with exit code {finished.returncode}: the stored rows "
                "do not add up to the records of the topic"
            )
        self.log.info("not all records are in Cassandra yet; the sensor checks again later")
        return False
