"""Language identification on the short texts event databases and wire briefs are made of."""

import pytest

from newsdesk.extract.language import detect_language
from newsdesk.understand import analyze_text

# One-sentence English briefs full of place names, written for this test. Before the
# identifier was limited to ISO 639-1 languages, the first two came out as Nigerian Pidgin.
SHORT_ENGLISH = [
    "Assailants set fire to a school in Maiduguri, Borno state, Nigeria.",
    "Gunmen killed three farmers in Zamfara state, Nigeria.",
    "Unidentified assailants torched a clinic in Kaduna, Nigeria, on Friday night.",
    "Suspected rebels abducted two fishermen off Tawi-Tawi, Philippines.",
]


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_short_english_briefs_read_as_english(text: str) -> None:
    assert detect_language(text) == "en"


def test_codes_are_two_letters() -> None:
    samples = [
        *SHORT_ENGLISH,
        "Des hommes armés ont attaqué une école à Maiduguri, dans le nord-est du Nigeria, vendredi soir.",
        "Bewaffnete Männer haben am Freitagabend eine Schule im Nordosten Nigerias angegriffen.",
        "Hombres armados atacaron una escuela en el noreste de Nigeria el viernes por la noche.",
    ]
    found = [detect_language(text) for text in samples]
    assert found[-3:] == ["fr", "de", "es"]
    assert all(code is None or len(code) == 2 for code in found)


def test_a_short_brief_about_nigeria_is_analysed() -> None:
    article = analyze_text("Gunmen killed three farmers in Zamfara state, Nigeria.")
    assert article.analysis is not None and article.analysis.analysed
    assert [event.place.country_code for event in article.events] == ["NG"]
