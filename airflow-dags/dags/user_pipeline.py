"""user_pipeline: random-user events to Kafka, one engine's job, then Cassandra counts.

```
ensure_schema >> produce >> choose_engine >> spark_submit | flink_run | spark_rt_submit >> verify
```

- **ensure_schema**: `userstream schema` creates the keyspace and tables if absent (the CQL lives
  in common-model) and proves Cassandra answers before any event is produced.
- **produce**: `userstream produce` writes `events` records (`bad_ratio` of them malformed on
  purpose) from `source` to the topic; the count it reports goes to XCom.
- **choose_engine**: the `engine` param picks exactly one of the three next tasks.
- **spark_submit** / **flink_run** / **spark_rt_submit**: the job jar on the chosen engine
  (`spark`: Spark 3.5; `flink`: Flink 1.20; `spark-rt`: Spark 4.2, in Real-Time Mode when
  continuous, with the spark-submit of its own pyspark 4.2 virtualenv). `available-now` processes
  what the topic holds and ends; `continuous` starts a long-running job (or finds it running).
  Each retries twice, 30 s and then 60 s later: a job that failed on a transient outage resumes from
  its checkpoint (the inserts are idempotent upserts).
  Each job serves Prometheus metrics on its engine's port (`--metrics-port`: spark 9464,
  spark-rt 9465, flink 9466; Variables `userstream_*_metrics_port`, 0 = none).
- **verify**: a sensor on `userstream verify --expect-topic`: users + rejects must equal every
  record of the topic. After `available-now` one check decides; after `continuous` it checks
  again in reschedule mode (no worker slot held in between) until the counts add up or it times
  out.

Where Kafka, Cassandra and the Spark masters are: the Airflow Connections `userstream_kafka`,
`userstream_cassandra`, `userstream_spark` and `userstream_spark4`; where the engines and the
repository are: Airflow Variables `userstream_*`. Every default is the local stack
(`userstream_airflow/settings.py`).
The schedule is `USERSTREAM_SCHEDULE` (default `@hourly`, `none` for manual runs only).
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pendulum
from airflow.sdk import DAG, Param, TriggerRule, get_current_context, task

from userstream_airflow import settings, steps
from userstream_airflow.flink import FlinkRunOperator
from userstream_airflow.spark import SPARK_RT_JOB, UserstreamSparkSubmitOperator
from userstream_airflow.steps import VerifySensor

log = logging.getLogger(__name__)

ENGINE_TASKS = {"spark": "spark_submit", "flink": "flink_run", "spark-rt": "spark_rt_submit"}
# A failed job run is retried: 30 s, then 60 s later (the engines resume from their checkpoints).
ENGINE_RETRIES = {
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=5),
}

with DAG(
    dag_id="user_pipeline",
    description="Produce users_created events, run the Spark, Flink or Spark 4 Real-Time job,"
    " verify Cassandra.",
    schedule=settings.schedule_from_env(),
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    # Runs share the topic, the tables and the jobs' checkpoints: one at a time.
    max_active_runs=1,
    # No task may hang a run forever (a continuous job is started, then left to run on its own).
    default_args={"execution_timeout": timedelta(hours=1), "retries": 0},
    tags=["userstream"],
    doc_md=__doc__,
    params={
        "engine": Param(
            "spark",
            type="string",
            enum=list(ENGINE_TASKS),
            description="Stream processor: spark (Spark 3.5 Structured Streaming), flink"
            " (Flink 1.20) or spark-rt (Spark 4.2, Real-Time Mode when continuous).",
        ),
        "mode": Param(
            "available-now",
            type="string",
            enum=["available-now", "continuous"],
            description="available-now: process what is there, then end. "
            "continuous: start (or keep) a long-running job.",
        ),
        "events": Param(
            1000,
            type="integer",
            minimum=0,
            description="Records to produce (0: produce none, process what the topic holds).",
        ),
        "source": Param(
            "generator",
            type="string",
            enum=["generator", "api", "files"],
            description="generator (offline), api (randomuser.me) or files "
            "(the folder in Variable userstream_source_dir).",
        ),
        "bad_ratio": Param(
            0.05,
            type="number",
            minimum=0,
            maximum=1,
            description="Share of records malformed on purpose (they land in the rejects).",
        ),
    },
) as dag:

    @task
    def ensure_schema() -> None:
        steps.ensure_schema(settings.resolve(), log)

    @task
    def produce() -> dict:
        params = get_current_context()["params"]
        return steps.produce(settings.resolve(), params, log)

    @task.branch
    def choose_engine() -> str:
        return ENGINE_TASKS[get_current_context()["params"]["engine"]]

    spark_submit = UserstreamSparkSubmitOperator(task_id=ENGINE_TASKS["spark"], **ENGINE_RETRIES)
    flink_run = FlinkRunOperator(task_id=ENGINE_TASKS["flink"], **ENGINE_RETRIES)
    spark_rt_submit = UserstreamSparkSubmitOperator(
        task_id=ENGINE_TASKS["spark-rt"], job=SPARK_RT_JOB, **ENGINE_RETRIES
    )
    engine_runs = [spark_submit, flink_run, spark_rt_submit]

    produced = produce()
    # Runs after whichever engine task ran (the others are skipped by the branch).
    verify = VerifySensor(
        task_id="verify",
        summary=produced,
        trigger_rule=TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS,
    )
    ensure_schema() >> produced >> choose_engine() >> engine_runs
    engine_runs >> verify
