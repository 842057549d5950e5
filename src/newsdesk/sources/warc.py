"""HTML pages out of a WARC file (the web archive format crawlers write), via warcio."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsdesk.errors import InputError

_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")


@dataclass(frozen=True)
class WarcPage:
    url: str | None
    content_type: str | None
    content: bytes
    offset: int
    truncated: bool = False


def iter_warc_pages(path: str | Path, max_bytes: int, *, read_content: bool = True) -> Iterator[WarcPage]:
    """Every successful (2xx) HTML or text ``response`` record, its payload at most ``max_bytes``.

    Payloads come de-chunked and decompressed as the server sent them; a payload over the cap
    is cut and flagged ``truncated`` (``extract`` records the cut). With ``read_content=False``
    only the index is produced (``content`` empty): read a page later by its ``offset`` with
    ``read_warc_page``, so a large archive never sits in memory whole.
    """
    try:
        with open(path, "rb") as handle:
            _require_archive(handle, path)
            records = ArchiveIterator(handle)
            for record in records:
                if not _is_page(record):
                    continue
                content = record.content_stream().read(max_bytes + 1) if read_content else b""
                yield WarcPage(
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    content_type=record.http_headers.get_header("Content-Type"),
                    content=content,
                    offset=records.get_record_offset(),
                    truncated=len(content) > max_bytes,
                )
    except (FileNotFoundError, IsADirectoryError) as error:
        raise InputError(f"no such file: {path}") from error
    except ArchiveLoadFailed as error:
        raise InputError(f"not a readable WARC file: {path}: {error}") from error


def read_warc_page(path: str | Path, offset: int, max_bytes: int) -> WarcPage:
    """The page record that starts at byte ``offset`` of the archive."""
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)), None)
            if record is None or not _is_page(record):
                raise InputError(f"no page record at offset {offset} of {path}")
            content = record.content_stream().read(max_bytes + 1)
            return WarcPage(
                url=record.rec_headers.get_header("WARC-Target-URI"),
                content_type=record.http_headers.get_header("Content-Type"),
                content=content,
                offset=offset,
                truncated=len(content) > max_bytes,
            )
    except (FileNotFoundError, IsADirectoryError) as error:
        raise InputError(f"no such file: {path}") from error
    except ArchiveLoadFailed as error:
        raise InputError(f"not a readable WARC record at {offset} of {path}: {error}") from error


def _is_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    return status.startswith("2") and (not media_type or media_type.startswith(_PAGE_TYPES))


def _require_archive(handle: BinaryIO, path: str | Path) -> None:
    """warcio quietly yields nothing for a file that is no archive; say so instead."""
    head = handle.read(16)
    handle.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=handle) as unzipped:
                head = unzipped.read(16)
        except (OSError, EOFError) as error:
            raise InputError(f"not a readable WARC file: {path}: {error}") from error
        handle.seek(0)
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        raise InputError(f"not a WARC file: {path}")
