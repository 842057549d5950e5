"""GTD-style rows: fatalities counted the way GTD counts them."""

from __future__ import annotations

from corpus_fixtures import article, at, event

from newsdesk.corpus import Store
from newsdesk.corpus.export import gtd_row
from newsdesk.model import Casualties


def test_nkill_counts_attackers_and_nkillter_them_alone(store: Store) -> None:
    raid = event("shooting", at(12).date(), city="Kano", country="Nigeria", code="NG", killed=4)
    raid.attackers_killed = Casualties(value=2, qualifier="exact")
    quiet = event("shooting", at(20).date(), city="Sokoto", country="Nigeria", code="NG", killed=1)
    stored = [
        store.ingest(
            article(
                "https://a.example/raid",
                "Gunmen storm a police post",
                ["Four officers and two of the attackers died when gunmen stormed a police post in Kano."],
                published=at(12),
                events=[raid],
            )
        ),
        store.ingest(
            article(
                "https://b.example/sokoto",
                "Shopkeeper shot in Sokoto",
                ["A shopkeeper was shot dead in Sokoto on Thursday; the gunman fled on foot."],
                published=at(20),
                events=[quiet],
            )
        ),
    ]
    rows = []
    for result in stored:
        detail = store.get_event(result.events_created[0])
        assert detail is not None
        rows.append(gtd_row(detail))
    assert (rows[0]["nkill"], rows[0]["nkillter"]) == (6, 2)
    assert (rows[1]["nkill"], rows[1]["nkillter"]) == (1, "")
