"""The home page, in a real Chromium: it loads, is accessible, and talks to no one else."""

from urllib.parse import urlsplit

from tests.support.browser import assert_accessible


def test_the_home_page_loads_with_its_styles_and_passes_axe(live_server, page):
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).netloc))
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))

    response = page.goto(live_server.url)

    assert response.status == 200
    assert page.title() == "Anonymous surveys of practitioners – Candour"
    assert page.locator("h1").inner_text() == "Anonymous surveys of practitioners"
    # The stylesheet applied: GOV.UK Frontend's heading style, in Candour's system font stack.
    font = page.locator("h1").evaluate("el => getComputedStyle(el).fontFamily")
    assert font.startswith("system-ui")
    assert page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')")
    assert failed == []
    assert requested_hosts == {urlsplit(live_server.url).netloc}
    assert_accessible(page)
