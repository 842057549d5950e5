"""analyze(): the stage as a whole — language gate, bad input, batching, span alignment."""

from __future__ import annotations

import time

import pytest

import newsdesk
from newsdesk.model import Article, Block, InputKind, Provenance
from newsdesk.understand import analyze, analyze_many, analyze_text

STORY = (
    "Police closed the main square after two men were stabbed outside a cafe on Saturday night.\n\n"
    "Detective Inspector Rosa Klein said: “We believe this was a targeted attack and we are not looking for anyone else.”\n\n"
    "Inspector Klein added that both men were in a stable condition."
)

GERMAN = (
    "Die Polizei hat am Samstagabend den Marktplatz gesperrt, nachdem zwei Männer vor einem Café "
    "mit einem Messer verletzt worden waren. Die Ermittler gehen von einem gezielten Angriff aus."
)


def _article(paragraphs: list[str], **fields: object) -> Article:
    provenance = Provenance(input_kind=InputKind.text, extractor="test", version="0")
    return Article(body=[Block(text=text) for text in paragraphs], provenance=provenance, **fields)  # type: ignore[arg-type]


def test_english_article_is_analysed_and_the_input_left_alone() -> None:
    article = _article(STORY.split("\n\n"), language="en")
    result = analyze(article)
    assert result.analysis is not None
    assert result.analysis.analysed and result.analysis.language == "en"
    assert result.analysis.model and result.analysis.version
    assert any(entity.name == "Rosa Klein" for entity in result.entities)
    assert result.quotes and result.quotes[0].speaker_entity == "Rosa Klein"
    assert article.entities == [] and article.analysis is None


def test_other_languages_get_a_reason_not_an_analysis() -> None:
    detected = analyze(_article([GERMAN]))
    assert detected.analysis is not None
    assert not detected.analysis.analysed
    assert detected.analysis.language == "de"
    assert detected.analysis.reason == "language 'de' not analysed; English and French only"
    assert detected.entities == [] and detected.quotes == []
    declared = analyze(_article(STORY.split("\n\n"), language="es"))
    assert declared.analysis is not None and not declared.analysis.analysed
    assert "'es'" in (declared.analysis.reason or "")


def test_empty_and_failed_articles_get_reasons() -> None:
    empty = analyze(_article([]))
    assert empty.analysis is not None and not empty.analysis.analysed
    assert "empty" in (empty.analysis.reason or "")
    blank = analyze(_article(["   "]))
    assert blank.analysis is not None and not blank.analysis.analysed
    failed = analyze(_article([], status="error", reason="binary input"))
    assert failed.analysis is not None and "binary input" in (failed.analysis.reason or "")


def test_one_megabyte_body_is_analysed_in_part_without_crashing() -> None:
    sentence = "Officials in the northern province said a convoy was attacked near the bridge on Monday. "
    one_paragraph = sentence * (1_000_000 // len(sentence))
    started = time.perf_counter()
    result = analyze(_article([one_paragraph], language="en"), max_chars=30_000)
    assert time.perf_counter() - started < 30
    assert result.analysis is not None and result.analysis.analysed
    assert "analysed the first" in (result.analysis.reason or "")
    for entity in result.entities:
        for mention in entity.mentions:
            assert result.text[mention.start : mention.end] == mention.text
            assert mention.end <= 30_000


def test_long_paragraphs_are_cut_into_pieces_that_keep_offsets() -> None:
    filler = "The committee met again and discussed the budget at length without agreement. " * 200
    quote = "Mayor Ana Ruiz said: “The budget will pass next week.”"
    result = analyze(_article([filler + quote, "A short closing paragraph."], language="en"))
    assert len(result.text) > 10_000
    assert result.quotes and result.quotes[-1].text == "The budget will pass next week."
    assert result.text[result.quotes[-1].start : result.quotes[-1].end] == result.quotes[-1].text


def test_analyze_many_keeps_order_and_mixes_good_and_bad_input() -> None:
    articles = [
        _article(STORY.split("\n\n"), language="en"),
        _article([]),
        _article([GERMAN]),
        _article(["Tomas Brandt said: “We will appeal the ruling.”"], language="en"),
    ]
    results = list(analyze_many(articles, batch_size=3))
    assert [r.analysis.analysed for r in results if r.analysis] == [True, False, False, True]
    assert results[3].quotes[0].speaker_entity == "Tomas Brandt"
    assert results[0].quotes[0].speaker_entity == "Rosa Klein"


def test_analyze_text_and_public_api_agree() -> None:
    via_text = analyze_text(STORY)
    via_api = newsdesk.analyze(_article(STORY.split("\n\n")))
    assert [e.name for e in via_text.entities] == [e.name for e in via_api.entities]
    assert via_text.quotes == via_api.quotes


def test_events_are_a_list_of_events() -> None:
    result = analyze(_article(STORY.split("\n\n"), language="en"))
    assert isinstance(result.events, list)
    assert result.analysis is not None and "event detection failed" not in (result.analysis.reason or "")


FRENCH = (
    "Un homme armé d'un couteau a blessé deux passants samedi soir près de la gare de Lyon.\n\n"
    "« Nous ne céderons rien face à la violence », a déclaré le maire de la ville, Julien Moreau.\n\n"
    "« Il a crié “à terre” puis il a couru », a raconté un témoin à l'AFP.\n\n"
    "Selon la police, le suspect a été interpellé quelques minutes plus tard. M. Moreau a ajouté : "
    "« Les deux victimes sont hors de danger. »"
)


def test_french_gets_entities_and_quotes_but_no_events() -> None:
    result = analyze(_article(FRENCH.split("\n\n")))
    assert result.analysis is not None and result.analysis.analysed
    assert result.analysis.language == "fr"
    assert result.analysis.model and result.analysis.model.startswith("fr_core_news_sm")
    assert "English text only" in (result.analysis.reason or "")
    assert result.events == []
    moreau = next(entity for entity in result.entities if entity.name == "Julien Moreau")
    assert moreau.type == "PERSON"
    assert "M. Moreau" in [mention.text for mention in moreau.mentions]
    statements = [quote for quote in result.quotes if quote.kind == "statement"]
    assert len(statements) == 3
    assert [quote.speaker_entity for quote in statements] == ["Julien Moreau", None, "Julien Moreau"]
    witness = statements[1]
    assert witness.speaker == "un témoin"
    assert witness.text == "Il a crié “à terre” puis il a couru"
    for quote in result.quotes:
        assert result.text[quote.start : quote.end] == quote.text


def test_punctuation_floods_are_cut_by_tokens_not_only_characters() -> None:
    from newsdesk.understand import MAX_TOKENS, _cut_point, _pieces

    flood = "‘" * 1_000_000
    cut = _cut_point(flood, 200_000)
    assert cut == MAX_TOKENS
    pieces = _pieces(flood[:cut])
    assert "".join(pieces) == flood[:cut]
    assert max(len(piece) for piece in pieces) <= 1_000
    prose = "Officials said the convoy was attacked.\n\n" * 1_000
    assert _cut_point(prose, 20_000) <= 20_000
    assert prose[: _cut_point(prose, 20_000)].endswith(".")


def test_quote_finder_is_linear_on_a_flood_of_single_marks() -> None:
    from newsdesk.understand.quotes import find_quotations, paragraph_offsets

    flood = "‘" * 1_000_000
    started = time.perf_counter()
    find_quotations(flood, paragraph_offsets(flood))
    assert time.perf_counter() - started < 10


def test_a_failing_step_becomes_a_reason_and_the_batch_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsdesk.understand as understand

    real = understand.find_quotes

    def broken_on_one(doc, paragraphs, index):  # type: ignore[no-untyped-def]
        if "appeal" in doc.text:
            raise ValueError("cannot read this one")
        return real(doc, paragraphs, index)

    monkeypatch.setattr(understand, "find_quotes", broken_on_one)
    articles = [
        _article(["Tomas Brandt said: “We will appeal the ruling.”"], language="en"),
        _article(STORY.split("\n\n"), language="en"),
    ]
    failed, fine = analyze_many(articles)
    assert failed.analysis is not None and not failed.analysis.analysed
    assert failed.analysis.reason == "analysis failed: ValueError: cannot read this one"
    assert fine.analysis is not None and fine.analysis.analysed and fine.quotes


def test_a_language_whose_model_is_missing_gets_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdesk.understand import nlp

    # As on a machine where fr_core_news_sm was never installed.
    monkeypatch.setitem(nlp.MODEL_PACKAGES, "fr", "fr_model_that_is_not_installed")
    monkeypatch.delitem(nlp._pipelines, "fr", raising=False)
    french, english = analyze_many(
        [_article(FRENCH.split("\n\n")), _article(STORY.split("\n\n"), language="en")]
    )
    assert french.analysis is not None and not french.analysis.analysed
    assert (french.analysis.reason or "").startswith("no spaCy model for language 'fr'")
    assert english.analysis is not None and english.analysis.analysed
