from __future__ import annotations

from collections.abc import Iterator

import pytest
from loopback_server import LoopbackSite, serve_loopback_site


@pytest.fixture(scope="session")
def loopback_site() -> Iterator[LoopbackSite]:
    site, server = serve_loopback_site()
    yield site
    server.shutdown()
    server.server_close()
