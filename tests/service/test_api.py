"""The HTTP API, over a real server on loopback."""

from __future__ import annotations

import httpx
from service_fixtures import HOSTILE, TOKEN, Running

AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Generous: the machine is shared, and the first map request simplifies the basemap.
http = httpx.Client(timeout=60)


def test_events_filters_and_pagination(service: Running) -> None:
    every = http.get(f"{service.url}/events").json()
    assert every["total"] == 2
    bombings = http.get(f"{service.url}/events", params={"type": "bombing", "country": "NG"}).json()
    assert [e["id"] for e in bombings["items"]] == [service.event_ids["market"]]
    assert bombings["items"][0]["source_count"] == 2
    assert http.get(f"{service.url}/events", params={"min_killed": 100}).json()["total"] == 0
    assert http.get(f"{service.url}/events", params={"group": "boko"}).json()["total"] == 1
    assert http.get(f"{service.url}/events", params={"from": "2025-03-06"}).json()["total"] == 1
    page = http.get(f"{service.url}/events", params={"limit": 1, "offset": 1}).json()
    assert len(page["items"]) == 1 and page["offset"] == 1


def test_events_as_geojson(service: Running) -> None:
    response = http.get(f"{service.url}/events", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert {f["properties"]["country"] for f in features} == {"Nigeria", "Malta"}
    market = next(f for f in features if f["id"] == service.event_ids["market"])
    assert market["geometry"]["coordinates"] == [13.16, 11.85]


def test_event_detail_has_sources_evidence_and_quotes(service: Running) -> None:
    detail = http.get(f"{service.url}/events/{service.event_ids['market']}").json()
    assert len(detail["reports"]) == 2
    assert {r["source"] for r in detail["reports"]} >= {"news.example", "wire.example"} or len(
        {r["source"] for r in detail["reports"]}
    ) == 2
    trigger = detail["reports"][0]["said"]["trigger"]
    assert trigger["text"] == "explosive device went off"
    assert detail["quotes"][0]["speaker"] == "a trader"
    missing = http.get(f"{service.url}/events/999999")
    assert missing.status_code == 404 and "999999" in missing.json()["detail"]


def test_articles_search(service: Running) -> None:
    hits = http.get(f"{service.url}/articles", params={"q": "handcart"}).json()
    assert hits["total"] == 1 and hits["items"][0]["url"] == "https://wire.example/market-blast"


def test_extract_returns_an_article(service: Running) -> None:
    html = (
        "<html><head><title>Storm closes port</title></head><body><article><h1>Storm closes port</h1>"
        + "".join(
            f"<p>Paragraph {i} about the storm that closed the harbour for two days running.</p>"
            for i in range(6)
        )
        + "</article></body></html>"
    )
    response = http.post(f"{service.url}/extract", content=html, headers={"Content-Type": "text/html"})
    assert response.status_code == 200
    article = response.json()
    assert article["status"] == "ok" and "harbour" in article["text"]
    as_json = http.post(f"{service.url}/extract", json={"text": "Line one of a note.\n\nLine two of a note."})
    assert as_json.status_code == 200 and as_json.json()["provenance"]["input_kind"] == "text"


def test_bad_requests_get_clear_4xx(service: Running) -> None:
    too_big = http.post(f"{service.url}/extract", content=b"x" * 300_000)
    assert too_big.status_code == 413 and "too large" in too_big.json()["detail"]
    empty = http.post(f"{service.url}/extract", content=b"")
    assert empty.status_code == 422
    both = http.post(f"{service.url}/extract", json={"html": "<p>a</p>", "text": "a"})
    assert both.status_code == 422 and "exactly one" in both.json()["detail"]
    assert http.get(f"{service.url}/events", params={"limit": 0}).status_code == 422
    assert http.get(f"{service.url}/events", params={"from": "not-a-date"}).status_code == 422


def test_writes_need_a_token(service: Running) -> None:
    page = {
        "text": "Warehouse fire contained in port district\n\n"
        "Firefighters put out a blaze at a grain warehouse in the port district late on Monday, "
        "the city fire service said.\n\n"
        "Nobody was hurt, but the building's roof collapsed and about 400 tonnes of wheat were lost, "
        "according to the owner.\n\n"
        "Investigators have not said what caused the fire, which sent smoke over the harbour for hours."
    }
    assert http.post(f"{service.url}/ingest", json=page).status_code == 401
    wrong = http.post(f"{service.url}/ingest", json=page, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert http.get(f"{service.url}/watches").status_code == 401
    ok = http.post(f"{service.url}/ingest", json=page | {"url": "https://port.example/fire"}, headers=AUTH)
    assert ok.status_code == 200 and ok.json()["result"]["status"] == "stored", ok.text
    again = http.post(f"{service.url}/ingest", json=page | {"url": "https://port.example/fire"}, headers=AUTH)
    assert again.json()["result"]["status"] == "unchanged"


def test_watches_over_http(service: Running) -> None:
    created = http.post(
        f"{service.url}/watches",
        json={"name": "malta", "query": {"country": "MT"}, "email": "desk@newsdesk.test"},
        headers=AUTH,
    )
    assert created.status_code == 201 and created.json()["query"]["country"] == "MT"
    private = http.post(
        f"{service.url}/watches",
        json={"name": "inside", "query": {}, "webhook_url": "http://127.0.0.1:1/x"},
        headers=AUTH,
    )
    assert private.status_code == 422 and "non-public" in private.json()["detail"]
    assert [w["name"] for w in http.get(f"{service.url}/watches", headers=AUTH).json()] == ["malta"]
    assert http.delete(f"{service.url}/watches/malta", headers=AUTH).status_code == 204
    assert http.delete(f"{service.url}/watches/malta", headers=AUTH).status_code == 404


def test_openapi_spec_lists_the_endpoints(service: Running) -> None:
    paths = http.get(f"{service.url}/openapi.json").json()["paths"]
    for path in ("/events", "/events/{event_id}", "/articles", "/extract", "/ingest", "/watches"):
        assert path in paths


def test_ui_escapes_page_text(service: Running) -> None:
    page = http.get(f"{service.url}/ui/events/{service.event_ids['protest']}").text
    assert HOSTILE not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    listing = http.get(f"{service.url}/ui/articles").text
    assert "<script>window.__pwned" not in listing
