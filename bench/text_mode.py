"""Text-mode benchmark: body recovery from the scraped-text versions of the ScrapingHub pages.

Each of the 181 ScrapingHub pages becomes the text a scraper would pull off it (all visible
text, one block per line, chrome included: bench/scraped_text.py). newsdesk's text mode
(``newsdesk.extract(text, kind="text")``) must recover the annotated article body from it.
Scored with the ScrapingHub metric (bench/scoring.py).

No page is scored by a model that saw it in training:
  default      the line model in --model (e.g. one trained on WCXB only:
               ``scripts/train_line_model.py --output M``); refused if it was trained on
               ScrapingHub pages;
  --cv DIR     five-fold cross-validation: each page is scored by DIR/fold<k>.json, a model trained
               on WCXB plus the other four folds (``scripts/train_line_model.py --scrapinghub-folds 5``
               writes them, alongside the shipped model trained on everything).

Printed rows:
  keep every line        the baseline: the whole scraped text as the body
  newsdesk text mode     headline/byline/captions/chrome removed, body kept
  ... (no blank lines)   the same texts with the blank lines between paragraphs removed,
                         as some scrapers write them (robustness to the text's layout)

With --header, also the header fields on the WCXB article pages (their scraped texts against
the annotated title, author and publish date). The line classifier was trained on those pages,
but the header rules (headline, byline, dateline) read no labels, so this measures the rules.

    python bench/text_mode.py --cv ~/.cache/newsdesk/line-model-folds [--worst 10] [--header]
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
from bench.scraped_text import (  # noqa: E402
    WCXB,
    scraped_text,
    scrapinghub_folds,
    scrapinghub_pages,
    wcxb_pages,
)
from newsdesk.extract.lines import using_line_model  # noqa: E402

SHIPPED_MODEL = ROOT / "src" / "newsdesk" / "data" / "line_model.json"


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


def _models_for_pages(args: argparse.Namespace, page_ids: list[str]) -> dict[Path, set[str]]:
    """Which line-model file scores which page; never one trained on that page."""
    if args.cv:
        paths = sorted(args.cv.glob("fold*.json"))
        if not paths:
            raise SystemExit(
                f"no fold models in {args.cv}: run scripts/train_line_model.py --scrapinghub-folds 5"
            )
        fold_of = scrapinghub_folds(len(paths))
        return {path: {p for p in page_ids if fold_of[p] == int(path.stem[4:])} for path in paths}
    trained_on = json.loads(args.model.read_text(encoding="utf-8")).get("trained_on", {})
    if "scrapinghub-aeb" in trained_on:
        raise SystemExit(f"{args.model} was trained on ScrapingHub pages: score it with --cv")
    return {args.model: set(page_ids)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    parser.add_argument(
        "--model", type=Path, default=SHIPPED_MODEL, help="line model file (default: shipped)"
    )
    parser.add_argument("--cv", type=Path, default=None, help="directory of per-fold line models")
    parser.add_argument(
        "--header", action="store_true", help="also score headline/author/date on WCXB articles"
    )
    args = parser.parse_args()

    pages = list(scrapinghub_pages())
    texts = {page.page_id: scraped_text(page.html) for page in pages}
    truths = {page.page_id: page.truth for page in pages}
    models = _models_for_pages(args, [page.page_id for page in pages])

    rows: list[tuple[str, tuple[float, float, float], float]] = []
    rows.append(("keep every line", score({k: (texts[k], truths[k]) for k in texts}), 0.0))
    predictions: dict[str, str] = {}
    for label, transform in (
        ("newsdesk text mode", lambda text: text),
        ("newsdesk text mode (no blank lines)", _without_blank_lines),
    ):
        elapsed = 0.0
        predicted = {}
        for model, page_ids in models.items():
            with using_line_model(model):
                newsdesk.extract("warm up the line model", kind="text")
                started = time.perf_counter()
                for page in pages:
                    if page.page_id in page_ids:
                        article = newsdesk.extract(transform(texts[page.page_id]), url=page.url, kind="text")
                        predicted[page.page_id] = article.text
                elapsed += time.perf_counter() - started
        rows.append((label, score({k: (predicted[k], truths[k]) for k in predicted}), len(pages) / elapsed))
        predictions = predictions or predicted

    scheme = f"{len(models)}-fold cross-validation" if args.cv else f"model {args.model}"
    print(f"ScrapingHub pages as scraped text: {len(pages)} pages, {scheme}")
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
