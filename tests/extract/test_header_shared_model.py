"""Text mode's header scorer reads person names with the analysis stage's own spaCy pipeline."""

from __future__ import annotations

import gc
import threading

import pytest
from spacy.language import Language

import newsdesk
from newsdesk.extract.header import FEATURE_NAMES, header_features, person_pipeline, persons_in
from newsdesk.extract.text import header_view_of
from newsdesk.understand.nlp import RULER_NAME, get_nlp

# A page written for these tests: masthead, menu, headline, standfirst, an unprefixed byline of two
# names, a dateline, then the story.
PAGE = """The Valley Courier

News | Sport | Opinion | Weather

Ferry crossing to reopen after winter repairs on the north pier

Engineers replaced the rusted landing ramp and the timetable returns to hourly sailings from Monday

Marguerite Okonkwo and Tobias Lindqvist

Published 14 March 2024

The ferry between the old harbour and the island village will carry passengers again from Monday, the port authority said on Thursday, ending a closure that began in November when inspectors found corrosion on the landing ramp.

Crews worked through the winter to lift the old ramp out with a floating crane and fit a new steel one, which was built at a yard further down the coast and towed into place last week.

Residents of the island, who had relied on a single water taxi during the closure, said the return of hourly sailings would make it easier to reach the clinic and the secondary school on the mainland.

The operator said fares would stay at last year's prices until the end of the summer season.
"""
BYLINE = "Marguerite Okonkwo and Tobias Lindqvist"


def _english_pipelines() -> list[Language]:
    gc.collect()
    return [obj for obj in gc.get_objects() if isinstance(obj, Language) and obj.lang == "en"]


def test_extracting_and_analysing_holds_one_english_pipeline() -> None:
    article = newsdesk.extract(PAGE, kind="text")
    newsdesk.analyze(article)
    assert person_pipeline(gazetteer=False)[0] is get_nlp("en")
    assert _english_pipelines() == [get_nlp("en")]


@pytest.mark.parametrize("gazetteer", [False, True])
def test_byline_names_are_found_by_the_shared_recogniser(gazetteer: bool) -> None:
    assert persons_in([BYLINE, "By Henrietta Vasquez-Moreau, Chief Correspondent"], gazetteer=gazetteer) == [
        ["Marguerite Okonkwo", "Tobias Lindqvist"],
        ["Henrietta Vasquez-Moreau"],
    ]


def test_a_known_agency_after_the_name_stays_out_of_it() -> None:
    byline = "Dariusz Kowalczyk Associated Press"
    # (the recogniser alone, as the old NER-only copy read it, gives "Dariusz Kowalczyk Associated")
    assert persons_in([byline]) == [["Dariusz Kowalczyk"]]


def test_byline_line_gets_its_person_features() -> None:
    view = header_view_of(PAGE, url="https://courier.example/2024/03/ferry-crossing-to-reopen")
    assert view is not None
    candidates, features = header_features(view)
    row = candidates.index(next(i for i, line in enumerate(view.lines) if line.text == BYLINE))
    assert features[row, FEATURE_NAMES.index("person_entities")] == 2
    assert features[row, FEATURE_NAMES.index("person_share_of_words")] == pytest.approx(4 / 5)


def test_person_lookup_runs_the_recogniser_alone() -> None:
    nlp, skipped = person_pipeline(gazetteer=False)
    assert set(skipped) == set(nlp.pipe_names) - {"ner"}
    assert {"tagger", "parser", RULER_NAME} <= set(skipped)
    assert set(person_pipeline(gazetteer=True)[1]) == set(skipped) - {RULER_NAME}
    # the small English model's ner embeds words itself: its shared tok2vec feeds only tagger and parser
    assert "ner" not in nlp.get_pipe("tok2vec").listening_components


def test_header_lookups_never_disable_components_of_a_concurrent_analysis() -> None:
    nlp = get_nlp("en")
    components, disabled = list(nlp.pipe_names), list(nlp.disabled)  # the model ships "senter" off
    sentence = "Marguerite Okonkwo said the ferry would sail on Monday."
    stop = threading.Event()
    problems: list[str] = []

    def look_up_names() -> None:
        while not stop.is_set():
            persons_in([BYLINE] * 4)

    def analyse() -> None:
        for _ in range(60):
            doc = nlp(sentence)
            if not (doc.has_annotation("TAG") and doc.has_annotation("DEP")):
                problems.append("a full-pipeline parse came back without tags or dependencies")
            if nlp.pipe_names != components or nlp.disabled != disabled:
                problems.append(f"pipeline changed: {nlp.pipe_names}, disabled {nlp.disabled}")

    header = threading.Thread(target=look_up_names)
    header.start()
    try:
        analyse()
    finally:
        stop.set()
        header.join()
    assert problems == []
    assert nlp.pipe_names == components
    assert nlp.disabled == disabled
    doc = nlp(sentence)
    assert doc.has_annotation("TAG") and doc.has_annotation("DEP")
    assert ("Monday", "DATE") in [(ent.text, ent.label_) for ent in doc.ents]
