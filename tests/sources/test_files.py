"""Local inputs: directories, globs, missing names, gzip, stdin, WARC files."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.errors import InputError
from newsdesk.sources.files import expand_inputs, read_file, read_stdin
from newsdesk.sources.warc import iter_warc_pages, read_warc_page


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a.html").write_text("<html></html>")
    (tmp_path / "b.txt").write_text("text")
    (tmp_path / "README.md").write_text("# not a page")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.htm.gz").write_bytes(gzip.compress(b"<p>c</p>"))
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.html").write_text("<p>hidden</p>")
    return tmp_path


def test_directory_expands_to_page_files_in_order(tree: Path) -> None:
    refs = expand_inputs([str(tree)])
    assert [Path(ref.source).relative_to(tree).as_posix() for ref in refs] == [
        "a.html",
        "b.txt",
        "sub/c.htm.gz",
    ]
    assert all(ref.type == "file" and not ref.missing for ref in refs)


def test_globs_urls_stdin_and_missing_names(tree: Path) -> None:
    refs = expand_inputs(
        [str(tree / "*.txt"), "https://example.com/a", "-", str(tree / "nope.html"), "*.nomatch"]
    )
    assert [(ref.type, ref.missing) for ref in refs] == [
        ("file", False),
        ("url", False),
        ("stdin", False),
        ("file", True),
        ("file", True),
    ]


def test_a_named_file_is_read_whatever_its_name(tree: Path) -> None:
    assert [ref.source for ref in expand_inputs([str(tree / "README.md")])] == [str(tree / "README.md")]


def test_gzip_is_detected_by_content(tree: Path) -> None:
    assert read_file(tree / "sub" / "c.htm.gz", 1000) == b"<p>c</p>"
    renamed = tree / "plain-name.html"
    renamed.write_bytes(gzip.compress(b"<p>renamed</p>"))
    assert read_file(renamed, 1000) == b"<p>renamed</p>"


def test_reads_are_capped_even_for_a_gzip_bomb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"a" * 50_000_000))
    assert len(read_file(bomb, 1_000_000)) == 1_000_001  # one byte over: extract records the cut


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.html", 100)
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(b"<p>" * 1000)[:40])
    with pytest.raises(InputError):
        read_file(broken, 100_000)


def test_stdin_is_capped() -> None:
    assert read_stdin(5, io.BytesIO(b"0123456789")) == b"012345"


def _write_warc(path: Path) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, status, content_type, payload in [
            (
                "https://news.example.com/a",
                "200 OK",
                "text/html; charset=utf-8",
                b"<html><p>Page A</p></html>",
            ),
            ("https://news.example.com/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://news.example.com/gone", "404 Not Found", "text/html", b"<p>gone</p>"),
            ("https://news.example.com/b", "200 OK", "text/html", b"<html><p>Page B</p></html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(record)


def test_warc_yields_successful_html_responses_only(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive)
    pages = list(iter_warc_pages(archive, 1_000_000))
    assert [page.url for page in pages] == ["https://news.example.com/a", "https://news.example.com/b"]
    assert pages[0].content == b"<html><p>Page A</p></html>"
    assert expand_inputs([str(archive)])[0].type == "warc"


def test_a_file_that_is_not_a_warc_is_an_input_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_bytes(b"this is not a web archive\r\n\r\n")
    with pytest.raises(InputError, match="WARC"):
        list(iter_warc_pages(fake, 1000))


def test_warc_index_then_read_by_offset(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _write_warc(archive)
    index = list(iter_warc_pages(archive, 1_000_000, read_content=False))
    assert all(page.content == b"" for page in index)
    second = read_warc_page(archive, index[1].offset, 1_000_000)
    assert second.url == "https://news.example.com/b"
    assert second.content == b"<html><p>Page B</p></html>"
    with pytest.raises(InputError):
        read_warc_page(archive, index[1].offset - 1, 1000)  # not the start of a record
