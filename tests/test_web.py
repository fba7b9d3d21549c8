"""The web desk in a real browser: Debian's Chromium driven by Playwright (no download).

Skipped with a reason when /usr/bin/chromium is absent on a developer's machine; in CI
(``CI=true``) its absence is a failure, since .ci/run installs it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() == "true"

if not CHROMIUM.exists():
    if IN_CI:
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium",
                    pytrace=False)
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium) and CI is not set",
                allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

from harmwatch.api import Settings, create_app  # noqa: E402
from harmwatch.api.server import BackgroundServer  # noqa: E402
from harmwatch.store import Store  # noqa: E402
from harmwatch.store.tokens import create_token  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

from helpers import ingest_samples  # noqa: E402



PAYLOAD_SCRIPT = "<script>window.__pwned = 'script'</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
HOSTILE = (f"Mortar strike kills five in Gao {PAYLOAD_SCRIPT}\n\n"
           f"GAO, Mali, March 5 2024 - A mortar strike on the market of Gao killed five "
           f"civilians {PAYLOAD_IMG} on Tuesday, the local hospital said. {PAYLOAD_SCRIPT}\n")


def _hostile_doc(store: Store) -> str:
    from harmwatch.extract import extract_document
    from harmwatch.models import Document
    from harmwatch.reconcile import reconcile_store

    doc = Document.from_text(HOSTILE, title=f"Hostile {PAYLOAD_IMG}", format="text",
                             publisher=f"Wire {PAYLOAD_SCRIPT}", url="javascript:window.__pwned=1")
    store.add_document_with_extraction(doc, extract_document(doc))
    reconcile_store(store, {doc.id})
    return doc.id


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'desk.db'}")
    ingest_samples(store)
    hostile = _hostile_doc(store)
    token, _ = create_token(store, "ana", "analyst")
    app = create_app(Settings(), store=store)
    with BackgroundServer(app) as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield {"url": url, "browser": browser, "store": store, "token": token,
               "hostile": hostile}
        browser.close()
    store.close()


@pytest.fixture
def page(site):
    ctx = site["browser"].new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()


def _load_map(page, url: str) -> int:
    page.goto(url)
    page.wait_for_selector("body[data-loaded]", state="attached", timeout=20000)
    return int(page.get_attribute("body", "data-loaded"))


def test_map_loads_sample_incidents_offline(site, page):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    total = _load_map(page, site["url"] + "/")
    assert total > 3
    assert page.locator("#incident-table tbody tr").count() == total
    assert page.locator(".leaflet-marker-icon").count() >= 1  # markers or clusters drawn
    # the country outlines load on their own after the incidents: wait for them (the page's
    # CSP forbids evaluated strings, so poll from here)
    outlines = page.locator("path.leaflet-interactive, .leaflet-overlay-pane path")
    for _ in range(150):
        if outlines.count() > 50:
            break
        page.wait_for_timeout(100)
    assert outlines.count() > 50
    assert requested and all(u.startswith(site["url"]) for u in requested)  # nothing external
    assert not page.errors


def test_filter_by_date_lives_in_the_url(site, page):
    total = _load_map(page, site["url"] + "/")
    first = page.locator("#incident-table tbody tr td").first.inner_text()
    page.fill("#f-date_from", first)
    page.fill("#f-date_to", first)
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"date_from=" + first))
    n = int(page.wait_for_selector("body[data-loaded]", state="attached")
            .get_attribute("data-loaded"))
    assert 1 <= n < total
    dates = page.locator("#incident-table tbody tr td:first-child").all_inner_texts()
    assert dates and all(d == first for d in dates)
    # The shared URL gives the same view; a timeline bar is a link that sets the dates.
    assert _load_map(page, page.url) == n
    href = page.locator("#timeline a.bar").first.get_attribute("href")
    assert "date_from=" in href and "date_to=" in href


def test_incident_page_highlights_the_figure_in_its_sentence(site, page):
    _load_map(page, site["url"] + "/?sort=-killed")
    page.locator("#incident-table tbody a").first.click()
    page.wait_for_url(re.compile(r"/incidents/I"))
    mark = page.locator("blockquote.sentence mark").first
    assert mark.is_visible()
    assert re.search(r"\d|one|two|three|four|five|six|seven|eight|nine|ten|dozen",
                     mark.inner_text(), re.I)
    sentence = page.locator("blockquote.sentence").first.inner_text()
    assert mark.inner_text() in sentence
    assert page.locator("svg.chart, p:has-text('No dated figures')").count() >= 1
    doc_link = page.locator("a:has-text('whole document')").first
    doc_link.click()
    assert page.locator("#doctext mark").count() >= 1


def test_sign_in_correct_a_figure_and_see_the_audit_entry(site, page):
    store = site["store"]
    from harmwatch.reconcile.models import Incident

    inc = next(Incident.from_row(r) for r in store.iter_incidents()
               if r.get("killed_best") is not None)
    page.goto(site["url"] + f"/incidents/{inc.id}")
    assert page.locator("#form-correct").is_hidden()  # no token, no forms
    page.goto(site["url"] + "/signin")
    page.fill("#token", site["token"])
    page.click("#signin-form button[type=submit]")
    page.wait_for_selector("#signin-status:has-text('Signed in as ana')")
    page.goto(site["url"] + f"/incidents/{inc.id}")
    assert page.locator("#form-correct").is_visible()
    page.select_option("#correct-field", "killed_high")
    page.fill("#correct-value", "77")
    page.fill("#correct-reason", "hospital list")
    with page.expect_navigation():
        page.click("#form-correct button[type=submit]")
    page.wait_for_selector("#audit")
    row = page.locator("#audit tbody tr").first.inner_text()
    assert "ana" in row and "correct" in row and "killed_high" in row
    assert "77" in page.locator("#fig-killed-high .value").inner_text()
    assert store.iter_review_actions()[-1].analyst == "ana"


def test_hostile_article_text_stays_inert(site, page):
    doc = site["hostile"]
    pages = [f"/documents/{doc}", "/"]
    store = site["store"]
    incs = [r["id"] for r in store.iter_incidents()
            if any(e.startswith(doc + ":") for e in r.get("event_ids") or [])]
    assert incs, "the hostile report should make an incident"
    pages.append(f"/incidents/{incs[0]}")
    for path in pages:
        page.goto(site["url"] + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("img[onerror]").count() == 0, path
        assert page.locator("body script:not([src])").count() == 0, path
    # Positive control: the payloads did reach the pages, as visible text.
    page.goto(site["url"] + f"/documents/{doc}")
    text = page.locator("#doctext").inner_text()
    assert PAYLOAD_SCRIPT in text and PAYLOAD_IMG in text
    page.goto(site["url"] + f"/incidents/{incs[0]}")
    assert PAYLOAD_IMG in page.locator("body").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0


def test_the_payload_check_would_catch_markup_that_runs(page):
    """Control for the test above: the same payload, inserted as markup, does run here."""
    page.set_content(f"<body>{PAYLOAD_IMG}</body>")
    page.wait_for_function("() => window.__pwned === 'img'", timeout=5000)
    assert page.locator("img[onerror]").count() == 1


def test_phone_width_and_keyboard_only_use(site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    _load_map(page, site["url"] + "/")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # nothing wider than a phone screen
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    # Tab through filters and timeline to a map marker. Enter on a cluster zooms in (its icon
    # is redrawn) or spreads its markers out; Tab on from there until a single incident has
    # focus: Enter opens its popup, whose link leads to the incident's page.
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate_handle("() => document.activeElement")
        if not page.evaluate("el => el.classList.contains('leaflet-marker-icon')", focused):
            continue
        cluster = page.evaluate("el => el.classList.contains('marker-cluster')", focused)
        page.keyboard.press("Enter")
        if not cluster:
            break
        page.wait_for_function(
            "el => !el.isConnected || el.style.opacity === '0.3'", arg=focused)
    else:
        pytest.fail("no single incident's marker is reachable with the keyboard")
    page.wait_for_selector(".leaflet-popup a[href^='/incidents/']")
