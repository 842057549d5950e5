"""Pages per second of ``newsdesk batch``: the local executor against the Spark job, same WARC files.

Pages come from bench/corpus_gen.py (our own templates: incident reports, copies, local news),
written as HTML response records into W gzipped WARC files (each with an image record too,
skipped as no page). Measured in one run, each into a fresh output directory:

- anchor: the same pages through ``process_record`` in a plain loop in this process — no WARC
  reading, no pool, no shard writing;
- local executor with 1 and 2 worker processes;
- the Spark job in local mode (``local[2]``), twice in one session (the second finds its Python
  workers started and models loaded, as a long job's later tasks do); session start-up apart.

    python bench/batch.py [--pages 300] [--warcs 6] [--analyze]

The machine is shared: compare the ratios to the anchor, not the absolute figures.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_gen
from newsdesk.batch import BatchSummary, process_record
from newsdesk.batch.local import run_local


def write_warcs(folder: Path, pages: list[tuple[str, bytes]], count: int) -> list[str]:
    paths = []
    for index in range(count):
        path = folder / f"crawl-{index:03d}.warc.gz"
        with open(path, "wb") as handle:
            writer = WARCWriter(handle, gzip=True)
            for url, html in pages[index::count]:
                _write(writer, url, "text/html; charset=utf-8", html)
            _write(writer, f"https://img.example/{index}.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(512))
        paths.append(str(path))
    return paths


def _write(writer: WARCWriter, url: str, content_type: str, payload: bytes) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
    )


def line(name: str, pages: int, seconds: float, anchor: float | None, note: str = "") -> str:
    rate = pages / seconds
    ratio = f"{rate / anchor:.2f}" if anchor else "1.00"
    return f"| {name} | {pages} | {seconds:.1f} | {rate:.1f} | {ratio} | {note} |"


def check(summary: BatchSummary, pages: int) -> str:
    assert summary.records == pages, (summary.records, pages)
    return f"{summary.ok} ok, {summary.empty} empty, {summary.errors} errors"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--warcs", type=int, default=6)
    parser.add_argument("--analyze", action="store_true", help="extract and analyse (default: extract only)")
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()

    pages = [(a.url or "", corpus_gen.to_html(a).encode()) for a in corpus_gen.generate(args.pages, seed=13)]
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; cores: {os.cpu_count()}")
    print(f"{len(pages)} pages in {args.warcs} WARC files, analyze={args.analyze}\n")
    rows = [
        "| run | pages | seconds | pages/s | vs anchor | records |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        warcs = write_warcs(folder, pages, args.warcs)
        time_anchor(pages[:20], args.analyze)  # lazy loads (models, gazetteers) before any timing

        anchor_seconds = time_anchor(pages, args.analyze)
        anchor = len(pages) / anchor_seconds
        rows.append(line("anchor: process_record loop, 1 process", len(pages), anchor_seconds, None))

        for jobs in (1, 2):
            started = time.perf_counter()
            summary = run_local(
                warcs, str(folder / f"local-{jobs}"), jobs=jobs, analyze=args.analyze, progress=False
            )
            seconds = time.perf_counter() - started
            rows.append(
                line(
                    f"local executor, --jobs {jobs}", len(pages), seconds, anchor, check(summary, len(pages))
                )
            )

        if not args.no_spark:
            from newsdesk.batch.spark import run_spark, spark_session

            started = time.perf_counter()
            session = spark_session(cores=2)
            startup = time.perf_counter() - started
            try:
                timings = []
                for run in ("spark", "spark-warm"):  # the second run finds Python workers up, models loaded
                    started = time.perf_counter()
                    summary = run_spark(warcs, str(folder / run), session=session, analyze=args.analyze)
                    timings.append((time.perf_counter() - started, check(summary, len(pages))))
            finally:
                session.stop()
            (cold, records), (warm, warm_records) = timings
            rows.append(line("Spark local[2], first job", len(pages), cold, anchor, records))
            rows.append(
                line("Spark local[2], second job, warm workers", len(pages), warm, anchor, warm_records)
            )
            rows.append(
                line(
                    "Spark local[2], first job + session start-up",
                    len(pages),
                    cold + startup,
                    anchor,
                    f"start-up {startup:.1f} s",
                )
            )
            same = sorted(p.name for p in (folder / "spark").glob("*.jsonl")) == sorted(
                p.name for p in (folder / "local-1").glob("*.jsonl")
            )
            print(f"same shard names from both engines: {same}")
        again = time_anchor(pages, args.analyze)
        rows.append(line("anchor again, after the runs (the load drifts)", len(pages), again, anchor))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\n".join(rows))
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def time_anchor(pages: list[tuple[str, bytes]], analyze: bool) -> float:
    started = time.perf_counter()
    for number, (url, html) in enumerate(pages):
        process_record(html, url=url, source=f"page-{number}", analyze=analyze)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
