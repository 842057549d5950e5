"""``newsdesk extract``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import newsdesk


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format", "output_format", type=click.Choice(["json", "jsonl", "markdown", "text"]), default=None
)
@click.option("--kind", type=click.Choice(["html", "text"]), default=None, help="Force the input kind.")
def extract(inputs: tuple[str, ...], output_format: str | None, kind: str | None) -> None:
    """Extract articles from files, directories, URLs or - (stdin)."""
    for item in inputs:
        data = sys.stdin.buffer.read() if item == "-" else Path(item).read_bytes()
        article = newsdesk.extract(data, kind=kind, source=item)
        click.echo(article.to_json(indent=2 if output_format in (None, "json") else None))
