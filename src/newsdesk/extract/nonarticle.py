"""Is the extracted page an article at all? Index pages and login walls are not.

Extractors return *something* for almost any page: the headline list of a home page, the
two lines of a login wall. After extraction these checks turn such bodies into an empty
result with a reason. The signals and thresholds are data (``data/non_article.json``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsdesk.model import Article

_OG_TYPE = re.compile(
    r"""<meta\b[^>]*?(?:property|name)\s*=\s*["']og:type["'][^>]*?content\s*=\s*["']([^"']+)"""
    r"""|<meta\b[^>]*?content\s*=\s*["']([^"']+)["'][^>]*?(?:property|name)\s*=\s*["']og:type["']""",
    re.I,
)
_LD_TYPE = re.compile(r""""@type"\s*:\s*(?:"([^"]+)"|\[([^\]]*)\])""")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Declarations are read from the head and the first part of the body, where sites put them.
_DECLARATION_WINDOW = 300_000


@dataclass(frozen=True)
class _Rules:
    index_types: frozenset[str]
    article_types: frozenset[str]
    prose_min_words: int
    prose_any_words: int
    sentence_end: tuple[str, ...]
    wall_max_body_chars: int
    wall_patterns: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = json.loads(
        resources.files("newsdesk.data").joinpath("non_article.json").read_text(encoding="utf-8")
    )
    return _Rules(
        index_types=frozenset(raw["index_types"]),
        article_types=frozenset(raw["article_types"]),
        prose_min_words=raw["prose"]["min_words"],
        prose_any_words=raw["prose"]["any_words"],
        sentence_end=tuple(raw["prose"]["sentence_end"]),
        wall_max_body_chars=raw["wall_max_body_chars"],
        wall_patterns=tuple(re.compile(pattern, re.I) for pattern in raw["wall_patterns"]),
    )


def declared_types(html: str) -> frozenset[str]:
    """The page types an HTML page declares: OpenGraph ``og:type`` and JSON-LD ``@type``."""
    window = html[:_DECLARATION_WINDOW]
    found: set[str] = set()
    for match in _OG_TYPE.finditer(window):
        found.add((match.group(1) or match.group(2)).strip())
    for match in _LD_TYPE.finditer(window):
        if match.group(1):
            found.add(match.group(1).strip())
        else:
            found.update(part.strip().strip('"') for part in match.group(2).split(","))
    return frozenset(found)


def _words(text: str) -> int:
    return len(text.split()) + len(_CJK.findall(text)) // 2


def prose_chars(article: Article, enough: int | None = None) -> int:
    """Characters in lines of prose; counting stops once past ``enough``, when that is all
    a caller needs to know (an article passes within its first paragraphs)."""
    rules = _rules()
    total = 0
    # Lines, not blocks: an extractor may hand a whole link list over as one block.
    for line in (line for block in article.body for line in block.text.splitlines()):
        words = _words(line)
        ends_sentence = line.rstrip().endswith(rules.sentence_end)
        if words >= rules.prose_any_words or (words >= rules.prose_min_words and ends_sentence):
            total += len(line)
            if enough is not None and total >= enough:
                break
    return total


def not_an_article(article: Article, *, html: str | None, min_body_chars: int) -> str | None:
    """Why ``article`` is not an article, or None when it is (or might be) one.

    ``html`` is the page the article came from (None for scraped text); its declarations are
    only read for a body with little prose, so articles pay nothing for the check.
    """
    rules = _rules()
    length = sum(len(block.text) for block in article.body)
    if length <= rules.wall_max_body_chars:
        for line in (line for block in article.body for line in block.text.splitlines()):
            for pattern in rules.wall_patterns:
                if pattern.search(line):
                    return f"login or subscription wall, not an article: {line[:120]!r}"
    if html is None or prose_chars(article, enough=min_body_chars) >= min_body_chars:
        return None
    declared = declared_types(html)
    if declared & rules.index_types and not declared & rules.article_types:
        kinds = ", ".join(sorted(declared & rules.index_types))
        return f"index page, not an article: declared {kinds} and has no paragraphs of prose"
    return None
