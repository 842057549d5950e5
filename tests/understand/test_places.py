"""Offline geocoding: landmarks, cities, regions, countries, and towns the gazetteer lacks."""

from __future__ import annotations

from newsdesk.understand.places import CITY, COUNTRY, LANDMARK, REGION, find_places, gazetteer, resolve


def place_of(text: str):  # type: ignore[no-untyped-def]
    return resolve(find_places(text))


def test_landmark_is_most_specific_and_carries_its_city() -> None:
    place = place_of("Shots were fired near Times Square in New York on Friday.")
    assert place.precision == LANDMARK
    assert (place.landmark, place.city, place.country_code) == ("Times Square", "New York City", "US")
    assert 40.5 < (place.latitude or 0) < 41 and -74.5 < (place.longitude or 0) < -73.5


def test_landmark_spelling_variants() -> None:
    assert place_of("a van on La Rambla").landmark == "Las Ramblas"
    assert place_of("police on the Champs Élysées").landmark == "Champs-Elysees"


def test_city_with_coordinates() -> None:
    place = place_of("A bomb went off in Quetta.")
    assert (place.city, place.country_code, place.precision) == ("Quetta", "PK", CITY)
    assert place.latitude is not None


def test_database_style_chain_names_an_unknown_village() -> None:
    # A made-up village: only the phrasing says it is a village in that province and country.
    place = place_of("Assailants attacked a checkpoint in Zorbakh village, Kandahar province, Afghanistan.")
    assert (place.city, place.country_code, place.precision) == ("Zorbakh", "AF", CITY)
    assert place.region == "Kandahar"


def test_town_in_district_phrasing() -> None:
    place = place_of("The convoy was hit at Qarmelpur in Pulwama district.")
    assert place.city == "Qarmelpur"


def test_country_named_in_the_chain_picks_the_right_city() -> None:
    place = place_of("A gunman opened fire in Paris, Texas, United States.")
    assert (place.city, place.country_code) == ("Paris", "US")
    assert (place.latitude or 0) > 30 and (place.longitude or 0) < -90


def test_region_and_country_only() -> None:
    place = place_of("Fighting spread across Borno state.")
    assert place.precision == REGION and place.country_code == "NG"
    assert place_of("Unrest continued in Kenya.").precision == COUNTRY


def test_reference_points_and_modifiers_are_not_places() -> None:
    mentions = find_places("The blast hit a port in Sirte, 40 km east of Misrata, after a US air strike.")
    by_text = {m.text: m for m in mentions}
    assert by_text["Sirte"].precision == CITY
    # A reference point only tells the country; a country used as a modifier is no place at all.
    assert by_text["Misrata"].precision == COUNTRY and by_text["Misrata"].place.country_code == "LY"
    assert "US" not in by_text
    assert resolve(mentions).city == "Sirte"


def test_reference_point_alone_gives_the_country() -> None:
    place = place_of("Jets struck a camp about 90 km north of Mogadishu.")
    assert (place.city, place.country_code, place.precision) == (None, "SO", COUNTRY)


def test_nationality_words_are_not_cities() -> None:
    assert gazetteer().geocode("German") is None
    assert gazetteer().geocode("Afghan") is None


def test_no_place_gives_unknown_precision() -> None:
    assert place_of("it happened somewhere").precision == 5
