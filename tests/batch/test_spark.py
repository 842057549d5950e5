"""The Spark job, for real, in local mode: same records as the local executor, resumable."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_helpers import shard_records, statuses

from newsdesk.batch import DONE_DIR, SUCCESS, TMP_DIR, shard_name
from newsdesk.batch.local import run_local

_missing = [
    reason
    for reason, absent in (
        ("pyspark is not installed (pip install -e '.[dev]')", importlib.util.find_spec("pyspark") is None),
        ("no Java runtime on PATH (apt-get install default-jre-headless)", shutil.which("java") is None),
    )
    if absent
]
pytestmark = pytest.mark.skipif(bool(_missing), reason="; ".join(_missing))


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from newsdesk.batch.spark import spark_session

    session = spark_session(cores=2)
    yield session
    session.stop()


def test_spark_job_writes_the_same_shards_as_the_local_executor(
    spark: Any, warc_dir: Path, tmp_path: Path
) -> None:
    from newsdesk.batch.spark import run_spark

    summary = run_spark([str(warc_dir)], str(tmp_path / "spark"), session=spark)
    run_local([str(warc_dir)], str(tmp_path / "local"), progress=False)

    on_spark, on_local = shard_records(tmp_path / "spark"), shard_records(tmp_path / "local")
    assert len(on_spark) == 3
    assert on_spark == on_local
    assert sum(statuses(records).count("ok") for records in on_spark.values()) == 8
    assert any(record["events"] for records in on_spark.values() for record in records), "analysed on Spark"
    assert (summary.engine, summary.files, summary.processed, summary.records) == ("spark", 3, 3, 11)
    assert summary.ok + summary.empty + summary.errors == 11
    assert json.loads((tmp_path / "spark" / SUCCESS).read_text())["records"] == 11


def test_spark_job_resumes_and_redoes_only_what_is_missing(
    spark: Any, warc_dir: Path, tmp_path: Path
) -> None:
    from newsdesk.batch.spark import run_spark

    out = tmp_path / "out"
    run_spark([str(warc_dir)], str(out), analyze=False, output_format="parquet", session=spark)
    alpha, beta = (shard_name(str(warc_dir / name), "parquet") for name in ("alpha.warc.gz", "beta.warc"))
    untouched = {path.name: path.stat().st_mtime_ns for path in out.glob("*.parquet") if path.name != alpha}
    (out / alpha).unlink()
    (out / TMP_DIR / f"{beta}.deadbeef.part").write_bytes(b"PAR1 half a file")

    summary = run_spark([str(warc_dir)], str(out), analyze=False, output_format="parquet", session=spark)

    assert (summary.processed, summary.skipped) == (1, 2)
    assert summary.records == 4, "alpha's four records, written again"
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet") if p.name != alpha} == untouched
    assert (out / DONE_DIR / f"{alpha}.json").exists()
    assert not list((out / TMP_DIR).iterdir())
    shards = spark.read.parquet(str(out))  # the underscore names (markers, _tmp) stay hidden
    assert shards.count() == 11
    assert shards.filter("status = 'ok'").count() == 8


def test_the_job_runs_under_spark_submit(warc_dir: Path, tmp_path: Path) -> None:
    """What a cluster runs: the module file handed to spark-submit (here with a local master)."""
    import pyspark

    import newsdesk.batch.spark as job

    spark_submit = Path(pyspark.__file__).parent / "bin" / "spark-submit"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    result = subprocess.run(
        [str(spark_submit), "--master", "local[1]", "--conf", "spark.ui.enabled=false", job.__file__,
         str(warc_dir / "beta.warc"), "--output", str(tmp_path / "out"), "--no-analyze"],
        capture_output=True, text=True, timeout=180, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert "records:  3" in result.stdout
    (shard,) = shard_records(tmp_path / "out").values()
    assert statuses(shard)[:2] == ["ok", "ok"]


def test_cli_runs_the_spark_engine(spark: Any, warc_dir: Path, tmp_path: Path) -> None:
    """``--engine spark`` through the command (it joins the module's running session)."""
    from click.testing import CliRunner

    from newsdesk.cli import main

    out = tmp_path / "out"
    args = ["batch", str(warc_dir), "-o", str(out), "--engine", "spark", "--no-analyze", "-q", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert (summary["engine"], summary["processed"], summary["records"]) == ("spark", 3, 11)
    assert len(shard_records(out)) == 3
