"""The QGIS plugin repository's upload checks, run on a plugin zip the way the site runs them.

The site (the QGIS-Plugins-Website project) checks an upload in `plugins/validator.py` and scans it in
`plugins/security_scanner.py`, a Django application whose source cannot be installed from a package registry.
The same checks are made here with the same tools and settings: the validator's rules on the zip and
metadata.txt (its reachability check of the URLs left out: nothing outside reaches the network in tests),
and the scanner's bandit, detect-secrets and flake8 commands with the rules the site enables by default
(`plugins/management/commands/data/*_rules.json`: enabled rules only), plus its file checks.
"""

import configparser
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Dict, List
from urllib.parse import urlparse

MAX_UPLOAD_BYTES = 25_000_000
REQUIRED_METADATA = (
    "name",
    "description",
    "version",
    "qgisMinimumVersion",
    "author",
    "email",
    "about",
    "tracker",
    "repository",
)
# (field, the placeholder the site refuses)
URL_FIELDS = (("tracker", "http://bugs"), ("repository", "http://repo"), ("homepage", "http://homepage"))
FORBIDDEN_FOLDERS = ("__MACOSX", ".git", "__pycache__")
BANDIT_RULES = (
    "B101,B102,B103,B104,B105,B106,B107,B108,B110,B111,B112,B113,B201,B202,B301,B302,B303,B304,B305,B306,B307,"
    "B308,B310,B311,B312,B313,B314,B315,B316,B317,B318,B319,B320,B321,B323,B324,B401,B402,B403,B405,B406,B407,"
    "B408,B409,B412,B413,B501,B502,B503,B504,B505,B506,B507,B508,B509,B601,B602,B603,B604,B605,B606,B607,B608,"
    "B609,B610,B611,B612,B613,B614,B615,B701,B702,B703,B704"
)
DISABLED_SECRETS_PLUGINS = ("IPPublicDetector",)
FLAKE8_RULES = (
    "C901,E101,E711,E712,E713,E714,E721,E722,E731,E741,E742,E743,E901,E902,E999,F402,F403,F404,F405,F811,F821,"
    "F822,F823,F831,F901,W605"
)
ALLOWED_HIDDEN_FILES = (".gitignore", ".gitattributes", ".bandit", ".secrets.baseline", ".flake8")
SUSPICIOUS_SUFFIXES = (".exe", ".dll", ".so", ".dylib", ".bat", ".sh", ".ps1", ".cmd")
SECRETS_BASELINE = ".secrets.baseline"


def validator_problems(package: Path) -> List[str]:
    """What the site's validator refuses in `package` (a new plugin), URL reachability aside."""
    problems = ["larger than 25 MB"] if package.stat().st_size > MAX_UPLOAD_BYTES else []
    with zipfile.ZipFile(package) as archive:
        problems += _member_problems(archive)
        names = archive.namelist()
        package_name = names[0].split("/")[0]
        problems += _layout_problems(names, package_name)
        return problems + _metadata_problems(plugin_metadata(archive, package_name))


def _member_problems(archive: zipfile.ZipFile) -> List[str]:
    """Members named with path information or inside a forbidden folder, and a damaged member."""
    problems = []
    for name in archive.namelist():
        if _has_path_information(name):
            problems.append(f"path information in {name}")
        if ".pyc" in name or set(name.split("/")) & set(FORBIDDEN_FOLDERS):
            problems.append(f"forbidden file or folder {name}")
    if archive.testzip():
        problems.append("a damaged member")
    return problems


def _has_path_information(name: str) -> bool:
    return ".." in name or name.startswith("/") or "\\" in name or bool(re.match(r"^[A-Za-z]:", name))


def _layout_problems(names: List[str], package_name: str) -> List[str]:
    """The site wants one top folder, named as a Python package, holding the plugin's required files."""
    problems = []
    if len({name.split("/")[0] for name in names}) != 1:
        problems.append("several top folders")
    if not package_name.isidentifier() or not re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", package_name):
        problems.append(f"top folder {package_name!r} is not a Python identifier")
    required_files = ("__init__.py", "metadata.txt", "LICENSE")
    return problems + [f"no {required}" for required in required_files if f"{package_name}/{required}" not in names]


def _metadata_problems(metadata: Dict[str, str]) -> List[str]:
    problems = [f"no metadata {key}" for key in REQUIRED_METADATA if key not in metadata]
    if "supportsQt6" in metadata:
        problems.append("supportsQt6 is deprecated: use qgisMaximumVersion")
    invalid_urls = [field for field, placeholder in URL_FIELDS if not _is_url(metadata.get(field, ""), placeholder)]
    if invalid_urls:
        problems.append("no valid URL for " + ", ".join(invalid_urls))
    if "/" in metadata.get("author", ""):
        problems.append("a slash in the author")
    return problems


def plugin_metadata(archive: zipfile.ZipFile, package_name: str) -> Dict[str, str]:
    parser = configparser.ConfigParser()
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case, as the site reads them
    parser.read_string(archive.read(f"{package_name}/metadata.txt").decode("utf-8"))
    return {key: value.strip() for key, value in parser.items("general")}


def _is_url(url: str, placeholder: str) -> bool:
    parsed = urlparse(url)
    return url != placeholder and bool(parsed.scheme and parsed.netloc)


def scan_findings(package: Path, extracted: Path) -> Dict[str, List[str]]:
    """What the site's security scan finds in `package`, per check (`extracted`: an empty folder to unpack into)."""
    zipfile.ZipFile(package).extractall(extracted)
    return {
        "bandit": _bandit(extracted),
        "secrets not in the baseline": secrets_outside_baseline(extracted),  # before the site's run updates it
        "detect-secrets": _secrets_as_the_site_runs_it(extracted),
        "flake8": _flake8(extracted),
        "files": _file_problems(package),
    }


def _tool(name: str) -> str:
    """The tool installed beside this Python (the dev environment's), as the site calls it by name."""
    return str(Path(sys.executable).with_name(name))


def _bandit(folder: Path) -> List[str]:
    command = [_tool("bandit"), "-r", str(folder), "-f", "json", "--quiet", "-t", BANDIT_RULES]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    report = json.loads(completed.stdout)
    return [
        f"{result['test_id']} {Path(result['filename']).relative_to(folder)}:{result['line_number']}"
        for result in report["results"]
    ]


def _secrets_command(*arguments: str) -> List[str]:
    disabled = [argument for plugin in DISABLED_SECRETS_PLUGINS for argument in ("--disable-plugin", plugin)]
    excluded = ["--exclude-files", r"metadata\.txt", "--exclude-files", r"\.secrets\.baseline"]
    return [_tool("detect-secrets"), "scan", "--all-files", *excluded, *arguments, *disabled, "."]


def _secrets_as_the_site_runs_it(folder: Path) -> List[str]:
    """With the package's baseline, if any (which detect-secrets then updates in place)."""
    baselines = sorted(folder.rglob(SECRETS_BASELINE))
    arguments = ["--baseline", str(baselines[0].relative_to(folder))] if baselines else []
    completed = subprocess.run(_secrets_command(*arguments), cwd=folder, capture_output=True, text=True, timeout=300)
    if not completed.stdout.strip():
        return []
    return [
        f"{path}:{secret['line_number']}"
        for path, secrets in json.loads(completed.stdout)["results"].items()
        for secret in secrets
    ]


def secrets_outside_baseline(folder: Path) -> List[str]:
    """Stricter than the site: every string detect-secrets flags in the plugin folder is in its baseline,
    audited as no secret (the site accepts any baseline it finds)."""
    plugin = next(path.parent for path in folder.glob("*/metadata.txt"))
    baseline_file = plugin / SECRETS_BASELINE
    audited = set()
    if baseline_file.is_file():
        baseline = json.loads(baseline_file.read_text(encoding="utf-8"))
        audited = {
            (path, secret["hashed_secret"])
            for path, secrets in baseline["results"].items()
            for secret in secrets
            if secret.get("is_secret") is False
        }
    completed = subprocess.run(_secrets_command(), cwd=plugin, capture_output=True, text=True, timeout=300)
    found = json.loads(completed.stdout)["results"]
    return [
        f"{path}:{secret['line_number']} ({secret['type']})"
        for path, secrets in found.items()
        for secret in secrets
        if (path, secret["hashed_secret"]) not in audited
    ]


def _flake8(folder: Path) -> List[str]:
    files = [str(path) for path in sorted(folder.rglob("*.py"))]
    command = [_tool("flake8"), "--max-line-length=120", "--select", FLAKE8_RULES, *files]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return [line.replace(str(folder) + os.sep, "") for line in completed.stdout.splitlines() if line.strip()]


def _file_problems(package: Path) -> List[str]:
    problems = []
    for member in zipfile.ZipFile(package).infolist():
        name = member.filename
        if name.endswith(".py") and (member.external_attr >> 16) & 0o111:
            problems.append(f"executable {name}")
        if Path(name).name.startswith(".") and Path(name).name not in ALLOWED_HIDDEN_FILES:
            problems.append(f"hidden {name}")
        if name.lower().endswith(SUSPICIOUS_SUFFIXES):
            problems.append(f"executable or binary {name}")
    return problems
