"""Ingest throughput and search latency of the corpus store, SQLite and PostgreSQL.

Three measurements per database, each with an anchor measured in the same run:

1. store: N pre-built Articles (bench/corpus_gen.py, our own templates; reports of incidents,
   syndicated copies, local news) through ``Store.ingest`` — dedupe, merge and all — one
   transaction each. Anchor: inserting the same articles' JSON into a bare one-table schema
   in the same database, one transaction each.
2. search on that ≥10,000-article store: full-text article queries, event queries with filters,
   event pages. Anchor: a ``LIKE '%word%'`` scan of the same article text.
3. pipeline: P generated HTML pages through extract + analyze + store. Anchors: extract alone,
   extract + analyze, on the same pages.

    python bench/ingest.py [--articles 10000] [--pages 200] [--pg postgresql://…]

--pg defaults to $NEWSDESK_BENCH_PG_URL; without it only SQLite runs. Each run uses a fresh
SQLite file and a fresh PostgreSQL schema (dropped afterwards).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, create_engine, make_url, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_gen
import newsdesk
from newsdesk.corpus import EventQuery, open_store
from newsdesk.corpus.store import Store, resolve_url


@contextmanager
def database(kind: str, pg_url: str | None) -> Iterator[str]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    assert pg_url
    admin = create_engine(resolve_url(pg_url))
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(resolve_url(pg_url)).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def timed(function: Callable[[], Any], repeat: int = 5) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench_store(url: str, articles: list[newsdesk.Article]) -> tuple[Store, dict[str, Any]]:
    store = open_store(url)
    started = time.perf_counter()
    folded = 0
    assigned: list[tuple[str, int]] = []
    for article in articles:
        result = store.ingest(article)
        folded += result.duplicate_of is not None
        events = result.events_created + result.events_updated
        if article.tags and events:
            assigned.append((article.tags[0], events[0]))
    seconds = time.perf_counter() - started

    anchor_engine = create_engine(url)
    table = Table(
        "anchor_articles",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("url", String(2048), unique=True),
        Column("data", JSON),
    )
    table.create(anchor_engine)
    anchor_started = time.perf_counter()
    for article in articles:
        with anchor_engine.begin() as connection:
            connection.execute(table.insert().values(url=article.url, data=article.model_dump(mode="json")))
    anchor_seconds = time.perf_counter() - anchor_started
    anchor_engine.dispose()
    stats = store.stats()
    return store, {
        "articles": len(articles),
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds, 1),
        "anchor_per_s": round(len(articles) / anchor_seconds, 1),
        "ratio_to_anchor": round(anchor_seconds / seconds, 3),
        "folded": folded,
        **stats,
        **merge_scores(assigned),
    }


def merge_scores(assigned: list[tuple[str, int]]) -> dict[str, float]:
    """Pairwise precision/recall of report → event against the generator's incidents."""

    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(assigned))
    predicted = pairs(Counter(event for _, event in assigned))
    gold = pairs(Counter(incident for incident, _ in assigned))
    return {
        "merge_precision": round(both / predicted, 4) if predicted else 1.0,
        "merge_recall": round(both / gold, 4) if gold else 1.0,
        "incidents": len({incident for incident, _ in assigned}),
    }


SEARCHES = ["market", "explosive device", '"bus station"', "curfew hospitals", "governor condemned",
            "kidnappers Mopti", "reinforcements -football", "festival OR harvest", "Kismayo", "blood donors"]  # fmt: skip
LIKE_WORDS = ["market", "device", "station", "curfew", "governor", "kidnappers", "reinforcements", "festival",
              "Kismayo", "donors"]  # fmt: skip


def like_scan(connection: Any, word: str) -> None:
    """The anchor: what search_articles returns (a count and the first page), by scanning."""
    pattern = {"p": f"%{word.lower()}%"}
    connection.execute(text("SELECT count(*) FROM articles WHERE lower(body_text) LIKE :p"), pattern).scalar()
    connection.execute(
        text("SELECT id, headline FROM articles WHERE lower(body_text) LIKE :p ORDER BY id DESC LIMIT 20"),
        pattern,
    ).all()


def bench_search(store: Store, url: str) -> dict[str, Any]:
    article_times: list[float] = []
    for query in SEARCHES:
        article_times += timed(lambda q=query: store.search_articles(q, limit=20))  # type: ignore[misc]
    event_queries = [
        EventQuery(country="NG"),
        EventQuery(type="bombing", country="Somalia"),
        EventQuery(group="Shabaab"),
        EventQuery(min_killed=20),
        EventQuery(text="market", country="PK"),
        EventQuery(place="Maiduguri", min_killed=5),
        EventQuery(),
    ]
    event_times: list[float] = []
    for event_query in event_queries:
        event_times += timed(lambda q=event_query: store.search_events(q, limit=50))  # type: ignore[misc]
    ids = [e.id for e in store.search_events(limit=20).items]
    detail_times: list[float] = []
    for event_id in ids:
        detail_times += timed(lambda i=event_id: store.get_event(i), repeat=2)  # type: ignore[misc]
    engine = create_engine(url)
    like_times: list[float] = []
    with engine.connect() as connection:
        for word in LIKE_WORDS:
            like_times += timed(lambda w=word: like_scan(connection, w))  # type: ignore[misc]
    engine.dispose()

    def summary(values: list[float]) -> dict[str, float]:
        return {"p50_ms": round(statistics.median(values), 2), "p95_ms": round(percentile(values, 0.95), 2)}

    return {
        "article_search": summary(article_times),
        "event_search": summary(event_times),
        "get_event": summary(detail_times),
        "anchor_like_scan": summary(like_times),
    }


def bench_pipeline(url: str, pages: list[tuple[str, str]]) -> dict[str, Any]:
    newsdesk.analyze(newsdesk.extract(pages[0][1], url=pages[0][0]))  # load models outside the timing

    started = time.perf_counter()
    extracted = [newsdesk.extract(html, url=page_url) for page_url, html in pages]
    extract_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for article in extracted:
        newsdesk.analyze(article)
    analyze_seconds = time.perf_counter() - started

    store = open_store(url)
    started = time.perf_counter()
    stored = 0
    for page_url, html in pages:
        result = store.ingest(newsdesk.analyze(newsdesk.extract(html, url=page_url)))
        stored += result.status == "stored"
    seconds = time.perf_counter() - started
    store.close()
    return {
        "pages": len(pages),
        "stored": stored,
        "pages_per_s": round(len(pages) / seconds, 1),
        "anchor_extract_per_s": round(len(pages) / extract_seconds, 1),
        "anchor_extract_analyze_per_s": round(len(pages) / (extract_seconds + analyze_seconds), 1),
        "store_share_of_time": round(1 - (extract_seconds + analyze_seconds) / seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--pg", default=os.environ.get("NEWSDESK_BENCH_PG_URL"))
    parser.add_argument("--only", choices=["sqlite", "postgresql"], default=None)
    args = parser.parse_args()

    articles = corpus_gen.generate(args.articles)
    pages = [(a.url or "", corpus_gen.to_html(a)) for a in corpus_gen.generate(args.pages, seed=11)]
    kinds = [k for k in ("sqlite", "postgresql") if (k == "sqlite" or args.pg) and args.only in (None, k)]
    for kind in kinds:
        print(f"== {kind}", flush=True)
        with database(kind, args.pg) as url:
            store, stored = bench_store(url, articles)
            print("store:   ", stored, flush=True)
            print("search:  ", bench_search(store, url), flush=True)
            store.close()
        if pages:
            with database(kind, args.pg) as url:
                print("pipeline:", bench_pipeline(url, pages), flush=True)


if __name__ == "__main__":
    main()
