"""Near-duplicate articles: MinHash signatures over word shingles, LSH bands kept in the database.

The bands live in the ``article_bands`` table (not in an in-memory index) so every process
writing the same store sees the same candidates, inside the same transaction as the article.
A candidate sharing a band is confirmed by the Jaccard similarity its signature estimates.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.7
"""Estimated Jaccard over 5-word shingles at or above which two bodies are one story."""

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Overlapping runs of ``size`` lower-cased words; a shorter text is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class Signature:
    values: np.ndarray

    @classmethod
    def of(cls, text: str) -> Signature | None:
        """The MinHash of ``text``'s shingles, or None for a text with no words."""
        parts = shingles(text)
        if not parts:
            return None
        from datasketch import MinHash  # imported on first use: it takes a second to load

        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        minhash.update_batch(list(parts))
        return cls(minhash.hashvalues.astype(np.uint64))

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype=np.uint64))

    def to_bytes(self) -> bytes:
        return self.values.astype(np.uint64).tobytes()

    def jaccard(self, other: Signature) -> float:
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)

    def bands(self) -> list[tuple[int, int]]:
        """(band number, signed 64-bit hash of that band's rows), one per band."""
        result = []
        for band in range(BANDS):
            chunk = self.values[band * ROWS : (band + 1) * ROWS].tobytes()
            digest = hashlib.blake2b(chunk, digest_size=8).digest()
            result.append((band, int.from_bytes(digest, "big", signed=True)))
        return result


def content_hash(headline: str | None, text: str) -> str:
    """Hash of what a reader sees, whitespace-normalised: equal hashes mean the same content."""
    normalised = " ".join(f"{headline or ''}\n{text}".split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
