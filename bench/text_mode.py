"""Text-mode benchmark: body recovery from the scraped-text versions of the ScrapingHub pages.

Each of the 181 ScrapingHub pages becomes the text a scraper would pull off it (all visible
text, one block per line, chrome included: bench/scraped_text.py). newsdesk's text mode
(``newsdesk.extract(text, kind="text")``) must recover the annotated article body from it.
Scored with the ScrapingHub metric (bench/scoring.py). The line classifier was trained on
WCXB pages only (scripts/train_line_model.py), so none of these pages was seen in training.

Printed rows:
  keep every line        the baseline: the whole scraped text as the body
  newsdesk text mode     headline/byline/captions/chrome removed, body kept
  ... (no blank lines)   the same texts with the blank lines between paragraphs removed,
                         as some scrapers write them (robustness to the text's layout)

With --header, also the header fields on the WCXB article pages (their scraped texts against
the annotated title, author and publish date). The line classifier was trained on those pages,
but the header rules (headline, byline, dateline) read no labels, so this measures the rules.

    python bench/text_mode.py [--worst 10] [--header]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import newsdesk  # noqa: E402
from bench.scoring import page_f1, score  # noqa: E402
from bench.scraped_text import WCXB, scraped_text, scrapinghub_pages, wcxb_pages  # noqa: E402


def _without_blank_lines(text: str) -> str:
    return re.sub(r"\n\s*\n", "\n", text)


def _normal(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def _header_accuracy() -> None:
    totals = {"headline": [0, 0], "author": [0, 0], "date (day)": [0, 0]}
    for page in wcxb_pages(frozenset({"article"})):
        record = json.loads((WCXB / "ground-truth" / f"{page.page_id}.json").read_text(encoding="utf-8"))
        truth = record.get("ground_truth") or {}
        article = newsdesk.extract(scraped_text(page.html), url=page.url, kind="text")
        if truth.get("title"):
            totals["headline"][1] += 1
            totals["headline"][0] += _normal(article.headline) == _normal(truth["title"])
        if truth.get("author"):
            totals["author"][1] += 1
            expected = _normal(truth["author"])
            totals["author"][0] += any(
                _normal(name) and _normal(name) in expected for name in article.authors
            )
        if truth.get("publish_date"):
            totals["date (day)"][1] += 1
            found = article.published.date().isoformat() if article.published else None
            totals["date (day)"][0] += found == str(truth["publish_date"])[:10]
    print("\nheader fields on WCXB article pages (scraped text):")
    for name, (right, count) in totals.items():
        print(f"  {name:12} {right / max(1, count):6.1%}  ({right}/{count})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    parser.add_argument(
        "--header", action="store_true", help="also score headline/author/date on WCXB articles"
    )
    args = parser.parse_args()

    pages = list(scrapinghub_pages())
    texts = {page.page_id: scraped_text(page.html) for page in pages}
    truths = {page.page_id: page.truth for page in pages}
    newsdesk.extract("warm up the line model", kind="text")

    rows: list[tuple[str, tuple[float, float, float], float]] = []
    rows.append(("keep every line", score({k: (texts[k], truths[k]) for k in texts}), 0.0))
    predictions: dict[str, str] = {}
    for label, transform in (
        ("newsdesk text mode", lambda text: text),
        ("newsdesk text mode (no blank lines)", _without_blank_lines),
    ):
        started = time.perf_counter()
        predicted = {}
        for page in pages:
            article = newsdesk.extract(transform(texts[page.page_id]), url=page.url, kind="text")
            predicted[page.page_id] = article.text
        elapsed = time.perf_counter() - started
        rows.append((label, score({k: (predicted[k], truths[k]) for k in predicted}), len(pages) / elapsed))
        predictions = predictions or predicted

    print(f"ScrapingHub pages as scraped text: {len(pages)} pages")
    print(f"{'':38} {'F1':>7} {'prec':>7} {'recall':>7} {'pages/s':>8}")
    for label, (precision, recall, f1), speed in rows:
        speed_text = f"{speed:8.1f}" if speed else f"{'-':>8}"
        print(f"{label:38} {f1:7.4f} {precision:7.4f} {recall:7.4f} {speed_text}")

    if args.header:
        _header_accuracy()

    if args.worst:
        ranked = sorted(truths, key=lambda k: page_f1(predictions[k], truths[k]))
        print(f"\nworst {args.worst} pages:")
        for page_id in ranked[: args.worst]:
            print(f"  {page_f1(predictions[page_id], truths[page_id]):.3f}  {page_id}")


if __name__ == "__main__":
    main()
