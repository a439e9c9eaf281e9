"""The digest page in a real headless Chromium: switcher, fragment, no network, no scripts."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver import Chrome
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from headline.page import render_digest_page, render_feed_page
from headline.records import Digest, FeedRecord, Translation

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="Chromium and chromedriver are not installed "
        "(apt-get install chromium chromium-driver; .ci/run installs them)",
    ),
]

HOSTILE_TITLE = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script> & co'
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=900,1100",
)
LANGS = ("en", "ru", "hy")


def make_digest(title: str) -> Digest:
    return Digest(
        url="https://news.example.com/world/drums",
        title=title,
        date="2026-01-15T08:54",
        authors=["Sabina Mammadli"],
        site="Example News",
        language="en",
        text="Body.",
        summary=[
            "After a day of talks, the leaders of Japan and South Korea picked up drumsticks.",
            "They played K-pop hits for about 20 minutes.",
        ],
        method="textrank",
        translations={code: Translation.from_dict(part) for code, part in {
            "ru": {
                "title": "Барабанные палочки вместо дипломатии",
                "summary": [
                    "После дня переговоров лидеры Японии и Южной Кореи взяли барабанные палочки.",
                    "Они около 20 минут играли хиты K-pop.",
                ],
                "model": "Helsinki-NLP/opus-mt-en-ru",
                "warnings": [],
            },
            "hy": {
                "title": "Թմբկահարի փայտիկներ՝ դիվանագիտության փոխարեն",
                "summary": [
                    "Բանակցությունների օրվանից հետո Ճապոնիայի և Հարավային Կորեայի "
                    "առաջնորդները վերցրին թմբկահարի փայտիկները։",
                    "Նրանք մոտ 20 րոպե նվագեցին K-pop երգեր։",
                ],
                "model": "Helsinki-NLP/opus-mt-en-hy",
                "warnings": [],
            },
        }.items()},
    )


FEED_RECORDS: list[dict[str, Any]] = [
    {
        "id": f"item-{n}",
        "link": f"https://news.example.com/{n}",
        "published": "2026-01-15T08:54:00+00:00",
        "title": f"Story number {n}",
        "summary": f"Description {n}.",
        "translations": {
            "ru": {"title": f"История номер {n}", "summary": f"Описание {n}."},
            "hy": {"title": f"Պատմություն համար {n}", "summary": f"Նկարագրություն {n}։"},
        },
        "status": "ok",
        "error": None,
    }
    for n in (1, 2)
] + [
    {
        "id": "item-3",
        "link": "https://news.example.com/3",
        "title": "Unreachable story",
        "translations": {},
        "status": "error",
        "error": "fetch failed: HTTP 404",
    }
]


@dataclass
class Site:
    """The pages served from loopback, and every path the browser asked for."""

    base: str
    folder: Path
    requested: list[str] = field(default_factory=list)

    def url(self, name: str, fragment: str = "") -> str:
        return f"{self.base}/{name}{fragment}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("pages")
    (folder / "digest.html").write_text(render_digest_page(make_digest("Drums at the summit")))
    (folder / "hostile.html").write_text(render_digest_page(make_digest(HOSTILE_TITLE)))
    feed = render_feed_page(map(FeedRecord.from_dict, FEED_RECORDS), title="World feed")
    (folder / "feed.html").write_text(feed)
    requested: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self) -> None:
            requested.append(self.path)
            super().do_GET()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads ``requested`` instead."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}", folder, requested)
    finally:
        server.shutdown()
        server.server_close()


def start_chromium(profile: Path, scripts: bool) -> Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if not scripts:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return Chrome(options=options, service=Service(str(CHROMEDRIVER)))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chrome]:
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"), scripts=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def browser_without_scripts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chrome]:
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile-noscript"), scripts=False)
    yield driver
    driver.quit()


def open_page(driver: Chrome, url: str) -> None:
    """Load from a blank page so a fragment-only change is a real load, not a jump."""
    driver.get("about:blank")
    driver.get(url)


def visible_languages(driver: Chrome) -> list[str]:
    sections = driver.find_elements(By.CSS_SELECTOR, "section[data-for]")
    return [s.get_attribute("data-for") or "" for s in sections if s.is_displayed()]


def pressed(driver: Chrome) -> list[str]:
    buttons = driver.find_elements(By.CSS_SELECTOR, "[data-switcher] button")
    return [
        b.get_attribute("value") or ""
        for b in buttons
        if b.get_attribute("aria-pressed") == "true"
    ]


def read_log(driver: Chrome, kind: str) -> list[dict[str, Any]]:
    """Drain one of Chromium's logs ("performance": DevTools events, "browser": console)."""
    entries: list[dict[str, Any]] = driver.get_log(kind)  # type: ignore[no-untyped-call]
    return entries


def network_requests(driver: Chrome) -> list[str]:
    """URLs of every request the page made, from the DevTools network log."""
    urls = []
    for entry in read_log(driver, "performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.mark.parametrize("name", ["digest.html", "feed.html"])
def test_page_loads_with_no_network_requests(browser: Chrome, site: Site, name: str) -> None:
    driver = browser
    driver.get("about:blank")
    read_log(driver, "performance")
    read_log(driver, "browser")
    site.requested.clear()
    driver.get(site.url(name))
    assert driver.execute_script("return document.documentElement.dataset.lang") == "en"
    requests = network_requests(driver)
    assert [url for url in requests if not url.startswith("data:")] == [site.url(name)]
    assert site.requested == [f"/{name}"]
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert [e for e in read_log(driver, "browser") if e["level"] == "SEVERE"] == []


def test_clicking_a_language_shows_it_alone_and_records_it_in_the_fragment(
    browser: Chrome, site: Site
) -> None:
    open_page(browser, site.url("digest.html"))
    assert visible_languages(browser) == ["en"]
    assert pressed(browser) == ["en"]
    browser.find_element(By.CSS_SELECTOR, "button[value='ru']").click()
    assert visible_languages(browser) == ["ru"]
    assert pressed(browser) == ["ru"]
    assert browser.current_url.endswith("#ru")
    body = browser.find_element(By.TAG_NAME, "main").text
    assert "Барабанные палочки вместо дипломатии" in body
    assert "15 января 2026 г., 08:54" in body
    assert "Drums at the summit" not in body
    assert "Թմբկահարի" not in body
    armenian = browser.find_element(By.CSS_SELECTOR, "button[value='hy']")
    armenian.send_keys(Keys.ENTER)
    assert visible_languages(browser) == ["hy"]
    assert browser.current_url.endswith("#hy")
    browser.back()
    WebDriverWait(browser, 10).until(lambda driver: visible_languages(driver) == ["ru"])
    assert pressed(browser) == ["ru"]


def test_switcher_works_from_the_keyboard_with_a_visible_focus_ring(
    browser: Chrome, site: Site
) -> None:
    open_page(browser, site.url("digest.html"))
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("value") == "en"
    outline = browser.execute_script(
        "var s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]"
    )
    assert outline == ["solid", "3px"]
    focused.send_keys(Keys.TAB)
    browser.switch_to.active_element.send_keys(Keys.SPACE)
    assert visible_languages(browser) == ["ru"]
    assert pressed(browser) == ["ru"]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [("", "en"), ("#en", "en"), ("#ru", "ru"), ("#hy", "hy"), ("#RU", "ru"), ("#xx", "en")],
)
def test_fragment_selects_the_language_on_load(
    browser: Chrome, site: Site, fragment: str, expected: str
) -> None:
    open_page(browser, site.url("digest.html", fragment))
    assert visible_languages(browser) == [expected]
    assert pressed(browser) == [expected]


def test_feed_page_switches_every_card_and_keeps_failures_in_view(
    browser: Chrome, site: Site
) -> None:
    open_page(browser, site.url("feed.html", "#hy"))
    assert visible_languages(browser) == ["hy", "hy"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-switcher]")) == 1
    failures = browser.find_element(By.CSS_SELECTOR, "section.failures")
    assert failures.is_displayed()
    assert "fetch failed: HTTP 404" in failures.text
    browser.find_element(By.CSS_SELECTOR, "button[value='ru']").click()
    assert visible_languages(browser) == ["ru", "ru"]
    assert failures.is_displayed()


def test_without_scripts_every_language_shows_one_under_another(
    browser_without_scripts: Chrome, site: Site
) -> None:
    driver = browser_without_scripts
    open_page(driver, site.url("digest.html", "#ru"))
    sections = driver.find_elements(By.CSS_SELECTOR, "section[data-for]")
    assert [s.get_attribute("lang") for s in sections if s.is_displayed()] == list(LANGS)
    tops = [s.rect["y"] for s in sections]
    assert tops == sorted(tops)
    assert len(set(tops)) == len(tops)
    assert len({s.rect["x"] for s in sections}) == 1
    assert not driver.find_element(By.CSS_SELECTOR, "[data-switcher]").is_displayed()
    assert [b.text for b in driver.find_elements(By.CSS_SELECTOR, ".lang-badge")] == [
        "EN",
        "RU",
        "ARM",
    ]


def test_markup_in_a_headline_stays_inert(browser: Chrome, site: Site) -> None:
    open_page(browser, site.url("hostile.html"))
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    assert browser.find_element(By.CSS_SELECTOR, "section[data-for='en'] h1").text == (
        HOSTILE_TITLE
    )
    assert browser.title == HOSTILE_TITLE


def test_screenshots_in_both_colour_schemes(browser: Chrome, site: Site, tmp_path: Path) -> None:
    backgrounds = {}
    shots = []
    for scheme, name, fragment in [
        ("light", "digest.html", "#hy"),
        ("dark", "digest.html", "#ru"),
        ("dark", "feed.html", "#en"),
    ]:
        browser.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        open_page(browser, site.url(name, fragment))
        backgrounds[scheme] = browser.execute_script(
            "return getComputedStyle(document.body).backgroundColor"
        )
        shot = tmp_path / f"{name.removesuffix('.html')}-{scheme}-{fragment[1:]}.png"
        assert browser.save_screenshot(str(shot))
        shots.append(shot)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert backgrounds["light"] != backgrounds["dark"]
    for shot in shots:
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 10_000
