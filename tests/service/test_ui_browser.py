"""The web UI in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from service_fixtures import Running

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(60_000)
        yield tab
        browser.close()


def test_list_filter_open_event_and_map(service: Running, page: Any) -> None:
    page.goto(service.url + "/")
    assert page.locator("tr.event-row").count() == 2
    markers = page.locator("#map circle.marker")
    assert markers.count() == 2
    assert page.locator("#map .countries path").count() > 100
    assert page.locator("#timeline rect.bar").count() == 2
    page.screenshot(path=str(ARTIFACTS / "ui-events.png"), full_page=True)

    page.select_option("select[name=type]", "bombing")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/?*type=bombing*")
    rows = page.locator("tr.event-row")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-event-id") == str(service.event_ids["market"])
    assert page.locator("#map circle.marker").count() == 1

    rows.first.locator("a").click()
    page.wait_for_url(f"**/ui/events/{service.event_ids['market']}")
    assert "Maiduguri" in page.locator("#event-title").inner_text()
    assert page.locator("article.source").count() == 2
    assert page.locator("article.source mark").count() >= 1
    assert "explosive device went off" in page.locator("article.source mark").first.inner_text()
    assert "a trader" in page.locator("#quotes").inner_text()
    page.screenshot(path=str(ARTIFACTS / "ui-event.png"), full_page=True)


def test_untrusted_text_is_not_executed(service: Running, page: Any) -> None:
    page.goto(f"{service.url}/ui/events/{service.event_ids['protest']}")
    assert page.evaluate("window.__pwned === undefined")
    assert "<script>window.__pwned = 1</script>" in page.locator("article.source").first.inner_text()
    page.goto(service.url + "/ui/articles")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#articles li").count() >= 3
