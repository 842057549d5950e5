"""``newsdesk extract`` end to end: formats, many inputs, failures as records, exit codes, URLs."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from newsdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HTML_EXAMPLE = EXAMPLES / "mogadishu-hotel-car-bomb.html"
sys.path.insert(0, str(ROOT / "tests" / "sources"))
from loopback_server import LoopbackSite, serve_loopback_site  # noqa: E402


@pytest.fixture(scope="module")
def loopback_site() -> Iterator[LoopbackSite]:
    site, server = serve_loopback_site()
    yield site
    server.shutdown()
    server.server_close()


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_one_file_gives_indented_json() -> None:
    code, out, _ = run(str(HTML_EXAMPLE), "--no-analyze")
    assert code == 0
    assert out.startswith("{\n")
    article = json.loads(out)
    assert article["status"] == "ok"
    assert "al-Shabaab" in article["text"]
    assert article["provenance"]["source"] == str(HTML_EXAMPLE)
    assert article["analysis"] is None


def test_analysis_runs_by_default(tmp_path: Path) -> None:
    # A German page: analyze() answers for it without loading the English pipeline.
    page = tmp_path / "brücke.txt"
    page.write_text(
        "Die Polizei teilte am Montag mit, dass die Brücke über den Fluss nach monatelangen Reparaturen "
        "wieder für den Verkehr geöffnet wurde.\n\nEin Sprecher der Stadt sagte, die Arbeiten an den "
        "Pfeilern seien abgeschlossen und die Gewichtsgrenze bleibe bis zum Herbst bestehen.\n",
        encoding="utf-8",
    )
    code, out, _ = run(str(page))
    assert code == 0
    analysis = json.loads(out)["analysis"]
    assert analysis is not None and analysis["language"] == "de"


def test_a_directory_gives_one_json_line_per_page_in_order() -> None:
    code, out, err = run(str(EXAMPLES), "--no-analyze")
    assert code == 0
    pages = sorted(path for path in EXAMPLES.iterdir() if path.suffix in (".html", ".txt"))
    lines = records(out)
    assert [line["provenance"]["source"] for line in lines] == [str(path) for path in pages]  # type: ignore[index]
    assert all(line["status"] == "ok" for line in lines)
    assert f"{len(pages)} inputs: {len(pages)} ok, 0 empty, 0 error" in err


def test_failures_are_records_and_exit_1(tmp_path: Path) -> None:
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 64)
    missing = tmp_path / "missing.html"
    code, out, _ = run(str(HTML_EXAMPLE), str(junk), str(missing), "--no-analyze", "--quiet")
    assert code == 1
    lines = records(out)
    assert [line["status"] for line in lines] == ["ok", "error", "error"]
    assert "binary" in str(lines[1]["reason"])
    assert "no such file" in str(lines[2]["reason"])
    assert lines[2]["provenance"]["source"] == str(missing)  # type: ignore[index]


def test_an_empty_page_is_not_a_failure(tmp_path: Path) -> None:
    wall = tmp_path / "wall.html"
    wall.write_text(
        "<!DOCTYPE html><html><body><main><p>Subscribe to continue reading.</p>"
        "<p>Already a subscriber? Sign in.</p></main></body></html>"
    )
    code, out, _ = run(str(wall), "--no-analyze")
    assert code == 0
    article = json.loads(out)
    assert article["status"] == "empty"
    assert article["reason"]


@pytest.mark.parametrize("output_format", ["markdown", "text"])
def test_readable_formats(output_format: str) -> None:
    code, out, _ = run(str(HTML_EXAMPLE), "--format", output_format, "--no-analyze")
    assert code == 0
    assert "Lido beach" in out
    assert not out.lstrip().startswith("{")
    if output_format == "markdown":
        assert out.startswith("# ")


def test_json_with_many_inputs_is_one_array() -> None:
    code, out, _ = run(str(EXAMPLES), "--format", "json", "--no-analyze", "-q")
    assert code == 0
    assert isinstance(json.loads(out), list)


def test_stdin_with_a_base_url() -> None:
    code, out, _ = run(
        "-", "--url", "https://news.example.com/x", "--no-analyze", input=HTML_EXAMPLE.read_bytes()
    )
    assert code == 0
    article = json.loads(out)
    assert article["provenance"]["source"] == "-"
    assert article["url"]


def test_kind_can_be_forced() -> None:
    code, out, _ = run(str(HTML_EXAMPLE), "--kind", "text", "--no-analyze")
    assert code == 0
    assert json.loads(out)["provenance"]["input_kind"] == "text"


def test_output_file_and_gzip_input(tmp_path: Path) -> None:
    compressed = tmp_path / "page.html.gz"
    compressed.write_bytes(gzip.compress(HTML_EXAMPLE.read_bytes()))
    target = tmp_path / "out.json"
    code, out, _ = run(str(compressed), "--no-analyze", "--output", str(target))
    assert code == 0 and out == ""
    assert "Lido beach" in json.loads(target.read_text())["text"]


def test_max_bytes_cuts_files_and_records_it() -> None:
    code, out, _ = run(str(HTML_EXAMPLE), "--max-bytes", "6000", "--no-analyze")
    assert code == 0
    guards = [item for item in json.loads(out)["dropped"] if item["reason"] == "input guard"]
    assert any("truncated to 6000" in item["text"] for item in guards)


def test_jobs_give_the_same_output_in_the_same_order() -> None:
    _, serial, _ = run(str(EXAMPLES), "--no-analyze", "-q")
    code, parallel, _ = run(str(EXAMPLES), "--no-analyze", "-q", "--jobs", "2")
    assert code == 0

    def comparable(stdout: str) -> list[dict[str, object]]:
        lines = records(stdout)
        for line in lines:
            line["provenance"].pop("seconds")  # type: ignore[attr-defined]
        return lines

    assert comparable(parallel) == comparable(serial)


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "yaml", "x.html"],
        ["--jobs", "0", "x.html"],
        ["--timeout", "0", "x.html"],
        ["--url", "https://a.example/", str(HTML_EXAMPLE), str(HTML_EXAMPLE)],
        ["-", "-"],
        ["--no-such-option", "x.html"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    code, _, _ = run(*args)
    assert code == 2


# --------------------------------------------------------------------------- URLs


def test_url_is_refused_without_allow_private(loopback_site: LoopbackSite) -> None:
    code, out, _ = run(loopback_site.url("/article"), "--no-analyze")
    assert code == 1
    article = json.loads(out)
    assert article["status"] == "error"
    assert "non-public address" in article["reason"]


def test_url_is_fetched_with_allow_private(loopback_site: LoopbackSite) -> None:
    code, out, _ = run(loopback_site.url("/redirect"), "--allow-private", "--no-analyze")
    assert code == 0
    article = json.loads(out)
    assert article["status"] == "ok"
    assert article["url"] == loopback_site.url("/article")
    assert "river bridge" in article["text"]


def test_url_timeout_and_size_cap_are_error_records(loopback_site: LoopbackSite) -> None:
    code, out, _ = run(
        loopback_site.url("/slow-headers"),
        loopback_site.url("/huge-streamed"),
        loopback_site.url("/article"),
        "--allow-private",
        "--timeout",
        "0.5",
        "--max-bytes",
        "1000000",
        "--no-analyze",
        "-q",
    )
    assert code == 1
    lines = records(out)
    assert [line["status"] for line in lines] == ["error", "error", "ok"]
    assert "timed out" in str(lines[0]["reason"])
    assert "too large" in str(lines[1]["reason"])


# --------------------------------------------------------------------------- docs


def _flags(command: click.Command) -> list[str]:
    flags = [
        flag
        for param in command.params
        if isinstance(param, click.Option)
        for flag in (*param.opts, *param.secondary_opts)
    ]
    return [*flags, "--help"]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_and_option_is_in_the_readme(name: str) -> None:
    """Each command as `newsdesk NAME`, each of its options in a `code span` of README.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"newsdesk {name}" in readme
    missing = [
        flag for flag in _flags(main.commands[name]) if not re.search(rf"`[^`]*{re.escape(flag)}\b", readme)
    ]
    assert not missing, f"options of `newsdesk {name}` missing from README.md: {missing}"


def test_group_options_are_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(f"newsdesk {flag}" in readme for flag in ("--help", "--version"))


def test_help_lists_every_option() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for flag in _flags(main.commands["extract"]):
        assert flag in out


def test_console_script_runs_the_demo_command() -> None:
    """What scripts/demo.sh runs, through the installed console script."""
    newsdesk = Path(sys.executable).with_name("newsdesk")
    result = subprocess.run(
        [str(newsdesk), "extract", str(EXAMPLES), "--format", "jsonl", "--no-analyze", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(records(result.stdout)) == len(
        [p for p in EXAMPLES.iterdir() if p.suffix in (".html", ".txt")]
    )


def test_text_pages_of_one_site_share_their_repeated_lines(tmp_path: Path) -> None:
    pytest.importorskip("newsdesk.extract.sitewide")
    from newsdesk.cli.extract_cmd import Job, _with_sitewide_chrome
    from newsdesk.options import DEFAULT_OPTIONS
    from newsdesk.sources.files import expand_inputs

    chrome = ["Get breaking news alerts from The Harbour Post", "Log in to your Harbour Post account"]
    stories = [
        "The ferry service to the islands resumed on Monday after the storm damaged the pier.",
        "Fishermen said the new quota would cut their income by a third over the coming year.",
        "A new lifeboat station opened in the old customs house on the quay this weekend.",
        "Council workers began clearing the sea wall after the spring tides left debris behind.",
    ]
    for number, story in enumerate(stories):
        (tmp_path / f"story-{number}.txt").write_text(
            f"{chrome[0]}\n\n{story}\n\n{chrome[1]}\n", encoding="utf-8"
        )
    jobs = [Job(ref.source, ref) for ref in expand_inputs([str(tmp_path)])]
    learnt = _with_sitewide_chrome(jobs, DEFAULT_OPTIONS)
    for job in learnt:
        assert set(chrome) <= set(job.repeated_lines)
        assert not set(stories) & set(job.repeated_lines)


def test_a_warc_file_gives_one_record_per_page(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    archive = tmp_path / "crawl.warc.gz"
    with open(archive, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, payload in [
            ("https://news.example.com/story", HTML_EXAMPLE.read_bytes()),
            ("https://news.example.com/blank", b"   "),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
            )
    code, out, _ = run(str(archive), "--no-analyze", "-q")
    assert code == 1  # the blank page is an error record
    lines = records(out)
    assert lines[1]["url"] == "https://news.example.com/blank"
    assert str(lines[0]["url"]).startswith("https://news.example.com/")
    assert [line["status"] for line in lines] == ["ok", "error"]
    assert str(lines[0]["provenance"]["source"]).startswith(f"{archive}#")  # type: ignore[index]


def _work_that_kills_its_worker(job: Any) -> tuple[str, str]:
    if "poison" in job.source:
        os.kill(os.getpid(), signal.SIGKILL)
    return job.source, "ok"


def _crashed(job: Any) -> tuple[str, str]:
    return job.source, "error"


def test_a_page_that_kills_its_worker_becomes_an_error_record_and_the_batch_goes_on() -> None:
    from newsdesk.cli.extract_cmd import Job, run_resilient
    from newsdesk.sources.files import InputRef

    names = ["a", "b", "poison", "c", "d", "e"]
    jobs = [Job(name, InputRef(name, "file")) for name in names]
    results = list(run_resilient(jobs, _work_that_kills_its_worker, _crashed, workers=2))
    assert results == [(name, "error" if name == "poison" else "ok") for name in names]
