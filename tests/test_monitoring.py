"""The operator's side of the server (deploy/): the Prometheus alerting rules pass their promtool unit tests, and
every query of the Grafana dashboard and of the rules runs on a real Prometheus that scrapes a real server."""

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests
import yaml

from helpers.alerts import ALERTS, PROMETHEUS_DIR, alert_names
from helpers.paths import CHECKOUT as ROOT
from helpers.server_process import free_port, running_server, upload, wait_until

ALERT_TESTS = PROMETHEUS_DIR / "floodsr-alerts.test.yml"
DASHBOARD = ROOT / "deploy" / "grafana" / "floodsr-dashboard.json"
SCRAPE_INTERVAL_S = 1
# Grafana's $__rate_interval is at least four scrape intervals.
RATE_INTERVAL_S = 4 * SCRAPE_INTERVAL_S
RATE_INTERVAL = f"{RATE_INTERVAL_S}s"
UPLOAD_LIMIT_MB = 2


def prometheus_tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: make setup installs Debian's prometheus package (tools/system-packages.txt)"
    return path


def test_the_alerting_rules_pass_promtool_check_and_their_unit_tests():
    promtool = prometheus_tool("promtool")
    checked = subprocess.run([promtool, "check", "rules", str(ALERTS)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"SUCCESS: {len(alert_names(ALERTS))} rules found" in checked.stdout
    tested = subprocess.run(
        [promtool, "test", "rules", ALERT_TESTS.name], cwd=PROMETHEUS_DIR, capture_output=True, text=True
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "SUCCESS" in tested.stdout


def test_every_alert_is_tested_firing_and_not_firing():
    cases = [
        case
        for test in yaml.safe_load(ALERT_TESTS.read_text(encoding="utf-8"))["tests"]
        for case in test["alert_rule_test"]
    ]
    firing = {case["alertname"] for case in cases if case["exp_alerts"]}
    quiet = {case["alertname"] for case in cases if not case["exp_alerts"]}
    assert firing == alert_names(ALERTS)
    assert quiet == alert_names(ALERTS)


def test_the_dashboards_panels_read_the_chosen_data_source_and_server():
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    panels = dashboard["panels"]
    assert len({panel["id"] for panel in panels}) == len(panels)
    for panel in panels:
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, panel["title"]
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            assert 'job="floodsr", instance=~"$instance"' in target["expr"], (panel["title"], target["expr"])
    titles = {panel["title"] for panel in panels}
    wanted = {"Requests by endpoint and status", "Refused requests", "Job time percentiles", "Queue and running jobs"}
    assert wanted | {"Job outcomes", "Server process memory"} <= titles


class Prometheus:
    def __init__(self, url: str, process: subprocess.Popen, log: Path):
        self.url, self.process, self.log = url, process, log

    def api(self, path: str, **parameters) -> dict:
        answer = requests.get(f"{self.url}/api/v1/{path}", params=parameters, timeout=30)
        assert answer.status_code == 200, f"{path} {parameters}: {answer.status_code} {answer.text}"
        body = answer.json()
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expression: str) -> list:
        return self.api("query", query=expression)["result"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("monitored"), max_upload_mb=UPLOAD_LIMIT_MB) as running:
        running.wait_ready()
        yield running


@pytest.fixture(scope="module")
def prometheus(server, tmp_path_factory):
    """Debian's Prometheus on a free 127.0.0.1 port, scraping the server every second and evaluating the rules."""
    folder = tmp_path_factory.mktemp("prometheus")
    shutil.copy(ALERTS, folder / ALERTS.name)
    target = server.url.removeprefix("http://")
    config = {
        "global": {"scrape_interval": f"{SCRAPE_INTERVAL_S}s", "evaluation_interval": f"{SCRAPE_INTERVAL_S}s"},
        "rule_files": [ALERTS.name],
        "scrape_configs": [{"job_name": "floodsr", "static_configs": [{"targets": [target]}]}],
    }
    (folder / "prometheus.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    port, log = free_port(), folder / "prometheus.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                prometheus_tool("prometheus"),
                f"--config.file={folder / 'prometheus.yml'}",
                f"--storage.tsdb.path={folder / 'data'}",
                f"--web.listen-address=127.0.0.1:{port}",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    running = Prometheus(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until(lambda: _is_ready(running), 60, "Prometheus to start")
        wait_until(lambda: running.query('up{job="floodsr"} == 1'), 60, "Prometheus to scrape the server")
        yield running
    finally:
        process.terminate()
        process.wait(30)


def _is_ready(prometheus: Prometheus) -> bool:
    if prometheus.process.poll() is not None:
        raise AssertionError(f"Prometheus exited:\n{prometheus.log.read_text()[-3000:]}")
    try:
        return requests.get(f"{prometheus.url}/-/ready", timeout=5).status_code == 200
    except requests.ConnectionError:
        return False


@pytest.fixture(scope="module")
def traffic(server, prometheus):
    """Jobs done with the model and a classic method, one refused as bad input, one upload over the limit, a 404;
    returns the time range it covers once Prometheus has scraped all of it."""
    started = time.time()
    for data in ({}, {}, {"method": "costgrow"}):
        assert server.post("/infer", files=upload(), data=data).status_code == 200
    not_a_raster = {"depth": ("depth.tif", b"not a GeoTIFF"), "dem": upload()["dem"]}
    assert server.post("/infer", files=not_a_raster).status_code == 400
    too_large = {"depth": ("depth.tif", b"\0" * (UPLOAD_LIMIT_MB * 1024 * 1024 + 1)), "dem": ("dem.tif", b"")}
    assert server.post("/infer", files=too_large).status_code == 413
    assert server.get("/jobs/0").status_code == 404
    scraped = (
        'floodsr_jobs_total{outcome="failed"} > 0 and on () floodsr_rejected_requests_total{reason="too_large"} > 0'
    )
    wait_until(lambda: prometheus.query(scraped), 30, "Prometheus to scrape the traffic")
    time.sleep(2 * RATE_INTERVAL_S)
    return started - 2 * RATE_INTERVAL_S, time.time()


def as_grafana_asks(expression: str) -> str:
    """`All` servers, $__rate_interval at four scrapes."""
    return expression.replace("$__rate_interval", RATE_INTERVAL).replace('instance=~"$instance"', 'instance=~".*"')


def panel_queries() -> list:
    panels = json.loads(DASHBOARD.read_text(encoding="utf-8"))["panels"]
    return [
        pytest.param(target["expr"], id=f"{panel['title']} {target['refId']}")
        for panel in panels
        for target in panel["targets"]
    ]


@pytest.mark.parametrize("expression", panel_queries())
def test_every_dashboard_query_returns_data_from_a_real_prometheus(prometheus, traffic, expression):
    """A range query over the traffic, as Grafana draws a panel."""
    values = [value for _, series in panel_series(prometheus, traffic, expression) for value in series]
    assert [value for value in values if value == value], f"no data for {expression}"  # NaN != NaN


def panel_series(prometheus, traffic, expression: str) -> "list[tuple[dict, list[float]]]":
    """Each series of a panel's query over the traffic: its labels and its values."""
    start, end = traffic
    query = as_grafana_asks(expression)
    result = prometheus.api("query_range", query=query, start=start, end=end, step=SCRAPE_INTERVAL_S)["result"]
    return [(series["metric"], [float(value) for _, value in series["values"]]) for series in result]


def test_the_first_failed_job_and_the_first_refusal_show_on_the_dashboard(prometheus, traffic):
    """Counters start at 0, so even the first event of its kind is an increase that rate() sees."""
    by_title = {panel["title"]: panel for panel in json.loads(DASHBOARD.read_text(encoding="utf-8"))["panels"]}
    peaks = {}
    for title, label in (("Job outcomes", "outcome"), ("Refused requests", "reason")):
        for labels, values in panel_series(prometheus, traffic, by_title[title]["targets"][0]["expr"]):
            peaks[labels[label]] = max(values)
    assert peaks["failed"] > 0 and peaks["too_large"] > 0 and peaks["done"] > 0
    assert peaks["crashed"] == peaks["cancelled"] == peaks["busy"] == peaks["rate_limited"] == 0


def test_the_server_choice_lists_the_scraped_server(prometheus, server):
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    (variable,) = [item for item in dashboard["templating"]["list"] if item["name"] == "instance"]
    match = re.fullmatch(r"label_values\((.+), instance\)", variable["definition"])
    instances = prometheus.api("label/instance/values", **{"match[]": match[1]})
    assert instances == [server.url.removeprefix("http://")]


def test_every_alerting_rule_evaluates_on_the_real_metrics(prometheus, traffic):
    def evaluated():
        rules = [rule for group in prometheus.api("rules")["groups"] for rule in group["rules"]]
        return rules if all(rule["health"] != "unknown" for rule in rules) else None

    rules = wait_until(evaluated, 30, "every rule to be evaluated")
    assert {rule["name"] for rule in rules} == alert_names(ALERTS)
    assert [(rule["name"], rule["health"], rule.get("lastError", "")) for rule in rules if rule["health"] != "ok"] == []
    # A healthy server that answered everything it accepted raises none of them.
    assert [alert["labels"]["alertname"] for rule in rules for alert in rule["alerts"]] == []
