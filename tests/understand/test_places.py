"""Offline geocoding: landmarks, cities, regions, countries, and towns the gazetteer lacks."""

from __future__ import annotations

import time

import pytest

from newsdesk.understand.places import (
    CITY,
    COUNTRY,
    LANDMARK,
    REGION,
    demonym_countries,
    find_places,
    gazetteer,
    resolve,
)


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


# ---------------------------------------------------------------------- database place chains
# Sentences in the manner of GTD and ACLED summaries, written for these tests. The chain's last link
# fixes the country; its head is the town, known to the gazetteer or not.

CHAINS = [
    # Iraq: governorates, with and without the word
    ("Gunmen opened fire on a checkpoint in Tarmiyah, Baghdad governorate, Iraq.", "Tarmiyah", "IQ"),
    ("A car bomb exploded near a market in Mosul city, Nineveh governorate, Iraq.", "Mosul", "IQ"),
    ("Assailants threw a grenade at a shop in Baqubah, Diyala, Iraq.", "Baqubah", "IQ"),
    # Afghanistan: districts and provinces
    ("An explosive device detonated in Nad Ali district, Helmand province, Afghanistan.", "Nad Ali", "AF"),
    ("Assailants attacked a police post in Kandahar city, Kandahar province, Afghanistan.", "Kandahar", "AF"),
    ("A suicide bomber struck a rally in Jalalabad, Nangarhar, Afghanistan.", "Jalalabad", "AF"),
    # Pakistan: provinces and former tribal districts
    (
        "Militants ambushed a convoy near Miranshah, North Waziristan district, Khyber Pakhtunkhwa, Pakistan.",
        "Miranshah",
        "PK",
    ),
    ("Gunmen killed two labourers in Turbat, Kech district, Balochistan province, Pakistan.", "Turbat", "PK"),
    ("A bomb went off outside a court in Lahore, Punjab, Pakistan.", "Lahore", "PK"),
    # Nigeria: states and local government areas
    ("Assailants attacked worshippers in Kano city, Kano state, Nigeria.", "Kano", "NG"),
    ("Assailants raided the village of Kuda, Madagali LGA, Adamawa state, Nigeria.", "Kuda", "NG"),
    ("Insurgents overran Gwoza, Borno state, Nigeria.", "Gwoza", "NG"),
    ("An explosive device went off at a church in Madalla, Niger state, Nigeria.", "Madalla", "NG"),
    # India: states and districts (Punjab is also a Pakistani province)
    ("Maoists ambushed a patrol near Chintagufa, Sukma district, Chhattisgarh, India.", "Chintagufa", "IN"),
    ("A grenade was thrown at a temple in Amritsar, Punjab, India.", "Amritsar", "IN"),
    ("Protesters were fired on in Srinagar, Jammu and Kashmir, India.", "Srinagar", "IN"),
    # Philippines: provinces; "Quezon City" is a name, "Marawi city" a name and a word
    ("Two bombs exploded outside a cathedral in Jolo, Sulu province, Philippines.", "Jolo", "PH"),
    ("Fighting broke out in Marawi city, Lanao del Sur, Philippines.", "Marawi", "PH"),
    ("A grenade exploded at a bus stop in Quezon City, Metro Manila, Philippines.", "Quezon City", "PH"),
    # Somalia: regions with English names
    ("A roadside bomb hit a convoy in Afgooye, Lower Shabelle region, Somalia.", "Afgooye", "SO"),
    ("Militants attacked a base in Baidoa, Bay region, Somalia.", "Baidoa", "SO"),
    # Syria: governorates, "al-" names, a chain after a verb
    ("Shelling hit a market in Douma, Rif Dimashq governorate, Syria.", "Douma", "SY"),
    ("A car bomb exploded in al-Bab, Aleppo governorate, Syria.", "al-Bab", "SY"),
    ("Aircraft struck Khan Shaykhun, Idlib, Syria.", "Khan Shaykhun", "SY"),
    # Colombia: departments
    ("Dissidents attacked a police station in Tumaco, Narino department, Colombia.", "Tumaco", "CO"),
    ("A car bomb exploded at a brigade base in Cucuta, Norte de Santander, Colombia.", "Cucuta", "CO"),
    # Thailand: districts and provinces
    ("Insurgents shot two rangers in Rueso district, Narathiwat province, Thailand.", "Rueso", "TH"),
    ("Assailants shot a teacher in Pattani, Pattani province, Thailand.", "Pattani", "TH"),
    # Mali: ACLED's brackets, with the country or with regions only
    ("On 9 March 2022, militants attacked soldiers in Dioura (Segou, Mali).", "Dioura", "ML"),
    ("On 2 June 2020, unidentified gunmen killed a herder in Boni (Hombori, Douentza, Mopti).", "Boni", "ML"),
    # Elsewhere: a region named like a country, a country named like a region, lusophone names
    ("A gunman opened fire at a spa in Atlanta, Georgia, United States.", "Atlanta", "US"),
    ("Protesters clashed with police in Tbilisi, Georgia.", "Tbilisi", "GE"),
    ("Soldiers were ambushed near Tillaberi, Tillaberi region, Niger.", "Tillaberi", "NE"),
    ("Insurgents raided Mocimboa da Praia, Cabo Delgado province, Mozambique.", "Mocimboa da Praia", "MZ"),
    ("A drone struck a compound in Erbil, Kurdistan Region, Iraq.", "Erbil", "IQ"),
]


@pytest.mark.parametrize(("text", "city", "code"), CHAINS, ids=[c[1] for c in CHAINS])
def test_database_chain(text: str, city: str, code: str) -> None:
    place = place_of(text)
    assert (place.city, place.country_code, place.precision) == (city, code, CITY)
    assert place.latitude is not None and place.longitude is not None


def test_chain_country_beats_a_region_named_like_a_country() -> None:
    mentions = find_places("A bomb went off near a church in Madalla, Niger state, Nigeria.")
    assert {m.place.country_code for m in mentions} == {"NG"}
    assert resolve(mentions).region == "Niger"


def test_the_region_in_the_chain_picks_among_same_named_towns() -> None:
    springfield_il = place_of("A gunman opened fire in Springfield, Illinois.")
    springfield_mo = place_of("A gunman opened fire in Springfield, Missouri, United States.")
    assert springfield_il.country_code == springfield_mo.country_code == "US"
    assert (springfield_il.longitude or 0) > (springfield_mo.longitude or 0)  # Illinois lies east of Missouri
    assert place_of("A bomb exploded in Hyderabad, Sindh, Pakistan.").country_code == "PK"
    assert place_of("A bomb exploded in Hyderabad, Telangana, India.").country_code == "IN"


def test_unknown_town_takes_the_country_of_its_chain_and_a_stand_in_point() -> None:
    # Made-up village names: the chain alone places them.
    place = place_of("Gunmen burned houses in Ungwan Dogo village, Bokkos LGA, Plateau state, Nigeria.")
    assert (place.city, place.country_code, place.precision) == ("Ungwan Dogo", "NG", CITY)
    assert 4 < (place.latitude or 0) < 14 and 2 < (place.longitude or 0) < 15  # somewhere in Nigeria
    named_like_elsewhere = place_of("Militants attacked Nawa, Helmand province, Afghanistan.")
    assert (named_like_elsewhere.city, named_like_elsewhere.country_code) == ("Nawa", "AF")


def test_region_words_decide_between_same_named_regions() -> None:
    assert place_of("Clashes spread across Punjab province.").country_code == "PK"
    assert place_of("Clashes spread across Punjab state.").country_code == "IN"
    assert place_of("Troops were deployed across Niger state.").country_code == "NG"
    assert place_of("Troops were deployed across Niger.").country_code == "NE"
    assert place_of("Fighting spread across Georgia state.").country_code == "US"


def test_chain_head_that_is_a_region_or_an_area_names_no_town() -> None:
    for text in (
        "An explosive device detonated in Helmand province, Afghanistan.",
        "A blast in Helmand, Afghanistan killed three.",
        "Gunmen abducted pupils in the Gidan Kaura area of Zamfara state, Nigeria.",
        "Assailants burned schools in Chilas and other parts of Diamer district, Gilgit-Baltistan, Pakistan.",
    ):
        place = place_of(text)
        assert place.city is None and place.precision == REGION, text


def test_quarters_of_a_city_code_as_the_city() -> None:
    assert place_of("A bomb exploded in Dasht-e-Barchi, Kabul, Afghanistan.").city == "Kabul"
    assert place_of("A blast hit a market in Sadr City, Baghdad, Iraq.").city == "Baghdad"
    assert place_of("Gunmen fired on a bar in the Oregon District of Dayton, Ohio.").city == "Dayton"
    # A town of its own within the same governorate stays itself.
    assert place_of("Gunmen opened fire in Abu Ghraib, Baghdad, Iraq.").city == "Abu Ghraib"
    assert place_of("Gunmen opened fire in Paghman, Kabul, Afghanistan.").city == "Paghman"


def test_a_venue_named_after_a_town_is_not_that_town() -> None:
    place = place_of("A bomber struck the Dubai City wedding hall in western Kabul, Afghanistan.")
    assert (place.city, place.country_code) == ("Kabul", "AF")
    mentions = find_places("Troops fired at the Mushin bus terminal in Lagos. Twelve died at Mushin.")
    assert [m.place.city for m in mentions] == ["Lagos", "Lagos"]


def test_facility_named_before_the_chain_is_skipped() -> None:
    place = place_of("Gunmen stormed Bethel Baptist High School in Chikun, Kaduna state, Nigeria.")
    assert (place.city, place.country_code) == ("Chikun", "NG")
    assert place_of("A taxi exploded outside Liverpool Women's Hospital.").city == "Liverpool"


def test_city_states_name_their_city() -> None:
    place = place_of("Crowds marched through Hong Kong on Sunday.")
    assert (place.city, place.country_code, place.precision) == ("Hong Kong", "HK", CITY)
    assert place_of("A man was arrested in Singapore.").city == "Singapore"


def test_inside_a_city_is_not_a_reference_point() -> None:
    assert place_of("A gunman opened fire in the north of Munich.").city == "Munich"
    far = place_of("A car bomb went off 60 km north of Aleppo.")
    assert (far.city, far.country_code) == (None, "SY")


def test_a_nearby_reference_town_is_coded_when_no_other_is_named() -> None:
    near = place_of("Gunmen stopped a bus about 25 kilometres from Mandera town, Mandera county, Kenya.")
    assert (near.city, near.country_code) == ("Mandera", "KE")
    far = place_of("A landmine killed two soldiers about 80 km from Kano city, Kano state, Nigeria.")
    assert (far.city, far.country_code) == (None, "NG")


def test_lists_and_people_are_not_chains() -> None:
    assert place_of("Leaders met in France, Belgium and Germany.").city is None
    # A person's name before a region, after a verb that is not done to places.
    place = place_of("A gunman shot Ahmed Shah, Kandahar province police chief.")
    assert place.city is None and place.country_code == "AF"
    assert not any(m.source == "chain" for m in find_places("Islamic State, Iraq and Syria were named."))


def test_dateline_chain() -> None:
    place = place_of("Kabul, Afghanistan - A bomb exploded near a mosque on Friday.")
    assert (place.city, place.country_code) == ("Kabul", "AF")


# ---------------------------------------------------------------------- news phrasings


def test_possessive_owner_places_the_quarter_or_region() -> None:
    assert place_of("A car bomb exploded in Baghdad's Karrada district.").city == "Baghdad"
    region = place_of("A roadside bomb killed four soldiers in northwest Pakistan's North Waziristan region.")
    assert (region.city, region.country_code, region.precision) == (None, "PK", REGION)
    town = place_of("A bomb exploded in a market in Sulaimaniyah in Iraq's Kurdistan region.")
    assert (town.city, town.country_code) == ("Sulaimaniyah", "IQ")


def test_nationality_word_names_the_country_of_a_province() -> None:
    place = place_of("An air strike hit a school in the Yemeni province of Saada.")
    assert (place.city, place.country_code, place.precision) == (None, "YE", REGION)


def test_capitalised_state_is_the_region_not_the_country() -> None:
    place = place_of("Gunmen killed 20 villagers in Niger State in north-central Nigeria.")
    assert (place.city, place.country_code, place.precision) == (None, "NG", REGION)


def test_possessive_of_a_saint_named_city() -> None:
    place = place_of("A bomb went off in St. Petersburg's metro.")
    assert (place.city, place.country_code) == ("St. Petersburg", "RU")
    mentions = find_places("Gunmen attacked St Theresa's church in Kaduna.")
    assert [m.place.city for m in mentions] == ["Kaduna"]


def test_natural_features_acronyms_and_directions_are_not_towns() -> None:
    mountain = place_of("Gunmen attacked a village in Jebel Marra, Central Darfur state, Sudan.")
    assert (mountain.city, mountain.country_code) == (None, "SD")
    camp = place_of("Assailants attacked an IDP camp in Djugu territory, Ituri province, Congo.")
    assert (camp.city, camp.country_code) == ("Djugu", "CD")
    area = place_of("Gunmen killed two people in Kaduna's Southern Kaduna area.")
    assert (area.city, area.country_code, area.precision) == (None, "NG", REGION)
    assert place_of("Assailants ambushed a patrol in the VRAEM region, Ayacucho, Peru.").city is None


# Written as an unseen check after the chain rules (all passed but three, since fixed): many
# countries, districts and zones, ACLED brackets without the country, quarters, reference towns.
MORE_PLACES = [
    (
        "04/02/2016: Assailants fired on a Houthi checkpoint in Taiz city, Taiz governorate, Yemen.",
        "Taiz",
        "YE",
    ),
    (
        "Assailants detonated a vehicle at a police post in Mukalla, Hadramawt governorate, Yemen.",
        "Mukalla",
        "YE",
    ),
    ("An explosive device detonated near a mosque in Derna, Derna district, Libya.", "Derna", "LY"),
    ("Assailants attacked the village of Kolofata, Far North region, Cameroon.", "Kolofata", "CM"),
    ("Suicide bombers struck a market in N'Djamena, Chad.", "N'Djamena", "TD"),
    (
        "On 10 January 2021, JNIM militants attacked a gendarmerie post in Tchoma Bangou (Tillaberi, Niger).",
        "Tchoma Bangou",
        "NE",
    ),
    ("Assailants attacked Arbinda, Soum province, Sahel region, Burkina Faso.", "Arbinda", "BF"),
    (
        "Assailants attacked an IDP camp in Djugu territory, Ituri province, Democratic Republic of the Congo.",
        "Djugu",
        "CD",
    ),
    ("Assailants attacked a convoy in Bangui, Central African Republic.", "Bangui", "CF"),
    ("Gunmen attacked a village in Jebel Marra, Central Darfur state, Sudan.", None, "SD"),
    ("Assailants opened fire on a market in Bor, Jonglei state, South Sudan.", "Bor", "SS"),
    ("Assailants attacked civilians in Gimbi, West Welega zone, Oromia region, Ethiopia.", "Gimbi", "ET"),
    ("An explosive device detonated in Lamu, Lamu county, Kenya.", "Lamu", "KE"),
    ("Assailants set fire to a dormitory in Mpondwe, Kasese district, Uganda.", "Mpondwe", "UG"),
    ("Assailants beheaded villagers in Muidumbe, Cabo Delgado province, Mozambique.", "Muidumbe", "MZ"),
    (
        "Military aircraft struck Pa Zi Gyi village, Kanbalu township, Sagaing region, Myanmar.",
        "Pa Zi Gyi",
        "MM",
    ),
    (
        "An explosive device detonated at a rally in Chittagong, Chittagong division, Bangladesh.",
        "Chittagong",
        "BD",
    ),
    ("Maoists detonated a bomb in Rolpa district, Mid-Western region, Nepal.", "Rolpa", "NP"),
    (
        "A suicide bomber struck a bus in Kebithigollewa, Anuradhapura district, North Central province, Sri Lanka.",
        "Kebithigollewa",
        "LK",
    ),
    ("Assailants bombed a church in Surabaya, East Java, Indonesia.", "Surabaya", "ID"),
    ("Rockets struck a residential area in Kramatorsk, Donetsk oblast, Ukraine.", "Kramatorsk", "UA"),
    ("Assailants attacked a police post in Derbent, Dagestan, Russia.", "Derbent", "RU"),
    ("A car bomb exploded near a police bus in Sur district, Diyarbakir province, Turkey.", "Sur", "TR"),
    (
        "Assailants attacked a checkpoint near Sheikh Zuweid, North Sinai governorate, Egypt.",
        "Sheikh Zuweid",
        "EG",
    ),
    ("A car bomb exploded in the Dahiyeh area of Beirut, Lebanon.", "Beirut", "LB"),
    ("An assailant stabbed two people in Beersheba, Southern district, Israel.", "Beersheba", "IL"),
    ("Assailants opened fire at a shrine in Shiraz, Fars province, Iran.", "Shiraz", "IR"),
    ("An explosive device detonated in Tuz Khurmatu, Salah ad Din governorate, Iraq.", "Tuz Khurmatu", "IQ"),
    ("Aircraft struck a market in Maarat al-Numan, Idlib governorate, Syria.", "Maarat al-Numan", "SY"),
    ("Assailants attacked a checkpoint in Sangin district, Helmand province, Afghanistan.", "Sangin", "AF"),
    (
        "Assailants attacked a polio team in Bannu, Bannu district, Khyber Pakhtunkhwa province, Pakistan.",
        "Bannu",
        "PK",
    ),
    ("Assailants set fire to houses in Churachandpur, Manipur, India.", "Churachandpur", "IN"),
    ("Assailants attacked a bus in Datu Piang, Maguindanao province, Philippines.", "Datu Piang", "PH"),
    ("Assailants shot a ranger in Bannang Sata district, Yala province, Thailand.", "Bannang Sata", "TH"),
    ("Assailants attacked a police station in Suarez, Cauca department, Colombia.", "Suarez", "CO"),
    ("Assailants killed 14 people in Minatitlan, Veracruz, Mexico.", "Minatitlan", "MX"),
    ("Assailants ambushed a patrol in the VRAEM region, Ayacucho, Peru.", None, "PE"),
    ("Assailants attacked a barracks in Maracay, Aragua, Venezuela.", "Maracay", "VE"),
    ("A gunman opened fire at a school in Suzano, Sao Paulo state, Brazil.", "Suzano", "BR"),
    ("A gunman opened fire at a school in Uvalde, Texas, United States.", "Uvalde", "US"),
    ("A bomb exploded in Strabane, County Tyrone, Northern Ireland.", "Strabane", "GB"),
    ("On 17 August 2021, IS militants attacked villagers in Mbau (Beni, Nord-Kivu).", "Mbau", "CD"),
    (
        "On 2 March 2020, Ambazonian separatists attacked soldiers in Bamenda (Mezam, North-West).",
        "Bamenda",
        "CM",
    ),
    (
        "Assailants threw a grenade at a bar in the Eastleigh neighbourhood of Nairobi, Kenya.",
        "Nairobi",
        "KE",
    ),
    ("Assailants attacked a base about 15 km from Menaka town, Menaka region, Mali.", "Menaka", "ML"),
    ("Gunmen killed two people in Kaduna's Southern Kaduna area.", None, "NG"),
    ("Nigerian troops repelled an attack on Marte, Borno state.", "Marte", "NG"),
    ("Assailants attacked a mosque in Zaria, Kaduna, Nigeria.", "Zaria", "NG"),
    ("Assailants attacked a hotel in Gao, Gao region, Mali.", "Gao", "ML"),
    ("Assailants fired at a vehicle in Hebron, Hebron governorate, West Bank.", "Hebron", "PS"),
]


@pytest.mark.parametrize(("text", "city", "code"), MORE_PLACES, ids=[f"{c[2]}-{c[1]}" for c in MORE_PLACES])
def test_more_database_places(text: str, city: str | None, code: str) -> None:
    place = place_of(text)
    assert (place.city, place.country_code) == (city, code)


def test_appositives_areas_and_departments() -> None:
    village = place_of(
        "Assailants attacked Zorbakh, a village in Arghandab district, Kandahar province, Afghanistan."
    )
    assert (village.city, village.country_code) == ("Zorbakh", "AF")
    assert (
        place_of("An explosive device detonated in the Mosul area, Nineveh governorate, Iraq.").city
        == "Mosul"
    )
    assert (
        place_of("Assailants attacked civilians in Ouallam department, Tillaberi region, Niger.").city
        == "Ouallam"
    )
    department = place_of("Assailants attacked a police post in Cauca department, Colombia.")
    assert (department.city, department.country_code, department.precision) == (None, "CO", REGION)
    assert place_of("Assailants ambushed a convoy between Gao and Ansongo, Gao region, Mali.").city == "Gao"


def test_nationality_words_hint_countries_longest_first() -> None:
    text = "South Sudanese troops met Latin American envoys and Nigerian police; Afghans fled."
    assert demonym_countries(text) == ["SS", "NG", "AF"]


def test_regions_and_countries_carry_stand_in_coordinates() -> None:
    region = place_of("Fighting spread across Kandahar province.")
    kandahar = place_of("A bomb exploded in Kandahar.")
    assert region.precision == REGION and (region.latitude, region.longitude) == (
        kandahar.latitude,
        kandahar.longitude,
    )
    country = place_of("Unrest continued in Kenya.")
    assert (
        country.precision == COUNTRY
        and -5 < (country.latitude or 99) < 5
        and 33 < (country.longitude or 0) < 42
    )


def test_accented_capitals_compass_regions_and_titled_people() -> None:
    town = place_of("Assailants attacked a market in Ébolowa, South region, Cameroon.")
    assert (town.city, town.region, town.country_code) == ("Ébolowa", "South", "CM")
    assert place_of("A bomb exploded in Şanlıurfa, Şanlıurfa province, Turkey.").city == "Şanlıurfa"
    person = place_of("Gunmen targeted Governor Ahmad Khan, Helmand province, on Monday.")
    assert (person.city, person.country_code) == (None, "AF")


def test_two_towns_share_one_bracketed_chain() -> None:
    text = "On 2 May 2021, militants attacked Kourou Gana and Bani Koira (Tillaberi, Tillaberi). Ten were killed."
    mentions = find_places(text)
    assert [m.place.city for m in mentions if m.precision == CITY] == ["Kourou Gana", "Bani Koira"]
    assert {m.place.country_code for m in mentions} == {"NE"}
    assert resolve(mentions).city == "Kourou Gana"


# Whole summaries (several sentences, other places only mentioned), written as a second unseen check.
SUMMARIES = [
    (
        "03/14/2012: Assailants opened fire on a vehicle carrying police officers on the Kandahar-Herat highway in Maiwand district, Kandahar province, Afghanistan. Three officers were killed. The wounded were taken to a hospital in Kandahar city. The Taliban claimed responsibility.",
        "Maiwand",
        "AF",
    ),
    (
        "06/02/2016: A suicide bomber detonated an explosives-laden vest at a funeral in Alingar district, Laghman province, Afghanistan. At least 18 people were killed. No group claimed responsibility.",
        "Alingar",
        "AF",
    ),
    (
        "11/20/2019: An explosive device hidden in a motorcycle detonated at a market in Tal Abyad, Raqqa governorate, Syria. At least 10 civilians were killed. Turkish officials blamed the Kurdistan Workers' Party (PKK).",
        "Tal Abyad",
        "SY",
    ),
    (
        "On 24 May 2022, suspected JNIM militants attacked a FAMa checkpoint near Niono (Niono, Segou). 4 soldiers were killed. The attackers fled towards Mauritania.",
        "Niono",
        "ML",
    ),
    (
        "On 7 October 2021, ISWAP fighters ambushed a military convoy near Malam Fatori (Abadam, Borno). 8 soldiers killed.",
        "Malam Fatori",
        "NG",
    ),
    (
        "05/18/2015: Assailants stormed the village of Mbanda, Pweto territory, Haut-Katanga province, Democratic Republic of the Congo, and set fire to houses. Six villagers were killed.",
        "Mbanda",
        "CD",
    ),
    (
        "08/09/2017: Assailants attacked a police post in Tabuk, Kalinga province, Philippines. Two officers were killed. The New People's Army (NPA) claimed responsibility.",
        "Tabuk",
        "PH",
    ),
    (
        "02/21/2018: An explosive device detonated near a school bus in Chaman, Killa Abdullah district, Balochistan province, Pakistan. Two children were killed and 10 others were injured. No group claimed responsibility.",
        "Chaman",
        "PK",
    ),
    (
        "04/12/2013: Assailants fired on a vehicle about 20 kilometres from Gardez city, Paktia province, Afghanistan. A district governor was killed.",
        "Gardez",
        "AF",
    ),
    (
        "09/05/2014: Assailants abducted 11 fishermen off the coast of Sulu province, Philippines. Abu Sayyaf was suspected.",
        None,
        "PH",
    ),
    (
        "01/26/2016: A suicide bomber detonated an explosive device at a mosque in Bodo, Far North region, Cameroon. At least 32 people were killed. Boko Haram was suspected.",
        "Bodo",
        "CM",
    ),
    (
        "07/03/2019: Assailants attacked a gold mine convoy near Boungou, Est region, Burkina Faso. 39 workers were killed.",
        "Boungou",
        "BF",
    ),
    (
        "10/10/2015: Two suicide bombers detonated explosive devices at a peace rally near the main railway station in Ankara, Ankara province, Turkey. At least 103 people were killed and over 400 injured. Islamic State was blamed.",
        "Ankara",
        "TR",
    ),
    (
        "12/17/2016: A suicide bomber detonated an explosive device in a crowd of soldiers at the Al-Sawlaban military base in Aden, Aden governorate, Yemen. At least 52 soldiers were killed. The Islamic State claimed responsibility.",
        "Aden",
        "YE",
    ),
    (
        "03/25/2017: Assailants detonated an explosive device near a police checkpoint in Dikwa, Borno state, Nigeria. The bombers, who had travelled from Maiduguri, were killed.",
        "Dikwa",
        "NG",
    ),
    (
        "On 18 April 2020, unknown armed men killed 3 civilians in Barsalogho (Sanmatenga, Centre-Nord).",
        "Barsalogho",
        "BF",
    ),
    (
        "On 2 January 2021, Islamic State militants attacked Tchoma Bangou and Zaroumadareye (Tillaberi, Tillaberi). 100 civilians killed.",
        "Tchoma Bangou",
        "NE",
    ),
    (
        "05/01/2021: An explosive-laden vehicle detonated outside a guesthouse in Pul-e-Alam, Logar province, Afghanistan. At least 24 people were killed. No group claimed responsibility.",
        "Pul-e-Alam",
        "AF",
    ),
    (
        "07/24/2017: A suicide bomber detonated an explosive device near a bus carrying government employees in the Qala-e-Nazir area of western Kabul, Kabul province, Afghanistan. At least 24 people were killed.",
        "Kabul",
        "AF",
    ),
    (
        "06/28/2014: Assailants attacked a market in Kawuri village, Konduga LGA, Borno state, Nigeria. At least 20 people were killed.",
        "Kawuri",
        "NG",
    ),
    (
        "09/29/2019: Assailants opened fire on a bus near Mbollo, Kunene region, Namibia. Two people were injured.",
        "Mbollo",
        "NA",
    ),
    (
        "03/06/2022: Assailants detonated explosives at a Shia mosque in the Kocha Risaldar area of Peshawar, Khyber Pakhtunkhwa province, Pakistan. At least 63 people were killed. The Islamic State claimed responsibility.",
        "Peshawar",
        "PK",
    ),
    (
        "11/28/2020: Assailants attacked farmers in Koshobe, Jere LGA, Borno state, Nigeria, killing at least 43.",
        "Koshobe",
        "NG",
    ),
    (
        "04/19/2020: A gunman disguised as a police officer shot people in several locations across Nova Scotia, Canada, over 13 hours. 22 people were killed.",
        None,
        "CA",
    ),
    (
        "08/03/2019: A gunman opened fire at a Walmart store in El Paso, Texas, United States. 23 people were killed. The gunman was arrested.",
        "El Paso",
        "US",
    ),
    (
        "On 12 June 2022, unidentified gunmen attacked Seytenga (Seno, Sahel), killing at least 86 civilians.",
        "Seytenga",
        "BF",
    ),
    (
        "01/15/2019: Assailants armed with guns and explosives attacked the DusitD2 complex in Nairobi, Nairobi county, Kenya. 21 people were killed.",
        "Nairobi",
        "KE",
    ),
    (
        "02/14/2019: A suicide bomber drove an explosives-laden vehicle into a bus carrying CRPF personnel near Lethpora, Pulwama district, Jammu and Kashmir, India. 40 personnel were killed.",
        "Lethpora",
        "IN",
    ),
    (
        "10/14/2017: A truck bomb exploded at the K5 intersection in Hodan district, Mogadishu, Banadir region, Somalia. At least 587 people were killed.",
        "Mogadishu",
        "SO",
    ),
    (
        "06/05/2022: Assailants attacked worshippers at St. Francis Catholic Church in Owo, Ondo state, Nigeria. At least 40 people were killed.",
        "Owo",
        "NG",
    ),
]


@pytest.mark.parametrize(("text", "city", "code"), SUMMARIES, ids=[f"{c[2]}-{c[1]}" for c in SUMMARIES])
def test_whole_summaries(text: str, city: str | None, code: str) -> None:
    place = place_of(text)
    assert (place.city, place.country_code) == (city, code)


def test_long_inputs_stay_linear() -> None:
    # A quadratic scan would take minutes on these; the bound only catches that.
    gazetteer()
    started = time.perf_counter()
    assert find_places("A" * 100_000) == []
    assert resolve(find_places("In " + "Kabul, " * 5_000 + "Afghanistan.")).city == "Kabul"
    assert time.perf_counter() - started < 10


def test_known_quarters_code_as_their_city_without_the_city_named() -> None:
    for text, city in (
        ("A bomb exploded in Dasht-e-Barchi on Friday.", "Kabul"),
        ("A car bomb exploded in Sadr City.", "Baghdad"),
        ("Gunmen attacked a market in Hodan, Banadir, Somalia.", "Mogadishu"),
        ("A soldier was killed in Woolwich.", "London"),
    ):
        place = place_of(text)
        assert (place.city, place.precision) == (city, CITY), text
        assert place.latitude is not None


def test_former_country_names_of_older_records() -> None:
    for text, code in (
        ("Assailants bombed a bus in Kinshasa, Zaire.", "CD"),
        ("A bomb exploded outside a barracks in Bonn, West Germany.", "DE"),
        ("A car bomb exploded in Sarajevo, Bosnia-Herzegovina.", "BA"),
        ("Guerrillas attacked a police post in Jaffna, Ceylon.", "LK"),
    ):
        assert place_of(text).country_code == code, text


def test_article_country_picks_among_same_named_regions() -> None:
    assert resolve(find_places("Clashes in Punjab left three dead."), ["IN"]).country_code == "IN"
    assert resolve(find_places("Clashes in Punjab left three dead."), ["PK"]).country_code == "PK"
    # The word the text uses wins over the article's country: India's Punjab is a state.
    assert resolve(find_places("Clashes in Punjab province left three dead."), ["IN"]).country_code == "PK"


# A third and a fourth unseen check (23 of 25, then 15 of 15, right before any fix they prompted).
PHRASINGS = [
    (
        "11/05/2009: A gunman opened fire at a military base in Fort Hood, Texas, United States.",
        "Fort Hood",
        "US",
    ),
    ("Assailants attacked a Christian village in Kwall, Bassa LGA, Plateau state, Nigeria.", "Kwall", "NG"),
    ("Assailants set off a bomb in the main market of Hilla, Babil governorate, Iraq.", "Hilla", "IQ"),
    (
        "An explosive device detonated at a police station in Batman city, Batman province, Turkey.",
        "Batman",
        "TR",
    ),
    (
        "Assailants killed a tribal elder in Spin Boldak district, Kandahar province, Afghanistan.",
        "Spin Boldak",
        "AF",
    ),
    ("Assailants attacked a checkpoint in Arish, North Sinai governorate, Egypt.", "Arish", "EG"),
    (
        "On 22 August 2021, suspected ISWAP militants attacked Ngamdu (Kaga, Borno) and burned houses.",
        "Ngamdu",
        "NG",
    ),
    ("On 1 September 2020, protesters clashed with police in Kenosha (Kenosha, Wisconsin).", "Kenosha", "US"),
    (
        "Assailants attacked a hospital in Kunduz, Afghanistan, operated by Medecins Sans Frontieres.",
        "Kunduz",
        "AF",
    ),
    ("Assailants attacked a bus near Mombasa, Mombasa county, Kenya.", "Mombasa", "KE"),
    ("A car bomb exploded near a court in Damascus, Damascus governorate, Syria.", "Damascus", "SY"),
    ("Unknown assailants shot a priest in Saint-Etienne, Loire, France.", "Saint-Etienne", "FR"),
    ("Assailants abducted two aid workers in Dadaab refugee camp, Garissa county, Kenya.", "Dadaab", "KE"),
    ("Assailants attacked a market in Ansongo, Gao region, Mali.", "Ansongo", "ML"),
    ("Assailants attacked Ghazni city, Ghazni province, Afghanistan.", "Ghazni", "AF"),
    (
        "The incident occurred in Gulistan district, Farah province, Afghanistan, when assailants attacked a checkpoint.",
        "Gulistan",
        "AF",
    ),
    (
        "Assailants attacked a checkpoint between Baiji and Tikrit in Salah ad Din governorate, Iraq.",
        "Baiji",
        "IQ",
    ),
    (
        "Assailants attacked the village of Sangin in Sangin district of Helmand province, Afghanistan.",
        "Sangin",
        "AF",
    ),
    ("Assailants attacked a police post in Mandera town, Mandera county, Kenya.", "Mandera", "KE"),
    (
        "An explosive device detonated on the outskirts of Maiduguri city, Borno state, Nigeria.",
        "Maiduguri",
        "NG",
    ),
    ("Assailants attacked Baga, a town in Kukawa LGA, Borno state, Nigeria.", "Baga", "NG"),
    (
        "On 4 June 2018, Al Shabaab militants attacked an AMISOM convoy in Mogadishu - Dharkenley (Banadir).",
        "Mogadishu",
        "SO",
    ),
    (
        "On 11 March 2019, armed men attacked Ogossagou Peul (Bankass, Mopti) and killed 160 civilians.",
        "Ogossagou Peul",
        "ML",
    ),
    (
        "An explosive device hidden in a cart detonated near a bus stand in Parachinar, Kurram district, Khyber Pakhtunkhwa province, Pakistan.",
        "Parachinar",
        "PK",
    ),
    ("Assailants fired rockets at Kirkuk Air Base in Kirkuk, Kirkuk governorate, Iraq.", "Kirkuk", "IQ"),
    (
        "Militants attacked a military outpost in Ras Kamboni, Lower Juba region, Somalia.",
        "Ras Kamboni",
        "SO",
    ),
    ("Assailants abducted 276 schoolgirls from a school in Chibok, Borno state, Nigeria.", "Chibok", "NG"),
    ("Assailants opened fire at a wedding in Nad-e Ali, Helmand, Afghanistan.", "Nad-e Ali", "AF"),
    (
        "Suspected insurgents set off a bomb in a market in Sungai Kolok district, Narathiwat, Thailand.",
        "Sungai Kolok",
        "TH",
    ),
    ("Assailants attacked a patrol in the Sinjar mountains, Nineveh governorate, Iraq.", None, "IQ"),
    ("Assailants shot a journalist in Culiacan, Sinaloa state, Mexico.", "Culiacan", "MX"),
    (
        "Assailants attacked a convoy in Kunduz city, Kunduz province, Afghanistan, killing six.",
        "Kunduz",
        "AF",
    ),
    ("Assailants attacked a village in the Tombouctou region, Mali.", None, "ML"),
    ("A suicide bomber struck a Shiite mosque in Qatif, Eastern Province, Saudi Arabia.", "Qatif", "SA"),
    ("Assailants stormed a hotel in Grand-Bassam, Sud-Comoe region, Ivory Coast.", "Grand-Bassam", "CI"),
    ("Assailants fired mortars at a market in Gao, Mali, and at a camp in Kidal.", "Gao", "ML"),
    ("Assailants ambushed troops near Djibo, Soum province, Burkina Faso; 15 were killed.", "Djibo", "BF"),
    ("Assailants attacked the town of Kerawa on the border between Cameroon and Nigeria.", "Kerawa", "CM"),
    (
        "A car bomb exploded at a checkpoint in Baidoa, Bay region, Somalia, and a second device went off in Mogadishu.",
        "Baidoa",
        "SO",
    ),
    ("Assailants attacked a mosque in Bir al-Abed, North Sinai, Egypt.", "Bir al-Abed", "EG"),
]


@pytest.mark.parametrize(("text", "city", "code"), PHRASINGS, ids=[f"{c[2]}-{c[1]}" for c in PHRASINGS])
def test_database_phrasings(text: str, city: str | None, code: str) -> None:
    place = place_of(text)
    assert (place.city, place.country_code) == (city, code)


def test_bracketed_state_named_like_a_country() -> None:
    # ACLED writes "(LGA, State)": a known Nigerian town in the brackets makes "Niger" the state.
    nigeria = place_of("On 3 May 2021, gunmen abducted travellers at Dikko (Suleja, Niger).")
    assert (nigeria.city, nigeria.country_code) == ("Dikko", "NG")
    niger = place_of("On 3 May 2021, militants attacked Ayorou (Tillaberi, Niger).")
    assert (niger.city, niger.country_code) == ("Ayorou", "NE")


def test_acled_brackets_hold_district_and_region() -> None:
    state = place_of("On 14 February 2021, gunmen abducted pupils at Kagara (Rafi, Niger).")
    assert (state.city, state.country_code) == ("Kagara", "NG")
    country = place_of("On 3 May 2021, militants attacked Ayorou (Tillaberi, Niger).")
    assert (country.city, country.country_code) == ("Ayorou", "NE")


def test_pakistani_tribal_agencies_of_older_records() -> None:
    town = place_of(
        "Assailants attacked a school in Bara, Khyber Agency, Federally Administered Tribal Areas, Pakistan."
    )
    assert (town.city, town.region, town.country_code) == ("Bara", "Khyber", "PK")
    agency = place_of(
        "Assailants attacked a checkpoint in Khyber Agency, Federally Administered Tribal Areas, Pakistan."
    )
    assert (agency.city, agency.country_code) == ("Khyber", "PK")
    assert place_of("A bomb exploded in Peshawar, North West Frontier Province, Pakistan.").city == "Peshawar"


def test_units_and_quarters_before_a_big_city() -> None:
    assert place_of("Gunmen attacked Bichi LGA, Kano, Nigeria.").city == "Bichi"
    assert place_of("Gunmen attacked the Sabon Gari neighbourhood, Kano, Nigeria.").city == "Kano"
    assert place_of("A bomb exploded in Chak Jhumra tehsil, Faisalabad, Pakistan.").city == "Chak Jhumra"


def test_a_part_of_a_named_city_is_still_that_city() -> None:
    text = "A truck bomb exploded in the eastern part of Kirkuk city, Kirkuk governorate, Iraq."
    cities = [m.place.city for m in find_places(text) if m.place.city]
    assert cities == ["Kirkuk"]
