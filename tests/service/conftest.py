"""The ``service`` fixture: a real uvicorn server on a loopback port."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from service_fixtures import TOKEN, Running, fill, serve

from newsdesk.corpus import open_store
from newsdesk.service.app import ServiceConfig


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('service')}/service.db")
    ids = fill(store)
    config = ServiceConfig(tokens=frozenset({TOKEN}), max_body_bytes=200_000, analyze=False)
    try:
        for url in serve(store, config):
            yield Running(url=url, store=store, event_ids=ids)
    finally:
        store.close()
