"""The scraped-text version of an HTML page, and per-line body labels for it.

A scraper that "pulls the text off a page" keeps every visible string, chrome included,
one block per line — what a browser's ``innerText`` gives. resiliparse's plain-text
extraction with formatting preserved produces exactly that shape (block elements on their
own line, paragraphs separated by a blank line), so this module only wraps it.

``label_lines`` marks which lines of such a text belong to a ground-truth body; the line
classifier (``scripts/train_line_model.py``) trains on those labels and ``bench/text_mode.py``
uses the same scraped texts for scoring.

    python bench/scraped_text.py ../shared/data/scrapinghub-aeb/html/<id>.html.gz
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
AEB = SHARED / "scrapinghub-aeb"
WCXB = SHARED / "wcxb-dev"

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
SHINGLE = 4
BODY_COVERAGE = 0.5
"""A line belongs to the body when at least this share of its shingles is in the truth."""


@dataclass(frozen=True)
class Page:
    page_id: str
    url: str | None
    html: str
    truth: str


def scraped_text(html: str) -> str:
    """All visible text of ``html``, one block per line, chrome included."""
    tree = HTMLTree.parse(html)
    text = extract_plain_text(
        tree,
        preserve_formatting=True,
        main_content=False,
        list_bullets=False,
        alt_texts=False,
        links=False,
        form_fields=False,
        noscript=False,
    )
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _read_html(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")


def scrapinghub_pages() -> Iterator[Page]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, entry in sorted(truth.items()):
        html = _read_html(AEB / "html" / f"{page_id}.html.gz")
        yield Page(page_id, entry.get("url"), html, entry["articleBody"] or "")


def scrapinghub_folds(folds: int) -> dict[str, int]:
    """A fixed assignment of the ScrapingHub pages to ``folds`` cross-validation folds."""
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    return {page_id: index % folds for index, page_id in enumerate(sorted(truth))}


def wcxb_pages(page_types: frozenset[str] | None = None) -> Iterator[Page]:
    for truth_path in sorted((WCXB / "ground-truth").glob("*.json")):
        record = json.loads(truth_path.read_text(encoding="utf-8"))
        page_type = record.get("_internal", {}).get("page_type", {}).get("primary")
        if page_types is not None and page_type not in page_types:
            continue
        html_path = WCXB / "html" / f"{truth_path.stem}.html.gz"
        if not html_path.exists():
            continue
        body = (record.get("ground_truth") or {}).get("main_content") or ""
        yield Page(truth_path.stem, record.get("url"), _read_html(html_path), body)


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def label_lines(lines: list[str], truth: str) -> list[bool]:
    """For each line: does it belong to the ground-truth body?

    Long lines are judged by shingle coverage (robust to small edits between the page and
    the annotation); short lines must equal a whole line of the truth, so that a menu item
    such as "News" is not counted as body because the word occurs in it.
    """
    truth_tokens = _WORD.findall(truth)
    truth_shingles = {tuple(truth_tokens[i : i + SHINGLE]) for i in range(len(truth_tokens) - SHINGLE + 1)}
    truth_lines = {_normalise(line) for line in truth.splitlines() if line.strip()}
    truth_flat = _normalise(truth)
    labels = []
    for line in lines:
        tokens = _WORD.findall(line)
        if len(tokens) >= SHINGLE + 2:
            shingles = [tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
            covered = sum(shingle in truth_shingles for shingle in shingles) / len(shingles)
            labels.append(covered >= BODY_COVERAGE)
        elif tokens:
            normal = _normalise(line)
            labels.append(normal in truth_lines or (len(tokens) >= 3 and normal in truth_flat))
        else:
            labels.append(False)
    return labels


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        sys.stdout.write(scraped_text(_read_html(Path(argument))))
