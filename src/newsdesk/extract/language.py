"""Language of an article body (ISO 639-1), from py3langid's offline model."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this many letters a guess is noise.
_MIN_LETTERS = 40


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= 0.5 else None
