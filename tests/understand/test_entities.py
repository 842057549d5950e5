"""Entities and mention linking, on fixtures written for these tests."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from newsdesk.model import Article, Entity
from newsdesk.understand import analyze_text

GROUP_STORY = """Fighters from al-Shabaab stormed a military base in southern Somalia on Friday, the army said. The group later claimed the assault in a message posted online.

Officials said the extremist group had rebuilt its forces after losing several towns last year.

A group of students gathered outside the hospital to donate blood."""

ALIAS_STORY = """Islamic State, which its opponents call Daesh, lost its last stronghold two years ago. Analysts say Isis still runs cells in the desert, and an ISIL commander was captured last month.

The Amaq news agency published a statement on Sunday."""

PEOPLE_STORY = """Prime Minister Helena Varga met the defence chief on Monday. Varga told reporters the talks had gone well.

Mrs Varga later flew to the border. Her rival, Tomas Brandt, said the visit was staged, and Mr Brandt called for a vote."""


def _entity(article: Article, name: str) -> Entity:
    found = [entity for entity in article.entities if entity.name == name]
    assert found, [entity.name for entity in article.entities]
    return found[0]


def _mention_texts(entity: Entity) -> list[str]:
    return [mention.text for mention in entity.mentions]


def test_mentions_index_the_article_text() -> None:
    for story in (GROUP_STORY, ALIAS_STORY, PEOPLE_STORY):
        article = analyze_text(story)
        for entity in article.entities:
            assert entity.mentions
            for mention in entity.mentions:
                assert article.text[mention.start : mention.end] == mention.text


def test_aliases_collapse_to_one_canonical_group() -> None:
    article = analyze_text(ALIAS_STORY)
    group = _entity(article, "Islamic State")
    assert group.type == "GROUP"
    assert {"Islamic State", "Daesh", "Isis", "ISIL"} <= set(_mention_texts(group))
    assert not any(entity.name in {"Daesh", "Isis", "ISIL"} for entity in article.entities)


def test_propaganda_agency_is_an_agency() -> None:
    article = analyze_text(ALIAS_STORY)
    agency = _entity(article, "Amaq News Agency")
    assert agency.type == "AGENCY"
    assert agency.attributes.get("affiliation") == "Islamic State"


def test_the_group_points_back_to_the_last_named_group() -> None:
    article = analyze_text(GROUP_STORY)
    group = _entity(article, "al-Shabaab")
    texts = _mention_texts(group)
    assert "The group" in texts
    assert "the extremist group" in texts
    anaphors = [mention for mention in group.mentions if mention.link == "anaphor"]
    assert len(anaphors) == 2
    # "A group of students" is not the militants.
    assert not any("students" in text or text == "A group" for text in texts)


def test_the_group_without_a_named_group_stays_unlinked() -> None:
    article = analyze_text("The group met at the library every Tuesday to read poetry together.")
    assert not any(entity.type == "GROUP" for entity in article.entities)


def test_surnames_and_honorifics_join_the_full_name() -> None:
    article = analyze_text(PEOPLE_STORY)
    varga = _entity(article, "Helena Varga")
    assert varga.type == "PERSON"
    assert "Mrs Varga" in _mention_texts(varga)
    assert len(varga.mentions) >= 3
    brandt = _entity(article, "Tomas Brandt")
    assert "Mr Brandt" in _mention_texts(brandt)
    assert not any(entity.name in {"Varga", "Brandt"} for entity in article.entities)


def _assert_seed_entities(article: Article) -> None:
    hollande = _entity(article, "Francois Hollande")
    assert hollande.type == "PERSON"
    assert "Mr Hollande" in _mention_texts(hollande)
    group = _entity(article, "Islamic State")
    assert group.type == "GROUP"
    assert "the extremist group" in _mention_texts(group)
    assert _entity(article, "Amaq News Agency").type == "AGENCY"


def test_seed_scrape_as_it_is_links_mr_hollande(seed_text: str) -> None:
    _assert_seed_entities(analyze_text(seed_text.replace("\r\n", "\n")))


def test_seed_after_extraction_links_mr_hollande(seed_text: str) -> None:
    import newsdesk

    extracted = newsdesk.extract(seed_text, analyze=False)
    if "Mr Hollande said" not in extracted.text:
        pytest.skip("text-mode extraction does not keep the seed's Hollande paragraphs yet")
    _assert_seed_entities(newsdesk.analyze(extracted))


def test_acronym_in_brackets_links_later_uses() -> None:
    text = (
        "Rebels of the Northern Valley Liberation Front (NVLF) ambushed a patrol on Tuesday.\n\n"
        "The NVLF has fought the government since 2011, and NVLF commanders rarely speak to the press."
    )
    article = analyze_text(text)
    front = next(entity for entity in article.entities if "NVLF" in _mention_texts(entity))
    assert front.name == "Northern Valley Liberation Front"
    assert _mention_texts(front).count("NVLF") == 3
    assert {mention.link for mention in front.mentions if mention.text == "NVLF"} == {"acronym"}


def test_gazetteer_files_are_optional_but_must_be_well_formed(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.understand import nlp

    monkeypatch.setattr(nlp, "data_path", lambda name: tmp_path / name)
    assert nlp.read_jsonl("armed_groups.jsonl") == []
    (tmp_path / "landmarks.jsonl").write_text('{"name": "Old Bridge", "aliases": []}\n\n{"aliases": ["x"]}\n')
    with pytest.raises(ValueError, match=r"landmarks.jsonl line 3"):
        nlp.read_jsonl("landmarks.jsonl")


def test_short_text_of_unknown_language_is_analysed_as_english() -> None:
    article = analyze_text("Mr Lee left.")
    assert article.analysis is not None and article.analysis.analysed
    assert article.analysis.language is None


def test_the_shared_pipeline_knows_the_ruler_labels_before_its_first_parse() -> None:
    """NER would otherwise grow its output layer mid-run, the first time it met a ruler span.

    Run in a fresh interpreter: in this one an earlier test may already have parsed such a span."""
    probe = (
        "from newsdesk.understand.nlp import RULER_NAME, get_nlp\n"
        "nlp = get_nlp('en')\n"
        "print(sorted(nlp.get_pipe(RULER_NAME).labels), sorted(nlp.get_pipe('ner').labels))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    ruler_line, ner_line = done.stdout.strip().split("] [")
    ruler_labels = set(re.findall(r"'(\w+)'", ruler_line))
    assert {"GROUP", "AGENCY"} <= ruler_labels
    assert ruler_labels <= set(re.findall(r"'(\w+)'", ner_line))
