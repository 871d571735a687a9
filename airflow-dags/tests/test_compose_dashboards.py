"""docker-compose.yml's Prometheus and Grafana, checked without a Docker engine.

Pinned and health-checked like every service (test_compose.py does that for all of them); here:
Prometheus scrapes services and ports that this compose file declares, each engine's job where it
runs and on the port the DAG gives it; Grafana's provisioning files are where Grafana reads them
and well-formed; the dashboard queries only the metrics that every engine publishes; and
docs/operations.md describes each of its panels.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from test_compose import REPO, TASK_RUNNER, environment, image_tag, services, volumes
from userstream_airflow import settings

PROMETHEUS_CONFIG = REPO / "deploy" / "prometheus" / "prometheus.yml"
GRAFANA = REPO / "deploy" / "grafana"
OPERATIONS = REPO / "docs" / "operations.md"
DASHBOARDS_SECTION = "Dashboards (docker compose)"

# The metrics every engine's job serves at /metrics with --metrics-port (DESIGN.md,
# Observability), each series labelled engine="spark"|"spark-rt"|"flink". The dashboard may
# query these and nothing else.
SHARED_METRICS = {
    "userstream_records_read_total": "counter",
    "userstream_users_written_total": "counter",
    "userstream_rejects_written_total": "counter",
    "userstream_write_latency_seconds": "histogram",
    "userstream_consumer_lag_records": "gauge",
    "userstream_batch_duration_seconds": "gauge",
    "userstream_batches_total": "counter",
}
# Their labels: engine on all; reason (a RejectReason name) on the rejects; topic and partition
# on the lag; le on the histogram's buckets.
SHARED_LABELS = {"engine", "reason", "topic", "partition", "le"}
HISTOGRAM_SERIES = ("_bucket", "_sum", "_count")
# Where each engine's job runs in the compose deployment, and so where its endpoint is: the Spark
# drivers in the task runner (spark-submit in client mode), the Flink job in the TaskManager.
ENGINE_HOSTS = {"spark": TASK_RUNNER, "spark-rt": TASK_RUNNER, "flink": "taskmanager"}
FLINK_REPORTER = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory"


@cache
def prometheus_config() -> dict[str, Any]:
    return yaml.safe_load(PROMETHEUS_CONFIG.read_text(encoding="utf-8"))


def scrape_targets() -> dict[str, list[str]]:
    """job_name -> its static targets (host:port)."""
    return {
        job["job_name"]: [t for group in job["static_configs"] for t in group["targets"]]
        for job in prometheus_config()["scrape_configs"]
    }


def container_ports(service: dict[str, Any]) -> set[int]:
    """The ports a service declares: published (container side) or exposed."""
    ports = set()
    for entry in service.get("ports") or []:
        target = entry["target"] if isinstance(entry, dict) else str(entry).split(":")[-1]
        ports.add(int(str(target).split("/")[0]))
    ports.update(int(str(p).split("/")[0]) for p in service.get("expose") or [])
    return ports


def bind_mounts(name: str) -> dict[str, str]:
    """Container path -> repository path (no leading ./) of a service's bind mounts."""
    return {
        v["target"]: str(v["source"]).removeprefix("./")
        for v in volumes(services()[name])
        if v["type"] == "bind"
    }


def host_path(name: str, container_path: str) -> Path:
    """The repository file or folder that a service sees at ``container_path``."""
    for target, source in sorted(bind_mounts(name).items(), key=lambda kv: -len(kv[0])):
        if container_path == target or container_path.startswith(target.rstrip("/") + "/"):
            return REPO / source / container_path[len(target) :].lstrip("/")
    raise AssertionError(f"{name} mounts nothing at {container_path}")


def flink_properties(name: str) -> dict[str, str]:
    text = environment(services()[name])["FLINK_PROPERTIES"]
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in text.splitlines())}


def metrics_port(engine: str) -> int:
    """The --metrics-port the DAG gives ``engine``'s job in the compose deployment."""
    variable = f"userstream_{engine.replace('-', '_')}_metrics_port"
    env = environment(services()[TASK_RUNNER])
    return int(env.get(f"AIRFLOW_VAR_{variable.upper()}", settings.DEFAULTS[variable]))


# --- PromQL, as far as the dashboard needs it ---------------------------------------------------

_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or"}
_KEYWORDS |= {"unless", "offset", "inf", "nan"}
_GROUPING = r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)"


def promql_metrics(expr: str) -> set[str]:
    """The metric names an expression selects (functions, keywords and labels left out)."""
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]|\$\{?\w+\}?", " ", text)
    text = re.sub(_GROUPING, " ", text)
    names = set()
    for match in re.finditer(r"(?<![\w.])[A-Za-z_:][\w:]*", text):
        if text[match.end() :].lstrip().startswith("(") or match[0].lower() in _KEYWORDS:
            continue
        names.add(match[0])
    return names


def promql_labels(expr: str) -> set[str]:
    """The label names an expression matches on or groups by."""
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', expr)
    labels = {
        m[1]
        for body in re.findall(r"\{([^}]*)\}", text)
        for m in re.finditer(r"(\w+)\s*[=!]", body)
    }
    for group in re.findall(_GROUPING, text):
        labels.update(word.strip() for word in group.split(",") if word.strip())
    return labels


def shared_metric(name: str) -> str | None:
    """The shared metric a series name belongs to (a histogram's _bucket/_sum/_count too)."""
    if name in SHARED_METRICS:
        return None if SHARED_METRICS[name] == "histogram" else name
    for suffix in HISTOGRAM_SERIES:
        base = name.removesuffix(suffix)
        if base != name and SHARED_METRICS.get(base) == "histogram":
            return base
    return None


def test_the_shared_names_are_the_ones_the_jobs_declare():
    # pipeline-io's MetricNames declares the names every engine's endpoint serves; the dashboard
    # and these tests must not drift from it.
    source = (REPO / "pipeline-io/src/main/java/dev/userstream/io/MetricNames.java").read_text()
    declared = set(re.findall(r'PROM_\w+ = "(userstream_\w+)";', source))

    assert declared == set(SHARED_METRICS)


def test_the_promql_reader_finds_metrics_and_labels_and_nothing_else():
    expr = (
        'histogram_quantile(0.99, sum by (engine, le) (rate(a_bucket{engine=~"$engine"}'
        '[$__rate_interval]))) / on (engine) group_left up{job="x, y"} * 60 + b offset 1m'
    )

    assert promql_metrics(expr) == {"a_bucket", "up", "b"}
    assert promql_labels(expr) == {"engine", "le", "job"}
    assert shared_metric("userstream_write_latency_seconds_bucket") == (
        "userstream_write_latency_seconds"
    )
    assert shared_metric("userstream_write_latency_seconds") is None  # no such series
    assert shared_metric("userstream_records_read_total_count") is None
    assert shared_metric("up") is None


# --- Prometheus -----------------------------------------------------------------------------------


def test_prometheus_and_grafana_are_the_pinned_major_versions():
    assert image_tag(services()["prometheus"]["image"])[0] == "prom/prometheus"
    assert image_tag(services()["prometheus"]["image"])[1].startswith("v3.")
    assert image_tag(services()["grafana"]["image"])[0] == "grafana/grafana"
    assert image_tag(services()["grafana"]["image"])[1].startswith("12.")


def test_prometheus_reads_the_configuration_of_this_repository():
    command = services()["prometheus"].get("command") or []
    flags = dict(arg.split("=", 1) for arg in command if arg.startswith("--config.file="))
    path = flags.get("--config.file", "/etc/prometheus/prometheus.yml")  # the image's default
    assert host_path("prometheus", path) == PROMETHEUS_CONFIG
    assert PROMETHEUS_CONFIG.is_file()


def test_the_prometheus_configuration_is_well_formed():
    config = prometheus_config()
    duration = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")
    assert set(config) <= {"global", "scrape_configs", "rule_files", "alerting"}, set(config)
    for key, value in config.get("global", {}).items():
        assert key in {"scrape_interval", "scrape_timeout", "evaluation_interval"}, key
        assert duration.match(str(value)), f"global.{key}: {value!r} is not a duration"
    names = [job["job_name"] for job in config["scrape_configs"]]
    assert len(names) == len(set(names)), f"job names repeat: {names}"
    for job in config["scrape_configs"]:
        assert set(job) <= {"job_name", "static_configs", "metrics_path", "scrape_interval"}, job
        assert job.get("metrics_path", "/metrics") == "/metrics"
        for group in job["static_configs"]:
            assert set(group) <= {"targets", "labels"}, group
            # The series carry engine themselves: a target label would rename it exported_engine.
            assert "engine" not in (group.get("labels") or {}), job["job_name"]
            for target in group["targets"]:
                assert re.fullmatch(r"[a-z0-9-]+:\d+", target), f"{job['job_name']}: {target}"


def test_every_scrape_target_is_a_port_that_its_service_declares():
    for job, targets in scrape_targets().items():
        for target in targets:
            host, _, port = target.partition(":")
            assert host in services(), f"{job}: {target}: no service {host} in docker-compose.yml"
            declared = container_ports(services()[host])
            assert int(port) in declared, (
                f"{job}: {target}: {host} declares only ports {sorted(declared)} (expose it)"
            )


def test_each_engines_job_is_scraped_where_it_runs_on_the_port_the_dag_gives_it():
    assert set(settings.DEFAULT_METRICS_PORTS) == set(ENGINE_HOSTS)
    ports = {engine: metrics_port(engine) for engine in ENGINE_HOSTS}
    assert ports == settings.DEFAULT_METRICS_PORTS
    assert len(set(ports.values())) == len(ports), f"two engines share a port: {ports}"
    all_targets = {t for targets in scrape_targets().values() for t in targets}
    for engine, host in ENGINE_HOSTS.items():
        assert f"{host}:{ports[engine]}" in all_targets, f"{engine}: {host}:{ports[engine]}"
    # The Flink job runs in a TaskManager only when the DAG submits to the JobManager.
    env = environment(services()[TASK_RUNNER])
    assert env["AIRFLOW_VAR_USERSTREAM_FLINK_JOBMANAGER"].startswith("jobmanager:")


def test_flinks_own_reporter_is_on_and_scraped_on_both_flink_processes():
    all_targets = {t for targets in scrape_targets().values() for t in targets}
    for name in ("jobmanager", "taskmanager"):
        props = flink_properties(name)
        assert props["metrics.reporter.prom.factory.class"] == FLINK_REPORTER, name
        port = int(props["metrics.reporter.prom.port"])  # one port, not a range: a fixed target
        assert f"{name}:{port}" in all_targets, name
        assert port != metrics_port("flink"), "the reporter and the job would share a port"


# --- Grafana --------------------------------------------------------------------------------------


@cache
def provisioning(kind: str) -> list[tuple[Path, dict[str, Any]]]:
    """(file, content) of each provisioning file of ``kind`` that Grafana's container sees."""
    folder = host_path("grafana", f"/etc/grafana/provisioning/{kind}")
    files = sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"})
    assert files, f"no {kind} provisioning file in {folder}"
    return [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in files]


def datasource_uids() -> set[str]:
    return {ds["uid"] for _, c in provisioning("datasources") for ds in c["datasources"]}


@cache
def dashboards() -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for _, content in provisioning("dashboards"):
        for provider in content["providers"]:
            folder = host_path("grafana", provider["options"]["path"])
            for path in sorted(folder.glob("*.json")):
                out.append((path, json.loads(path.read_text(encoding="utf-8"))))
    assert out, "no dashboard is provisioned"
    return out


def test_the_datasource_is_the_prometheus_service():
    sources = [ds for _, content in provisioning("datasources") for ds in content["datasources"]]
    for path, content in provisioning("datasources"):
        assert content["apiVersion"] == 1, path
    assert len(sources) == 1, sources
    source = sources[0]
    assert source["type"] == "prometheus" and source["access"] == "proxy"
    assert source["uid"] and source.get("isDefault") is True
    url = urlparse(source["url"])
    assert url.hostname in services(), f"{source['url']}: no such service"
    assert url.port in container_ports(services()[url.hostname]), source["url"]
    interval = prometheus_config()["global"]["scrape_interval"]
    assert source["jsonData"]["timeInterval"] == interval, "Grafana's minimum step is the scrape"


def test_the_dashboard_provider_reads_files_that_grafana_mounts():
    for path, content in provisioning("dashboards"):
        assert content["apiVersion"] == 1, path
        for provider in content["providers"]:
            assert provider["type"] == "file", path
            assert provider["options"]["path"].startswith("/"), "a container path"
            assert host_path("grafana", provider["options"]["path"]).is_dir()
    assert [path.name for path, _ in dashboards()] == ["userstream.json"]


def test_every_provisioned_file_is_mounted_read_only():
    for entry in volumes(services()["grafana"]) + volumes(services()["prometheus"]):
        if entry["type"] == "bind":
            assert entry["read_only"], f"{entry['target']} should be read-only"
            assert str(entry["source"]).startswith("./deploy/"), entry["source"]


def test_grafana_lets_visitors_view_and_keeps_the_admin_password_out_of_the_file():
    env = environment(services()["grafana"])
    anonymous = env.get("GF_AUTH_ANONYMOUS_ENABLED", "false").lower() == "true"
    if anonymous:
        assert env.get("GF_AUTH_ANONYMOUS_ORG_ROLE") == "Viewer", "anonymous must not edit"
    password = env.get("GF_SECURITY_ADMIN_PASSWORD", "")
    assert re.fullmatch(r"\$\{\w+(:-[^}]*)?\}", password), "the admin password comes from the env"
    assert anonymous or ":-" not in password, "without anonymous access, no default password"
    home = env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")
    if home:
        assert host_path("grafana", home).is_file(), home


def dashboard_panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    """Every panel of a dashboard, rows' nested panels included."""
    return [p for top in dashboard["panels"] for p in [top, *top.get("panels", [])]]


def panels() -> list[tuple[str, dict[str, Any]]]:
    """(dashboard file name, panel) of every panel of every dashboard."""
    return [(path.name, p) for path, d in dashboards() for p in dashboard_panels(d)]


def test_the_dashboard_is_well_formed():
    for path, dashboard in dashboards():
        assert dashboard["uid"] and dashboard["title"], path
        assert isinstance(dashboard["schemaVersion"], int), path
        ids = [p["id"] for p in dashboard_panels(dashboard)]
        assert len(ids) == len(set(ids)), f"{path.name}: panel ids repeat"
        cells: set[tuple[int, int]] = set()
        for panel in dashboard["panels"]:
            grid = panel["gridPos"]
            assert grid["x"] + grid["w"] <= 24, f"{panel['title']} is wider than the dashboard"
            area = {
                (x, y)
                for x in range(grid["x"], grid["x"] + grid["w"])
                for y in range(grid["y"], grid["y"] + grid["h"])
            }
            assert not area & cells, f"{panel['title']} overlaps another panel"
            cells |= area


def test_every_panel_queries_the_provisioned_prometheus():
    uids = datasource_uids()
    for name, panel in panels():
        if panel["type"] == "row":
            continue
        assert panel["targets"], f"{name}: {panel['title']} has no query"
        for source in [panel["datasource"]] + [t["datasource"] for t in panel["targets"]]:
            assert source == {"type": "prometheus", "uid": source["uid"]}, panel["title"]
            assert source["uid"] in uids, f"{panel['title']}: unknown data source {source}"
        for target in panel["targets"]:
            assert target["expr"].strip(), f"{panel['title']}: {target['refId']} is empty"


def dashboard_queries() -> list[tuple[str, str]]:
    """(where, PromQL) of every panel query and every query of a template variable."""
    out = [(f"panel {p['title']!r}", t["expr"]) for _, p in panels() for t in p.get("targets", [])]
    for _, dashboard in dashboards():
        for variable in dashboard.get("templating", {}).get("list", []):
            if variable["type"] != "query":
                continue
            query = variable["query"]
            text = query["query"] if isinstance(query, dict) else query
            match = re.fullmatch(r"label_values\((?:(.+),\s*)?(\w+)\)", text.strip())
            assert match, f"variable {variable['name']}: {text} (label_values only)"
            out.append((f"variable {variable['name']!r}", f"{match[1]}{{{match[2]}!=''}}"))
    return out


def test_the_dashboard_queries_only_the_shared_metrics_and_labels():
    for where, expr in dashboard_queries():
        for name in promql_metrics(expr):
            assert shared_metric(name), f"{where}: {name} is not a shared metric: {expr}"
        unknown = promql_labels(expr) - SHARED_LABELS
        assert not unknown, f"{where}: labels {unknown} are not the shared metrics' labels"
    for _, panel in panels():
        for target in panel.get("targets", []):
            legend = set(re.findall(r"\{\{\s*(\w+)\s*\}\}", target.get("legendFormat", "")))
            assert legend <= SHARED_LABELS, f"{panel['title']}: legend {legend}"


def test_every_shared_metric_is_on_the_dashboard():
    used = {shared_metric(name) for _, expr in dashboard_queries() for name in promql_metrics(expr)}
    assert used == set(SHARED_METRICS), f"not on the dashboard: {set(SHARED_METRICS) - used}"


def test_every_panel_follows_the_engine_picker():
    variables = {v["name"] for _, d in dashboards() for v in d["templating"]["list"]}
    assert "engine" in variables
    for _, panel in panels():
        for target in panel.get("targets", []):
            for match in re.finditer(r"(?<![\w.])(userstream_\w+)\s*(\{[^}]*\})?", target["expr"]):
                assert 'engine=~"$engine"' in (match[2] or ""), (
                    f"{panel['title']}: {match[1]} does not follow the engine picker"
                )


# --- the operator's description -------------------------------------------------------------------


def dashboards_section() -> str:
    text = OPERATIONS.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings and headings[-1] == DASHBOARDS_SECTION, (
        f"docs/operations.md must end with the section ## {DASHBOARDS_SECTION}: {headings[-1:]}"
    )
    return text.split(f"## {DASHBOARDS_SECTION}", 1)[1]


def test_docs_describe_every_panel():
    section = dashboards_section()
    for _, panel in panels():
        if panel["type"] != "row":
            assert f"**{panel['title']}**" in section, f"docs do not describe {panel['title']!r}"


def test_docs_links_stay_in_the_repository():
    for link in re.findall(r"\]\(([^)\s]+)\)", dashboards_section()):
        assert not re.match(r"[a-z]+:", link), f"{link} points outside the repository"
        target = link.split("#", 1)[0]
        if target:
            path = (OPERATIONS.parent / target).resolve()
            assert path.is_relative_to(REPO) and path.exists(), f"{link}: no such file"
