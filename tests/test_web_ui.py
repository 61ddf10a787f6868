"""The web UI in a real headless Chromium (Debian's `chromium`, driven by Playwright; no browser download).

A server runs on 127.0.0.1 over the sample corpus. Skipped, with the reason, when Playwright or Chromium is
missing. With `NEWSCLAIMS_SCREENSHOTS=DIR` the tests also save a screenshot of each page there (this is how
`docs/screenshots/` is made).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
)

from newsclaims.api import create_app  # noqa: E402
from newsclaims.store import Store  # noqa: E402
from newsclaims.web.sample import CONTESTED_CLAIM_ID, load_sample  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    """Debian's chromium (or `$NEWSCLAIMS_CHROMIUM`, a path to another Chromium build)."""
    given = os.environ.get("NEWSCLAIMS_CHROMIUM")
    if given:
        return given if os.path.exists(given) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found: install Debian's chromium (apt-get install chromium) to run UI tests",
)
SHOTS = os.environ.get("NEWSCLAIMS_SCREENSHOTS")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    import uvicorn

    url = f"sqlite:///{tmp_path_factory.mktemp('ui') / 'corpus.db'}"
    store = Store(url, link=False)
    load_sample(store)
    store.close()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory):
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    problems: list[str] = []
    # A CSP violation or a script error shows up here: the page must have none.
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(str(err)))
    yield page
    page.close()
    assert problems == []


def screenshot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_claims_board_lists_the_contested_claim_with_both_sides(page, base_url: str) -> None:
    page.goto(base_url + "/")
    first = page.locator("li.claim").first
    assert "Government forces shelled Kafr Nabl" in first.locator("h2").inner_text()
    assert first.locator(".badge.contested").is_visible()
    assert "Rami Haddad" in first.locator(".side.supports").inner_text()
    assert "Omar Saleh" in first.locator(".side.denies").inner_text()
    screenshot(page, "claims-board")
    page.click("text=Most recent")
    assert page.url.endswith("/?sort=recent")
    page.check("input[name=contested]")
    page.click("form.filters button")
    assert page.locator("li.claim").count() == 1


def test_claim_page_is_a_timeline_of_sources(page, base_url: str) -> None:
    page.goto(f"{base_url}/claims/{CONTESTED_CLAIM_ID}")
    entries = page.locator("ol.timeline li.entry")
    assert entries.count() == 4
    dates = [entries.nth(i).locator(".when").inner_text() for i in range(4)]
    assert dates == sorted(dates)
    assert "denies" in entries.nth(1).inner_text().lower()
    assert page.locator("svg.strip circle").count() == 4
    screenshot(page, "claim")
    entries.nth(0).locator(".link a").click()
    page.wait_for_url("**/articles/sample-ledger-0302#st-S2")
    assert page.locator('#article-text .hl.quote.active[data-statement="S2"]').count() >= 1


def test_article_page_shows_a_quotes_source_on_hover(page, base_url: str) -> None:
    page.goto(base_url + "/articles/sample-ledger-0302")
    quote = page.locator('#article-text .hl.quote[data-statement="S2"]').first
    assert quote.inner_text().startswith("We counted twelve dead")
    assert page.locator("#tip").is_hidden()
    quote.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible", timeout=5000)
    assert "Rami Haddad" in tip.inner_text()
    assert "active" in (quote.get_attribute("class") or "")
    for kind in ("source", "cue", "entity", "place", "time", "quantity", "event"):
        assert page.locator(f"#article-text .hl.{kind}").count() >= 1, kind
    screenshot(page, "article")
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden", timeout=5000)


def test_clicking_an_event_shows_who_asserts_and_who_denies_it(page, base_url: str) -> None:
    page.goto(base_url + "/articles/sample-wire-0303")
    page.locator('#article-text .hl.event[data-event="V1"]').first.click()
    panel = page.locator("#event-panel")
    panel.wait_for(state="visible", timeout=5000)
    assert "Shelling/artillery/missile attack" in panel.inner_text()
    assert "Omar Saleh" in panel.locator("ul.denied").inner_text()
    screenshot(page, "article-event")


def test_map_and_timeline_render(page, base_url: str) -> None:
    page.goto(base_url + "/map")
    assert page.locator("svg.map #land path").count() > 100
    points = page.locator("svg.map circle.event-point")
    assert points.count() >= 3
    box = points.first.bounding_box()
    assert box is not None and box["width"] > 4
    assert page.locator("svg.chart rect.bar").count() >= 4
    assert "2026-03-01" in page.locator("svg.chart").inner_html()
    screenshot(page, "map")
    page.select_option("select[name=type]", "Protests")
    page.click("form.filters button")
    assert page.locator("svg.map circle.event-point").count() == 1
    page.locator("svg.map a").first.click()  # a point opens its article with the event's panel
    page.wait_for_url("**/articles/sample-beirut-0303#ev-V1")
    page.locator("#event-panel").wait_for(state="visible", timeout=5000)
    assert "Peaceful protest" in page.locator("#event-panel").inner_text()


def test_search_finds_articles_and_statements(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("header .quick-search input", "civilian areas")
    page.press("header .quick-search input", "Enter")
    page.wait_for_url("**/search?q=civilian+areas")
    assert "Omar Saleh" in page.locator(".search-results").inner_text()
    screenshot(page, "search")
