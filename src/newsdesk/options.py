"""One options object for the whole pipeline, instead of keyword sprawl.

``newsdesk.extract(data, **options)`` accepts any field below as a keyword;
the CLI maps its flags onto the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

MiB = 1024 * 1024


@dataclass(frozen=True)
class Options:
    # input guards
    max_bytes: int = 20 * MiB
    """Inputs larger than this are truncated to it (and the truncation recorded)."""
    max_depth: int = 400
    """HTML nested deeper than this is flattened before parsing."""
    timeout: float = 20.0
    """Seconds for one URL fetch (connect + read)."""
    max_redirects: int = 5
    allow_private: bool = False
    """Allow URL fetches to private, loopback and link-local addresses."""
    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk; article extraction)"

    # extraction
    include_captions: bool = True
    include_tables: bool = True
    min_body_chars: int = 80
    """A body shorter than this is reported as empty ("not an article")."""
    repeated_lines: frozenset[str] = field(default_factory=frozenset)
    """Lines seen on many pages of the same site: treated as chrome in text mode."""

    # understanding
    analyze: bool = True

    def with_overrides(self, **overrides: Any) -> Options:
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(
                f"unknown option(s): {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
            )
        return replace(self, **overrides)


DEFAULT_OPTIONS = Options()
