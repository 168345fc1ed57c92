"""plan.html in a real headless Chromium: renders without console errors, charts present, no request leaves it.

The screenshot is kept in tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        message = "needs Debian's chromium: bash .ci/steps/50-chromium.sh"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def browser():
    if os.environ.get("CI") != "true":
        pytest.importorskip("playwright", reason="bash .ci/steps/50-chromium.sh installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


def test_plan_html_renders_offline_with_its_charts(browser, planned):
    page_url = (planned / "plan.html").as_uri()
    console, requests, failures = [], [], []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: console.append((m.type, m.text)))
    page.on("pageerror", lambda e: failures.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_url, wait_until="load")

    assert failures == [] and [m for m in console if m[0] in ("error", "warning")] == []
    assert requests == [page_url]  # the page itself, and nothing else
    for chart in ("#chart-totals", "#chart-workstreams", "#chart-findings"):
        assert page.locator(f"{chart} rect").count() > 0, chart
    assert page.locator("#summary .card").count() == 3
    assert page.locator("#site-table tr").count() > 80
    page.fill("#site-filter", "SOV700")  # the inline script filters the site list
    visible = page.locator("#site-table tr:visible").count()
    assert 1 < visible < 10

    ARTIFACTS.mkdir(exist_ok=True)
    page.fill("#site-filter", "")
    page.screenshot(path=str(ARTIFACTS / "plan.png"), full_page=True)
    assert (ARTIFACTS / "plan.png").stat().st_size > 50_000
    page.close()


def test_plan_html_asks_for_nothing_outside_the_file(planned):
    html = (planned / "plan.html").read_text(encoding="utf-8")
    for needle in (
        "<link ",
        "<img ",
        "<iframe",
        "src=",
        "@import",
        "url(",
        'href="http',
        "href='http",
        "fetch(",
        "XMLHttpRequest",
    ):
        assert needle not in html, needle
    assert "default-src 'none'" in html  # the page's own policy forbids loading anything
