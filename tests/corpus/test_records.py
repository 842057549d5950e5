"""The store's records mirror the article model where they describe the same thing."""

from newsdesk.corpus.records import PlaceRecord
from newsdesk.model import Place


def test_place_record_has_every_place_field_but_the_evidence_span() -> None:
    # A merged event's place comes from many reports, so it has no single evidence span;
    # every other field of Place must exist in the record, with the same type and default.
    place_fields = {name: field for name, field in Place.model_fields.items() if name != "evidence"}
    record_fields = PlaceRecord.model_fields
    assert set(record_fields) == set(place_fields)
    for name, field in place_fields.items():
        assert record_fields[name].annotation == field.annotation, name
        assert record_fields[name].default == field.default, name
