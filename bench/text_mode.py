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

With --header, also the header fields (headline, author, publication day), each row against the
rules-only reading of the same run (``using_header_model(None)``):
  WCXB-dev article pages  five-fold cross-validation grouped by domain: each page is read with the
                          line model and the header scorer trained without its fold
                          (``scripts/train_header_model.py`` writes both to ~/.cache/newsdesk);
                          exact headline after lower-casing and keeping word characters, an author
                          name inside the annotated author, the annotated day;
  ScrapingHub pages       the 91 hand-annotated pages (bench/data/aeb_metadata.jsonl) scored with
                          bench/metadata.py's rules, line model as for the body (--cv or --model),
                          the shipped header scorer (trained on WCXB only: these pages are unseen).

    python bench/text_mode.py --cv ~/.cache/newsdesk/line-model-folds [--worst 10] [--header]
    python bench/text_mode.py --cv ~/.cache/newsdesk/line-model-folds --header-only
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import newsdesk  # noqa: E402
from bench import metadata  # noqa: E402
from bench.scoring import page_f1, score  # noqa: E402
from bench.scraped_text import (  # noqa: E402
    AEB,
    WCXB,
    scraped_text,
    scrapinghub_folds,
    scrapinghub_pages,
    wcxb_pages,
)
from newsdesk.extract.header import using_header_model  # noqa: E402
from newsdesk.extract.lines import using_line_model  # noqa: E402
from newsdesk.model import Article  # noqa: E402

SHIPPED_MODEL = ROOT / "src" / "newsdesk" / "data" / "line_model.json"
SHIPPED_HEADER_MODEL = ROOT / "src" / "newsdesk" / "data" / "header_model.json"
CACHE = Path.home() / ".cache" / "newsdesk"


def _without_blank_lines(text: str) -> str:
    return re.sub(r"\n\s*\n", "\n", text)


def _normal(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


HEADER_KINDS = ("headline", "author", "date (day)")


def _wcxb_header_right(article: Article, truth: dict[str, Any]) -> dict[str, bool | None]:
    """Per field: right, wrong, or None when the page's annotation does not give it."""
    result: dict[str, bool | None] = dict.fromkeys(HEADER_KINDS)
    if truth.get("title"):
        result["headline"] = _normal(article.headline) == _normal(truth["title"])
    if truth.get("author"):
        expected = _normal(truth["author"])
        result["author"] = any(_normal(name) and _normal(name) in expected for name in article.authors)
    if truth.get("publish_date"):
        found = article.published.date().isoformat() if article.published else None
        result["date (day)"] = found == str(truth["publish_date"])[:10]
    return result


def wcxb_header_pages(header_folds: Path) -> tuple[dict[str, int], list[Any], dict[str, str], dict[str, Any]]:
    """The WCXB-dev article pages of the header CV: each page's fold, the pages, their scraped text and
    their ground truth, keyed by page id."""
    fold_of: dict[str, int] = json.loads((header_folds / "folds.json").read_text(encoding="utf-8"))
    pages = [page for page in wcxb_pages(frozenset({"article"})) if page.page_id in fold_of]
    texts = {page.page_id: scraped_text(page.html) for page in pages}
    truths = {
        page.page_id: json.loads(
            (WCXB / "ground-truth" / f"{page.page_id}.json").read_text(encoding="utf-8")
        )["ground_truth"]
        for page in pages
    }
    return fold_of, pages, texts, truths


def _wcxb_header(header_folds: Path, line_folds: Path) -> None:
    """Header fields on the WCXB-dev article pages, each page read by models that never saw its site."""
    fold_of, pages, texts, truths = wcxb_header_pages(header_folds)
    rows = {"header scorer (fold model)": "model", "rules only (same run)": None}
    totals = {label: {kind: [0, 0] for kind in HEADER_KINDS} for label in rows}
    for fold in sorted(set(fold_of.values())):
        with using_line_model(line_folds / f"fold{fold}.json"):
            for label, scorer in rows.items():
                with using_header_model(header_folds / f"fold{fold}.json" if scorer else None):
                    for page in pages:
                        if fold_of[page.page_id] != fold:
                            continue
                        article = newsdesk.extract(texts[page.page_id], url=page.url, kind="text")
                        for kind, right in _wcxb_header_right(article, truths[page.page_id]).items():
                            if right is not None:
                                totals[label][kind][0] += right
                                totals[label][kind][1] += 1
    print(
        f"\nheader fields, {len(pages)} WCXB-dev article pages (scraped text), {len(set(fold_of.values()))}-fold "
        "cross-validation grouped by domain (line model and header scorer trained without the page's fold):"
    )
    print(f"{'':30}" + "".join(f"{kind:>22}" for kind in HEADER_KINDS))
    for label, counts in totals.items():
        cells = "".join(
            f"{f'{right / max(1, count):.1%} ({right}/{count})':>22}" for right, count in counts.values()
        )
        print(f"{label:30}{cells}")


def _scrapinghub_header(models: dict[Path, set[str]], header_model_path: Path) -> None:
    """Header fields on the hand-annotated ScrapingHub pages (bench/data/aeb_metadata.jsonl), unseen."""
    annotations = metadata.load_annotations()
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    texts = {
        a.id: scraped_text(
            gzip.decompress((AEB / "html" / f"{a.id}.html.gz").read_bytes()).decode("utf-8", "replace")
        )
        for a in annotations
    }
    rows = {"header scorer (shipped)": header_model_path, "rules only (same run)": None}
    summaries = []
    for label, scorer in rows.items():
        predictions: dict[str, metadata.Prediction] = {}
        started = time.perf_counter()
        with using_header_model(scorer):
            for model, page_ids in models.items():
                with using_line_model(model):
                    for annotation in annotations:
                        if annotation.id in page_ids:
                            article = newsdesk.extract(
                                texts[annotation.id], url=truth[annotation.id].get("url"), kind="text"
                            )
                            predictions[annotation.id] = metadata.Prediction(
                                article.headline,
                                list(article.authors),
                                metadata.predicted_day(article.published),
                            )
        results = [metadata.score(a, predictions[a.id]) for a in annotations]
        summaries.append(metadata.Summary(label, results, time.perf_counter() - started))
    print(
        f"\nheader fields, {len(annotations)} hand-annotated ScrapingHub pages as scraped text (bench/metadata.py rules):"
    )
    print(metadata.table(summaries, markdown=False))


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


def _header(args: argparse.Namespace) -> None:
    trained_on = json.loads(SHIPPED_HEADER_MODEL.read_text(encoding="utf-8")).get("trained_on", {})
    if "scrapinghub-aeb" in trained_on:
        raise SystemExit(f"{SHIPPED_HEADER_MODEL} was trained on ScrapingHub pages: it cannot score them")
    _wcxb_header(args.header_folds, args.header_line_folds)
    annotated = [a.id for a in metadata.load_annotations()]
    _scrapinghub_header(_models_for_pages(args, annotated), SHIPPED_HEADER_MODEL)


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
        "--header",
        action="store_true",
        help="also score headline/author/date: WCXB-dev articles (cross-validated) and annotated ScrapingHub pages",
    )
    parser.add_argument(
        "--header-folds",
        type=Path,
        default=CACHE / "header-model-folds",
        help="per-fold header scorers and folds.json (scripts/train_header_model.py)",
    )
    parser.add_argument(
        "--header-line-folds",
        type=Path,
        default=CACHE / "header-line-folds",
        help="per-fold WCXB-only line models (scripts/train_header_model.py)",
    )
    parser.add_argument("--header-only", action="store_true", help="skip the body benchmark")
    args = parser.parse_args()
    if args.header_only:
        _header(args)
        return

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
        _header(args)

    if args.worst:
        ranked = sorted(truths, key=lambda k: page_f1(predictions[k], truths[k]))
        print(f"\nworst {args.worst} pages:")
        for page_id in ranked[: args.worst]:
            print(f"  {page_f1(predictions[page_id], truths[page_id]):.3f}  {page_id}")


if __name__ == "__main__":
    main()
