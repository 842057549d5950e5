"""Train the text-mode header scorer (src/newsdesk/data/header_model.json) reproducibly.

Data: the WCXB development article pages in ../shared/data/wcxb-dev, each turned into its
scraped text (bench/scraped_text.py). Their ground truth names the title, the author and the
publication day; a line of the scraped text is labelled

  headline  when it is the title (equal after lower-casing and keeping only word characters),
  byline    when it contains the first annotated author's name,
  dateline  when the first date written on it is the annotated publication day.

The features of a line (src/newsdesk/extract/header.py) depend on the line classifier's scores, so
these must be the scores an unseen page gets: the pages are split into five folds by domain, and
for each fold a line model is trained on the WCXB article pages of the other four
(scripts/train_line_model.py's training, cached in --line-fold-dir); each page's lines are scored
by the line model of the folds it is not in. Each kind has two stages of gradient-boosted trees: stage one
scores a line from its own features; stage two adds stage one's scores (out of fold, by an inner
three-fold split by domain) of the lines around it. The heads are then cross-validated on the same
domain folds (no page, and no page of the same site, is scored by a head trained on it); the fold
heads are written to --fold-dir with folds.json (page -> fold) for bench/text_mode.py --header-cv,
which reruns the whole extraction on each page with its fold's line and header models. Each head's
threshold is the one that gets the most pages right out of fold. The shipped model is trained on
every page.

    python scripts/train_header_model.py            # writes src/newsdesk/data/header_model.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench.scraped_text import WCXB, scraped_text, wcxb_pages  # noqa: E402
from train_line_model import Corpus, _export, fit, write_model  # noqa: E402

from newsdesk.extract.header import (  # noqa: E402
    FEATURE_NAMES,
    KINDS,
    STAGE_TWO_NAMES,
    header_features,
    stage_two_features,
)
from newsdesk.extract.lines import using_line_model  # noqa: E402
from newsdesk.extract.text import find_date, header_view_of, names_in_byline  # noqa: E402

OUTPUT = ROOT / "src" / "newsdesk" / "data" / "header_model.json"
CACHE = Path.home() / ".cache" / "newsdesk"
FOLDS = 5
INNER_FOLDS = 3
LINE_THRESHOLD = 0.35
"""The shipped line model's body threshold (bench/RESULTS.md, text mode)."""
SEED = 20260425
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 19)]


def normal(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def author_names(author: str | None) -> list[str]:
    """The annotated author field split into names ("A, B and C" -> A, B, C)."""
    parts = re.split(r",|;|\band\b|&", author or "")
    return [normal(part) for part in parts if len(normal(part).split()) >= 2]


def authors_right(predicted: list[str], truth: str | None) -> bool:
    """bench/text_mode.py's author score: some predicted name is part of the annotated author."""
    expected = normal(truth)
    return any(normal(name) and normal(name) in expected for name in predicted)


def domain_hash(url: str | None, page_id: str) -> int:
    host = urlsplit(url or "").hostname or page_id
    return zlib.crc32(host.removeprefix("www.").encode("utf-8"))


@dataclass
class PageData:
    page_id: str
    url: str | None
    domain: int
    truth: dict[str, Any]
    texts: list[str] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    features: np.ndarray = field(default_factory=lambda: np.zeros((0, len(FEATURE_NAMES))))
    labels: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def fold(self) -> int:
        return self.domain % FOLDS

    @property
    def inner_fold(self) -> int:
        """The fold used to give stage two out-of-fold stage-one scores (also by domain)."""
        return self.domain // FOLDS % INNER_FOLDS


def labels_for(texts: list[str], candidates: list[int], truth: dict[str, Any]) -> dict[str, np.ndarray]:
    title = normal(truth.get("title"))
    names = author_names(truth.get("author"))
    day = str(truth.get("publish_date") or "")[:10]
    headline, byline, dateline = [], [], []
    for index in candidates:
        text = texts[index]
        headline.append(bool(title) and normal(text) == title)
        byline.append(bool(names) and names[0] in normal(text))
        found = find_date(text) if day else None
        dateline.append(found is not None and found.when.date().isoformat() == day)
    return {
        "headline": np.array(headline, dtype=int),
        "byline": np.array(byline, dtype=int),
        "dateline": np.array(dateline, dtype=int),
    }


def has_truth(page: PageData, kind: str) -> bool:
    key = {"headline": "title", "byline": "author", "dateline": "publish_date"}[kind]
    return bool(page.truth.get(key))


def load_pages(limit: int | None) -> list[PageData]:
    pages = []
    for page in wcxb_pages(frozenset({"article"})):
        record = json.loads((WCXB / "ground-truth" / f"{page.page_id}.json").read_text(encoding="utf-8"))
        pages.append(
            PageData(page.page_id, page.url, domain_hash(page.url, page.page_id), record["ground_truth"])
        )
        if limit is not None and len(pages) >= limit:
            break
    return pages


def train_line_folds(pages: list[PageData], fold_dir: Path) -> None:
    """One WCXB-only line model per domain fold, trained without that fold's pages (cached)."""
    fold_of = {page.page_id: page.fold for page in pages}
    for fold in range(FOLDS):
        path = fold_dir / f"fold{fold}.json"
        if path.exists():
            continue
        started = time.perf_counter()
        corpus = Corpus()
        corpus.add(p for p in wcxb_pages(frozenset({"article"})) if fold_of.get(p.page_id, fold) != fold)
        trained_on = {
            "wcxb-dev": {"page_types": ["article"], "pages": len(corpus.features), "without_fold": fold}
        }
        write_model(path, fit(corpus, sweep=False), LINE_THRESHOLD, trained_on)
        print(f"  line model without fold {fold}: {path} ({time.perf_counter() - started:.0f}s)", flush=True)


def describe(pages: list[PageData], line_fold_dir: Path) -> None:
    """Candidate lines, features and labels of each page, its lines scored by an unseen line model."""
    html = {page.page_id: page.html for page in wcxb_pages(frozenset({"article"}))}
    for fold in range(FOLDS):
        with using_line_model(line_fold_dir / f"fold{fold}.json"):
            for page in pages:
                if page.fold != fold:
                    continue
                view = header_view_of(scraped_text(html[page.page_id]), url=page.url)
                if view is None:
                    continue
                page.texts = [line.text for line in view.lines]
                page.candidates, page.features = header_features(view)
                page.labels = labels_for(page.texts, page.candidates, page.truth)


def _code_fingerprint(line_fold_dir: Path) -> str:
    """The feature code and line models the cached features came from."""
    sources = [ROOT / "src" / "newsdesk" / "extract" / name for name in ("header.py", "text.py", "lines.py")]
    sources += [
        ROOT / "src" / "newsdesk" / "data" / "text_cues.json",
        ROOT / "src" / "newsdesk" / "data" / "chrome_lexicon.json",
    ]
    sources += sorted(line_fold_dir.glob("fold*.json"))
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def describe_cached(pages: list[PageData], line_fold_dir: Path, cache: Path) -> bool:
    """``describe``, or its stored result when nothing it depends on has changed; True if reused."""
    key = (_code_fingerprint(line_fold_dir), [page.page_id for page in pages])
    if cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored["key"] == key:
            for page, data in zip(pages, stored["pages"], strict=True):
                page.texts, page.candidates, page.features, page.labels = data
            return True
    describe(pages, line_fold_dir)
    payload = {"key": key, "pages": [(p.texts, p.candidates, p.features, p.labels) for p in pages]}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(payload))
    return False


def _classifier() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=120,
        learning_rate=0.08,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        random_state=SEED,
    )


def _fit(pages: list[PageData], kind: str, rows: dict[str, np.ndarray]) -> HistGradientBoostingClassifier:
    chosen = [page for page in pages if has_truth(page, kind)]
    x = np.vstack([rows[page.page_id] for page in chosen])
    y = np.concatenate([page.labels[kind] for page in chosen])
    return _classifier().fit(x, y)


@dataclass
class Heads:
    stage_one: dict[str, HistGradientBoostingClassifier]
    stage_two: dict[str, HistGradientBoostingClassifier]

    def scores(self, page: PageData) -> dict[str, np.ndarray]:
        first = {kind: head.predict_proba(page.features)[:, 1] for kind, head in self.stage_one.items()}
        second = stage_two_features(page.features, first)
        return {kind: head.predict_proba(second)[:, 1] for kind, head in self.stage_two.items()}


def train_heads(pages: list[PageData]) -> Heads:
    """Stage one on line features; stage two on them plus stage one's out-of-fold scores around each line."""
    own = {page.page_id: page.features for page in pages}
    out_of_fold: dict[str, dict[str, np.ndarray]] = {}
    for inner in range(INNER_FOLDS):
        training = [page for page in pages if page.inner_fold != inner]
        heads = {kind: _fit(training, kind, own) for kind in KINDS}
        for page in pages:
            if page.inner_fold == inner:
                out_of_fold[page.page_id] = {
                    kind: head.predict_proba(page.features)[:, 1] for kind, head in heads.items()
                }
    second = {page.page_id: stage_two_features(page.features, out_of_fold[page.page_id]) for page in pages}
    return Heads(
        stage_one={kind: _fit(pages, kind, own) for kind in KINDS},
        stage_two={kind: _fit(pages, kind, second) for kind in KINDS},
    )


def right(page: PageData, kind: str, index: int | None) -> bool:
    """Is the choice right by the bench's measure (no choice is right only when there is no truth)?"""
    if index is None:
        return not has_truth(page, kind)
    if not has_truth(page, kind):
        return False
    text = page.texts[index]
    if kind == "headline":
        return normal(text) == normal(page.truth["title"])
    if kind == "byline":
        return authors_right(names_in_byline(text), page.truth["author"])
    found = find_date(text)
    return found is not None and found.when.date().isoformat() == str(page.truth["publish_date"])[:10]


@dataclass
class Choice:
    index: int
    score: float


def cross_validate(pages: list[PageData], fold_dir: Path) -> dict[str, dict[str, Any]]:
    """Out-of-fold best line and score per page and head; fold heads written to ``fold_dir``."""
    out_of_fold: dict[str, dict[str, Choice]] = {kind: {} for kind in KINDS}
    fold_dir.mkdir(parents=True, exist_ok=True)
    for fold in range(FOLDS):
        heads = train_heads([page for page in pages if page.fold != fold])
        for page in pages:
            if page.fold != fold or not page.candidates:
                continue
            for kind, scores in heads.scores(page).items():
                best = int(np.argmax(scores))
                out_of_fold[kind][page.page_id] = Choice(page.candidates[best], float(scores[best]))
        write_header_model(
            fold_dir / f"fold{fold}.json", heads, dict.fromkeys(KINDS, 0.5), {"without_fold": fold}
        )
        print(f"  header heads without fold {fold} written", flush=True)
    report: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        sweep = {}
        for threshold in THRESHOLDS:
            correct = 0
            for page in pages:
                choice = out_of_fold[kind].get(page.page_id)
                index = choice.index if choice and choice.score >= threshold else None
                correct += right(page, kind, index)
            sweep[threshold] = correct
        best = max(sweep, key=lambda t: (sweep[t], -abs(t - 0.5)))
        with_truth = [page for page in pages if has_truth(page, kind)]
        ceiling = sum(page.labels.get(kind, np.zeros(0)).any() for page in with_truth)
        at_best = sum(
            right(page, kind, choice.index)
            for page in with_truth
            if (choice := out_of_fold[kind].get(page.page_id)) and choice.score >= best
        )
        report[kind] = {
            "threshold": best,
            "pages_right_incl_abstentions": sweep[best],
            "pages": len(pages),
            "right_on_pages_with_truth": at_best,
            "pages_with_truth": len(with_truth),
            "pages_with_a_labelled_line": int(ceiling),
        }
        print(
            f"  {kind:9} threshold {best:.2f}: {at_best}/{len(with_truth)} pages with truth right "
            f"({at_best / max(1, len(with_truth)):.1%}; a labelled line exists on {ceiling}); "
            f"{sweep[best]}/{len(pages)} incl. abstentions",
            flush=True,
        )
    return report


def write_header_model(path: Path, heads: Heads, thresholds: dict[str, float], about: dict[str, Any]) -> None:
    spec = {
        "about": "Text-mode header scorer, trained by scripts/train_header_model.py on the scraped texts of "
        "the WCXB dev article pages (CC-BY-4.0, Murrough Foley). One gradient-boosted tree ensemble per "
        "kind of header line and stage (stage two adds the stage-one scores of the lines around); nodes "
        "are [feature, threshold, left, right, missing_left, is_leaf, value].",
        "trained_on": about,
        "features": FEATURE_NAMES,
        "stage_two_features": STAGE_TWO_NAMES,
        "thresholds": thresholds,
        "stage_one": {kind: _export(head, FEATURE_NAMES) for kind, head in heads.stage_one.items()},
        "stage_two": {kind: _export(head, STAGE_TWO_NAMES) for kind, head in heads.stage_two.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--line-fold-dir", type=Path, default=CACHE / "header-line-folds")
    parser.add_argument("--fold-dir", type=Path, default=CACHE / "header-model-folds")
    parser.add_argument(
        "--describe-cache",
        type=Path,
        default=CACHE / "header-describe.pkl",
        help="page features, reused while the feature code and the line folds are unchanged",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N article pages only (quick runs)")
    args = parser.parse_args()

    started = time.perf_counter()
    pages = load_pages(args.limit)
    print(f"WCXB-dev article pages: {len(pages)}; folds by domain: {np.bincount([p.fold for p in pages])}")
    train_line_folds(pages, args.line_fold_dir)
    cached = describe_cached(pages, args.line_fold_dir, args.describe_cache)
    print(f"features {'from ' + str(args.describe_cache) if cached else 'computed'}", flush=True)
    pages = [page for page in pages if page.candidates]
    print(f"described {len(pages)} pages ({time.perf_counter() - started:.0f}s)", flush=True)
    report = cross_validate(pages, args.fold_dir)
    (args.fold_dir / "folds.json").write_text(
        json.dumps({page.page_id: page.fold for page in pages}, indent=0) + "\n", encoding="utf-8"
    )
    heads = train_heads(pages)
    thresholds = {kind: float(report[kind]["threshold"]) for kind in KINDS}
    about = {
        "wcxb-dev": {"page_types": ["article"], "pages": len(pages)},
        "cross_validation": {"folds": FOLDS, "grouped_by": "domain", "heads": report},
    }
    write_header_model(args.output, heads, thresholds, about)
    for fold in range(FOLDS):  # the fold heads use the thresholds chosen out of fold
        path = args.fold_dir / f"fold{fold}.json"
        spec = json.loads(path.read_text(encoding="utf-8"))
        spec["thresholds"] = thresholds
        path.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.output} in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
