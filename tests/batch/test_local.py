"""The local batch executor: shards per WARC file, error records, atomic writes, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset
import pyarrow.parquet as pq
from batch_helpers import STORIES, article_html, shard_records, statuses
from click.testing import CliRunner

from newsdesk.batch import DONE_DIR, SUCCESS, TMP_DIR, process_record, shard_name
from newsdesk.batch.local import run_local
from newsdesk.cli import main
from newsdesk.model import Article
from newsdesk.options import DEFAULT_OPTIONS


def test_process_record_gives_an_article_or_an_error_record_never_raises() -> None:
    page = process_record(
        article_html(*STORIES[4]), url="https://x.example/a", source="t@0", content_type="text/html"
    )
    assert page["status"] == "ok"
    assert page["headline"] == STORIES[4][0]
    assert page["analysis"]["analysed"] is True
    assert any(event["type"] for event in page["events"]), "the bombing story should be coded as an event"
    for garbage in (b"", bytes(range(256)) * 4, b"\xff\xfe\x00<html"):
        record = process_record(garbage, url=None, source="t@1")
        assert record["status"] in {"error", "empty"}
        assert record["reason"]
        assert record["provenance"]["source"] == "t@1"
    assert Article.from_json(json.dumps(page)).headline == STORIES[4][0]


def test_one_shard_per_warc_with_every_page_accounted_for(warc_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_local([str(warc_dir)], str(out), jobs=2, analyze=False, progress=False)

    shards = shard_records(out)
    warcs = sorted(str(path) for path in warc_dir.glob("*.warc*"))
    assert sorted(shards) == sorted(shard_name(warc) for warc in warcs)
    by_file = {name.split("-")[0]: records for name, records in shards.items()}
    # alpha: two stories, the PNG skipped (not a page), garbage declared as HTML, a third story
    assert statuses(by_file["alpha"]) == ["ok", "ok", "error", "ok"]
    assert "binary" in by_file["alpha"][2]["reason"]
    assert [r["headline"] for r in by_file["beta"][:2]] == [STORIES[3][0], STORIES[4][0]]
    assert by_file["beta"][2]["status"] != "ok", "a two-word page is no article"
    # gamma: three stories read, then the corrupt tail as one error record for the file
    assert statuses(by_file["gamma"])[:3] == ["ok", "ok", "ok"]
    assert by_file["gamma"][3]["status"] == "error"
    assert by_file["gamma"][3]["reason"].startswith("read failed")
    assert by_file["gamma"][3]["provenance"]["source"].endswith("gamma.warc.gz")
    for records in shards.values():
        for record in records:
            Article.model_validate({k: v for k, v in record.items() if k != "text"})

    assert (summary.files, summary.processed, summary.skipped) == (3, 3, 0)
    assert summary.records == sum(len(records) for records in shards.values()) == 11
    assert summary.ok + summary.empty + summary.errors == summary.records
    manifest = json.loads((out / SUCCESS).read_text())
    assert manifest["records"] == 11 and len(manifest["shards"]) == 3
    assert not list((out / TMP_DIR).iterdir())


def test_rerun_redoes_only_incomplete_shards(warc_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_local([str(warc_dir)], str(out), analyze=False, progress=False)
    before = shard_records(out)
    alpha, beta, gamma = (
        shard_name(str(warc_dir / name)) for name in ("alpha.warc.gz", "beta.warc", "gamma.warc.gz")
    )
    kept_mtime = (out / gamma).stat().st_mtime_ns

    (out / beta).unlink()  # a shard deleted by hand
    (out / DONE_DIR / f"{alpha}.json").unlink()  # killed after the rename, before the marker
    partial = out / TMP_DIR / f"{alpha}.0123abcd.part"  # and a half-written shard from a killed run
    partial.write_text('{"status": "ok", "headline": "half a rec')

    summary = run_local([str(warc_dir)], str(out), analyze=False, progress=False)

    assert (summary.processed, summary.skipped) == (2, 1)
    assert sorted(counts.shard for counts in summary.shards) == sorted([alpha, beta, gamma])
    assert summary.records == len(before[alpha]) + len(before[beta])
    assert (out / gamma).stat().st_mtime_ns == kept_mtime, "a complete shard is not rewritten"
    assert shard_records(out) == before
    assert not partial.exists()
    assert (out / SUCCESS).exists()

    again = run_local([str(warc_dir)], str(out), analyze=False, progress=False)
    assert (again.processed, again.skipped, again.records) == (0, 3, 0)


def test_shards_made_without_analysis_are_redone_when_analysis_is_asked(
    warc_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    beta = str(warc_dir / "beta.warc")
    run_local([beta], str(out), analyze=False, progress=False)
    summary = run_local([beta], str(out), analyze=True, progress=False)
    assert (summary.processed, summary.skipped) == (1, 0)
    (records,) = shard_records(out).values()
    assert all(record["analysis"]["analysed"] for record in records if record["status"] == "ok")
    assert json.loads((out / DONE_DIR / f"{shard_name(beta)}.json").read_text())["analyzed"] is True


def test_parquet_shards_hold_the_same_records(warc_dir: Path, tmp_path: Path) -> None:
    run_local([str(warc_dir)], str(tmp_path / "jsonl"), analyze=False, progress=False)
    run_local([str(warc_dir)], str(tmp_path / "pq"), analyze=False, output_format="parquet", progress=False)
    as_json = shard_records(tmp_path / "jsonl")
    for name, records in as_json.items():
        table = pq.read_table(tmp_path / "pq" / name.replace(".jsonl", ".parquet"))
        rows = table.to_pylist()
        assert [row["status"] for row in rows] == statuses(records)
        assert [row["source"] for row in rows] == [r["provenance"]["source"] for r in records]
        assert [json.loads(row["article"])["headline"] for row in rows] == [r["headline"] for r in records]
    whole = pyarrow.dataset.dataset(tmp_path / "pq", format="parquet").to_table()
    assert whole.num_rows == sum(len(records) for records in as_json.values())


def test_cli_reports_bad_inputs_and_exits_1(warc_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = str(tmp_path / "nowhere.warc.gz")
    result = CliRunner().invoke(
        main,
        ["batch", str(warc_dir / "beta.warc"), missing, str(warc_dir / "notes.txt"), "-o", str(out), "--no-analyze", "-q", "--json"],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output)
    assert (summary["files"], summary["processed"], summary["records"]) == (1, 1, 3)
    assert {bad["input"] for bad in summary["bad_inputs"]} == {missing, str(warc_dir / "notes.txt")}
    assert not (out / SUCCESS).exists(), "a run with bad inputs is not marked complete"

    result = CliRunner().invoke(
        main, ["batch", str(warc_dir), "-o", str(out), "--no-analyze", "-q", "-j", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "3 WARC file(s): 2 processed, 1 already complete" in result.output
    assert (out / SUCCESS).exists()


def test_a_killed_worker_fails_only_the_pages_in_flight(tmp_path: Path) -> None:
    """A worker process killed mid-run (as the OOM killer would): its pages become error records,
    a new pool does the rest, and every page still gets exactly one record, in order."""
    import os
    import signal

    from batch_helpers import story_records, write_warc

    from newsdesk.batch import iter_warc_tasks
    from newsdesk.batch.local import _Pool

    warc = write_warc(tmp_path / "many.warc.gz", story_records([0, 1, 2, 3, 4] * 8, "courier.example"))
    with _Pool(2) as pool:
        records = pool.map_in_order(iter_warc_tasks(str(warc)), False, DEFAULT_OPTIONS)
        first = next(records)
        assert pool.executor is not None
        for process in list(pool.executor._processes.values()):  # the real worker processes
            os.kill(process.pid, signal.SIGKILL)
        rest = list(records)

    sources = [record["provenance"]["source"] for record in [first, *rest]]
    assert len(sources) == 40 and len(set(sources)) == 40
    assert sources == sorted(sources, key=lambda source: int(source.rsplit("@", 1)[1]))
    died = [record for record in rest if record["status"] == "error"]
    assert died, "the pages in flight when the workers died are error records"
    assert all("worker process died" in record["reason"] for record in died)
    assert len(died) <= 2 * 4, "no more than the pages in flight"
    assert rest[-1]["status"] == "ok", "a new pool took over"


def test_uris_name_inputs_and_output_through_pyarrow_filesystems(warc_dir: Path, tmp_path: Path) -> None:
    """``file://`` stands in for ``s3://`` or ``hdfs://``: the output goes through pyarrow's filesystem."""
    out = tmp_path / "out"
    summary = run_local([f"file://{warc_dir}/beta.warc"], f"file://{out}", analyze=False, progress=False)
    assert (summary.processed, summary.records) == (1, 3)
    (name,) = shard_records(out)
    assert name == shard_name(str(warc_dir / "beta.warc")), "the same WARC gets the same shard, however named"
    assert (out / SUCCESS).exists()


def test_a_run_killed_mid_way_is_finished_by_the_next(tmp_path: Path) -> None:
    """SIGKILL the real command once a first shard is complete; a re-run redoes only the rest."""
    import signal
    import subprocess
    import sys
    import time

    from batch_helpers import story_records, write_warc

    warcs = tmp_path / "warcs"
    warcs.mkdir()
    for number in range(5):
        write_warc(
            warcs / f"part-{number}.warc.gz", story_records([0, 1, 2, 3, 4] * 12, f"site{number}.example")
        )
    out = tmp_path / "out"
    newsdesk = Path(sys.executable).with_name("newsdesk")
    command = [str(newsdesk), "batch", str(warcs), "-o", str(out), "--no-analyze", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(out.glob(f"{DONE_DIR}/*.json")):
        assert process.poll() is None and time.monotonic() < deadline, "the run ended before a shard was done"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    complete = {
        path.name: path.stat().st_mtime_ns
        for path in out.glob("*.jsonl")
        if (out / DONE_DIR / f"{path.name}.json").exists()
    }
    assert 0 < len(complete) < 5, "killed mid-way"
    assert not (out / SUCCESS).exists()

    summary = run_local([str(warcs)], str(out), analyze=False, progress=False)

    assert (summary.processed, summary.skipped) == (5 - len(complete), len(complete))
    assert {name: (out / name).stat().st_mtime_ns for name in complete} == complete
    shards = shard_records(out)
    assert len(shards) == 5 and all(len(records) == 60 for records in shards.values())
    assert not list((out / TMP_DIR).iterdir()) and (out / SUCCESS).exists()


def test_a_warc_without_pages_gets_an_empty_complete_shard(tmp_path: Path) -> None:
    from batch_helpers import write_warc

    warc = write_warc(
        tmp_path / "images.warc.gz", [("https://x.example/a.png", "200 OK", "image/png", b"\x89PNG")]
    )
    out = tmp_path / "out"
    summary = run_local([str(warc)], str(out), progress=False)
    assert (summary.processed, summary.records) == (1, 0)
    assert (out / shard_name(str(warc))).read_text() == ""
    assert run_local([str(warc)], str(out), progress=False).skipped == 1
