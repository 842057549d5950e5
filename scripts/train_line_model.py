"""Train the text-mode line classifier (src/newsdesk/data/line_model.json) reproducibly.

Data: the WCXB development pages in ../shared/data/wcxb-dev (article pages by default). Each
page's HTML becomes its scraped-text version (bench/scraped_text.py: all visible text, one block
per line); each line is labelled body or not by the page's ground-truth main content.

By default no ScrapingHub page is used, so bench/text_mode.py can score every one of them as
unseen. With --scrapinghub-folds K the ScrapingHub pages are added to the training data: first
one model per fold is written to --fold-dir, trained without that fold's pages (bench/text_mode.py
--cv scores each page with the model that did not see it), then the shipped model on everything.

Two stages of gradient-boosted trees (scikit-learn HistGradientBoostingClassifier): stage one on
line features, stage two on stage one's out-of-fold scores of neighbouring lines. The threshold is
chosen by page-grouped cross-validation with the ScrapingHub metric (or fixed with --threshold).
The trees are exported as JSON arrays, so the runtime needs numpy only.

    python scripts/train_line_model.py            # writes src/newsdesk/data/line_model.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scoring import score  # noqa: E402
from bench.scraped_text import (  # noqa: E402
    Page,
    label_lines,
    scraped_text,
    scrapinghub_folds,
    scrapinghub_pages,
    wcxb_pages,
)

from newsdesk.extract.lines import (  # noqa: E402
    STAGE_ONE_NAMES,
    STAGE_TWO_NAMES,
    split_lines,
    stage_one_features,
    stage_two_features,
)

OUTPUT = ROOT / "src" / "newsdesk" / "data" / "line_model.json"
DEFAULT_FOLD_DIR = Path.home() / ".cache" / "newsdesk" / "line-model-folds"
SEED = 20260425
FOLDS = 5
DEFAULT_PAGE_TYPES = ["article"]
THRESHOLDS = [round(0.2 + 0.05 * i, 2) for i in range(13)]


def _classifier() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=150,
        learning_rate=0.1,
        max_leaf_nodes=15,
        min_samples_leaf=40,
        l2_regularization=1.0,
        random_state=SEED,
    )


def _export(model: HistGradientBoostingClassifier, names: list[str]) -> dict[str, Any]:
    nodes: list[float] = []
    roots: list[int] = []
    depth = 0
    for (predictor,) in model._predictors:
        offset = len(nodes) // 7
        roots.append(offset)
        for node in predictor.nodes:
            leaf = bool(node["is_leaf"])
            nodes += [
                int(node["feature_idx"]),
                float(node["num_threshold"]),
                int(node["left"]) + offset if not leaf else 0,
                int(node["right"]) + offset if not leaf else 0,
                int(bool(node["missing_go_to_left"])),
                int(leaf),
                round(float(node["value"]), 6),
            ]
            depth = max(depth, int(node["depth"]))
    baseline = float(np.ravel(model._baseline_prediction)[0])
    return {"features": names, "baseline": baseline, "depth": depth, "roots": roots, "nodes": nodes}


@dataclass
class Corpus:
    """Per page: stage-one features, line labels, line texts, ground-truth body."""

    features: list[np.ndarray] = field(default_factory=list)
    labels: list[np.ndarray] = field(default_factory=list)
    texts: list[list[str]] = field(default_factory=list)
    truths: list[str] = field(default_factory=list)

    def add(self, pages: Iterable[Page], limit: int | None = None) -> None:
        for count, page in enumerate(pages):
            if limit is not None and count >= limit:
                break
            lines = split_lines(scraped_text(page.html))
            if not lines or not page.truth.strip():
                continue
            self.features.append(stage_one_features(lines))
            self.labels.append(np.array(label_lines([line.text for line in lines], page.truth), dtype=int))
            self.texts.append([line.text for line in lines])
            self.truths.append(page.truth)

    def __add__(self, other: Corpus) -> Corpus:
        return Corpus(
            self.features + other.features,
            self.labels + other.labels,
            self.texts + other.texts,
            self.truths + other.truths,
        )

    def subset(self, keep: Iterable[int]) -> Corpus:
        chosen = list(keep)
        return Corpus(
            [self.features[i] for i in chosen],
            [self.labels[i] for i in chosen],
            [self.texts[i] for i in chosen],
            [self.truths[i] for i in chosen],
        )


@dataclass
class Fitted:
    stage_one: HistGradientBoostingClassifier
    stage_two: HistGradientBoostingClassifier
    sweep: dict[float, tuple[float, float, float]]


def fit(corpus: Corpus, *, sweep: bool) -> Fitted:
    """Both stages; stage two learns from out-of-fold stage-one scores of the lines around."""
    pages = len(corpus.features)
    groups = np.concatenate([np.full(len(y), i) for i, y in enumerate(corpus.labels)])
    x_one = np.vstack(corpus.features)
    y = np.concatenate(corpus.labels)
    out_of_fold = np.zeros(len(y))
    folds = list(GroupKFold(n_splits=FOLDS).split(x_one, y, groups))
    for train, test in folds:
        out_of_fold[test] = _classifier().fit(x_one[train], y[train]).predict_proba(x_one[test])[:, 1]
    bounds = np.cumsum([0] + [len(label) for label in corpus.labels])
    x_two = np.vstack(
        [stage_two_features(corpus.features[i], out_of_fold[bounds[i] : bounds[i + 1]]) for i in range(pages)]
    )
    results: dict[float, tuple[float, float, float]] = {}
    if sweep:
        # Stage two cross-validated on the same folds, scored with the page-level metric.
        stage_two_oof = np.zeros(len(y))
        for train, test in folds:
            stage_two_oof[test] = _classifier().fit(x_two[train], y[train]).predict_proba(x_two[test])[:, 1]
        for threshold in THRESHOLDS:
            predicted = {
                str(i): (
                    "\n".join(
                        text
                        for text, p in zip(
                            corpus.texts[i], stage_two_oof[bounds[i] : bounds[i + 1]], strict=True
                        )
                        if p >= threshold
                    ),
                    corpus.truths[i],
                )
                for i in range(pages)
            }
            results[threshold] = score(predicted)
    return Fitted(_classifier().fit(x_one, y), _classifier().fit(x_two, y), results)


def write_model(path: Path, fitted: Fitted, threshold: float, trained_on: dict[str, Any]) -> None:
    spec: dict[str, Any] = {
        "about": "Text-mode line classifier, trained by scripts/train_line_model.py on WCXB dev pages "
        "(CC-BY-4.0, Murrough Foley) and, where trained_on says so, ScrapingHub benchmark pages "
        "(MIT). Two stages of gradient-boosted trees; nodes are "
        "[feature, threshold, left, right, missing_left, is_leaf, value].",
        "trained_on": trained_on,
        "threshold": threshold,
    }
    if fitted.sweep:
        spec["cross_validation"] = {
            "folds": FOLDS,
            "threshold_sweep": {str(t): [round(v, 4) for v in values] for t, values in fitted.sweep.items()},
        }
    spec["stage_one"] = _export(fitted.stage_one, STAGE_ONE_NAMES)
    spec["stage_two"] = _export(fitted.stage_two, STAGE_TWO_NAMES)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="use only the first N WCXB pages (quick runs)"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--page-types",
        default=",".join(DEFAULT_PAGE_TYPES),
        help="WCXB page types to train on, comma-separated, or 'all' (default: %(default)s)",
    )
    parser.add_argument(
        "--scrapinghub-folds",
        type=int,
        default=0,
        help="also train on the ScrapingHub pages, and first write one model per fold (trained without "
        "that fold's pages) to --fold-dir for bench/text_mode.py --cv (default: WCXB only)",
    )
    parser.add_argument("--fold-dir", type=Path, default=DEFAULT_FOLD_DIR)
    parser.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="body threshold to ship; default: the best of the WCXB cross-validation sweep",
    )
    args = parser.parse_args()
    page_types = None if args.page_types == "all" else frozenset(args.page_types.split(","))

    started = time.perf_counter()
    wcxb = Corpus()
    wcxb.add(wcxb_pages(page_types), args.limit)
    trained_on: dict[str, Any] = {
        "wcxb-dev": {"page_types": sorted(page_types) if page_types else "all", "pages": len(wcxb.features)}
    }
    corpus = wcxb
    print(f"WCXB: {len(wcxb.features)} pages ({time.perf_counter() - started:.0f}s)")
    if args.scrapinghub_folds:
        if args.threshold is None:
            raise SystemExit("--scrapinghub-folds needs a fixed --threshold (chosen without those pages)")
        scrapinghub = Corpus()
        pages = list(scrapinghub_pages())
        scrapinghub.add(pages)
        fold_of = scrapinghub_folds(args.scrapinghub_folds)
        folds = [fold_of[page.page_id] for page in pages]
        for fold in range(args.scrapinghub_folds):
            training = wcxb + scrapinghub.subset(i for i, f in enumerate(folds) if f != fold)
            path = args.fold_dir / f"fold{fold}.json"
            write_model(
                path,
                fit(training, sweep=False),
                args.threshold,
                {
                    **trained_on,
                    "scrapinghub-aeb": {"pages_without_fold": fold, "folds": args.scrapinghub_folds},
                },
            )
            print(f"  fold {fold}: wrote {path} ({time.perf_counter() - started:.0f}s)")
        corpus = wcxb + scrapinghub
        trained_on["scrapinghub-aeb"] = {"pages": len(scrapinghub.features)}

    fitted = fit(corpus, sweep=True)
    best = max(fitted.sweep, key=lambda t: fitted.sweep[t][2])
    for threshold, (precision, recall, f1) in fitted.sweep.items():
        marker = " <" if threshold == best else ""
        print(f"  threshold {threshold:.2f}: P {precision:.4f} R {recall:.4f} F1 {f1:.4f}{marker}")
    threshold = args.threshold if args.threshold is not None else best
    write_model(args.output, fitted, threshold, trained_on)
    print(f"wrote {args.output} (threshold {threshold}) in {time.perf_counter() - started:.0f}s")
    sample = np.vstack(corpus.features[:20])
    _verify_export(args.output, sample, fitted.stage_one.predict_proba(sample)[:, 1])


def _verify_export(path: Path, x: np.ndarray, expected: np.ndarray) -> None:
    from newsdesk.extract.lines import TreeEnsemble

    ensemble = TreeEnsemble.from_json(json.loads(path.read_text(encoding="utf-8"))["stage_one"])
    difference = float(np.abs(ensemble.predict(x) - expected).max())
    print(f"exported trees reproduce scikit-learn within {difference:.2e}")
    if difference > 1e-4:
        raise SystemExit("export mismatch")


if __name__ == "__main__":
    main()
