"""Does the header scorer read the same person names from the shared pipeline as from its own copy?

Text mode's header scorer used to load a second, NER-only copy of the English model; it now runs
the analysis stage's pipeline (``newsdesk.understand.nlp.get_nlp``) with every component but
``ner`` (and, for reading the names off the chosen byline, the gazetteer entity ruler) skipped.
The header trees were trained on the person spans of the NER-only copy, so this bench reads the
same pages four ways and compares:

  separate NER-only copy     the old recogniser: ``spacy.load(MODEL, exclude=[parser, tagger, ...])``
  shared, ruler nowhere      ``get_nlp("en")``, only ``ner`` run
  shared, ruler everywhere   ``get_nlp("en")``, the entity ruler run before ``ner`` for every lookup
  shared, ruler for byline   the features from ``ner`` alone, the byline's names with the ruler
  names (shipped)            (what header.py does)

Reported per variant: the short header lines whose person names changed and those whose PERSON
features (``person_entities``, ``person_share_of_words``) changed, against the old recogniser;
then the header fields exactly as ``bench/text_mode.py --header`` scores them -- the WCXB-dev
article pages under five-fold domain-grouped cross-validation (line model and header scorer of
the page's fold, ~/.cache/newsdesk, written by scripts/train_header_model.py) and the 91
hand-annotated ScrapingHub pages (shipped header scorer, --cv line models) -- and how many pages'
fields differ from the old recogniser's.

The shared pipeline's ``ner`` grows output rows for the ruler's own labels (GROUP, AGENCY) the
first time a ruler span reaches it, which any analysis does; the feature lines read without the
ruler are counted both on a fresh pipeline and after that growth.

--footprint R runs R alternating pairs of fresh processes (old recogniser / shared pipeline), each
extracting 30 WCXB-dev article pages as text and analysing them, and reports their wall time and
peak RSS (median of R).

    python bench/header_ner_share.py [--cv ~/.cache/newsdesk/line-model-folds]
    python bench/header_ner_share.py --footprint 3
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import newsdesk  # noqa: E402
from bench import metadata  # noqa: E402
from bench.scraped_text import AEB, scraped_text, scrapinghub_folds, wcxb_pages  # noqa: E402
from bench.text_mode import HEADER_KINDS, _wcxb_header_right, wcxb_header_pages  # noqa: E402
from newsdesk.extract import header  # noqa: E402
from newsdesk.extract.header import using_header_model  # noqa: E402
from newsdesk.extract.lines import using_line_model, words  # noqa: E402
from newsdesk.understand.nlp import MODEL_PACKAGE, get_gazetteer, get_nlp  # noqa: E402

CACHE = Path.home() / ".cache" / "newsdesk"
SHIPPED_HEADER_MODEL = ROOT / "src" / "newsdesk" / "data" / "header_model.json"
FOOTPRINT_PAGES = 30

PipelineChoice = Callable[..., tuple[Any, list[str]]]
"""Called as ``header.person_pipeline`` is: ``choice(gazetteer=...)`` -> (pipeline, skipped components)."""


@cache
def _ner_only_copy() -> Any:
    """The recogniser header.py loaded before it shared the analysis pipeline."""
    import spacy

    return spacy.load(MODEL_PACKAGE, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"])


def _old_recogniser(*, gazetteer: bool) -> tuple[Any, list[str]]:
    return _ner_only_copy(), []


_shipped: PipelineChoice = header.person_pipeline


def _ruler_nowhere(*, gazetteer: bool) -> tuple[Any, list[str]]:
    return _shipped(gazetteer=False)


def _ruler_everywhere(*, gazetteer: bool) -> tuple[Any, list[str]]:
    return _shipped(gazetteer=True)


VARIANTS: dict[str, PipelineChoice] = {
    "separate NER-only copy": _old_recogniser,
    "shared, ruler nowhere": _ruler_nowhere,
    "shared, ruler everywhere": _ruler_everywhere,
    "shared, ruler for byline names": _shipped,
}


@contextmanager
def _recogniser(choice: PipelineChoice) -> Iterator[None]:
    """Every person lookup of text mode (header features and byline names) through ``choice``."""
    saved = header.person_pipeline
    header.person_pipeline = choice
    try:
        yield
    finally:
        header.person_pipeline = saved


@contextmanager
def _recording_person_lines(calls: list[list[str]]) -> Iterator[None]:
    """Keep every batch of lines whose PERSON features are computed (one batch per page)."""
    original = header._persons_on_short_lines

    def recording(texts: Mapping[int, str]) -> dict[int, list[str]]:
        calls.append([text for text in texts.values() if len(words(text)) <= header.PERSON_LINE_MAX_WORDS])
        return original(texts)

    header._persons_on_short_lines = recording
    try:
        yield
    finally:
        header._persons_on_short_lines = original


def _person_features(text: str, names: Sequence[str]) -> tuple[float, float]:
    """``person_entities`` and ``person_share_of_words`` as header_features computes them."""
    tokens = words(text)
    return float(len(names)), sum(len(name.split()) for name in names) / max(1, len(tokens))


def _grow_ner_with_ruler_labels() -> None:
    """What the first analysis does to the shared ``ner``: one span of each ruler label reaches it."""
    names_by_label: dict[str, str] = {}
    for entry in get_gazetteer().entries.values():
        names_by_label.setdefault(entry.label, entry.name)
    get_nlp("en")(". ".join(names_by_label.values()) + ".")


# --------------------------------------------------------------------------- accuracy


def _wcxb(header_folds: Path, line_folds: Path) -> dict[str, Any]:
    """The WCXB-dev CV header fields under each variant."""
    fold_of, pages, texts, truths = wcxb_header_pages(header_folds)
    results: dict[str, Any] = {}
    for label, choice in VARIANTS.items():
        totals = {kind: [0, 0] for kind in HEADER_KINDS}
        outputs: dict[str, tuple[Any, ...]] = {}
        started = time.perf_counter()
        with _recogniser(choice):
            for fold in sorted(set(fold_of.values())):
                with (
                    using_line_model(line_folds / f"fold{fold}.json"),
                    using_header_model(header_folds / f"fold{fold}.json"),
                ):
                    for page in pages:
                        if fold_of[page.page_id] != fold:
                            continue
                        article = newsdesk.extract(texts[page.page_id], url=page.url, kind="text")
                        outputs[page.page_id] = (article.headline, tuple(article.authors), article.published)
                        for kind, right in _wcxb_header_right(article, truths[page.page_id]).items():
                            if right is not None:
                                totals[kind][0] += right
                                totals[kind][1] += 1
        results[label] = {
            "totals": totals,
            "outputs": outputs,
            "seconds": time.perf_counter() - started,
        }
    return {"pages": len(pages), "folds": len(set(fold_of.values())), "variants": results}


def _scrapinghub(line_folds: Path) -> dict[str, Any]:
    annotations = metadata.load_annotations()
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    texts = {
        a.id: scraped_text(
            gzip.decompress((AEB / "html" / f"{a.id}.html.gz").read_bytes()).decode("utf-8", "replace")
        )
        for a in annotations
    }
    paths = sorted(line_folds.glob("fold*.json"))
    fold_of = scrapinghub_folds(len(paths))
    summaries: dict[str, Any] = {}
    for label, choice in VARIANTS.items():
        predictions: dict[str, metadata.Prediction] = {}
        started = time.perf_counter()
        with _recogniser(choice), using_header_model(SHIPPED_HEADER_MODEL):
            for path in paths:
                with using_line_model(path):
                    for annotation in annotations:
                        if fold_of[annotation.id] != int(path.stem[4:]):
                            continue
                        article = newsdesk.extract(
                            texts[annotation.id], url=truth[annotation.id].get("url"), kind="text"
                        )
                        predictions[annotation.id] = metadata.Prediction(
                            article.headline, list(article.authors), metadata.predicted_day(article.published)
                        )
        results = [metadata.score(a, predictions[a.id]) for a in annotations]
        outputs = {page: (p.headline, tuple(p.authors), p.day) for page, p in predictions.items()}
        summaries[label] = (metadata.Summary(label, results, time.perf_counter() - started), outputs)
    return summaries


def _person_batches(header_folds: Path, line_folds: Path) -> list[list[str]]:
    """The person-feature batches of one WCXB-dev CV reading, with the old recogniser."""
    fold_of: dict[str, int] = json.loads((header_folds / "folds.json").read_text(encoding="utf-8"))
    pages = [page for page in wcxb_pages(frozenset({"article"})) if page.page_id in fold_of]
    calls: list[list[str]] = []
    with _recogniser(_old_recogniser), _recording_person_lines(calls):
        for fold in sorted(set(fold_of.values())):
            with (
                using_line_model(line_folds / f"fold{fold}.json"),
                using_header_model(header_folds / f"fold{fold}.json"),
            ):
                for page in pages:
                    if fold_of[page.page_id] == fold:
                        newsdesk.extract(scraped_text(page.html), url=page.url, kind="text")
    return calls


def _line_changes(calls: list[list[str]]) -> dict[str, tuple[int, int]]:
    """Variant -> (lines whose names changed, lines whose PERSON features changed) vs the old copy."""
    with _recogniser(_old_recogniser):
        old = [header.persons_in(batch, gazetteer=False) for batch in calls]
    changes: dict[str, tuple[int, int]] = {}

    def compare(label: str, choice: PipelineChoice) -> None:
        with _recogniser(choice):
            new = [header.persons_in(batch, gazetteer=False) for batch in calls]
        names = features = 0
        for batch, before, after in zip(calls, old, new, strict=True):
            for text, a, b in zip(batch, before, after, strict=True):
                names += a != b
                features += _person_features(text, a) != _person_features(text, b)
        changes[label] = (names, features)

    compare("shared, ruler skipped (fresh ner; shipped)", _ruler_nowhere)
    _grow_ner_with_ruler_labels()
    compare("shared, ruler skipped (after analysis grew ner)", _ruler_nowhere)
    compare("shared, ruler kept", _ruler_everywhere)
    return changes


def accuracy(args: argparse.Namespace) -> None:
    # The shared pipeline's ner must be fresh for the first "ruler skipped" line count, so the line
    # counts run before any accuracy pass that could push ruler spans through it.
    calls = _person_batches(args.header_folds, args.header_line_folds)
    changes = _line_changes(calls)
    lines = sum(len(batch) for batch in calls)
    print(f"short header lines read for PERSON features: {lines} on {len(calls)} WCXB-dev page readings")
    print(f"{'':50}{'names changed':>16}{'features changed':>18}")
    for label, (names, features) in changes.items():
        print(f"{label:50}{names:>16}{features:>18}")

    wcxb = _wcxb(args.header_folds, args.header_line_folds)
    print(
        f"\nheader fields, {wcxb['pages']} WCXB-dev article pages (scraped text), {wcxb['folds']}-fold "
        "domain-grouped CV (as bench/text_mode.py --header):"
    )
    print(f"{'':32}" + "".join(f"{kind:>22}" for kind in HEADER_KINDS) + f"{'pages changed':>15}{'s':>7}")
    base = wcxb["variants"]["separate NER-only copy"]["outputs"]
    for label, result in wcxb["variants"].items():
        cells = "".join(
            f"{f'{right / max(1, count):.1%} ({right}/{count})':>22}"
            for right, count in result["totals"].values()
        )
        changed = sum(result["outputs"][page] != base[page] for page in base)
        print(f"{label:32}{cells}{changed:>15}{result['seconds']:>7.1f}")

    scrapinghub = _scrapinghub(args.cv)
    print("\nheader fields, 91 hand-annotated ScrapingHub pages as scraped text (shipped header scorer):")
    print(metadata.table([summary for summary, _ in scrapinghub.values()], markdown=False))
    base_sh = scrapinghub["separate NER-only copy"][1]
    for label, (_, outputs) in scrapinghub.items():
        print(
            f"  {label}: {sum(outputs[p] != base_sh[p] for p in base_sh)} pages' fields differ from the old copy's"
        )


# --------------------------------------------------------------------------- footprint


def footprint_child(variant: str) -> None:
    """One process: extract FOOTPRINT_PAGES WCXB-dev article pages as text, then analyse them."""
    started = time.perf_counter()
    pages = []
    for page in wcxb_pages(frozenset({"article"})):
        pages.append(page)
        if len(pages) == FOOTPRINT_PAGES:
            break
    texts = [(scraped_text(page.html), page.url) for page in pages]
    choice = _old_recogniser if variant == "before" else header.person_pipeline
    with _recogniser(choice):
        extract_started = time.perf_counter()
        articles = [newsdesk.extract(text, url=url, kind="text") for text, url in texts]
        analyse_started = time.perf_counter()
        for article in articles:
            newsdesk.analyze(article)
        done = time.perf_counter()
    print(
        json.dumps(
            {
                "prepare": extract_started - started,
                "extract": analyse_started - extract_started,
                "analyse": done - analyse_started,
            }
        )
    )


def footprint(rounds: int) -> None:
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for _ in range(rounds):
        for variant in runs:
            started = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, __file__, "--footprint-child", variant], stdout=subprocess.PIPE, text=True
            )
            assert process.stdout is not None
            output = process.stdout.read()
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode:
                raise SystemExit(f"footprint child {variant} failed ({process.returncode})")
            phases = json.loads(output.strip().splitlines()[-1])
            runs[variant].append(
                {"wall": time.perf_counter() - started, "peak_rss_mib": usage.ru_maxrss / 1024, **phases}
            )
    print(
        f"extract(kind='text') + analyze of {FOOTPRINT_PAGES} WCXB-dev article pages, one fresh process each, "
        f"median of {rounds} alternating runs"
    )
    print(f"{'':34}{'wall s':>8}{'extract s':>11}{'analyse s':>11}{'peak RSS MiB':>14}")
    labels = {"before": "before (separate NER-only copy)", "after": "after (shared pipeline)"}
    for variant, samples in runs.items():
        row = {key: statistics.median(sample[key] for sample in samples) for key in samples[0]}
        print(
            f"{labels[variant]:34}{row['wall']:>8.2f}{row['extract']:>11.2f}{row['analyse']:>11.2f}"
            f"{row['peak_rss_mib']:>14.0f}"
        )
    for variant, samples in runs.items():
        print(
            f"  {variant} runs: " + ", ".join(f"{s['wall']:.2f}s/{s['peak_rss_mib']:.0f}MiB" for s in samples)
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cv", type=Path, default=CACHE / "line-model-folds", help="per-fold line models")
    parser.add_argument("--header-folds", type=Path, default=CACHE / "header-model-folds")
    parser.add_argument("--header-line-folds", type=Path, default=CACHE / "header-line-folds")
    parser.add_argument(
        "--footprint", type=int, default=0, metavar="R", help="measure memory and time instead"
    )
    parser.add_argument("--footprint-child", choices=["before", "after"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.footprint_child:
        footprint_child(args.footprint_child)
    elif args.footprint:
        footprint(args.footprint)
    else:
        accuracy(args)


if __name__ == "__main__":
    main()
