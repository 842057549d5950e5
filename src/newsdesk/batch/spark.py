"""The batch flow as an Apache Spark job: one task per WARC file, resumable.

The driver lists the WARC files and drops those whose shard is already complete; each
remaining file becomes one partition. The task on an executor reads its WARC itself,
extracts and analyses every page with ``newsdesk.batch.process_record`` (the contract the
local executor uses too), writes the shard atomically to the output directory and returns
only its counts, so no page data travels back to the driver.

Run it in-process (``newsdesk batch … --engine spark``, local mode by default) or on a
cluster, where newsdesk must be installed on every executor::

    spark-submit --master yarn path/to/newsdesk/batch/spark.py s3://bucket/warcs/ --output s3://bucket/out

Paths are local paths or URIs pyarrow opens (``file://``, ``s3://``, ``hdfs://``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from newsdesk.batch import (
    FORMATS,
    BatchSummary,
    Format,
    Output,
    ShardCounts,
    iter_warc_records,
    plan_run,
)
from newsdesk.options import DEFAULT_OPTIONS, Options

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

APP_NAME = "newsdesk-batch"


def spark_session(master: str | None = None, *, cores: int = 2, progress: bool = True) -> SparkSession:
    """A session: under ``spark-submit`` the one it configured, else local mode with ``cores``.

    Local mode gets this interpreter for its Python workers (so they import this newsdesk),
    no web UI, and few shuffle partitions: the job never shuffles, and a small machine
    should not pay for what a cluster needs.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(APP_NAME)
    launched_by_spark_submit = "PYSPARK_GATEWAY_PORT" in os.environ
    if master or not launched_by_spark_submit:
        builder = (
            builder.master(master or f"local[{max(1, cores)}]")
            .config("spark.pyspark.python", sys.executable)
            .config("spark.pyspark.driver.python", sys.executable)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", str(max(1, cores)))
            .config("spark.ui.showConsoleProgress", str(progress).lower())
            .config("spark.driver.extraJavaOptions", "-Dlog4j2.level=WARN")
        )
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("WARN")
    return session


def run_spark(
    inputs: Iterable[str],
    output: str,
    *,
    analyze: bool = True,
    output_format: Format = "jsonl",
    options: Options = DEFAULT_OPTIONS,
    session: SparkSession | None = None,
    master: str | None = None,
    cores: int = 2,
    progress: bool = True,
) -> BatchSummary:
    """Process every WARC file behind ``inputs`` into shards under ``output``, as a Spark job."""
    started = time.perf_counter()
    out, summary, pending = plan_run("spark", inputs, output, analyze=analyze, output_format=output_format)
    target = out.location
    if pending:
        spark = session or spark_session(master, cores=cores, progress=progress)
        tasks = spark.sparkContext.parallelize(pending, numSlices=len(pending))
        spark.sparkContext.setJobDescription(f"newsdesk batch: {len(pending)} WARC file(s) → {target}")
        shard_counts = tasks.map(
            lambda warc: _write_shard(warc, target, output_format, analyze, options)
        ).collect()
        for counts in shard_counts:
            summary.add(ShardCounts(**counts))
    summary.seconds = time.perf_counter() - started
    if not summary.bad_inputs:
        out.write_success(summary)
    return summary


def _write_shard(
    warc: str, output: str, output_format: Format, analyze: bool, options: Options
) -> dict[str, Any]:
    """One Spark task: read the WARC, process each page, write the shard, return its counts."""
    records = iter_warc_records(warc, analyze=analyze, options=options)
    return asdict(Output(output).write_shard(warc, records, output_format, analyzed=analyze))


def main(argv: list[str] | None = None) -> int:
    """``spark-submit …/newsdesk/batch/spark.py WARC… --output DIR`` (or ``python -m newsdesk.batch.spark``)."""
    parser = argparse.ArgumentParser(prog="newsdesk-batch-spark", description=main.__doc__)
    parser.add_argument("inputs", nargs="+", help="WARC files, directories of them, or URIs")
    parser.add_argument("--output", required=True, help="output directory (path or URI)")
    parser.add_argument("--format", choices=FORMATS, default="jsonl")
    parser.add_argument("--no-analyze", action="store_true", help="extract only")
    parser.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local)")
    args = parser.parse_args(argv)
    summary = run_spark(
        args.inputs, args.output, analyze=not args.no_analyze, output_format=args.format, master=args.master
    )
    print("\n".join(summary.lines()))
    return 1 if summary.bad_inputs else 0


if __name__ == "__main__":
    sys.exit(main())
