"""End to end: pages written for these tests → newsdesk.extract → store, through the CLI."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import Engine, create_engine, func, select

from newsdesk.cli import main
from newsdesk.corpus import open_store
from newsdesk.corpus.schema import ArticleRow

STORY = (
    "<p>Fire crews spent the night battling a blaze that broke out in a timber warehouse beside the "
    "river port of Velmora, the regional fire service said on Thursday morning.</p>"
    "<p>Nobody was hurt, but the smoke forced the closure of two schools and the ring road for several "
    "hours while firefighters pumped water from the harbour basin.</p>"
    "<p>Investigators have not yet said what started the fire; the owner told reporters the building "
    "had been empty since the weekend.</p>"
)


def page(site: str, headline: str, body: str, extra: str = "") -> str:
    return (
        f"<html><head><title>{headline} | {site}</title><meta property='og:site_name' content='{site}'></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{headline}</h1>{body}{extra}</article>"
        f"<footer>© {site}. All rights reserved.</footer></body></html>"
    )


def write_pages(folder: Path) -> None:
    folder.mkdir()
    (folder / "original.html").write_text(page("Velmora Post", "Warehouse fire closes schools", STORY))
    (folder / "syndicated.html").write_text(
        page("Coastal Courier", "Warehouse fire closes schools in Velmora", STORY, "<p>Agency copy.</p>")
    )
    other = (
        "<p>The city council of Velmora voted on Tuesday to extend the tram line to the northern "
        "suburbs, ending a dispute that had delayed the project for three years.</p>"
        "<p>Construction is expected to start next spring and to take about two years, the mayor said.</p>"
    )
    (folder / "tram.html").write_text(page("Velmora Post", "Council backs tram extension", other))
    (folder / "empty.html").write_text("")


def test_ingest_command_extracts_folds_and_reports(tmp_path: Path, store_url: str) -> None:
    write_pages(tmp_path / "pages")
    runner = CliRunner()
    first = runner.invoke(
        main, ["ingest", str(tmp_path / "pages"), "--db", store_url, "--quiet", "--json", "--no-analyze"]
    )
    assert first.exit_code == 1, first.output  # the empty page is an error, listed
    summary = json.loads(first.output)
    assert summary["pages_read"] == 4 and summary["articles_stored"] == 3
    assert summary["duplicates_folded"] == 1
    assert [(e["source"].rsplit("/", 1)[-1], e["stage"]) for e in summary["errors"]] == [
        ("empty.html", "extract")
    ]

    again = runner.invoke(main, ["ingest", str(tmp_path / "pages"), "--db", store_url, "--quiet", "--json"])
    assert json.loads(again.output)["articles_stored"] == 0 and json.loads(again.output)["unchanged"] == 3

    with open_store(store_url) as store:
        assert store.stats()["articles"] == 3 and store.failures().total == 1
        hits = store.search_articles("warehouse blaze")
        assert hits.total == 2 and {h.source for h in hits.items} == {"Velmora Post", "Coastal Courier"}
    found = runner.invoke(main, ["search", "tram", "--db", store_url])
    assert "Council backs tram extension" in found.output


def _many_pages(folder: Path, count: int) -> None:
    folder.mkdir()
    places = ["Arlen", "Brisk", "Corvo", "Dunmere", "Elsby", "Fenwick", "Galloway", "Hartsel"]
    for i in range(count):
        town = places[i % len(places)]
        body = (
            f"<p>The {town} district office published bulletin number {i} on road repairs planned for week "
            f"{i % 52}. Crews will resurface {i % 17 + 1} streets and replace {i * 3 % 29 + 2} lamps near the "
            f"{town} market, officials wrote.</p><p>Lane {i % 5} stays open during work order {i * 7919}, "
            f"and residents of {town} can send questions to the district office until the end of the month.</p>"
        )
        (folder / f"page{i:04d}.html").write_text(page(f"{town} Gazette", f"Notice {i} from {town}", body))


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(ArticleRow)) or 0


def test_sigkill_mid_ingest_loses_and_duplicates_nothing(tmp_path: Path, store_url: str) -> None:
    total = 120
    _many_pages(tmp_path / "pages", total)
    open_store(store_url).close()  # schema in place before the race
    command = [
        sys.executable, "-c", "from newsdesk.cli import main; main()",
        "ingest", str(tmp_path / "pages"), "--db", store_url, "--no-analyze", "--quiet",
    ]  # fmt: skip
    engine = create_engine(store_url)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored_at_kill = 0
    while time.monotonic() < deadline and process.poll() is None:
        stored_at_kill = _count(engine)
        if stored_at_kill >= 5:
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < stored_at_kill < total, "the run must be killed part-way through"

    finished = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    with engine.connect() as connection:
        keys = connection.execute(select(ArticleRow.content_hash)).scalars().all()
    engine.dispose()
    assert len(keys) == total and len(set(keys)) == total
