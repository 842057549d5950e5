"""``newsdesk batch``: WARC files → one shard of articles per file, locally or on Spark."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from newsdesk.batch import Format

# Not imported from newsdesk.batch, which loads pyarrow: ``newsdesk --help`` stays quick.
FORMATS = ("jsonl", "parquet")


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH...")
@click.option("--output", "-o", required=True, metavar="DIR", help="Output directory (path or URI).")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: a process pool here; spark: a Spark job (local mode unless --master).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (local) or cores of Spark local mode.",
)
@click.option("--master", default=None, help="Spark master URL, e.g. spark://host:7077 (engine spark).")
@click.option("--no-analyze", is_flag=True, help="Extract only; skip entities, quotes and events.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="Shard format: JSON Lines (one Article per line) or Parquet.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def batch(
    inputs: tuple[str, ...],
    output: str,
    engine: str,
    jobs: int,
    master: str | None,
    no_analyze: bool,
    output_format: str,
    quiet: bool,
    as_json: bool,
) -> None:
    """Extract (and analyse) every page of WARC files into OUTPUT, one shard per WARC file.

    PATH is a WARC file (.warc, .warc.gz), a directory or glob of them, or a URI. A re-run
    into the same DIR skips the files whose shard is complete. Exits 1 when an input named
    no WARC file; pages that fail are error records in the shards, counted in the summary.
    """
    fmt: Format = "parquet" if output_format == "parquet" else "jsonl"
    if engine == "spark":
        from newsdesk.batch.spark import run_spark

        summary = run_spark(
            inputs,
            output,
            analyze=not no_analyze,
            output_format=fmt,
            master=master,
            cores=jobs,
            progress=not quiet,
        )
    else:
        from newsdesk.batch.local import run_local

        summary = run_local(
            inputs, output, jobs=jobs, analyze=not no_analyze, output_format=fmt, progress=not quiet
        )
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2))
    else:
        click.echo("\n".join(summary.lines()))
    if summary.bad_inputs:
        sys.exit(1)
