"""The corpus commands on a store filled through the Python API."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner
from corpus_fixtures import MARKET_1, article, at
from test_store import market_reports, patrol_report

from newsdesk.cli import main
from newsdesk.corpus import open_store
from newsdesk.corpus.export import GTD_COLUMNS


def filled(store_url: str) -> None:
    with open_store(store_url) as store:
        for page in [*market_reports(), patrol_report()]:
            store.ingest(page)
        store.ingest(article("https://x.example/other", "Market reopens", MARKET_1[:1], published=at(9)))


def test_events_and_search_commands(store_url: str) -> None:
    filled(store_url)
    runner = CliRunner()
    listed = runner.invoke(main, ["events", "--db", store_url])
    assert listed.exit_code == 0 and listed.output.startswith("2 event(s)")
    assert "killed 7 (7–12)" in listed.output and "Monday Market" in listed.output
    only = runner.invoke(main, ["events", "--db", store_url, "--min-killed", "5", "--json"])
    assert [json.loads(line)["killed"]["value"] for line in only.output.splitlines()] == [7]

    found = runner.invoke(main, ["search", "handcart", "--db", store_url, "--group", "Boko Haram"])
    assert "Events: 1" in found.output and "Articles: 1" in found.output
    none = runner.invoke(main, ["search", "market", "--db", store_url, "--country", "FR"])
    assert "Events: 0" in none.output and "Articles: 0" in none.output
    everything = runner.invoke(main, ["search", "market", "--db", store_url, "--only", "articles"])
    assert "Articles: 4" in everything.output


def test_export_formats(store_url: str, tmp_path: Path) -> None:
    filled(store_url)
    runner = CliRunner()

    out = runner.invoke(main, ["export", "--format", "csv", "--db", store_url])
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert tuple(rows[0]) == GTD_COLUMNS and len(rows) == 2
    market = next(r for r in rows if r["nkill"] == "7")
    assert (market["iyear"], market["imonth"], market["iday"]) == ("2025", "3", "4")
    assert market["country_txt"] == "Nigeria" and market["city"] == "Maiduguri"
    assert market["attacktype1_txt"] == "Bombing/Explosion" and market["weaptype1_txt"] == "Explosives"
    assert market["gname"] == "Boko Haram" and market["claimed"] == "0" and market["nwound"] == "20"

    out = runner.invoke(main, ["export", "--format", "jsonl", "--db", store_url, "--country", "NG"])
    events = [json.loads(line) for line in out.stdout.splitlines()]
    assert sorted(len(e["reports"]) for e in events) == [1, 3]

    runner.invoke(
        main, ["export", "--format", "geojson", "--db", store_url, "-o", str(tmp_path / "e.geojson")]
    )
    collection = json.loads((tmp_path / "e.geojson").read_text())
    located = [f for f in collection["features"] if f["geometry"]]
    assert collection["type"] == "FeatureCollection" and located[0]["geometry"]["coordinates"] == [
        13.157,
        11.846,
    ]

    runner.invoke(
        main, ["export", "--format", "parquet", "--db", store_url, "-o", str(tmp_path / "e.parquet")]
    )
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 2 and sorted(table.column("killed").to_pylist()) == [2, 7]
