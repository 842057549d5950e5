"""``newsdesk extract``: pages from files, directories, globs, WARC files, URLs or stdin → articles.

Every input becomes exactly one output record, in input order: a page that cannot be read,
fetched or extracted is a record with ``status="error"`` and a ``reason``. Exit status 0 when
every record is ``ok`` or ``empty``, 1 when any is ``error``, 2 for a usage error.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import partial
from typing import IO, Any

import click
from tqdm import tqdm

import newsdesk
from newsdesk import __version__
from newsdesk.errors import NewsdeskError
from newsdesk.model import Analysis, Article, InputKind, Provenance
from newsdesk.options import DEFAULT_OPTIONS, Options
from newsdesk.render import to_markdown, to_text
from newsdesk.sources.fetch import fetch
from newsdesk.sources.files import InputRef, expand_inputs, read_file, read_stdin
from newsdesk.sources.warc import iter_warc_pages, read_warc_page

FORMATS = ("json", "jsonl", "markdown", "text")
# Site-wide chrome is learnt from at most this many text pages of one site.
SITEWIDE_SAMPLE = 500


@dataclass(frozen=True)
class Job:
    """One page to extract: where it comes from, and its bytes if they were read already."""

    source: str
    ref: InputRef
    url: str | None = None
    data: bytes | None = None
    content_type: str | None = None
    error: str | None = None
    repeated_lines: frozenset[str] = frozenset()
    warc_offset: int | None = None


@dataclass(frozen=True)
class Settings:
    options: Options
    kind: str | None
    analyze: bool
    output_format: str
    single: bool


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL|- ...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format. Default: json for one input, jsonl for several, a directory, a glob or a WARC.",
)
@click.option(
    "--kind",
    type=click.Choice(["html", "text"]),
    default=None,
    help="Force the input kind (default: detect).",
)
@click.option("--url", "base_url", default=None, help="The page's URL, for a single file or stdin input.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="Write the output to this file instead of stdout.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow fetching URLs on private, loopback and link-local addresses.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_OPTIONS.timeout,
    show_default=True,
    help="Seconds allowed for fetching one URL, redirects included.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_OPTIONS.max_bytes,
    show_default=True,
    help="Size cap per input: larger URL responses are refused, larger files truncated.",
)
@click.option("--no-analyze", is_flag=True, help="Skip analysis (entities, quotes, events): extraction only.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for many inputs.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")
@click.pass_context
def extract(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output_format: str | None,
    kind: str | None,
    base_url: str | None,
    output: str,
    allow_private: bool,
    timeout: float,
    max_bytes: int,
    no_analyze: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Extract articles from files, directories, globs, WARC files, URLs or - (stdin).

    Each input gives one record, in input order; failures are records with status "error"
    and a reason. Exit status: 0 all inputs ok or empty, 1 some failed, 2 usage error.
    """
    if inputs.count("-") > 1:
        raise click.UsageError("stdin (-) can be given only once")
    options = DEFAULT_OPTIONS.with_overrides(
        timeout=timeout, max_bytes=max_bytes, allow_private=allow_private, analyze=not no_analyze
    )
    refs = expand_inputs(inputs)
    if base_url is not None and len(refs) != 1:
        raise click.UsageError("--url names the page of a single input; it was given with several")
    job_list = list(_jobs(refs, base_url, options))
    single = len(job_list) == 1 and len(inputs) == 1 and refs[0].type in ("file", "url", "stdin")
    output_format = output_format or ("json" if single else "jsonl")
    if len(job_list) > 1 and kind != "html":
        job_list = _with_sitewide_chrome(job_list, options, forced_text=kind == "text")
    settings = Settings(options, kind, not no_analyze, output_format, single)

    failures = 0
    counts: dict[str, int] = defaultdict(int)
    with click.open_file(output, "w", encoding="utf-8") as sink:
        writer = _Writer(sink, output_format, many=not single)
        progress = tqdm(
            total=len(job_list), file=sys.stderr, unit="page", disable=quiet or len(job_list) < 2, leave=False
        )
        work = partial(run_job, settings=settings)
        failed = partial(_crashed_record, settings=settings)
        for rendered, status in run_resilient(job_list, work, failed, workers=jobs):
            writer.write(rendered)
            counts[status] += 1
            failures += status == "error"
            progress.update()
        progress.close()
        writer.close()
    if not quiet and len(job_list) > 1:
        summary = ", ".join(f"{counts[status]} {status}" for status in ("ok", "empty", "error"))
        click.echo(f"{len(job_list)} inputs: {summary}", err=True)
    ctx.exit(1 if failures else 0)


# --------------------------------------------------------------------------- inputs


def _jobs(refs: Iterable[InputRef], base_url: str | None, options: Options) -> Iterator[Job]:
    for ref in refs:
        if ref.missing:
            yield Job(ref.source, ref, error=f"no such file, directory or glob match: {ref.source}")
        elif ref.type == "stdin":
            yield Job("-", ref, url=base_url, data=read_stdin(options.max_bytes))
        elif ref.type == "url":
            yield Job(ref.source, ref, url=base_url or ref.source)
        elif ref.type == "warc":
            yield from _warc_jobs(ref, options)
        else:
            yield Job(ref.source, ref, url=base_url)


def _warc_jobs(ref: InputRef, options: Options) -> Iterator[Job]:
    try:
        for page in iter_warc_pages(ref.source, options.max_bytes, read_content=False):
            yield Job(
                f"{ref.source}#{page.offset}",
                ref,
                url=page.url,
                content_type=page.content_type,
                warc_offset=page.offset,
            )
    except NewsdeskError as error:
        yield Job(ref.source, ref, error=str(error))


def _load(job: Job, options: Options) -> Job:
    """The job with its bytes read (file, WARC record) or fetched (URL); failures become ``error``."""
    if job.data is not None or job.error is not None:
        return job
    try:
        if job.ref.type == "url":
            fetched = fetch(job.ref.source, options)
            return replace(
                job, data=fetched.content, content_type=fetched.content_type, url=fetched.final_url
            )
        if job.warc_offset is not None:
            page = read_warc_page(job.ref.source, job.warc_offset, options.max_bytes)
            return replace(job, data=page.content)
        return replace(job, data=read_file(job.ref.source, options.max_bytes))
    except NewsdeskError as error:
        return replace(job, error=str(error))


def _site_key(job: Job) -> str | None:
    if job.url:
        from urllib.parse import urlsplit

        return urlsplit(job.url).hostname
    return job.ref.site


def _with_sitewide_chrome(jobs: list[Job], options: Options, *, forced_text: bool = False) -> list[Job]:
    """Give the text pages of each site the lines that repeat across that site's pages."""
    try:
        from newsdesk.extract.sitewide import repeated_lines
    except ImportError:
        return jobs
    from newsdesk.extract.detect import detect_kind
    from newsdesk.extract.encoding import decode

    by_site: dict[str, list[int]] = defaultdict(list)
    for index, job in enumerate(jobs):
        if (key := _site_key(job)) is not None and job.error is None:
            by_site[key].append(index)
    jobs = list(jobs)
    for indices in by_site.values():
        if len(indices) < 2:
            continue
        texts: list[str] = []
        for index in indices[:SITEWIDE_SAMPLE]:
            loaded = _load(jobs[index], options)
            if loaded.ref.type == "url" or loaded.error:
                jobs[index] = loaded  # keep what was fetched: never fetch a URL twice
            if loaded.data is None:
                continue
            try:
                text = decode(loaded.data[: options.max_bytes], content_type=loaded.content_type).text
            except NewsdeskError:
                continue
            if forced_text or detect_kind(text) is InputKind.text:
                texts.append(text)
        if len(texts) < 2:
            continue
        lines = frozenset(repeated_lines(texts))
        if lines:
            for index in indices:
                jobs[index] = replace(jobs[index], repeated_lines=lines)
    return jobs


# --------------------------------------------------------------------------- extraction


def run_job(job: Job, settings: Settings) -> tuple[str, str]:
    """Load, extract, analyse and render one page; never raises for a bad page."""
    job = _load(job, settings.options)
    if job.error is not None or job.data is None:
        article = _error_article(job, job.error or "nothing to read", settings.kind)
    else:
        options = replace(settings.options, repeated_lines=job.repeated_lines)
        article = newsdesk.extract(
            job.data,
            url=job.url,
            kind=settings.kind,
            content_type=job.content_type,
            source=job.source,
            options=options,
        )
        if settings.analyze and article.status == "ok":
            article = _analyze(article)
    return _render(article, settings), article.status


def _analyze(article: Article) -> Article:
    try:
        return newsdesk.analyze(article)
    except Exception as error:  # one article's analysis failing must not end the batch
        article.analysis = Analysis(
            language=article.language,
            analysed=False,
            reason=f"analysis failed: {type(error).__name__}: {error}"[:500],
        )
        return article


def _error_article(job: Job, reason: str, kind: str | None) -> Article:
    return Article(
        url=job.url,
        status="error",
        reason=reason,
        provenance=Provenance(
            input_kind=InputKind(kind)
            if kind
            else InputKind.html
            if job.ref.type == "url"
            else InputKind.text,
            extractor="newsdesk",
            version=__version__,
            source=job.source,
            detected_kind=kind is None,
        ),
    )


def _render(article: Article, settings: Settings) -> str:
    if settings.output_format == "markdown":
        return to_markdown(article)
    if settings.output_format == "text":
        return to_text(article)
    if settings.output_format == "json":
        return article.to_json(indent=2)
    return article.to_json()


def _crashed_record(job: Job, settings: Settings) -> tuple[str, str]:
    article = _error_article(job, "the worker process died extracting this page", settings.kind)
    return _render(article, settings), article.status


def run_resilient(
    jobs: list[Job],
    work: Callable[[Job], tuple[str, str]],
    crashed: Callable[[Job], tuple[str, str]],
    *,
    workers: int,
) -> Iterator[tuple[str, str]]:
    """``work`` over ``jobs`` in input order, in ``workers`` processes when more than one.

    A page that kills its worker (a crash in native code, the OOM killer) breaks the whole
    pool; the first unfinished job is then retried alone, and if it breaks a pool again it
    becomes a ``crashed`` record. Either way the batch goes on with a fresh pool.
    """
    if workers <= 1 or len(jobs) < 2:
        yield from map(work, jobs)
        return
    done = 0
    while done < len(jobs):
        try:
            with ProcessPoolExecutor(max_workers=min(workers, len(jobs) - done)) as pool:
                for result in pool.map(work, jobs[done:], chunksize=1):
                    yield result
                    done += 1
        except BrokenProcessPool:
            try:
                with ProcessPoolExecutor(max_workers=1) as alone:
                    result = alone.submit(work, jobs[done]).result()
            except BrokenProcessPool:
                result = crashed(jobs[done])
            yield result
            done += 1


# --------------------------------------------------------------------------- output


_SEPARATORS = {"markdown": "\n---\n\n", "text": "\n" + "=" * 72 + "\n\n"}


class _Writer:
    """Joins rendered records: a JSON array, JSON lines, or documents separated by a rule."""

    def __init__(self, sink: IO[Any], output_format: str, *, many: bool) -> None:
        self.sink = sink
        self.format = output_format
        self.many = many
        self.count = 0

    def write(self, rendered: str) -> None:
        if self.format == "json" and self.many:
            self.sink.write(("[\n" if self.count == 0 else ",\n") + rendered)
        elif self.format in ("json", "jsonl"):
            self.sink.write(rendered + "\n")
        else:
            self.sink.write((_SEPARATORS[self.format] if self.count else "") + rendered)
        self.sink.flush()
        self.count += 1

    def close(self) -> None:
        if self.format == "json" and self.many:
            self.sink.write("\n]\n" if self.count else "[]\n")
