"""Language of an article body (ISO 639-1), from py3langid's offline model."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Below this many letters a guess is noise.
_MIN_LETTERS = 40


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # The model also knows regional varieties and creoles by ISO 639-3 code (Nigerian Pidgin,
    # Bikol...). On a short English report full of African or Asian place names they outscore
    # English, and the article would go unanalysed; we report ISO 639-1 codes, so only
    # languages that have one compete.
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    return identifier


def detect_language(text: str) -> str | None:
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    return str(language) if probability >= 0.5 else None
