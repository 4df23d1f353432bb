"""The server's Prometheus alerting rules as deployed, and the alerts they define."""

from pathlib import Path

import yaml

from helpers.paths import CHECKOUT

PROMETHEUS_DIR = CHECKOUT / "deploy" / "prometheus"
ALERTS = PROMETHEUS_DIR / "floodsr-alerts.yml"


def alert_names(rules_file: Path) -> set:
    groups = yaml.safe_load(rules_file.read_text(encoding="utf-8"))["groups"]
    return {rule["alert"] for group in groups for rule in group["rules"] if "alert" in rule}
