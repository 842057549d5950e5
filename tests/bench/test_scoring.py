"""The re-implemented ScrapingHub metric, checked on small hand-made cases."""

from __future__ import annotations

import pytest
from bench.scoring import page_counts, page_f1, score, shingles, tokens


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokens("Hello, World! it's 2019") == ["Hello", "World", "it", "s", "2019"]


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    found = shingles("a b c d e a b c d")
    assert found[("a", "b", "c", "d")] == 2
    assert found[("b", "c", "d", "e")] == 1
    assert sum(found.values()) == 6


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    assert list(shingles("just two")) == [("just", "two")]
    assert not shingles("")
    assert not shingles(None)


def test_identical_text_scores_one() -> None:
    text = "The council met on Tuesday and voted to repair the old bridge."
    assert page_counts(text, text) == (1.0, 0.0, 0.0)
    assert score({"a": (text, text)}) == (1.0, 1.0, 1.0)


def test_counts_are_normalised_per_page() -> None:
    truth = "one two three four five six seven"  # 4 shingles
    predicted = "one two three four five six seven eight nine"  # the same 4 + 2 extra
    tp, fp, fn = page_counts(predicted, truth)
    assert (tp, fp, fn) == pytest.approx((4 / 6, 2 / 6, 0.0))
    assert tp + fp + fn == pytest.approx(1.0)


def test_precision_and_recall_are_means_over_pages_then_f1() -> None:
    truth = "alpha beta gamma delta epsilon"  # 2 shingles
    pages = {
        "exact": (truth, truth),
        "half": ("alpha beta gamma delta", truth),  # precision 1, recall 0.5
        "nothing": ("", truth),  # no prediction: counts for recall only
    }
    precision, recall, f1 = score(pages)
    assert precision == pytest.approx(1.0)  # mean over the two pages that predicted something
    assert recall == pytest.approx((1.0 + 0.5 + 0.0) / 3)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_extra_text_lowers_precision_not_recall() -> None:
    truth = "the quick brown fox jumps over the lazy dog"
    noisy = truth + " subscribe to our newsletter for more stories like this"
    assert page_f1(noisy, truth) < 1.0
    precision, recall, _ = score({"p": (noisy, truth)})
    assert recall == 1.0 and precision < 1.0
