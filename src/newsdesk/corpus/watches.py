"""Watches: saved event queries that notify a webhook and/or a mailbox when a matching event arrives.

Delivery guarantees:
- one delivery row per (watch, event, channel), protected by a unique constraint, so an event is
  never sent twice on the same channel, whatever runs concurrently;
- a failed delivery is retried with exponential backoff, and stays ``failed`` (with its last
  error) for a later ``run`` to try again;
- webhook bodies are JSON signed with HMAC-SHA256 over the raw body
  (header ``X-Newsdesk-Signature: sha256=<hex>``), so the receiver can check the sender.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import os
import smtplib
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from typing import Literal
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ColumnElement, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from newsdesk import __version__
from newsdesk.corpus.records import EventDetail, EventQuery
from newsdesk.corpus.schema import WatchDeliveryRow, WatchRow
from newsdesk.corpus.store import Store
from newsdesk.sources.fetch import is_public_address

SIGNATURE_HEADER = "X-Newsdesk-Signature"
Channel = Literal["webhook", "email"]


class WatchError(ValueError):
    """A watch cannot be created as asked (bad name, no channel, refused webhook address)."""


class Watch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    name: str
    query: EventQuery
    webhook_url: str | None = None
    has_secret: bool = False
    email: str | None = None
    active: bool = True
    created_at: datetime


class Delivery(BaseModel):
    watch: str
    event_id: int
    channel: Channel
    status: Literal["sent", "failed", "skipped"]
    attempts: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Mailer:
    """Where e-mail notifications go out."""

    host: str = "127.0.0.1"
    port: int = 25
    sender: str = "newsdesk@localhost"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_env(cls) -> Mailer | None:
        """``NEWSDESK_SMTP_HOST`` (required), ``NEWSDESK_SMTP_PORT``, ``NEWSDESK_SMTP_FROM``."""
        host = os.environ.get("NEWSDESK_SMTP_HOST")
        if not host:
            return None
        return cls(
            host=host,
            port=int(os.environ.get("NEWSDESK_SMTP_PORT", "25")),
            sender=os.environ.get("NEWSDESK_SMTP_FROM", cls.sender),
        )


@dataclass(frozen=True)
class DeliveryPolicy:
    attempts: int = 4
    backoff: float = 0.5
    """Seconds before the first retry; doubled each time."""
    timeout: float = 10.0
    allow_private: bool = False
    """Allow webhooks on private/loopback addresses (tests, in-house receivers)."""

    @classmethod
    def from_env(cls) -> DeliveryPolicy:
        """``NEWSDESK_ALLOW_PRIVATE_WEBHOOKS=1`` allows private webhook addresses."""
        return cls(
            allow_private=os.environ.get("NEWSDESK_ALLOW_PRIVATE_WEBHOOKS", "") in ("1", "true", "yes")
        )


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, signature: str) -> bool:
    return hmac.compare_digest(sign(body, secret), signature)


class Watches:
    """Saved queries over a store's events, and their delivery."""

    def __init__(self, store: Store, *, mailer: Mailer | None = None, policy: DeliveryPolicy | None = None):
        self.store = store
        self.mailer = mailer
        self.policy = policy or DeliveryPolicy()

    # ------------------------------------------------------------------ managing

    def add(
        self,
        name: str,
        query: EventQuery,
        *,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        email: str | None = None,
    ) -> Watch:
        name = name.strip()
        if not name:
            raise WatchError("a watch needs a name")
        if not webhook_url and not email:
            raise WatchError("a watch needs a webhook URL, an e-mail address, or both")
        if webhook_url:
            self._check_webhook(webhook_url)
        if email and "@" not in email:
            raise WatchError(f"not an e-mail address: {email!r}")
        row = WatchRow(
            name=name,
            query=query.model_dump(mode="json", exclude_none=True),
            webhook_url=webhook_url,
            webhook_secret=webhook_secret,
            email=email,
            active=True,
            created_at=datetime.now(UTC),
        )
        try:
            with Session(self.store.engine, expire_on_commit=False) as session, session.begin():
                session.add(row)
        except IntegrityError as error:
            raise WatchError(f"a watch named {name!r} already exists") from error
        return _watch(row)

    def all(self) -> list[Watch]:
        with Session(self.store.engine) as session:
            return [_watch(row) for row in session.scalars(select(WatchRow).order_by(WatchRow.id))]

    def get(self, name_or_id: str | int) -> Watch | None:
        with Session(self.store.engine) as session:
            row = session.scalar(select(WatchRow).where(_identifies(name_or_id)))
            return _watch(row) if row else None

    def remove(self, name_or_id: str | int) -> bool:
        with Session(self.store.engine) as session, session.begin():
            watch_id = session.scalar(select(WatchRow.id).where(_identifies(name_or_id)))
            if watch_id is None:
                return False
            session.execute(delete(WatchDeliveryRow).where(WatchDeliveryRow.watch_id == watch_id))
            session.execute(delete(WatchRow).where(WatchRow.id == watch_id))
        return True

    # ------------------------------------------------------------------ delivering

    def notify(self, event_ids: Iterable[int]) -> list[Delivery]:
        """Deliver every (active watch, matching event) pair among ``event_ids`` not yet sent."""
        ids = sorted(set(event_ids))
        if not ids:
            return []
        with Session(self.store.engine) as session:
            rows = session.scalars(
                select(WatchRow).where(WatchRow.active.is_(True)).order_by(WatchRow.id)
            ).all()
        deliveries: list[Delivery] = []
        for row in rows:
            query = EventQuery.model_validate(row.query).model_copy(update={"ids": ids})
            matching = self.store.search_events(query, limit=len(ids)).items
            for summary in matching:
                event = self.store.get_event(summary.id)
                if event is None:
                    continue
                for channel in _channels(row):
                    deliveries.append(self._deliver(row, event, channel))
        return deliveries

    def run(self) -> list[Delivery]:
        """Check every stored event against every active watch (catches up after downtime)."""
        ids = [event.id for event in self.store.iter_events()]
        return self.notify(ids)

    def _deliver(self, watch: WatchRow, event: EventDetail, channel: Channel) -> Delivery:
        if not self._claim(watch.id, event.id, channel):
            return Delivery(watch=watch.name, event_id=event.id, channel=channel, status="skipped")
        error: str | None = None
        attempts = 0
        for attempts in range(1, self.policy.attempts + 1):
            try:
                if channel == "webhook":
                    self._post(watch, event)
                else:
                    self._mail(watch, event)
                error = None
                break
            except (httpx.HTTPError, OSError, smtplib.SMTPException, WatchError) as failure:
                error = f"{type(failure).__name__}: {failure}"
                if attempts < self.policy.attempts:
                    time.sleep(self.policy.backoff * 2 ** (attempts - 1))
        status: Literal["sent", "failed"] = "failed" if error else "sent"
        with Session(self.store.engine) as session, session.begin():
            session.execute(
                update(WatchDeliveryRow)
                .where(
                    WatchDeliveryRow.watch_id == watch.id,
                    WatchDeliveryRow.event_id == event.id,
                    WatchDeliveryRow.channel == channel,
                )
                .values(
                    status=status,
                    attempts=WatchDeliveryRow.attempts + attempts,
                    last_error=error,
                    delivered_at=datetime.now(UTC) if status == "sent" else None,
                )
            )
        return Delivery(
            watch=watch.name,
            event_id=event.id,
            channel=channel,
            status=status,
            attempts=attempts,
            error=error,
        )

    def _claim(self, watch_id: int, event_id: int, channel: Channel) -> bool:
        """Take the right to send; False when the event was already sent (or is being sent)."""
        try:
            with Session(self.store.engine) as session, session.begin():
                session.add(
                    WatchDeliveryRow(
                        watch_id=watch_id, event_id=event_id, channel=channel, status="sending", attempts=0
                    )
                )
            return True
        except IntegrityError:
            pass
        with Session(self.store.engine) as session, session.begin():
            # Only a failed delivery may be taken again, and only by one caller.
            taken = session.execute(
                update(WatchDeliveryRow)
                .where(
                    WatchDeliveryRow.watch_id == watch_id,
                    WatchDeliveryRow.event_id == event_id,
                    WatchDeliveryRow.channel == channel,
                    WatchDeliveryRow.status == "failed",
                )
                .values(status="sending")
            )
            return bool(getattr(taken, "rowcount", 0))

    def _post(self, watch: WatchRow, event: EventDetail) -> None:
        assert watch.webhook_url
        self._check_webhook(watch.webhook_url)
        body = json.dumps(_payload(watch, event), ensure_ascii=False, default=str).encode("utf-8")
        headers = {"Content-Type": "application/json", "User-Agent": f"newsdesk/{__version__} (watch)"}
        if watch.webhook_secret:
            headers[SIGNATURE_HEADER] = sign(body, watch.webhook_secret)
        response = httpx.post(
            watch.webhook_url,
            content=body,
            headers=headers,
            timeout=self.policy.timeout,
            follow_redirects=False,
        )
        response.raise_for_status()

    def _mail(self, watch: WatchRow, event: EventDetail) -> None:
        if self.mailer is None:
            raise WatchError("no SMTP server configured for e-mail watches (--smtp-host)")
        assert watch.email
        message = EmailMessage()
        message["From"] = self.mailer.sender
        message["To"] = watch.email
        message["Subject"] = f"[newsdesk] {watch.name}: {_headline(event)}"
        message.set_content(_email_text(watch, event))
        with smtplib.SMTP(self.mailer.host, self.mailer.port, timeout=self.mailer.timeout) as client:
            if self.mailer.starttls:
                client.starttls()
            if self.mailer.username and self.mailer.password:
                client.login(self.mailer.username, self.mailer.password)
            client.send_message(message)

    def _check_webhook(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise WatchError(f"webhook must be an http(s) URL: {url!r}")
        if self.policy.allow_private:
            return
        try:
            infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise WatchError(f"cannot resolve webhook host {parts.hostname!r}: {error}") from error
        for info in infos:
            if not is_public_address(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])):
                raise WatchError(
                    f"refused: webhook host {parts.hostname} resolves to a non-public address; "
                    "allow private webhooks explicitly (--allow-private)"
                )


def _identifies(name_or_id: str | int) -> ColumnElement[bool]:
    if isinstance(name_or_id, int) or str(name_or_id).isdigit():
        return WatchRow.id == int(name_or_id)
    return WatchRow.name == name_or_id


def _channels(row: WatchRow) -> list[Channel]:
    channels: list[Channel] = []
    if row.webhook_url:
        channels.append("webhook")
    if row.email:
        channels.append("email")
    return channels


def _watch(row: WatchRow) -> Watch:
    return Watch(
        id=row.id,
        name=row.name,
        query=EventQuery.model_validate(row.query),
        webhook_url=row.webhook_url,
        has_secret=bool(row.webhook_secret),
        email=row.email,
        active=row.active,
        created_at=row.created_at,
    )


def _payload(watch: WatchRow, event: EventDetail) -> dict[str, object]:
    return {
        "watch": {"id": watch.id, "name": watch.name, "query": watch.query},
        "event": event.model_dump(mode="json", exclude={"quotes", "quote_article_ids"}),
        "sent_at": datetime.now(UTC).isoformat(),
    }


def _headline(event: EventDetail) -> str:
    place = event.place.city or event.place.country or "unknown place"
    day = event.date.isoformat() if event.date else "date unknown"
    return f"{event.type} in {place}, {day}"


def _email_text(watch: WatchRow, event: EventDetail) -> str:
    lines = [
        f"Watch: {watch.name}",
        f"Event {event.id}: {_headline(event)}",
        f"Perpetrator: {event.perpetrator or 'unknown'} ({event.perpetrator_status})",
        f"Killed: {event.killed.value if event.killed.value is not None else 'unknown'}; "
        f"injured: {event.injured.value if event.injured.value is not None else 'unknown'}",
        "",
        "Sources:",
    ]
    lines += [
        f"- {report.source or '?'}: {report.headline or ''} {report.url or ''}" for report in event.reports
    ]
    return "\n".join(lines) + "\n"


__all__ = ["Delivery", "DeliveryPolicy", "Mailer", "Watch", "WatchError", "Watches", "sign", "verify"]
