"""Bad input never crashes ``newsdesk.extract``: it gets a precise error or an empty body with a
reason, within bounded time and memory."""

from __future__ import annotations

import importlib
import json
import random
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

import newsdesk
from newsdesk.extract.guards import (
    PARSER_SAFE_DEPTH,
    PageTimeout,
    cap_html,
    flatten_nesting,
    page_deadline,
)

PARAGRAPH = (
    "<p>The regional council said on Tuesday that repairs to the flood defences would take "
    "at least three months, and that residents of the lower town should expect road closures.</p>\n"
)
DISTINCT_PARAGRAPHS = "".join(
    PARAGRAPH.replace("three months", f"{weeks} weeks") for weeks in ("six", "seven", "eight", "nine", "ten")
)
ARTICLE = (
    "<!DOCTYPE html><html><head><title>Flood repairs</title></head><body><article>"
    f"{DISTINCT_PARAGRAPHS}</article></body></html>"
)


def _body_text(article: newsdesk.Article) -> str:
    return article.text


# --------------------------------------------------------------------------- empty and binary


@pytest.mark.parametrize("data", [b"", "", b"   \n\t  ", "\n\n", b"\x00\x00\x00", "\x00\x01\x02"])
def test_empty_input_is_an_error_with_a_reason(data: bytes | str) -> None:
    article = newsdesk.extract(data)
    assert article.status == "error"
    assert article.reason and ("empty" in article.reason or "binary" in article.reason)
    assert article.body == []


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_binary_junk_is_an_error(seed: int) -> None:
    junk = random.Random(seed).randbytes(64 * 1024)
    article = newsdesk.extract(junk)
    assert article.status == "error"
    assert article.reason is not None and "binary" in article.reason


def test_a_png_is_binary_not_a_page() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
    article = newsdesk.extract(png)
    assert article.status == "error"
    assert "binary" in (article.reason or "")


def test_a_page_with_some_control_bytes_is_cleaned_not_rejected() -> None:
    dirty = ARTICLE.replace("council", "coun\x00cil\x07").encode("utf-8")
    article = newsdesk.extract(dirty)
    assert article.status == "ok"
    assert "council" in article.text
    assert "\x00" not in article.text and "\x07" not in article.text
    assert any("control" in item.text for item in article.dropped if item.reason == "input guard")


def test_lone_surrogates_in_str_input_do_not_break_json() -> None:
    article = newsdesk.extract(ARTICLE.replace("repairs", "rep\ud800airs"))
    json.loads(article.to_json())  # would raise on an unpaired surrogate
    assert "repairs" in article.text


def test_wrong_argument_types_are_caller_errors() -> None:
    with pytest.raises(TypeError):
        newsdesk.extract(12345)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        newsdesk.extract(ARTICLE, no_such_option=True)


# --------------------------------------------------------------------------- size


def test_fifty_megabyte_page_in_bounded_time_and_memory(tmp_path: pytest.TempPathFactory) -> None:
    """Run in a fresh interpreter so its peak memory is this page's alone."""
    script = textwrap.dedent(
        f"""
        import json, resource, time
        import newsdesk
        paragraph = {PARAGRAPH!r}
        page = ("<html><body><article>" + paragraph * (50_000_000 // len(paragraph) + 1) + "</article></body></html>").encode()
        assert len(page) >= 50_000_000
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        article = newsdesk.extract(page)
        print(json.dumps({{
            "status": article.status,
            "seconds": time.perf_counter() - started,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "guards": [d.text for d in article.dropped if d.reason == "input guard"],
            "has_text": "flood defences" in article.text,
        }}))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"] in ("ok", "empty")
    assert report["has_text"]
    assert any("truncated" in note for note in report["guards"])
    assert any("reduced" in note for note in report["guards"])
    # The page budget bounds time; memory stays within a small multiple of the input.
    assert report["seconds"] < 60
    assert report["peak_mib"] < 1500


def test_cap_html_keeps_json_ld_and_drops_inline_assets_first() -> None:
    ld = '<script type="application/ld+json">{"headline": "Kept"}</script>'
    bulky = "<script>var x = 1;</script>" * 20_000 + "<style>p{}</style>" * 20_000
    page = f"<html><head>{ld}{bulky}</head><body>{PARAGRAPH * 10}</body></html>"
    capped = cap_html(page, limit=len(PARAGRAPH) * 20)
    assert '"headline": "Kept"' in capped
    assert capped.count("flood defences") == 10
    assert "var x" not in capped


# --------------------------------------------------------------------------- nesting


@pytest.mark.parametrize(
    "opener,closer",
    [("<div>", "</div>"), ("<span>", ""), ("<b><i>", ""), ("<table><tr><td>", "</td></tr></table>")],
)
def test_ten_thousand_deep_nesting_is_flattened_and_extracted(opener: str, closer: str) -> None:
    page = f"<html><body>{opener * 10_000}<article>{PARAGRAPH * 5}</article>{closer * 10_000}</body></html>"
    started = time.perf_counter()
    article = newsdesk.extract(page)
    assert time.perf_counter() - started < 30
    assert article.status == "ok", article.reason
    assert "flood defences" in article.text
    assert any("flattened" in item.text for item in article.dropped if item.reason == "input guard")


def test_flattening_leaves_a_normal_page_untouched() -> None:
    page = "<html><body>" + ("<div><p>a<p>b<ul><li>x<li>y</ul><br><img src=x></div>" * 500) + "</body></html>"
    assert flatten_nesting(page, 20) is page


def test_flattening_bounds_the_depth_a_parser_builds() -> None:
    from lxml import html as lxml_html

    page = (
        "<html><body>"
        + "<div><section>" * 3000
        + "<p>deep text</p>"
        + "</section></div>" * 3000
        + "</body></html>"
    )
    tree = lxml_html.fromstring(flatten_nesting(page, PARSER_SAFE_DEPTH))
    deepest = max(len(list(node.iterancestors())) for node in tree.iter())
    assert deepest < 255
    assert "deep text" in tree.text_content()


def test_flattening_does_not_look_inside_scripts_and_comments() -> None:
    page = (
        "<body><script>if (a < b) { x = '<div>'.repeat(10000) }</script><!-- <div><div><div> -->"
        + "<div>" * 50
    )
    flattened = flatten_nesting(page, 10)
    assert "'<div>'.repeat(10000)" in flattened
    assert "<!-- <div><div><div> -->" in flattened
    # <body> and nine divs make the ten kept levels; plus the script's and the comment's divs
    assert flattened.count("<div>") == 9 + 1 + 3


# --------------------------------------------------------------------------- broken markup


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>" + "Unclosed paragraphs everywhere in this sentence about the harbour. " * 4 + "<p>",
        "<html><body></div></div></span>" + PARAGRAPH * 4 + "</td></tr></table></html></html>",
        "<html><body><p class='unterminated>" + PARAGRAPH * 4,
        "<html><body><script>document.write('<p>" + PARAGRAPH * 4,
        "<html><!-- a comment that never ends " + PARAGRAPH * 4,
        "<<<>>><p<<p>>" + PARAGRAPH * 4 + "<//p></ /p><p/>",
        "<?xml version='1.0'?><!DOCTYPE html><html xmlns='http://www.w3.org/1999/xhtml'><body>"
        + PARAGRAPH * 4
        + "<![CDATA[ x ]]></body>",
        "<html><body><svg><foreignObject><p>" + PARAGRAPH * 4 + "</svg>",
    ],
)
def test_broken_markup_never_raises(page: str) -> None:
    article = newsdesk.extract(page)
    assert article.status in ("ok", "empty", "error")
    assert article.status == "ok" or article.reason
    json.loads(article.to_json())


def test_unclosed_tags_still_yield_the_text() -> None:
    page = "<html><body><div><p>" + PARAGRAPH.replace("</p>", "") * 5
    article = newsdesk.extract(page)
    assert article.status == "ok", article.reason
    assert "flood defences" in article.text


# --------------------------------------------------------------------------- not an article


def test_home_page_is_empty_with_a_reason() -> None:
    headlines = "".join(
        f'<li><a href="/news/{n}">Council approves plan number {n} for the riverside district after a long consultation</a></li>'
        for n in range(40)
    )
    page = (
        '<!DOCTYPE html><html><head><title>The Ledger: news and sport</title><meta property="og:type" '
        f'content="website"></head><body><nav><a href="/">Home</a></nav><main><h2>Top stories</h2><ul>{headlines}'
        "</ul></main><footer>© The Ledger</footer></body></html>"
    )
    article = newsdesk.extract(page)
    assert article.status == "empty"
    assert article.body == []
    assert article.reason and "index page" in article.reason
    assert article.dropped, "the removed listing stays auditable"


def test_login_wall_is_empty_with_a_reason() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Members only</title></head><body><header><a href='/'>The Ledger</a>"
        "</header><main><h1>Storm damage: the full picture</h1><p>Sign in to keep reading this story.</p>"
        "<form><input name='email'><input type='password'><button>Sign in</button></form>"
        "<p>Not a member? Create a free account to continue.</p></main></body></html>"
    )
    article = newsdesk.extract(page)
    assert article.status == "empty"
    assert article.body == []
    assert article.reason and ("wall" in article.reason or "too short" in article.reason)


def test_a_short_real_article_is_not_mistaken_for_a_wall() -> None:
    article = newsdesk.extract(ARTICLE)
    assert article.status == "ok"
    assert article.text.count("flood defences") >= 5


# --------------------------------------------------------------------------- time


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _spin_under_deadline(budget: float) -> str:
    try:
        with page_deadline(budget):
            _spin(5)
    except PageTimeout:
        return "timed out"
    return "finished"


def test_deadline_stops_work_in_the_main_thread() -> None:
    started = time.monotonic()
    with pytest.raises(PageTimeout), page_deadline(0.2):
        _spin(5)
    assert time.monotonic() - started < 2


def test_deadline_stops_work_in_another_thread() -> None:
    outcome: list[str] = []
    worker = threading.Thread(target=lambda: outcome.append(_spin_under_deadline(0.2)))
    started = time.monotonic()
    worker.start()
    worker.join(10)
    assert outcome == ["timed out"]
    assert time.monotonic() - started < 2


def test_deadline_stops_work_in_a_worker_process() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(_spin_under_deadline, 0.2).result(timeout=30) == "timed out"


def test_deadline_does_not_fire_after_the_block() -> None:
    for _ in range(3):
        with page_deadline(0.05):
            pass
    _spin(0.2)  # a stray alarm or async exception would raise here


def test_extract_returns_an_error_when_the_page_budget_runs_out(monkeypatch: pytest.MonkeyPatch) -> None:
    guards = importlib.import_module("newsdesk.extract.guards")
    monkeypatch.setattr(guards, "DEFAULT_PAGE_SECONDS", 0.001)
    page = "<html><body>" + PARAGRAPH * 20_000 + "</body></html>"
    article = newsdesk.extract(page)
    assert article.status == "error"
    assert article.reason and "longer than" in article.reason


def test_oversized_scraped_text_is_cut_at_a_line_break() -> None:
    # Long paragraphs keep the line count (what text mode's cost grows with) modest.
    sentence = "the council said repairs to the flood defences would take longer than planned; "
    lines = [f"Paragraph {n}: {sentence * 12}it ended." for n in range(30_000)]
    data = "\n\n".join(lines).encode()
    assert len(data) > 25_000_000  # over the 20 MiB input cap, far over the text cap
    started = time.perf_counter()
    article = newsdesk.extract(data)
    assert time.perf_counter() - started < 60
    assert article.status in ("ok", "empty", "error")
    notes = [item.text for item in article.dropped if item.reason == "input guard"]
    assert any("truncated" in note for note in notes)
    assert any("cut to" in note for note in notes)
    assert all(
        block.text.startswith("Paragraph ") and block.text.endswith("ended.") for block in article.body
    )


def test_scripts_beyond_the_depth_limit_stay_scripts() -> None:
    page = "<body>" + "<div>" * 50 + "<script>if (a < b) { run() }</script><p>visible</p>" + "</div>" * 50
    flattened = flatten_nesting(page, 10)
    assert "<script>if (a < b) { run() }</script>" in flattened
    assert "visible" in flattened
