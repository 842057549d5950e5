"""A store filled with our own fixture articles, served by a real uvicorn server on loopback."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))

from corpus_fixtures import MARKET_1, MARKET_2, article, at, event, evidence

from newsdesk.corpus import Store
from newsdesk.model import Event, Quote
from newsdesk.service.app import ServiceConfig, create_app

TOKEN = "test-token-123"
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


@dataclass
class Running:
    url: str
    store: Store
    event_ids: dict[str, int]


def maiduguri_bombing(**fields: Any) -> Event:
    """The market bombing both outlets report; ``fields`` are what each one says differently."""
    return event(
        "bombing",
        at(4).date(),
        city="Maiduguri",
        country="Nigeria",
        code="NG",
        latlon=(11.85, 13.16),
        **fields,
    )


def fill(store: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    first = MARKET_1
    result = store.ingest(
        article(
            "https://news.example/maiduguri-market",
            "Bomb kills traders in Maiduguri market",
            first,
            publisher="News Example",
            published=at(4),
            events=[
                maiduguri_bombing(
                    killed=7, injured=20, trigger=evidence("\n\n".join(first), "explosive device went off")
                )
            ],
            quotes=[Quote(text="We ran when the ground shook", start=0, end=10, speaker="a trader")],
        )
    )
    ids["market"] = result.events_created[0]
    second = store.ingest(
        article(
            "https://wire.example/market-blast",
            "Twelve dead in Maiduguri market blast",
            MARKET_2,
            publisher="Wire Example",
            published=at(4, 18),
            events=[maiduguri_bombing(group="Boko Haram", status="suspected", killed=12, injured=24)],
        )
    )
    assert second.status == "stored"
    hostile_text = [
        f"Protesters gathered outside parliament in Valletta on Saturday. {HOSTILE} Police said the march was peaceful.",
        "Organisers said several thousand people took part in the demonstration over housing costs.",
    ]
    protest = store.ingest(
        article(
            "https://island.example/valletta-march",
            f"March in Valletta {HOSTILE}",
            hostile_text,
            published=at(9),
            events=[
                event(
                    "protest",
                    at(8).date(),
                    city="Valletta",
                    country="Malta",
                    code="MT",
                    latlon=(35.9, 14.51),
                    summary=HOSTILE,
                )
            ],
        )
    )
    ids["protest"] = protest.events_created[0]
    return ids


def serve(store: Store, config: ServiceConfig) -> Iterator[str]:
    app = create_app(config, store=store)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
