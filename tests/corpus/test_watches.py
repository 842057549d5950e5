"""Watches deliver to a real local webhook receiver and a real local SMTP server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from corpus_fixtures import MARKET_1, article, at, event

from newsdesk.corpus import EventQuery, Store
from newsdesk.corpus.watches import SIGNATURE_HEADER, DeliveryPolicy, Mailer, WatchError, Watches, verify

SECRET = "s3cret-for-tests"


class Receiver:
    """An HTTP server on loopback that records POSTs and fails the first ``fail_first`` of them."""

    def __init__(self, fail_first: int = 0) -> None:
        self.bodies: list[tuple[bytes, str | None]] = []
        self.fail_first = fail_first
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if receiver.fail_first > 0:
                    receiver.fail_first -= 1
                    self.send_response(503)
                else:
                    receiver.bodies.append((body, self.headers.get(SIGNATURE_HEADER)))
                    self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.close()


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, Mailer]]:
    box = Mailbox()
    with socket.socket() as probe:  # aiosmtpd does not report the port it got for port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, Mailer(host="127.0.0.1", port=controller.port, sender="alerts@newsdesk.test")
    finally:
        controller.stop()


def _market_bombing(store: Store) -> int:
    result = store.ingest(
        article(
            "https://news.example/market",
            "Bomb kills traders in Maiduguri market",
            MARKET_1,
            published=at(4),
            events=[event("bombing", at(4).date(), city="Maiduguri", country="Nigeria", code="NG", killed=7)],
        )
    )
    return result.events_created[0]


def _checkpoint_shooting(store: Store) -> int:
    result = store.ingest(
        article(
            "https://other.example/checkpoint",
            "Gunmen fire on checkpoint near Kano",
            [
                "Two police officers died when gunmen on motorbikes opened fire on a checkpoint outside Kano "
                "late on Friday, a state police spokesman said.",
                "The attackers escaped into farmland before reinforcements arrived.",
            ],
            published=at(8),
            events=[event("shooting", at(7).date(), city="Kano", country="Nigeria", code="NG", killed=2)],
        )
    )
    return result.events_created[0]


def test_webhook_is_signed_and_sent_once(store: Store, receiver: Receiver) -> None:
    watches = Watches(store, policy=DeliveryPolicy(allow_private=True, backoff=0.01))
    watches.add(
        "big bombings in Nigeria",
        EventQuery(country="NG", min_killed=5),
        webhook_url=receiver.url,
        webhook_secret=SECRET,
    )
    market = _market_bombing(store)
    patrol = _checkpoint_shooting(store)

    first = watches.notify([market, patrol])
    assert [(d.event_id, d.status) for d in first] == [(market, "sent")]
    assert len(receiver.bodies) == 1
    body, signature = receiver.bodies[0]
    assert signature is not None and verify(body, SECRET, signature)
    assert not verify(body + b" ", SECRET, signature)
    payload = json.loads(body)
    assert payload["event"]["id"] == market and payload["watch"]["name"] == "big bombings in Nigeria"

    again = watches.notify([market, patrol]) + watches.run()
    assert all(d.status == "skipped" for d in again)
    assert len(receiver.bodies) == 1


def test_failed_webhook_is_retried_with_backoff(store: Store) -> None:
    flaky = Receiver(fail_first=2)
    try:
        watches = Watches(store, policy=DeliveryPolicy(allow_private=True, attempts=4, backoff=0.01))
        watches.add("all", EventQuery(), webhook_url=flaky.url)
        market = _market_bombing(store)
        [delivery] = watches.notify([market])
        assert delivery.status == "sent" and delivery.attempts == 3
        assert len(flaky.bodies) == 1
    finally:
        flaky.close()


def test_delivery_that_keeps_failing_is_recorded_and_retried_later(store: Store) -> None:
    flaky = Receiver(fail_first=3)
    try:
        watches = Watches(store, policy=DeliveryPolicy(allow_private=True, attempts=2, backoff=0.01))
        watches.add("all", EventQuery(), webhook_url=flaky.url)
        market = _market_bombing(store)
        [failed] = watches.notify([market])
        assert failed.status == "failed" and "503" in (failed.error or "")
        [retried] = watches.notify([market])
        assert retried.status == "sent"
        assert len(flaky.bodies) == 1
    finally:
        flaky.close()


def test_email_goes_through_a_real_smtp_server(store: Store, mailbox: tuple[Mailbox, Mailer]) -> None:
    box, mailer = mailbox
    watches = Watches(store, mailer=mailer)
    watches.add("Maiduguri", EventQuery(place="Maiduguri"), email="analyst@newsdesk.test")
    market = _market_bombing(store)
    deliveries = watches.notify([market]) + watches.notify([market])
    assert [d.status for d in deliveries] == ["sent", "skipped"]
    assert len(box.messages) == 1
    message = box.messages[0]
    assert message.rcpt_tos == ["analyst@newsdesk.test"]
    assert b"Maiduguri" in message.content


def test_webhooks_to_private_addresses_are_refused_by_default(store: Store) -> None:
    watches = Watches(store)
    with pytest.raises(WatchError, match="non-public"):
        watches.add("internal", EventQuery(), webhook_url="http://127.0.0.1:9/hook")
    with pytest.raises(WatchError, match="http"):
        watches.add("ftp", EventQuery(), webhook_url="ftp://example.com/x")
    with pytest.raises(WatchError, match="needs a webhook"):
        watches.add("nothing", EventQuery())


def test_watches_are_listed_and_removed(store: Store, receiver: Receiver) -> None:
    watches = Watches(store, policy=DeliveryPolicy(allow_private=True))
    watches.add("a", EventQuery(group="Boko Haram"), webhook_url=receiver.url, webhook_secret=SECRET)
    with pytest.raises(WatchError, match="already exists"):
        watches.add("a", EventQuery(), webhook_url=receiver.url)
    [listed] = watches.all()
    assert listed.query.group == "Boko Haram" and listed.has_secret
    assert watches.remove("a") and not watches.remove("a")
    assert watches.all() == []


def test_ingest_command_fires_watches(
    store_url: str, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from newsdesk.cli import main

    example = Path(__file__).resolve().parents[2] / "examples" / "mogadishu-hotel-car-bomb.html"
    runner = CliRunner()
    added = runner.invoke(
        main,
        [
            "watch",
            "add",
            "somalia",
            "--country",
            "SO",
            "--webhook",
            receiver.url,
            "--secret",
            SECRET,
            "--allow-private",
            "--db",
            store_url,
        ],
    )
    assert added.exit_code == 0, added.output
    monkeypatch.setenv("NEWSDESK_ALLOW_PRIVATE_WEBHOOKS", "1")
    first = runner.invoke(main, ["ingest", str(example), "--db", store_url, "--quiet"])
    assert first.exit_code == 0, first.output
    assert len(receiver.bodies) == 1
    body, signature = receiver.bodies[0]
    assert signature and verify(body, SECRET, signature)
    assert json.loads(body)["event"]["place"]["country_code"] == "SO"
    runner.invoke(main, ["ingest", str(example), "--db", store_url, "--quiet"])
    assert len(receiver.bodies) == 1
