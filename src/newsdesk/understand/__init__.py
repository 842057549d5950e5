"""Understanding: entities, quotes and security events added to an ``Article``."""

from __future__ import annotations

from typing import Any

from newsdesk.model import Analysis, Article


def analyze(article: Article, **options: Any) -> Article:
    """Return a copy of ``article`` with entities, quotes and events (each with spans)."""
    result = article.model_copy(deep=True)
    result.analysis = Analysis(language=article.language, analysed=False, reason="analysis not built yet")
    return result
