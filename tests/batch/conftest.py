"""Small WARC files written here, with pages in our own words, for the batch tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_helpers import story_records, write_warc


@pytest.fixture
def warc_dir(tmp_path: Path) -> Path:
    """Three WARC files: good pages, a non-HTML record, a garbage 'HTML' record, a corrupt tail."""
    folder = tmp_path / "warcs"
    folder.mkdir()
    write_warc(
        folder / "alpha.warc.gz",
        [
            *story_records([0, 1], "courier.example"),
            ("https://courier.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
            ("https://courier.example/broken", "200 OK", "text/html", bytes(range(256)) * 8),
            *story_records([2], "courier.example"),
        ],
    )
    write_warc(
        folder / "beta.warc",
        [
            *story_records([3, 4], "gazette.example"),
            ("https://gazette.example/tiny", "200 OK", "text/html", b"<p>Hi</p>"),
        ],
        gzip=False,
    )
    whole = write_warc(tmp_path / "whole.warc.gz", story_records([4, 0, 1], "herald.example"))
    corrupt_tail = b"\x1f\x8b\x08\x00" + b"these bytes are no deflate stream " * 4
    (folder / "gamma.warc.gz").write_bytes(whole.read_bytes() + corrupt_tail)
    (folder / "notes.txt").write_text("not an archive, not a page either")
    return folder
