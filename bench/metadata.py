"""Metadata benchmark: headline, authors and publication date against a hand annotation.

    python -m bench.metadata                      # newsdesk + anchors, every annotated page
    python -m bench.metadata --verbose            # also list newsdesk's misses page by page
    python -m bench.metadata --misses trafilatura # list an anchor's misses instead
    python -m bench.metadata --markdown           # the table as Markdown, for bench/RESULTS.md

The annotation (``bench/data/aeb_metadata.jsonl``) holds facts read off ScrapingHub benchmark
pages by a person -- every 3rd page of the id-sorted list, then every 6th from the second (91 of
181, chosen by position, not for ease) -- one JSON object a line:

    {"id": ..., "headline": ..., "authors": [...], "published_date": "YYYY-MM-DD" | null,
     "published_date_utc": "YYYY-MM-DD" (optional), "notes": ...}

``headline`` is the headline as a reader sees it (the visible h1, not ``<title>`` with its site
suffix); ``authors`` are the people in the visible byline ([] when the page names no person,
e.g. a wire story credited only to an agency); ``published_date`` is the day the page shows as
published, in the page's own time zone. When that instant falls on another day in UTC,
``published_date_utc`` gives it too.

Scoring rules (each extractor is scored alike):

- headline, exact: equal after ``normalise_text`` (NFKC, casefold, one kind of quote, dash and
  ellipsis, whitespace collapsed).
- headline, lenient: exact, or one normalised headline contains the other and the shorter has
  at least half the longer's tokens, or token F1 >= 0.9.
- date: the predicted day (UTC day of a timezone-aware prediction, the written day of a naive
  one) is ``published_date`` or ``published_date_utc`` -- the same instant read in either zone.
  When the annotation is null, only "no date" is correct.
- authors, exact: the sets of ``normalise_name`` names are equal ([] against [] is correct, so
  an extractor is rewarded for not inventing an author).
- authors, partial: the sets overlap, or both are empty; the mean set F1 is printed as well.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "bench" / "data" / "aeb_metadata.jsonl"
AEB = ROOT.parent / "shared" / "data" / "scrapinghub-aeb"

LENIENT_TOKEN_F1 = 0.9
REQUIRED_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "headline": str,
    "authors": list,
    "published_date": (str, type(None)),
    "notes": str,
}
OPTIONAL_FIELDS: dict[str, type | tuple[type, ...]] = {"published_date_utc": str}


# --------------------------------------------------------------------------- annotation


@dataclass(frozen=True)
class Annotation:
    id: str
    headline: str
    authors: tuple[str, ...]
    published_date: date | None
    published_date_utc: date | None
    notes: str

    @property
    def accepted_days(self) -> frozenset[date]:
        return frozenset(day for day in (self.published_date, self.published_date_utc) if day is not None)


def annotation_problems(record: object) -> list[str]:
    """Every way one annotation record breaks the schema ([] when it is valid)."""
    if not isinstance(record, dict):
        return ["record is not a JSON object"]
    problems = [f"missing field {name!r}" for name in REQUIRED_FIELDS if name not in record]
    allowed = REQUIRED_FIELDS | OPTIONAL_FIELDS
    problems += [f"unknown field {name!r}" for name in record if name not in allowed]
    for name, kind in allowed.items():
        if name in record and not isinstance(record[name], kind):
            problems.append(f"field {name!r} has type {type(record[name]).__name__}")
    if isinstance(record.get("headline"), str) and not record["headline"].strip():
        problems.append("empty headline")
    authors = record.get("authors")
    if isinstance(authors, list) and not all(isinstance(name, str) and name.strip() for name in authors):
        problems.append("authors must be non-empty strings")
    for name in ("published_date", "published_date_utc"):
        value = record.get(name)
        if isinstance(value, str) and not _is_iso_day(value):
            problems.append(f"{name} {value!r} is not a YYYY-MM-DD date")
    if record.get("published_date_utc") is not None and record.get("published_date") is None:
        problems.append("published_date_utc given without published_date")
    return problems


def _is_iso_day(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def load_annotations(path: Path = ANNOTATIONS) -> list[Annotation]:
    """Read and validate the annotation file; raise ValueError naming every bad line."""
    annotations: list[Annotation] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"line {number}: not JSON ({error})")
            continue
        problems = annotation_problems(record)
        if not problems and record["id"] in seen:
            problems.append(f"duplicate id {record['id']}")
        if problems:
            errors.extend(f"line {number}: {problem}" for problem in problems)
            continue
        seen.add(record["id"])
        annotations.append(
            Annotation(
                id=record["id"],
                headline=record["headline"],
                authors=tuple(record["authors"]),
                published_date=_day(record["published_date"]),
                published_date_utc=_day(record.get("published_date_utc")),
                notes=record["notes"],
            )
        )
    if errors:
        raise ValueError(f"{path}: " + "; ".join(errors))
    return annotations


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --------------------------------------------------------------------------- normalisation

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "\u00a0": " ",
    }
)
_TOKEN = re.compile(r"\w+")
_BY_PREFIX = re.compile(r"^(?:by|von|par|por|di|door|av)\s+", re.IGNORECASE)


def normalise_text(text: str) -> str:
    """Casefolded text with one kind of quote, dash and ellipsis and single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("…", "...")
    return " ".join(text.casefold().split())


def normalise_name(name: str) -> str:
    """A person's name compared without case, accents, dots or a leading 'By'."""
    text = normalise_text(name)
    text = _BY_PREFIX.sub("", text)
    text = "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))
    text = text.replace(".", " ").replace(",", " ")
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise_text(text))


def token_f1(predicted: str, gold: str) -> float:
    predicted_tokens, gold_tokens = tokens(predicted), tokens(gold)
    if not predicted_tokens or not gold_tokens:
        return float(predicted_tokens == gold_tokens)
    remaining = list(gold_tokens)
    shared = 0
    for token in predicted_tokens:
        if token in remaining:
            remaining.remove(token)
            shared += 1
    if shared == 0:
        return 0.0
    precision, recall = shared / len(predicted_tokens), shared / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


# --------------------------------------------------------------------------- scoring


def headline_exact(predicted: str | None, gold: str) -> bool:
    return predicted is not None and normalise_text(predicted) == normalise_text(gold)


def headline_lenient(predicted: str | None, gold: str) -> bool:
    if predicted is None or not predicted.strip():
        return False
    if headline_exact(predicted, gold):
        return True
    left, right = normalise_text(predicted), normalise_text(gold)
    shorter, longer = sorted((left, right), key=len)
    if shorter in longer and len(tokens(shorter)) * 2 >= len(tokens(longer)):
        return True
    return token_f1(predicted, gold) >= LENIENT_TOKEN_F1


def predicted_day(value: datetime | date | str | None) -> date | None:
    """The day a prediction names: UTC day when it carries a zone, else the day as written."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return date.fromisoformat(text[:10])
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(UTC)
        return value.date()
    return value


def date_correct(predicted: date | None, annotation: Annotation) -> bool:
    if annotation.published_date is None:
        return predicted is None
    return predicted in annotation.accepted_days


def name_set(names: Iterable[str]) -> frozenset[str]:
    return frozenset(normalised for normalised in map(normalise_name, names) if normalised)


def authors_exact(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    return name_set(predicted) == name_set(gold)


def authors_partial(predicted: Iterable[str], gold: Iterable[str]) -> bool:
    predicted_set, gold_set = name_set(predicted), name_set(gold)
    if not predicted_set and not gold_set:
        return True
    return bool(predicted_set & gold_set)


def authors_f1(predicted: Iterable[str], gold: Iterable[str]) -> float:
    predicted_set, gold_set = name_set(predicted), name_set(gold)
    if not predicted_set and not gold_set:
        return 1.0
    shared = len(predicted_set & gold_set)
    if shared == 0:
        return 0.0
    precision, recall = shared / len(predicted_set), shared / len(gold_set)
    return 2 * precision * recall / (precision + recall)


# --------------------------------------------------------------------------- extractors


@dataclass
class Prediction:
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    day: date | None = None
    error: str | None = None


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    data: bytes

    @property
    def html(self) -> str:
        return self.data.decode("utf-8", "replace")


MetadataExtractor = Callable[[Page], Prediction]


def newsdesk_metadata(page: Page) -> Prediction:
    import newsdesk

    article = newsdesk.extract(page.data, url=page.url, kind="html")
    error = f"{article.status}: {article.reason}" if article.status == "error" else None
    return Prediction(article.headline, list(article.authors), predicted_day(article.published), error)


def trafilatura_metadata(page: Page) -> Prediction:
    import trafilatura

    document: Any = trafilatura.extract_metadata(page.html, default_url=page.url)
    if document is None:
        return Prediction(error="no metadata")
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return Prediction(document.title, authors, predicted_day(document.date))


def newspaper4k_metadata(page: Page) -> Prediction:
    import newspaper

    article = newspaper.Article(page.url or "http://example.invalid/", fetch_images=False)
    article.download(input_html=page.html)
    article.parse()
    return Prediction(article.title or None, list(article.authors), predicted_day(article.publish_date))


EXTRACTORS: dict[str, MetadataExtractor] = {
    "newsdesk": newsdesk_metadata,
    "trafilatura": trafilatura_metadata,
    "newspaper4k": newspaper4k_metadata,
}


# --------------------------------------------------------------------------- the run


@dataclass
class PageResult:
    annotation: Annotation
    prediction: Prediction
    headline_exact: bool
    headline_lenient: bool
    date_correct: bool
    authors_exact: bool
    authors_partial: bool
    authors_f1: float


def score(annotation: Annotation, prediction: Prediction) -> PageResult:
    return PageResult(
        annotation=annotation,
        prediction=prediction,
        headline_exact=headline_exact(prediction.headline, annotation.headline),
        headline_lenient=headline_lenient(prediction.headline, annotation.headline),
        date_correct=date_correct(prediction.day, annotation),
        authors_exact=authors_exact(prediction.authors, annotation.authors),
        authors_partial=authors_partial(prediction.authors, annotation.authors),
        authors_f1=authors_f1(prediction.authors, annotation.authors),
    )


@dataclass
class Summary:
    name: str
    results: list[PageResult]
    seconds: float

    def share(self, attribute: str) -> float:
        return sum(bool(getattr(result, attribute)) for result in self.results) / len(self.results)

    @property
    def mean_authors_f1(self) -> float:
        return sum(result.authors_f1 for result in self.results) / len(self.results)

    @property
    def date_coverage(self) -> float:
        return sum(result.prediction.day is not None for result in self.results) / len(self.results)


def load_pages(annotations: list[Annotation], root: Path = AEB) -> list[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        Page(
            annotation.id,
            truth[annotation.id].get("url"),
            gzip.decompress((root / "html" / f"{annotation.id}.html.gz").read_bytes()),
        )
        for annotation in annotations
    ]


def run(name: str, extractor: MetadataExtractor, pages: list[Page], annotations: list[Annotation]) -> Summary:
    results: list[PageResult] = []
    started = time.perf_counter()
    for page, annotation in zip(pages, annotations, strict=True):
        try:
            prediction = extractor(page)
        except Exception as error:  # an anchor's crash is scored as a miss, not a stopped run
            prediction = Prediction(error=f"{type(error).__name__}: {error}")
        results.append(score(annotation, prediction))
    return Summary(name, results, time.perf_counter() - started)


COLUMNS = (
    ("headline exact", lambda s: s.share("headline_exact")),
    ("headline lenient", lambda s: s.share("headline_lenient")),
    ("date (day)", lambda s: s.share("date_correct")),
    ("date given", lambda s: s.date_coverage),
    ("authors exact", lambda s: s.share("authors_exact")),
    ("authors partial", lambda s: s.share("authors_partial")),
    ("authors F1", lambda s: s.mean_authors_f1),
)


def table(summaries: list[Summary], *, markdown: bool) -> str:
    headers = ["extractor", *(name for name, _ in COLUMNS), "s/page"]
    rows = [
        [
            summary.name,
            *(f"{value(summary) * 100:.1f}%" for _, value in COLUMNS[:-1]),
            f"{summary.mean_authors_f1:.3f}",
            f"{summary.seconds / len(summary.results):.3f}",
        ]
        for summary in summaries
    ]
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in [headers, *rows]
    )


def misses(summary: Summary) -> str:
    lines = [f"{summary.name}: misses ({len(summary.results)} pages)"]
    for result in summary.results:
        annotation, prediction = result.annotation, result.prediction
        problems = []
        if not result.headline_exact:
            label = "headline" if not result.headline_lenient else "headline (lenient ok)"
            problems.append(f"{label}: got {prediction.headline!r}, want {annotation.headline!r}")
        if not result.date_correct:
            want = ", ".join(sorted(str(day) for day in annotation.accepted_days)) or "none"
            problems.append(f"date: got {prediction.day}, want {want}")
        if not result.authors_exact:
            problems.append(f"authors: got {prediction.authors}, want {list(annotation.authors)}")
        if prediction.error:
            problems.append(f"error: {prediction.error}")
        if problems:
            lines.append(f"- {annotation.id[:12]}")
            lines.extend(f"    {problem}" for problem in problems)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.metadata", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", help="comma-separated extractors (default: all)", default=",".join(EXTRACTORS)
    )
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--verbose", action="store_true", help="list newsdesk's misses page by page")
    parser.add_argument("--misses", help="comma-separated extractors whose misses to list")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--json", type=Path, help="also write per-page results to this file")
    args = parser.parse_args(argv)

    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in names if name not in EXTRACTORS]
    if unknown:
        parser.error(f"unknown extractor(s): {', '.join(unknown)}; choose from {', '.join(EXTRACTORS)}")
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")

    annotations = load_annotations(args.annotations)
    pages = load_pages(annotations)
    summaries = [run(name, EXTRACTORS[name], pages, annotations) for name in names]

    print(f"{len(annotations)} annotated ScrapingHub pages ({args.annotations.relative_to(ROOT)})")
    print(table(summaries, markdown=args.markdown))
    shown = set(filter(None, (args.misses or "").split(","))) | ({"newsdesk"} if args.verbose else set())
    for summary in summaries:
        if summary.name in shown:
            print()
            print(misses(summary))
    if args.json:
        payload = {
            summary.name: [
                {
                    "id": result.annotation.id,
                    "headline": result.prediction.headline,
                    "authors": result.prediction.authors,
                    "day": str(result.prediction.day) if result.prediction.day else None,
                    "error": result.prediction.error,
                    "headline_exact": result.headline_exact,
                    "headline_lenient": result.headline_lenient,
                    "date_correct": result.date_correct,
                    "authors_exact": result.authors_exact,
                }
                for result in summary.results
            ]
            for summary in summaries
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
