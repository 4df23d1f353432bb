"""floodsr:batch on a real single-node Slurm cluster (tools/slurm/start.sh installs and starts it)."""

import csv
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from floodsr.engine.batch import slurm
from floodsr.engine.batch.resources import SlurmResources
from floodsr.engine.batch.run import BatchRequest, run_batch
from floodsr.engine.errors import CancelledError
from floodsr.engine.progress import Progress

from helpers.batch_manifests import SAMPLE, pixels, sample_rows, write_manifest
from helpers.hostile_manifests import check_hostile_manifest, hostile_manifests
from helpers.paths import CHECKOUT

TOOLS = CHECKOUT / "tools" / "slurm"
RESOURCES = SlurmResources(cpus_per_task=1, memory="1G", time_limit="00:10:00", concurrent=2)


def _cluster_is_up() -> bool:
    return shutil.which("sinfo") is not None and subprocess.run(["sinfo"], capture_output=True).returncode == 0


@pytest.fixture(scope="session")
def slurm_cluster():
    if _cluster_is_up():
        yield
        return
    if os.environ.get("FLOODSR_MATRIX_ROOT"):
        pytest.skip(
            "a root filesystem of make test-matrix shares the host's processes and network: a Slurm cluster started "
            "there would clash with the host's, whose run of these tests covers Slurm"
        )
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("a single-node Slurm cluster needs root and apt-get (Debian's slurm-wlm) on this machine")
    started = subprocess.run(["bash", str(TOOLS / "start.sh")], capture_output=True, text=True, timeout=900)
    if started.returncode != 0:
        subprocess.run(["bash", str(TOOLS / "stop.sh")], capture_output=True, timeout=60)  # what did start
        pytest.skip(f"Slurm could not be installed or started here: {started.stderr.strip()[-400:]}")
    yield
    subprocess.run(["bash", str(TOOLS / "stop.sh")], capture_output=True, timeout=60)


@pytest.fixture
def fast_polling(monkeypatch):
    monkeypatch.setattr(slurm, "POLL_SECONDS", 0.2)


def _manifest(folder: Path) -> Path:
    (folder / "out").mkdir(parents=True)
    (folder / "broken.tif").write_bytes(b"not a GeoTIFF")
    rows = sample_rows("out") + [("broken", "broken.tif", str(SAMPLE / "dem_2m.tif"), "out/broken.tif", "basic", "")]
    return write_manifest(folder, rows)


def _statuses(report: Path):
    with open(report, newline="", encoding="utf-8") as handle:
        return [(row["id"], row["status"]) for row in csv.DictReader(handle)]


def test_slurm_gives_the_local_outputs_and_report(slurm_cluster, fast_polling, tmp_path):
    local, on_slurm = _manifest(tmp_path / "local"), _manifest(tmp_path / "slurm")
    run_batch(BatchRequest(str(local), str(tmp_path / "local" / "report.csv"), workers=2))
    lines = []
    result = run_batch(
        BatchRequest(str(on_slurm), str(tmp_path / "slurm" / "report.csv"), executor="slurm", slurm=RESOURCES),
        Progress(log=lines.append),
    )
    expected = [("scene_costgrow", "done"), ("scene_basic", "done"), ("scene_model", "done"), ("broken", "failed")]
    assert _statuses(tmp_path / "slurm" / "report.csv") == _statuses(tmp_path / "local" / "report.csv") == expected
    for name in ("costgrow", "basic", "model"):
        assert pixels(tmp_path / "slurm" / "out" / f"{name}.tif") == pixels(tmp_path / "local" / "out" / f"{name}.tif")
    assert len(result.job_ids) == 2
    assert any(line.startswith(f"Slurm jobs {result.job_ids[0]}, {result.job_ids[1]}: ") for line in lines)
    script = (Path(result.batch_folder) / "items.sbatch").read_text()
    for directive in ("--array=0-3%2", "--cpus-per-task=1", "--mem=1G", "--time=00:10:00"):
        assert f"#SBATCH {directive}\n" in script


def test_without_waiting_the_job_ids_come_back_and_the_report_job_writes_the_report(
    slurm_cluster, fast_polling, tmp_path
):
    manifest = _manifest(tmp_path)
    report = tmp_path / "report.csv"
    result = run_batch(BatchRequest(str(manifest), str(report), executor="slurm", slurm=RESOURCES, wait=False))
    assert result.results == [] and len(result.job_ids) == 2
    deadline = time.monotonic() + 300
    while slurm.job_states(slurm.SlurmJobs(*result.job_ids)) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert [status for _, status in _statuses(report)] == ["done", "done", "done", "failed"]


def test_cancel_while_waiting_cancels_the_jobs(slurm_cluster, fast_polling, tmp_path):
    """The item's depth is a named pipe: its task blocks until the cancel reaches Slurm."""
    os.mkfifo(tmp_path / "stuck.tif")
    manifest = write_manifest(tmp_path, [("stuck", "stuck.tif", str(SAMPLE / "dem_2m.tif"), "out.tif", "basic", "")])
    seen = []

    def cancelled() -> bool:
        return any("RUNNING" in line for line in seen)

    request = BatchRequest(str(manifest), str(tmp_path / "report.csv"), executor="slurm", slurm=RESOURCES)
    with pytest.raises(CancelledError):
        run_batch(request, Progress(log=seen.append, is_cancelled=cancelled))
    job_ids = re.search(r"job array (\d+) and report job (\d+)", "".join(seen)).groups()
    deadline = time.monotonic() + 60
    while slurm.job_states(slurm.SlurmJobs(*job_ids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not slurm.job_states(slurm.SlurmJobs(*job_ids))
    assert not (tmp_path / "out.tif").exists()


def test_a_report_folder_with_percent_quotes_and_shell_syntax_gets_its_logs_where_it_says(
    slurm_cluster, fast_polling, tmp_path
):
    """Slurm fills in %a, %j... in log names: the folder's own '%' must stay a '%', and nothing in it runs."""
    folder = tmp_path / "100%a \"q\" '$(touch pwned)' été"
    folder.mkdir()
    rows = [("ok", str(SAMPLE / "depth_32m.tif"), str(SAMPLE / "dem_2m.tif"), "out.tif", "basic", "")]
    rows.append(("bad", "missing.tif", str(SAMPLE / "dem_2m.tif"), "bad.tif", "basic", ""))
    (folder / "broken.tif").write_bytes(b"not a GeoTIFF")
    rows.append(("broken", "broken.tif", str(SAMPLE / "dem_2m.tif"), "broken_out.tif", "basic", ""))
    manifest = write_manifest(folder, rows)
    result = run_batch(
        BatchRequest(str(manifest), str(folder / "report.csv"), executor="slurm", slurm=RESOURCES), Progress()
    )
    assert _statuses(folder / "report.csv") == [("ok", "done"), ("bad", "failed"), ("broken", "failed")]
    logs = Path(result.batch_folder) / "logs"
    assert sorted(path.name for path in logs.iterdir()) == ["0.log", "1.log", "collect.log"]
    assert "Item broken (line 4)" in (logs / "1.log").read_text()
    assert not (folder / "pwned").exists() and not Path("pwned").exists()


@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(rows=hostile_manifests())
def test_hostile_manifest_values_run_nothing_and_overwrite_or_lose_nothing_on_slurm(slurm_cluster, fast_polling, rows):
    check_hostile_manifest(rows, "slurm", slurm=RESOURCES)
