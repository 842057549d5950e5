from __future__ import annotations

from newsdesk.corpus.dedupe import BANDS, Signature, content_hash, shingles

TEXT = (
    "The regional water board said on Friday that the reservoir above the town had reached its lowest "
    "level in twenty years, and asked households to cut their use by a fifth until the autumn rains. "
    "Farmers downstream said they had already lost part of the maize crop to the drought."
)


def test_shingles_are_word_runs() -> None:
    assert shingles("One two three four five six") == {b"one two three four five", b"two three four five six"}
    assert shingles("Short text") == {b"short text"}
    assert shingles("  ") == set()


def test_a_lightly_edited_copy_is_near_and_an_unrelated_text_is_far() -> None:
    original = Signature.of(TEXT)
    copy = Signature.of(TEXT + " This report was first published by the Valley Times.")
    unrelated = Signature.of(
        "The city orchestra opened its season with a symphony that had not been played in decades."
    )
    assert original is not None and copy is not None and unrelated is not None
    assert original.jaccard(copy) > 0.8
    assert original.jaccard(unrelated) < 0.1
    assert len(set(original.bands()) & set(copy.bands())) > BANDS // 4


def test_signatures_round_trip_through_bytes() -> None:
    signature = Signature.of(TEXT)
    assert signature is not None
    assert Signature.from_bytes(signature.to_bytes()).jaccard(signature) == 1.0
    assert Signature.of("") is None


def test_content_hash_ignores_whitespace_only() -> None:
    assert content_hash("Title", "a  b\n\nc") == content_hash("Title", "a b c")
    assert content_hash("Title", "a b c") != content_hash("Other", "a b c")
