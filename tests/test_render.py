"""Articles rendered for reading: Markdown and plain text."""

from __future__ import annotations

from datetime import UTC, datetime

from newsdesk.model import Article, Block, Caption, InputKind, Provenance
from newsdesk.render import to_markdown, to_text


def _article(**fields: object) -> Article:
    return Article(
        provenance=Provenance(input_kind=InputKind.html, extractor="test", version="0", source="page.html"),
        **fields,  # type: ignore[arg-type]
    )


def test_markdown_has_headline_byline_captions_and_blocks() -> None:
    article = _article(
        headline="Tram line extended",
        standfirst="Four new stops open in the east of the city",
        authors=["Ana Ruiz", "Li Wei"],
        published=datetime(2025, 5, 2, 8, 30, tzinfo=UTC),
        captions=[Caption(text="The first tram at the new terminus", credit="Photo: City Transit")],
        body=[
            Block(text="The extension opened on Friday."),
            Block(kind="heading", text="Cost"),
            Block(kind="list_item", text="Four stops"),
            Block(kind="quote", text="A great day for the east"),
            Block(text="# not a heading, a hashtag line"),
        ],
    )
    markdown = to_markdown(article)
    assert markdown.startswith("# Tram line extended\n")
    assert "*Four new stops open in the east of the city*" in markdown
    assert "By Ana Ruiz, Li Wei · 2025-05-02 08:30 UTC" in markdown
    assert "> The first tram at the new terminus (Photo: City Transit)" in markdown
    assert (
        "\n## Cost\n" in markdown
        and "\n- Four stops\n" in markdown
        and "\n> A great day for the east\n" in markdown
    )
    assert "\\# not a heading" in markdown


def test_failed_articles_say_why() -> None:
    failed = _article(status="error", reason="binary input")
    assert "[error] page.html: binary input" in to_text(failed)
    assert "<!-- [error] page.html: binary input -->" in to_markdown(failed)


def test_plain_text_keeps_paragraphs_and_captions() -> None:
    article = _article(
        headline="Tram line extended",
        body=[Block(text="First."), Block(text="Second.")],
        captions=[Caption(text="A tram", credit=None)],
    )
    assert to_text(article) == "Tram line extended\n\nFirst.\n\nSecond.\n\nCaption: A tram\n"
