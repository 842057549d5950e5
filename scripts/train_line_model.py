"""Train the text-mode line classifier (src/newsdesk/data/line_model.json) reproducibly.

Data: the WCXB development pages in ../shared/data/wcxb-dev. Each page's HTML becomes its
scraped-text version (bench/scraped_text.py: all visible text, one block per line); each line is
labelled body or not by the page's ground-truth main content. ScrapingHub pages are never used
here: bench/text_mode.py evaluates on them.

Two stages of gradient-boosted trees (scikit-learn HistGradientBoostingClassifier): stage one on
line features, stage two on stage one's out-of-fold scores of neighbouring lines. The threshold is
chosen by page-grouped cross-validation on WCXB with the ScrapingHub metric. The trees are exported
as JSON arrays, so the runtime needs numpy only.

    python scripts/train_line_model.py            # writes src/newsdesk/data/line_model.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scoring import score  # noqa: E402
from bench.scraped_text import label_lines, scraped_text, wcxb_pages  # noqa: E402

from newsdesk.extract.lines import (  # noqa: E402
    STAGE_ONE_NAMES,
    STAGE_TWO_NAMES,
    split_lines,
    stage_one_features,
    stage_two_features,
)

OUTPUT = ROOT / "src" / "newsdesk" / "data" / "line_model.json"
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


def _load(
    limit: int | None, page_types: frozenset[str] | None
) -> tuple[list[np.ndarray], list[np.ndarray], list[list[str]], list[str]]:
    features, labels, texts, truths = [], [], [], []
    for count, page in enumerate(wcxb_pages(page_types)):
        if limit is not None and count >= limit:
            break
        lines = split_lines(scraped_text(page.html))
        if not lines or not page.truth.strip():
            continue
        features.append(stage_one_features(lines))
        labels.append(np.array(label_lines([line.text for line in lines], page.truth), dtype=int))
        texts.append([line.text for line in lines])
        truths.append(page.truth)
    return features, labels, texts, truths


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
    args = parser.parse_args()
    page_types = None if args.page_types == "all" else frozenset(args.page_types.split(","))

    started = time.perf_counter()
    features, labels, texts, truths = _load(args.limit, page_types)
    pages = len(features)
    groups = np.concatenate([np.full(len(y), i) for i, y in enumerate(labels)])
    x_one = np.vstack(features)
    y = np.concatenate(labels)
    print(f"{pages} pages, {len(y)} lines, {y.mean():.3f} body share ({time.perf_counter() - started:.0f}s)")

    # Stage one, out of fold, so that stage two learns from honest neighbour scores.
    out_of_fold = np.zeros(len(y))
    folds = list(GroupKFold(n_splits=FOLDS).split(x_one, y, groups))
    for train, test in folds:
        out_of_fold[test] = _classifier().fit(x_one[train], y[train]).predict_proba(x_one[test])[:, 1]
    bounds = np.cumsum([0] + [len(label) for label in labels])
    x_two = np.vstack(
        [stage_two_features(features[i], out_of_fold[bounds[i] : bounds[i + 1]]) for i in range(pages)]
    )

    # Stage two cross-validated on the same folds: pick the threshold by the page-level metric.
    stage_two_oof = np.zeros(len(y))
    for train, test in folds:
        stage_two_oof[test] = _classifier().fit(x_two[train], y[train]).predict_proba(x_two[test])[:, 1]
    results = {}
    for threshold in THRESHOLDS:
        predicted = {
            str(i): (
                "\n".join(
                    text
                    for text, p in zip(texts[i], stage_two_oof[bounds[i] : bounds[i + 1]], strict=True)
                    if p >= threshold
                ),
                truths[i],
            )
            for i in range(pages)
        }
        results[threshold] = score(predicted)
    best = max(results, key=lambda t: results[t][2])
    for threshold, (precision, recall, f1) in results.items():
        marker = " <" if threshold == best else ""
        print(f"  threshold {threshold:.2f}: P {precision:.4f} R {recall:.4f} F1 {f1:.4f}{marker}")

    stage_one = _classifier().fit(x_one, y)
    stage_two = _classifier().fit(x_two, y)
    spec = {
        "about": "Text-mode line classifier; trained by scripts/train_line_model.py on WCXB dev pages "
        "(CC-BY-4.0, Murrough Foley). Two stages of gradient-boosted trees; nodes are "
        "[feature, threshold, left, right, missing_left, is_leaf, value].",
        "trained_on": {
            "dataset": "wcxb-dev",
            "page_types": sorted(page_types) if page_types else "all",
            "pages": pages,
            "lines": len(y),
        },
        "cross_validation": {
            "folds": FOLDS,
            "precision": round(results[best][0], 4),
            "recall": round(results[best][1], 4),
            "f1": round(results[best][2], 4),
        },
        "threshold": best,
        "stage_one": _export(stage_one, STAGE_ONE_NAMES),
        "stage_two": _export(stage_two, STAGE_TWO_NAMES),
    }
    args.output.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    check = stage_one.predict_proba(x_one[:2000])[:, 1]
    print(
        f"wrote {args.output} ({args.output.stat().st_size // 1024} KiB) in {time.perf_counter() - started:.0f}s"
    )
    _verify_export(args.output, x_one[:2000], check)


def _verify_export(path: Path, x: np.ndarray, expected: np.ndarray) -> None:
    from newsdesk.extract.lines import TreeEnsemble

    ensemble = TreeEnsemble.from_json(json.loads(path.read_text(encoding="utf-8"))["stage_one"])
    difference = float(np.abs(ensemble.predict(x) - expected).max())
    print(f"exported trees reproduce scikit-learn within {difference:.2e}")
    if difference > 1e-4:
        raise SystemExit("export mismatch")


if __name__ == "__main__":
    main()
