"""Local inputs: paths, directories, globs, gzip files and stdin, read within a size cap.

``expand_inputs`` turns what a user typed into a flat, ordered list of ``InputRef``; nothing
is read yet, so a batch can hand the references to worker processes. A name that matches
nothing still becomes a reference (``missing=True``), so it is reported rather than dropped.
"""

from __future__ import annotations

import glob
import gzip
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from newsdesk.errors import InputError

# Files a directory walk picks up; other files (READMEs, images) are not pages. A file named
# explicitly is always read, whatever its name.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
WARC_SUFFIXES = (".warc", ".warc.gz")

InputType = Literal["file", "url", "stdin", "warc"]


@dataclass(frozen=True)
class InputRef:
    source: str
    type: InputType
    missing: bool = False

    @property
    def site(self) -> str | None:
        """Pages that share this key come from one site (used to find site-wide chrome)."""
        if self.type == "url":
            from urllib.parse import urlsplit

            return urlsplit(self.source).hostname
        if self.type == "file":
            return str(Path(self.source).parent)
        return None


def is_url(text: str) -> bool:
    return "://" in text[:16]


def expand_inputs(items: Iterable[str]) -> list[InputRef]:
    """Expand CLI arguments into inputs: ``-`` is stdin, ``scheme://...`` a URL (fetched
    later, where its scheme is checked), a directory every page file under it, a glob its
    matches; WARC files are kept whole and read record by record."""
    refs: list[InputRef] = []
    for item in items:
        if item == "-":
            refs.append(InputRef("-", "stdin"))
        elif is_url(item):
            refs.append(InputRef(item, "url"))
        elif Path(item).is_dir():
            refs.extend(_file_ref(path) for path in _walk(Path(item)))
        elif Path(item).exists():
            refs.append(_file_ref(Path(item)))
        elif glob.has_magic(item):
            matches = sorted(Path(match) for match in glob.glob(item, recursive=True))
            files = [path for path in matches if path.is_file()]
            if files:
                refs.extend(_file_ref(path) for path in files)
            else:
                refs.append(InputRef(item, "file", missing=True))
        else:
            refs.append(InputRef(item, "file", missing=True))
    return refs


def _file_ref(path: Path) -> InputRef:
    name = path.name.lower()
    return InputRef(str(path), "warc" if name.endswith(WARC_SUFFIXES) else "file")


def _walk(directory: Path) -> list[Path]:
    found = []
    for path in sorted(directory.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(directory).parts):
            continue
        name = path.name.lower().removesuffix(".gz")
        if path.is_file() and (name.endswith(PAGE_SUFFIXES) or path.name.lower().endswith(WARC_SUFFIXES)):
            found.append(path)
    return found


def read_file(path: str | Path, max_bytes: int) -> bytes:
    """The bytes of a page file, gunzipped when it is gzip (by content, not name).

    At most ``max_bytes`` + 1 bytes are read, so an oversized file or a gzip bomb cannot
    exhaust memory; ``extract`` then truncates to ``max_bytes`` and records it.
    """
    try:
        with open(path, "rb") as handle:
            magic = handle.read(2)
            handle.seek(0)
            if magic == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    return _read_capped(unzipped, max_bytes, str(path))
            return _read_capped(handle, max_bytes, str(path))
    except FileNotFoundError as error:
        raise InputError(f"no such file: {path}") from error
    except IsADirectoryError as error:
        raise InputError(f"is a directory: {path}") from error
    except PermissionError as error:
        raise InputError(f"permission denied: {path}") from error
    except OSError as error:  # gzip.BadGzipFile, EOFError subclasses land here or below
        raise InputError(f"cannot read {path}: {error}") from error
    except EOFError as error:
        raise InputError(f"truncated gzip file: {path}") from error


def read_stdin(max_bytes: int, stream: BinaryIO | None = None) -> bytes:
    return _read_capped(stream or sys.stdin.buffer, max_bytes, "stdin")


def _read_capped(handle: BinaryIO | gzip.GzipFile, max_bytes: int, name: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if data is None:  # a non-blocking stream with nothing ready
        raise InputError(f"nothing to read from {name}")
    return bytes(data)
