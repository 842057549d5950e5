"""Batch: the extract → analyze flow over web-archive (WARC) files, locally or on Spark.

One contract is shared by both executors:

- ``process_record`` turns one page (bytes, URL, source) into one output record — the
  Article as a JSON dict, analysed or not, or an Article-shaped error record with
  ``status="error"`` and a ``reason``. It never raises.
- ``iter_warc_records`` streams the records of one WARC file; a file that cannot be read
  (missing, not a WARC, cut short) ends in an error record for it, so nothing is dropped.
- The output directory holds one shard per input WARC file. A shard is written under
  ``_tmp/`` and renamed into place when complete, then its marker ``_done/<shard>.json``
  (the WARC path and counts) is written; a re-run skips a WARC whose shard and marker both
  exist, and ignores (then removes) whatever a killed run left in ``_tmp/``. When every
  input is complete, ``_SUCCESS`` holds the run's manifest.

Paths may be local paths or URIs of any filesystem pyarrow opens (``file://``, ``s3://``,
``hdfs://`` with libhdfs), so the same code runs on a laptop and on a cluster's executors.
A remote WARC is copied to local disk before it is read (warcio reads local files here).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

import newsdesk
from newsdesk.errors import NewsdeskError
from newsdesk.model import Analysis, Article, InputKind, Provenance
from newsdesk.options import DEFAULT_OPTIONS, Options
from newsdesk.sources.files import WARC_SUFFIXES, expand_inputs, is_url

Format = Literal["jsonl", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "parquet")

DONE_DIR = "_done"
TMP_DIR = "_tmp"
SUCCESS = "_SUCCESS"

Record = dict[str, Any]


# --------------------------------------------------------------------------- one record


def process_record(
    data: bytes,
    *,
    url: str | None,
    source: str,
    content_type: str | None = None,
    analyze: bool = True,
    options: Options = DEFAULT_OPTIONS,
) -> Record:
    """One page → one output record (the Article as a JSON dict). Never raises."""
    try:
        article = newsdesk.extract(data, url=url, content_type=content_type, source=source, options=options)
    except Exception as error:  # a batch goes on; the reason is the record
        return error_record(source, f"extract failed: {type(error).__name__}: {error}", url=url)
    if analyze and article.status == "ok":
        try:
            article = newsdesk.analyze(article)
        except Exception as error:
            article.analysis = Analysis(
                language=article.language,
                analysed=False,
                reason=f"analysis failed: {type(error).__name__}: {error}"[:500],
            )
    return article.model_dump(mode="json")


def error_record(source: str, reason: str, *, url: str | None = None) -> Record:
    """An Article-shaped record for a page or file that gave no article."""
    article = Article(
        url=url,
        status="error",
        reason=reason[:1000],
        provenance=Provenance(
            input_kind=InputKind.html, extractor="newsdesk", version=newsdesk.__version__, source=source
        ),
    )
    return article.model_dump(mode="json")


# --------------------------------------------------------------------------- one WARC file


@dataclass(frozen=True)
class PageTask:
    """One page read from a WARC, ready to be processed anywhere (it pickles)."""

    data: bytes
    url: str | None
    source: str
    content_type: str | None


def iter_warc_tasks(warc: str, options: Options = DEFAULT_OPTIONS) -> Iterator[PageTask | Record]:
    """Each page of ``warc`` as a ``PageTask``; a read failure as a final error record."""
    from newsdesk.sources.warc import iter_warc_pages

    try:
        with _local_copy(warc) as local_path:
            for page in iter_warc_pages(local_path, options.max_bytes):
                yield PageTask(page.content, page.url, f"{warc}@{page.offset}", page.content_type)
    except NewsdeskError as error:
        yield error_record(warc, f"read failed: {error}")
    except Exception as error:  # a cut gzip member, an I/O error: the rest of the file is lost, said so
        yield error_record(warc, f"read failed: {type(error).__name__}: {error}")


def process_task(task: PageTask | Record, analyze: bool, options: Options = DEFAULT_OPTIONS) -> Record:
    if isinstance(task, PageTask):
        return process_record(
            task.data,
            url=task.url,
            source=task.source,
            content_type=task.content_type,
            analyze=analyze,
            options=options,
        )
    return task


def iter_warc_records(
    warc: str, *, analyze: bool = True, options: Options = DEFAULT_OPTIONS
) -> Iterator[Record]:
    """Every output record of one WARC file, in file order (what a Spark task runs)."""
    for task in iter_warc_tasks(warc, options):
        yield process_task(task, analyze, options)


@contextmanager
def _local_copy(warc: str) -> Iterator[str]:
    """A local path for ``warc``: itself when local, else a temporary copy removed afterwards."""
    if not is_url(warc) or warc.startswith("file://"):
        yield _local_path(warc)
        return
    filesystem, path = pafs.FileSystem.from_uri(warc)
    handle, temp = tempfile.mkstemp(suffix=Path(path).name)
    try:
        with os.fdopen(handle, "wb") as out, filesystem.open_input_stream(path) as stream:
            shutil.copyfileobj(stream, out, 1 << 20)
        yield temp
    finally:
        os.unlink(temp)


def _local_path(path: str) -> str:
    return path.removeprefix("file://") if path.startswith("file://") else path


# --------------------------------------------------------------------------- the output directory


@dataclass
class ShardCounts:
    warc: str
    shard: str
    analyzed: bool = True
    records: int = 0
    ok: int = 0
    empty: int = 0
    errors: int = 0
    seconds: float = 0.0

    def add(self, record: Record) -> None:
        self.records += 1
        status = record.get("status")
        if status == "ok":
            self.ok += 1
        elif status == "empty":
            self.empty += 1
        else:
            self.errors += 1


def shard_name(warc: str, output_format: Format = "jsonl") -> str:
    """A shard name unique to the WARC path: its readable stem plus a hash of the path."""
    name = Path(warc.rstrip("/")).name
    for suffix in WARC_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "warc"
    digest = hashlib.sha1(_canonical(warc).encode("utf-8")).hexdigest()[:10]
    return f"{stem}-{digest}.{output_format}"


def _canonical(warc: str) -> str:
    if is_url(warc) and not warc.startswith("file://"):
        return warc
    return str(Path(_local_path(warc)).resolve())


class Output:
    """The output directory: complete shards, their markers, temporary files, the manifest."""

    def __init__(self, root: str) -> None:
        if is_url(root):
            self.fs, self.path = pafs.FileSystem.from_uri(root)
            self.location = root
        else:
            self.fs, self.path = pafs.LocalFileSystem(), str(Path(root).resolve())
            self.location = self.path
        """Where it is, as another process (a Spark executor) can open it."""

    def prepare(self) -> None:
        for folder in ("", DONE_DIR, TMP_DIR):
            self.fs.create_dir(self._join(folder), recursive=True)

    def _join(self, *parts: str) -> str:
        return "/".join([self.path.rstrip("/"), *[part for part in parts if part]])

    def completed(self, shard: str, analyze: bool) -> ShardCounts | None:
        """The marker of ``shard`` if the shard is complete and was made the same way, else None."""
        infos = self.fs.get_file_info([self._join(shard), self._join(DONE_DIR, shard + ".json")])
        if not all(info.type == pafs.FileType.File for info in infos):
            return None
        try:
            with self.fs.open_input_stream(self._join(DONE_DIR, shard + ".json")) as stream:
                counts = ShardCounts(**json.loads(stream.read()))
        except (ValueError, TypeError):  # a marker from another version: redo the shard
            return None
        return counts if counts.analyzed == analyze else None

    def clear_temporary(self) -> None:
        """Drop what killed runs left half-written. Two runs must not share one output directory."""
        self.fs.delete_dir_contents(self._join(TMP_DIR), missing_dir_ok=True)
        if self.fs.get_file_info(self._join(SUCCESS)).type == pafs.FileType.File:
            self.fs.delete_file(self._join(SUCCESS))

    def write_shard(
        self,
        warc: str,
        records: Iterable[Record],
        output_format: Format,
        *,
        analyzed: bool,
        progress: Callable[[Record], None] | None = None,
    ) -> ShardCounts:
        """Write ``records`` as the shard of ``warc``: to a temporary name, then renamed into place."""
        shard = shard_name(warc, output_format)
        counts = ShardCounts(warc=warc, shard=shard, analyzed=analyzed)
        started = time.perf_counter()
        temp = self._join(TMP_DIR, f"{shard}.{uuid.uuid4().hex}.part")
        if output_format == "jsonl":
            with self.fs.open_output_stream(temp) as stream:
                for record in records:
                    stream.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
                    counts.add(record)
                    if progress is not None:
                        progress(record)
        else:
            rows = []
            for record in records:
                rows.append(_parquet_row(record))
                counts.add(record)
                if progress is not None:
                    progress(record)
            with self.fs.open_output_stream(temp) as stream:
                pq.write_table(pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA), stream)
        self.fs.move(temp, self._join(shard))
        counts.seconds = round(time.perf_counter() - started, 3)
        marker = self._join(DONE_DIR, shard + ".json")
        marker_temp = self._join(TMP_DIR, f"{shard}.{uuid.uuid4().hex}.done")
        with self.fs.open_output_stream(marker_temp) as stream:
            stream.write(json.dumps(asdict(counts)).encode("utf-8"))
        self.fs.move(marker_temp, marker)
        return counts

    def write_success(self, summary: BatchSummary) -> None:
        with self.fs.open_output_stream(self._join(SUCCESS)) as stream:
            stream.write(json.dumps(summary.as_dict(), indent=2).encode("utf-8"))


PARQUET_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("url", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("language", pa.string()),
        ("headline", pa.string()),
        ("published", pa.string()),
        ("article", pa.string()),
    ]
)
"""A flat table: the fields one filters on, and the whole Article as JSON in ``article``."""


def _parquet_row(record: Record) -> dict[str, Any]:
    return {
        "source": (record.get("provenance") or {}).get("source"),
        "url": record.get("url"),
        "status": record.get("status"),
        "reason": record.get("reason"),
        "language": record.get("language"),
        "headline": record.get("headline"),
        "published": record.get("published"),
        "article": json.dumps(record, ensure_ascii=False),
    }


# --------------------------------------------------------------------------- inputs and summary


@dataclass
class BatchSummary:
    engine: str
    files: int = 0
    skipped: int = 0
    """WARC files whose shard was already complete (resumed runs)."""
    records: int = 0
    """Records written by this run (shards complete before are listed in ``shards`` only)."""
    ok: int = 0
    empty: int = 0
    errors: int = 0
    seconds: float = 0.0
    bad_inputs: list[tuple[str, str]] = field(default_factory=list)
    """(input, reason) for each argument that named no WARC file."""
    shards: list[ShardCounts] = field(default_factory=list)

    def add(self, counts: ShardCounts, *, skipped: bool = False) -> None:
        """A shard of this run; a ``skipped`` one (complete before) is listed but not counted."""
        self.shards.append(counts)
        if skipped:
            self.skipped += 1
            return
        self.records += counts.records
        self.ok += counts.ok
        self.empty += counts.empty
        self.errors += counts.errors

    @property
    def processed(self) -> int:
        return len(self.shards) - self.skipped

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "files": self.files,
            "processed": self.processed,
            "skipped": self.skipped,
            "records": self.records,
            "ok": self.ok,
            "empty": self.empty,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "pages_per_second": round(self.records / self.seconds, 2) if self.seconds else None,
            "bad_inputs": [{"input": name, "reason": reason} for name, reason in self.bad_inputs],
            "shards": [asdict(counts) for counts in sorted(self.shards, key=lambda c: c.shard)],
        }

    def lines(self) -> list[str]:
        lines = [
            f"engine:   {self.engine}",
            f"files:    {self.files} WARC file(s): {self.processed} processed, {self.skipped} already complete",
            f"records:  {self.records} ({self.ok} ok, {self.empty} empty, {self.errors} errors)"
            + (" in the files processed now" if self.skipped else ""),
            f"seconds:  {self.seconds:.1f}",
        ]
        lines.extend(f"bad input: {name}: {reason}" for name, reason in self.bad_inputs)
        return lines


def plan_run(
    engine: str, inputs: Iterable[str], output: str, *, analyze: bool, output_format: Format
) -> tuple[Output, BatchSummary, list[str]]:
    """Open the output directory, drop what a killed run left half-written, and split the WARC
    files into those already complete (listed in the summary as skipped) and those to process."""
    warcs, bad_inputs = find_warcs(inputs)
    out = Output(output)
    out.prepare()
    out.clear_temporary()
    summary = BatchSummary(engine=engine, files=len(warcs), bad_inputs=bad_inputs)
    pending = []
    for warc in warcs:
        if done := out.completed(shard_name(warc, output_format), analyze):
            summary.add(done, skipped=True)
        else:
            pending.append(warc)
    return out, summary, pending


def find_warcs(inputs: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """WARC files named or found under directories/globs, and the inputs that gave none (with why).

    URIs (``s3://…``, ``hdfs://…``) are taken as WARC files as given; a cluster lists them.
    """
    warcs: list[str] = []
    bad: list[tuple[str, str]] = []
    local: list[str] = []
    for item in inputs:
        if is_url(item) and not item.startswith("file://"):
            try:
                warcs.extend(_remote_warcs(item))
            except (OSError, ValueError) as error:
                bad.append((item, f"cannot list: {error}"))
        else:
            local.append(_local_path(item))
    for item in local:
        refs = expand_inputs([item])
        found = [ref.source for ref in refs if ref.type == "warc" and not ref.missing]
        if found:
            warcs.extend(found)
        elif any(ref.missing for ref in refs):
            bad.append((item, "no such file or directory"))
        else:
            bad.append((item, f"no WARC file ({', '.join(WARC_SUFFIXES)}) here"))
    return list(dict.fromkeys(warcs)), bad


def _remote_warcs(uri: str) -> list[str]:
    """A remote WARC file as given, or the WARC files under a remote directory."""
    filesystem, path = pafs.FileSystem.from_uri(uri)
    info = filesystem.get_file_info(path)
    if info.type != pafs.FileType.Directory:
        return [uri]
    base = uri.rstrip("/")
    listing = filesystem.get_file_info(pafs.FileSelector(path, recursive=True))
    return sorted(
        f"{base}/{entry.path[len(path.rstrip('/')) + 1 :]}"
        for entry in listing
        if entry.type == pafs.FileType.File and entry.base_name.lower().endswith(WARC_SUFFIXES)
    )
