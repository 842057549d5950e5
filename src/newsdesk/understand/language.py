"""Which language an article is in, and which languages get full analysis."""

from __future__ import annotations

from newsdesk.extract.language import detect_language
from newsdesk.model import Article

ANALYSED_LANGUAGES = frozenset({"en"})


def article_language(article: Article) -> str | None:
    """ISO 639-1 code: the one extraction recorded, else detected from the body; None when unsure.

    A body too short to identify is given the benefit of the doubt and analysed as English.
    """
    if article.language:
        return article.language.split("-")[0].split("_")[0].lower()
    return detect_language(article.text)
