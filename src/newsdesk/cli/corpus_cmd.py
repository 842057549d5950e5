"""``newsdesk ingest``, ``events``, ``search`` and ``export``: the corpus from the command line.

Every command takes ``--db`` (default: $NEWSDESK_DB, else ``./newsdesk.db``; a path means
SQLite, ``postgresql://user:pass@host/db`` PostgreSQL).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click

from newsdesk.corpus.records import EventQuery, EventSummary

# The store (SQLAlchemy, Alembic, scikit-learn) is imported inside each command, so that
# ``newsdesk --help`` and the other commands do not pay for it.
FORMATS = ("jsonl", "csv", "parquet", "geojson")

_db = click.option(
    "--db",
    envvar="NEWSDESK_DB",
    default=None,
    metavar="URL",
    help="Database: a SQLite path or URL (default ./newsdesk.db) or postgresql://user:pass@host/db.",
)


def _event_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--type", "event_type", help="Event type, e.g. bombing, shooting."),
        click.option("--country", help="Country name or ISO code."),
        click.option("--place", help="City, region or landmark (substring)."),
        click.option("--group", help="Perpetrator group (substring or known alias)."),
        click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after."),
        click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before."),
        click.option("--min-killed", type=click.IntRange(min=0), help="At least this many killed."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _query(text: str | None, filters: dict[str, Any]) -> EventQuery:
    def day(value: datetime | None) -> date | None:
        return value.date() if value else None

    return EventQuery(
        text=text or None,
        type=filters["event_type"],
        country=filters["country"],
        place=filters["place"],
        group=filters["group"],
        date_from=day(filters["date_from"]),
        date_to=day(filters["date_to"]),
        min_killed=filters["min_killed"],
    )


def _figure(value: int | None, low: int | None, high: int | None) -> str:
    if value is None:
        return "?"
    return f"{value} ({low}–{high})" if low is not None and high is not None and low != high else str(value)


def format_event(event: EventSummary) -> str:
    place = ", ".join(p for p in (event.place.landmark, event.place.city, event.place.country) if p) or "?"
    day = event.date.isoformat() if event.date else "date unknown"
    who = f"  by {event.perpetrator} ({event.perpetrator_status})" if event.perpetrator else ""
    lines = [
        f"#{event.id}  {day}  {event.type}  {place}  killed {_figure(event.killed.value, event.killed.low, event.killed.high)}"
        f", injured {_figure(event.injured.value, event.injured.low, event.injured.high)}{who}"
        f"  [{event.report_count} report(s), {event.source_count} source(s)]"
    ]
    if event.summary:
        lines.append(f"    {event.summary}")
    return "\n".join(lines)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@_db
@click.option(
    "--no-analyze", is_flag=True, help="Store extracted articles without entities, quotes and events."
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Extraction processes."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(
    inputs: tuple[str, ...], db: str | None, no_analyze: bool, jobs: int, quiet: bool, as_json: bool
) -> None:
    """Extract, analyse and store pages: files, directories, globs, URLs, WARC files or - (stdin).

    Ends with a summary; exits 1 when some page could not be stored (each one listed, and
    recorded in the store with its reason).
    """
    from newsdesk.corpus import open_store
    from newsdesk.corpus.ingest import ingest as run_ingest
    from newsdesk.corpus.watches import DeliveryPolicy, Mailer, Watches

    with open_store(db) as store:
        summary = run_ingest(store, inputs, analyze=not no_analyze, jobs=jobs, progress=not quiet)
        # Watches fire for what this run created or updated (SMTP and policy from the environment).
        watches = Watches(store, mailer=Mailer.from_env(), policy=DeliveryPolicy.from_env())
        deliveries = watches.notify(summary.events_created | summary.events_updated)
    sent = sum(d.status == "sent" for d in deliveries)
    failed = [d for d in deliveries if d.status == "failed"]
    if sent or failed:
        click.echo(f"watch notifications: {sent} sent, {len(failed)} failed", err=True)
        for delivery in failed:
            click.echo(
                f"  {delivery.watch} → event {delivery.event_id} ({delivery.channel}): {delivery.error}",
                err=True,
            )
    if as_json:
        click.echo(json.dumps(summary.as_dict(), indent=2))
    else:
        click.echo("\n".join(summary.lines()))
    if summary.failures:
        sys.exit(1)


@click.command()
@_db
@_event_filters
@click.option("--text", help="Words that must occur in a report of the event.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON event per line.")
def events(db: str | None, text: str | None, limit: int, offset: int, as_json: bool, **filters: Any) -> None:
    """List stored events, newest first, with their reconciled fields."""
    from newsdesk.corpus import open_store

    with open_store(db) as store:
        page = store.search_events(_query(text, filters), limit=limit, offset=offset)
    if as_json:
        for event in page.items:
            click.echo(event.model_dump_json())
        return
    click.echo(
        f"{page.total} event(s)"
        + (f", showing {offset + 1}–{offset + len(page.items)}" if page.items else "")
    )
    for event in page.items:
        click.echo(format_event(event))


@click.command()
@click.argument("query")
@_db
@_event_filters
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--only",
    type=click.Choice(["events", "articles"]),
    default=None,
    help="Show only events or only articles.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON record per line.")
def search(query: str, db: str | None, limit: int, only: str | None, as_json: bool, **filters: Any) -> None:
    """Full-text search: events whose reports match QUERY, then matching articles.

    QUERY reads like a web search: words (all must occur), "a phrase", -excluded, a OR b.
    """
    event_query = _query(query, filters)
    article_filters = event_query.model_copy(update={"text": None})
    restricted = article_filters != EventQuery()
    from newsdesk.corpus import open_store

    with open_store(db) as store:
        found_events = store.search_events(event_query, limit=limit) if only != "articles" else None
        found_articles = (
            store.search_articles(query, limit=limit, event_query=article_filters if restricted else None)
            if only != "events"
            else None
        )
    if as_json:
        for event in found_events.items if found_events else []:
            click.echo(json.dumps({"kind": "event", **event.model_dump(mode="json")}))
        for article in found_articles.items if found_articles else []:
            click.echo(json.dumps({"kind": "article", **article.model_dump(mode="json")}))
        return
    if found_events is not None:
        click.echo(f"Events: {found_events.total}")
        for event in found_events.items:
            click.echo(format_event(event))
    if found_articles is not None:
        click.echo(f"Articles: {found_articles.total}")
        for article in found_articles.items:
            when = article.published.date().isoformat() if article.published else "undated"
            folded = f"  (copy of #{article.duplicate_of})" if article.duplicate_of else ""
            click.echo(
                f"#{article.id}  {when}  {article.source or '?'}: {article.headline or '(no headline)'}{folded}"
            )
            if article.snippet:
                click.echo(f"    {article.snippet}")


@click.command()
@_db
@_event_filters
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), required=True, help="csv uses GTD's column names."
)
@click.option("--output", "-o", default="-", show_default=True, help="File to write; - is stdout.")
@click.option("--text", help="Only events whose reports contain these words.")
def export(db: str | None, fmt: str, output: str, text: str | None, **filters: Any) -> None:
    """Export events as jsonl (with every report), csv (GTD columns), parquet or geojson."""
    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: give --output FILE")
    from newsdesk.corpus import open_store

    with open_store(db) as store:
        count = store.export(fmt, output, _query(text, filters))
    click.echo(f"exported {count} event(s) as {fmt}" + (f" to {output}" if output != "-" else ""), err=True)
