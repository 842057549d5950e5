"""Ingest: pages (files, directories, URLs, WARC archives) → extract → analyze → store.

Reading, extraction and analysis are pure and may run in worker processes (``jobs``);
storing happens in this process, one transaction per article, so a run killed at any
moment loses nothing it reported as stored and a re-run picks up where it stopped (pages
already stored come back ``unchanged``). Every page ends up counted: stored, unchanged, or
failed with its reason — and a failure is also recorded in the store.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from tqdm import tqdm

import newsdesk
from newsdesk.corpus.store import Store
from newsdesk.errors import NewsdeskError
from newsdesk.model import Article
from newsdesk.options import DEFAULT_OPTIONS, Options
from newsdesk.sources import InputRef, expand_inputs, fetch, read_file, read_stdin

SITEWIDE_SAMPLE = 50
"""Site-wide chrome is learnt from at most this many text pages of one site."""


@dataclass
class Prepared:
    """One page after reading, extraction and analysis: an article, or the stage that failed and why."""

    source: str
    article: Article | None = None
    stage: str = ""
    reason: str = ""
    url: str | None = None


@dataclass
class IngestSummary:
    pages_read: int = 0
    articles_stored: int = 0
    unchanged: int = 0
    duplicates_folded: int = 0
    events_created: set[int] = field(default_factory=set)
    events_updated: set[int] = field(default_factory=set)
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    """(source, stage, reason) of every page that was not stored."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "pages_read": self.pages_read,
            "articles_stored": self.articles_stored,
            "unchanged": self.unchanged,
            "duplicates_folded": self.duplicates_folded,
            "events_created": len(self.events_created),
            "events_updated": len(self.events_updated - self.events_created),
            "errors": [{"source": s, "stage": st, "reason": r} for s, st, r in self.failures],
        }

    def lines(self) -> list[str]:
        counts = self.as_dict()
        result = [
            f"pages read:        {counts['pages_read']}",
            f"articles stored:   {counts['articles_stored']}"
            + (f"  ({counts['unchanged']} already stored, unchanged)" if self.unchanged else ""),
            f"duplicates folded: {counts['duplicates_folded']}",
            f"events created:    {counts['events_created']}",
            f"events updated:    {counts['events_updated']}",
            f"errors:            {len(self.failures)}",
        ]
        result.extend(f"  {source}: [{stage}] {reason}" for source, stage, reason in self.failures)
        return result


def prepare(ref: InputRef, options: Options = DEFAULT_OPTIONS, analyze: bool = True) -> list[Prepared]:
    """Read, extract and analyse one input (a WARC gives many pages). Never raises for bad pages."""
    if ref.missing:
        return [Prepared(ref.source, stage="read", reason=f"no such file or directory: {ref.source}")]
    try:
        pages = list(_read(ref, options))
    except NewsdeskError as error:
        return [Prepared(ref.source, stage="read", reason=str(error))]
    except Exception as error:  # a batch goes on; the reason is kept
        return [Prepared(ref.source, stage="read", reason=f"{type(error).__name__}: {error}")]
    return [
        _understand(source, data, url, content_type, options, analyze)
        for source, data, url, content_type in pages
    ]


def _read(ref: InputRef, options: Options) -> Iterator[tuple[str, bytes, str | None, str | None]]:
    """(source label, bytes, URL, content type) of each page behind ``ref``."""
    if ref.type == "url":
        fetched = fetch(ref.source, options)
        yield ref.source, fetched.content, fetched.final_url, fetched.content_type
    elif ref.type == "stdin":
        yield "-", read_stdin(options.max_bytes), None, None
    elif ref.type == "warc":
        from newsdesk.sources.warc import iter_warc_pages

        for page in iter_warc_pages(ref.source, options.max_bytes):
            yield f"{ref.source}@{page.offset}", page.content, page.url, page.content_type
    else:
        yield ref.source, read_file(ref.source, options.max_bytes), None, None


def _understand(
    source: str, data: bytes, url: str | None, content_type: str | None, options: Options, analyze: bool
) -> Prepared:
    try:
        article = newsdesk.extract(data, url=url, content_type=content_type, source=source, options=options)
    except Exception as error:
        return Prepared(source, stage="extract", reason=f"{type(error).__name__}: {error}", url=url)
    if article.status != "ok":
        return Prepared(source, stage="extract", reason=article.reason or article.status, url=url)
    if analyze:
        try:
            article = newsdesk.analyze(article)
        except Exception as error:
            return Prepared(source, stage="analyze", reason=f"{type(error).__name__}: {error}", url=url)
    return Prepared(source, article=article, url=article.url or url)


def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    options: Options = DEFAULT_OPTIONS,
    analyze: bool = True,
    jobs: int = 1,
    progress: bool = True,
) -> IngestSummary:
    """Ingest every page behind ``inputs`` (paths, directories, globs, URLs, WARC files, ``-``)."""
    refs = expand_inputs(inputs)
    chrome = _sitewide_chrome(refs, options)
    summary = IngestSummary()
    bar = tqdm(total=len(refs), unit="input", disable=not progress, file=sys.stderr, dynamic_ncols=True)
    try:
        for prepared_pages in _prepared(refs, options, analyze, jobs, chrome):
            for page in prepared_pages:
                _store(store, page, summary)
            bar.update(1)
            bar.set_postfix(stored=summary.articles_stored, errors=len(summary.failures), refresh=False)
    finally:
        bar.close()
    return summary


def _prepared(
    refs: list[InputRef], options: Options, analyze: bool, jobs: int, chrome: dict[str, frozenset[str]]
) -> Iterator[list[Prepared]]:
    per_ref = [
        replace(options, repeated_lines=chrome[ref.site]) if ref.site in chrome else options for ref in refs
    ]
    if jobs <= 1 or len(refs) < 2:
        for ref, ref_options in zip(refs, per_ref, strict=True):
            yield prepare(ref, ref_options, analyze)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(prepare, refs, per_ref, [analyze] * len(refs), chunksize=4)


def _sitewide_chrome(refs: list[InputRef], options: Options) -> dict[str, frozenset[str]]:
    """Lines repeated across the scraped-text files of one site (folder): its chrome.

    Text mode drops them (``Options.repeated_lines``), as ``newsdesk extract`` does.
    """
    from newsdesk.extract.detect import detect_kind
    from newsdesk.extract.encoding import decode
    from newsdesk.extract.sitewide import DEFAULT_MIN_PAGES, repeated_lines
    from newsdesk.model import InputKind

    by_site: dict[str, list[InputRef]] = defaultdict(list)
    for ref in refs:
        if ref.type == "file" and not ref.missing and ref.site is not None:
            by_site[ref.site].append(ref)
    chrome: dict[str, frozenset[str]] = {}
    for site, site_refs in by_site.items():
        texts = []
        for ref in site_refs[:SITEWIDE_SAMPLE]:
            try:
                text = decode(read_file(ref.source, options.max_bytes)).text
            except NewsdeskError:
                continue
            if detect_kind(text) is InputKind.text:
                texts.append(text)
        if len(texts) >= DEFAULT_MIN_PAGES and (lines := repeated_lines(texts)):
            chrome[site] = lines
    return chrome


def _store(store: Store, page: Prepared, summary: IngestSummary) -> None:
    summary.pages_read += 1
    if page.article is None:
        store.record_failure(page.source, page.reason, stage=page.stage, url=page.url)
        summary.failures.append((page.source, page.stage, page.reason))
        return
    try:
        result = store.ingest(page.article, source=page.source)
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"
        store.record_failure(page.source, reason, stage="store", url=page.url)
        summary.failures.append((page.source, "store", reason))
        return
    if result.status == "failed":
        summary.failures.append((page.source, "store", result.reason or "not stored"))
    elif result.status == "unchanged":
        summary.unchanged += 1
    else:
        summary.articles_stored += 1
        if result.duplicate_of is not None:
            summary.duplicates_folded += 1
        summary.events_created.update(result.events_created)
        summary.events_updated.update(result.events_updated)
