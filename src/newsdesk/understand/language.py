"""Which language an article is in, and which languages get full analysis."""

from __future__ import annotations

from newsdesk.extract.language import detect_language
from newsdesk.model import Article

LANGUAGE_NAMES = {"en": "English", "fr": "French"}
ANALYSED_LANGUAGES = frozenset(LANGUAGE_NAMES)


def supported_languages() -> str:
    """ "English and French" — for reasons given to users."""
    names = [LANGUAGE_NAMES[code] for code in sorted(ANALYSED_LANGUAGES)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def article_language(article: Article) -> str | None:
    """ISO 639-1 code: the one extraction recorded, else detected from the body; None when unsure.

    A body too short to identify is analysed as English (see ``analyze``).
    """
    if article.language:
        return article.language.split("-")[0].split("_")[0].lower()
    return detect_language(article.text)
