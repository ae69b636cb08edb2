"""The desk in a real browser (headless Chromium, Debian's chromium and chromium-driver)
against a real server on 127.0.0.1: with JavaScript, where htmx updates the list in
place, and without it, where every flow still works; and no Content-Security-Policy
violation on the way."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest
import uvicorn
from typer.testing import CliRunner

from claims.cli import app as cli
from claims.desk.app import create_app
from claims.desk.auth import hash_password
from claims.store import Store
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")), reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("desk") / "desk.db")
    r = CliRunner().invoke(cli, ["extract", "-q", "--analyzer", "lite", "--db", db, str(ROOT / "seeds")])
    assert r.exit_code == 0, r.output
    Store(db).add_user("rita", hash_password("rita-password"), "reviewer")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db, analyzer="lite"), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    srv.should_exit = True
    t.join(timeout=10)


def _browser(javascript: bool):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        opts.add_argument(arg)
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)


def _login(b, base: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    b.get(base + "/claims")
    assert "/login" in b.current_url
    b.find_element(By.NAME, "name").send_keys("rita")
    b.find_element(By.NAME, "password").send_keys("rita-password")
    b.find_element(By.CSS_SELECTOR, "form.login button").click()
    WebDriverWait(b, 10).until(lambda d: d.current_url.startswith(base + "/claims"))


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_log_in_filter_open_a_claim_and_review_it(server, javascript):
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    base, db = server
    b = _browser(javascript)
    try:
        _login(b, base)
        rows = b.find_elements(By.CSS_SELECTOR, "table.claims tbody tr")
        assert len(rows) == 18
        marker = b.find_element(By.ID, "rows")
        b.find_element(By.NAME, "speaker").send_keys("Schoigu")
        b.find_element(By.CSS_SELECTOR, "form.filters button").click()
        WebDriverWait(b, 10).until(lambda d: "speaker=Schoigu" in d.current_url)

        def speakers(d):
            try:
                return {td.text for td in d.find_elements(By.CSS_SELECTOR, "table.claims tbody tr td:nth-child(2)")}
            except WebDriverException:
                # the rows are being swapped (htmx) or the page replaced (no JavaScript):
                # a cell found a moment ago may be gone ("stale", "node does not belong
                # to the document"); the next poll reads the new rows
                return set()

        WebDriverWait(b, 10).until(lambda d: speakers(d) == {"Sergej Schoigu"})
        if javascript:
            # htmx swapped the rows in place: the page itself was not reloaded
            assert marker.is_displayed() and "speaker=Schoigu" in b.current_url
        b.find_element(By.CSS_SELECTOR, "table.claims tbody tr td a").click()
        WebDriverWait(b, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, "form.review")))
        assert b.find_elements(By.CSS_SELECTOR, ".m-message") and b.find_elements(By.CSS_SELECTOR, ".m-cue")
        note = f"checked with {'js' if javascript else 'no js'}"
        b.find_element(By.NAME, "note").send_keys(note)
        b.find_element(By.CSS_SELECTOR, "form.review button").click()
        WebDriverWait(b, 10, ignored_exceptions=(WebDriverException,)).until(lambda d: note in d.page_source)
        assert any(r.note == note and r.reviewer == "rita" for c, _ in Store(db).query(speaker="Schoigu") for r in Store(db).history(c.id))
        if javascript:
            errors = [e for e in b.get_log("browser") if e["level"] == "SEVERE" or "Content Security Policy" in e["message"]]
            assert errors == []
    finally:
        b.quit()
