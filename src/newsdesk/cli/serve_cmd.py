"""``newsdesk serve`` and ``newsdesk watch``: the HTTP service and saved-query notifications."""

from __future__ import annotations

import json
import sys

import click

from newsdesk.corpus import EventQuery

_db_option = click.option(
    "--db", default=None, help="Store URL (default: NEWSDESK_DB or sqlite:///newsdesk.db)."
)
_smtp_host = click.option("--smtp-host", default=None, help="SMTP server for e-mail watches.")
_smtp_port = click.option("--smtp-port", default=25, show_default=True, type=int, help="SMTP port.")
_smtp_from = click.option(
    "--smtp-from", default="newsdesk@localhost", show_default=True, help="Sender address."
)
_allow_private = click.option(
    "--allow-private", is_flag=True, help="Allow webhooks on private, loopback and link-local addresses."
)


@click.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--token",
    "tokens",
    multiple=True,
    help="API token allowed to write (repeatable; also NEWSDESK_API_TOKENS, comma-separated).",
)
@click.option(
    "--max-body-bytes", default=5 * 1024 * 1024, show_default=True, type=int, help="Request size cap."
)
@click.option(
    "--no-analyze", is_flag=True, help="POST /extract and /ingest skip entity/quote/event analysis."
)
@_smtp_host
@_smtp_port
@_smtp_from
@_allow_private
def serve(
    db: str | None,
    host: str,
    port: int,
    tokens: tuple[str, ...],
    max_body_bytes: int,
    no_analyze: bool,
    smtp_host: str | None,
    smtp_port: int,
    smtp_from: str,
    allow_private: bool,
) -> None:
    """Serve the HTTP API and the web UI (events list, map, timeline, event pages)."""
    import uvicorn

    from newsdesk.corpus.watches import Mailer
    from newsdesk.service.app import ServiceConfig, create_app

    base = ServiceConfig.from_env(db)
    config = ServiceConfig(
        store_url=db,
        tokens=base.tokens | frozenset(tokens),
        max_body_bytes=max_body_bytes,
        analyze=not no_analyze,
        mailer=Mailer(host=smtp_host, port=smtp_port, sender=smtp_from) if smtp_host else None,
        allow_private_webhooks=allow_private,
    )
    app = create_app(config)
    click.echo(
        f"newsdesk: serving {app.state.store.url} at http://{host}:{port}/ (API docs at /docs)", err=True
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.group()
def watch() -> None:
    """Saved event queries that notify a webhook or a mailbox."""


@watch.command("add")
@click.argument("name")
@_db_option
@click.option(
    "--query",
    "query_json",
    default="{}",
    help='Event filters as JSON, e.g. {"country": "NG", "min_killed": 5}.',
)
@click.option("--type", "event_type", default=None, help="Event type filter.")
@click.option("--country", default=None, help="Country name or ISO code filter.")
@click.option("--place", default=None, help="Place filter.")
@click.option("--group", default=None, help="Perpetrator filter.")
@click.option("--text", default=None, help="Full-text filter (words that must occur).")
@click.option("--min-killed", type=int, default=None, help="At least this many killed.")
@click.option("--webhook", default=None, help="URL that receives a signed JSON POST per matching event.")
@click.option("--secret", default=None, help="HMAC-SHA256 secret for the X-Newsdesk-Signature header.")
@click.option("--email", default=None, help="Address that receives an e-mail per matching event.")
@_allow_private
def watch_add(
    name: str,
    db: str | None,
    query_json: str,
    event_type: str | None,
    country: str | None,
    place: str | None,
    group: str | None,
    text: str | None,
    min_killed: int | None,
    webhook: str | None,
    secret: str | None,
    email: str | None,
    allow_private: bool,
) -> None:
    """Save a watch NAME."""
    from newsdesk.corpus import open_store
    from newsdesk.corpus.watches import DeliveryPolicy, WatchError, Watches

    try:
        filters = json.loads(query_json)
        flags = {"type": event_type, "country": country, "place": place, "group": group, "text": text}
        filters.update({k: v for k, v in flags.items() if v is not None})
        if min_killed is not None:
            filters["min_killed"] = min_killed
        query = EventQuery.model_validate(filters)
    except (ValueError, TypeError) as error:
        raise click.UsageError(f"bad query: {error}") from error
    with open_store(db) as store:
        try:
            saved = Watches(store, policy=DeliveryPolicy(allow_private=allow_private)).add(
                name, query, webhook_url=webhook, webhook_secret=secret, email=email
            )
        except WatchError as error:
            raise click.UsageError(str(error)) from error
    click.echo(saved.model_dump_json())


@watch.command("list")
@_db_option
def watch_list(db: str | None) -> None:
    """List saved watches as JSON lines."""
    from newsdesk.corpus import open_store
    from newsdesk.corpus.watches import Watches

    with open_store(db) as store:
        for saved in Watches(store).all():
            click.echo(saved.model_dump_json())


@watch.command("remove")
@click.argument("name")
@_db_option
def watch_remove(name: str, db: str | None) -> None:
    """Delete the watch NAME (or id)."""
    from newsdesk.corpus import open_store
    from newsdesk.corpus.watches import Watches

    with open_store(db) as store:
        if not Watches(store).remove(name):
            click.echo(f"no watch named {name!r}", err=True)
            sys.exit(1)


@watch.command("run")
@_db_option
@_smtp_host
@_smtp_port
@_smtp_from
@_allow_private
def watch_run(
    db: str | None, smtp_host: str | None, smtp_port: int, smtp_from: str, allow_private: bool
) -> None:
    """Check every stored event against every watch and deliver what was not sent yet."""
    from newsdesk.corpus import open_store
    from newsdesk.corpus.watches import DeliveryPolicy, Mailer, Watches

    mailer = Mailer(host=smtp_host, port=smtp_port, sender=smtp_from) if smtp_host else None
    with open_store(db) as store:
        deliveries = Watches(store, mailer=mailer, policy=DeliveryPolicy(allow_private=allow_private)).run()
    for delivery in deliveries:
        if delivery.status != "skipped":
            click.echo(delivery.model_dump_json())
    failed = sum(d.status == "failed" for d in deliveries)
    click.echo(
        f"sent {sum(d.status == 'sent' for d in deliveries)}, failed {failed}, "
        f"already sent {sum(d.status == 'skipped' for d in deliveries)}",
        err=True,
    )
    sys.exit(1 if failed else 0)
