from __future__ import annotations

import json
from pathlib import Path

from newsdesk.model import Article, Block, InputKind, Provenance, json_schema

SCHEMA = Path(__file__).resolve().parents[1] / "schema" / "article.schema.json"


def test_published_schema_is_current() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json_schema(), (
        "regenerate with: python -m newsdesk.model > schema/article.schema.json"
    )


def test_text_offsets_match_blocks() -> None:
    article = Article(
        body=[Block(text="First."), Block(kind="heading", text="Second"), Block(text="Third one.")],
        provenance=Provenance(input_kind=InputKind.text, extractor="t", version="0"),
    )
    for (start, end), block in zip(article.block_offsets(), article.body, strict=True):
        assert article.text[start:end] == block.text


def test_json_round_trip() -> None:
    article = Article(
        headline="H",
        body=[Block(text="x")],
        provenance=Provenance(input_kind=InputKind.html, extractor="t", version="0"),
    )
    assert Article.from_json(article.to_json()) == article
