"""The armed-group list: its integrity, and groups coded by name through ``newsdesk.analyze``.

Every report below is written for these tests.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from importlib import resources
from typing import Any

import pytest

import newsdesk
from newsdesk.model import Article, Block, Provenance
from newsdesk.understand.events import _find_groups

GROUPS_FILE = resources.files("newsdesk") / "data" / "armed_groups.jsonl"


def fold(text: str) -> str:
    """The strictest key any consumer uses: case, accents, punctuation, spacing and "the" ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"^the\s+", "", plain.strip())
    return re.sub(r"[^0-9a-z]+", "", plain)


@pytest.fixture(scope="module")
def groups() -> list[dict[str, Any]]:
    lines = GROUPS_FILE.read_text(encoding="utf-8").splitlines()
    records = []
    for number, line in enumerate(lines, start=1):
        assert line.strip(), f"line {number} is blank"
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number} is not an object"
        records.append(record)
    return records


def test_every_line_is_a_named_group(groups: list[dict[str, Any]]) -> None:
    allowed = {"name", "type", "parent", "aliases", "leaders"}
    for record in groups:
        assert isinstance(record.get("name"), str) and record["name"].strip() == record["name"] != ""
        assert record["type"] == "GROUP", record["name"]
        assert set(record) <= allowed, (record["name"], set(record) - allowed)
        for key in ("aliases", "leaders"):
            values = record.get(key, [])
            assert isinstance(values, list), (record["name"], key)
            assert all(isinstance(v, str) and v.strip() == v != "" for v in values), (record["name"], key)


def test_names_are_unique(groups: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for record in groups:
        key = fold(record["name"])
        assert key not in seen, f"{record['name']!r} repeats {seen[key]!r}"
        seen[key] = record["name"]


def test_no_alias_names_two_groups(groups: list[dict[str, Any]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for record in groups:
        for alias in [record["name"], *record.get("aliases", [])]:
            owners[fold(alias)].add(record["name"])
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared, shared


def test_no_alias_is_the_name_of_another_group(groups: list[dict[str, Any]]) -> None:
    names = {fold(record["name"]): record["name"] for record in groups}
    for record in groups:
        for alias in record.get("aliases", []):
            owner = names.get(fold(alias), record["name"])
            assert owner == record["name"], f"{record['name']!r} alias {alias!r} is the group {owner!r}"


def test_parents_exist_and_do_not_loop(groups: list[dict[str, Any]]) -> None:
    parents = {record["name"]: record.get("parent") for record in groups}
    for name in parents:
        seen = {name}
        parent = parents[name]
        while parent is not None:
            assert parent in parents, f"{name!r} has an unknown parent {parent!r}"
            assert parent not in seen, f"{name!r} has a parent loop"
            seen.add(parent)
            parent = parents[parent]


def analysed(text: str) -> Article:
    article = Article(
        language="en",
        published=None,
        body=[Block(text=part.strip()) for part in text.split("\n\n") if part.strip()],
        provenance=Provenance(input_kind="text", extractor="test", version="0"),
    )
    return newsdesk.analyze(article)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "04/02/1979: A bomb exploded outside the offices of a chemical company in Turin, Piedmont, "
            "Italy, causing damage but no casualties. Prima Linea claimed responsibility for the attack.",
            "Prima Linea",
        ),
        (
            "09/12/1998: Assailants opened fire on a weekly market near Khowai town, Tripura state, India, "
            "killing four villagers. The All Tripura Tiger Force (ATTF) claimed responsibility.",
            "All Tripura Tiger Force (ATTF)",
        ),
        (
            "03/20/1986: A bomb exploded in a shopping arcade on the Champs-Elysees in Paris, France, "
            "killing two people and injuring 28 others. The CSPPA claimed responsibility for the blast.",
            "Committee for Solidarity with Arab and Middle East Political Prisoners (CSPPA)",
        ),
        (
            "08/02/1998: Gunmen ambushed a police patrol near Decani town, Kosovo, killing two officers. "
            "The Kosovo Liberation Army claimed responsibility for the ambush.",
            "Kosovo Liberation Army (KLA)",
        ),
    ],
)
def test_a_claim_by_a_listed_group_codes_its_canonical_name(text: str, group: str) -> None:
    events = analysed(text).events
    assert [(event.perpetrator.name, event.perpetrator.status) for event in events] == [(group, "claimed")]


@pytest.mark.parametrize(
    "text",
    [
        # "17 November" is a date here, not the Greek group Revolutionary Organization 17 November.
        "Gunmen shot dead a shopkeeper outside his store in Athens on 17 November, police said.",
        # "ANC" is active noise cancelling here, not the African National Congress.
        "Arsonists set fire to an electronics shop in Durban on Sunday, destroying its stock of ANC "
        "headphones.",
        # "Ira" is a first name, not the Irish Republican Army.
        "Gunmen shot dead Ira Goldberg, a jeweller, in his shop in Chicago on Monday, police said.",
    ],
)
def test_an_ordinary_phrase_that_resembles_an_alias_names_no_group(text: str) -> None:
    article = analysed(text)
    assert article.events, "the report must still be read as an event"
    assert all(event.perpetrator.name is None for event in article.events)
    assert not [entity.name for entity in article.entities if entity.type == "GROUP"]
    # The event coder's own finder matches long aliases case-insensitively: it must stay quiet too.
    assert not [mention.text for mention in _find_groups(text, []) if not mention.state]
