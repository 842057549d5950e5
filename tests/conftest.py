from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = SHARED / "seed" / "000_b644216a5bec0ed2.txt"
AEB = SHARED / "scrapinghub-aeb"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/data/seed is not beside the checkout")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def aeb_pages() -> dict[str, tuple[bytes, str]]:
    """ScrapingHub benchmark pages: id -> (html bytes, ground-truth body)."""
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        page_id: (gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes()), entry["articleBody"])
        for page_id, entry in truth.items()
    }
