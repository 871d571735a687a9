"""The DAG as Airflow loads it: no import errors, the expected tasks, dependencies and params."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk import BaseSensorOperator
from airflow.sdk.exceptions import ParamValidationError

from conftest import DAGS

ENGINE_TASKS = ("spark_submit", "flink_run", "spark_rt_submit")
TASKS = {"ensure_schema", "produce", "choose_engine", *ENGINE_TASKS, "verify"}


def test_the_dags_folder_holds_exactly_user_pipeline_without_import_errors():
    bag = DagBag(dag_folder=str(DAGS))

    assert bag.import_errors == {}
    assert set(bag.dag_ids) == {"user_pipeline"}
    # The helper package is in .airflowignore: the DAG processor does not parse its modules.
    assert {Path(f).name for f in bag.file_last_changed} == {"user_pipeline.py"}


def test_tasks_and_their_order(dag):
    assert set(dag.task_ids) == TASKS
    downstream = {t: dag.get_task(t).downstream_task_ids for t in TASKS}
    assert downstream == {
        "ensure_schema": {"produce"},
        "produce": {"choose_engine", "verify"},
        "choose_engine": set(ENGINE_TASKS),
        "spark_submit": {"verify"},
        "flink_run": {"verify"},
        "spark_rt_submit": {"verify"},
        "verify": set(),
    }


def test_verify_runs_after_whichever_engine_ran(dag):
    assert dag.get_task("verify").trigger_rule == "none_failed_min_one_success"


def test_verify_is_a_sensor_that_frees_its_worker_slot_between_checks(dag):
    verify = dag.get_task("verify")
    assert isinstance(verify, BaseSensorOperator)
    assert verify.mode == "reschedule"
    assert verify.retries == 0


def test_the_engine_tasks_retry_with_backoff_and_the_others_do_not(dag):
    for task_id in ENGINE_TASKS:
        task = dag.get_task(task_id)
        assert task.retries == 2
        assert task.retry_delay == timedelta(seconds=30)
        assert task.retry_exponential_backoff == 2.0
        assert task.max_retry_delay == timedelta(minutes=5)
    for task_id in ("ensure_schema", "produce", "choose_engine"):
        assert dag.get_task(task_id).retries == 0


def test_schedule_defaults_to_hourly_without_catchup_one_run_at_a_time(dag):
    assert dag.schedule == "@hourly"
    assert dag.catchup is False
    assert dag.max_active_runs == 1


def test_param_defaults(dag):
    assert dag.params.validate() == {
        "engine": "spark",
        "mode": "available-now",
        "events": 1000,
        "source": "generator",
        "bad_ratio": 0.05,
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("engine", "storm"),
        ("engine", "spark_rt"),
        ("engine", None),
        ("mode", "batch"),
        ("events", -1),
        ("events", 1.5),
        ("events", "100"),
        ("source", "kafka"),
        ("bad_ratio", 1.01),
        ("bad_ratio", -0.1),
        ("bad_ratio", "0.5"),
    ],
)
def test_params_reject_bad_values(dag, name, value):
    params = copy.deepcopy(dag.params)

    # ParamsDict validates each assignment against the param's JSON schema.
    with pytest.raises(ParamValidationError, match=name):
        params[name] = value


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("engine", "flink"),
        ("engine", "spark-rt"),
        ("mode", "continuous"),
        ("events", 0),
        ("source", "api"),
        ("source", "files"),
        ("bad_ratio", 0),
        ("bad_ratio", 1),
    ],
)
def test_params_accept_edge_values(dag, name, value):
    params = copy.deepcopy(dag.params)
    params[name] = value

    assert params.validate()[name] == value


def test_the_dag_serializes_as_the_scheduler_stores_it(dag):
    from airflow.serialization.serialized_objects import DagSerialization

    restored = DagSerialization.deserialize_dag(DagSerialization.serialize_dag(dag))

    assert set(restored.task_ids) == TASKS
    assert restored.get_task("spark_submit").task_type == "UserstreamSparkSubmitOperator"
    assert restored.get_task("spark_rt_submit").task_type == "UserstreamSparkSubmitOperator"


def test_each_spark_task_submits_its_own_job_with_its_own_master(dag):
    spark, spark_rt = dag.get_task("spark_submit"), dag.get_task("spark_rt_submit")

    assert (spark.job.module, spark.main_class, spark.master_conn_id) == (
        "spark-job",
        "dev.userstream.spark.SparkJobMain",
        "userstream_spark",
    )
    assert (spark_rt.job.module, spark_rt.main_class, spark_rt.master_conn_id) == (
        "spark-rt-job",
        "dev.userstream.spark.SparkRtJobMain",
        "userstream_spark4",
    )
