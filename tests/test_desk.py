"""The desk's web app (claims serve) through HTTP, on a SQLite file and a PostgreSQL
database: accounts and roles, CSRF, security headers, escaping, the pages and exports."""

from __future__ import annotations

import json
import re
import time

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claims.cli import app as cli
from claims.desk.app import create_app
from claims.desk.auth import hash_password
from claims.store import Store
from tests.conftest import ROOT

runner = CliRunner()
HOSTILE = (
    'Der Minister sagte, <script>alert("x")</script> sei \x1b[2J gefährlich.\n'
    "Die Sprecherin erklärte, die Lage sei ernst.\n"
)


@pytest.fixture
def desk(db_url, tmp_path):
    """A store with the seeds, a hostile article and three accounts; the app over it."""
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    r = runner.invoke(cli, ["extract", "-q", "--analyzer", "lite", "--db", db_url, str(ROOT / "seeds"), str(hostile)])
    assert r.exit_code == 0, r.output
    store = Store(db_url)
    for name, role in (("vera", "viewer"), ("rita", "reviewer"), ("adam", "admin")):
        store.add_user(name, hash_password(f"{name}-password"), role)
    return create_app(db_url, analyzer="lite")


def client(app, name: str | None = None) -> TestClient:
    c = TestClient(app, base_url="http://127.0.0.1")
    if name:
        r = c.post("/login", data={"name": name, "password": f"{name}-password", "csrf": token(c, "/login")}, follow_redirects=False)
        assert r.status_code == 303, r.text
    return c


def token(c: TestClient, path: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', c.get(path).text).group(1)


def claim_id(c: TestClient, text: str) -> str:
    page = c.get("/claims", params={"q": text}).text
    return re.search(r'href="/claims/([0-9a-f]{12})"', page).group(1)


def test_every_page_needs_a_login(desk):
    c = client(desk)
    for path in ("/claims", "/outlets", "/speakers", "/add", "/export.csv", "/export.jsonld", "/users"):
        r = c.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), path


def test_login_logout_and_wrong_passwords(desk):
    c = client(desk)
    r = c.post("/login", data={"name": "rita", "password": "wrong", "csrf": token(c, "/login")})
    assert r.status_code == 401 and "Wrong name or password" in r.text
    c = client(desk, "rita")
    assert "rita (reviewer)" in c.get("/claims").text
    r = c.post("/logout", data={"csrf": token(c, "/claims")}, follow_redirects=False)
    assert r.status_code == 303
    assert c.get("/claims", follow_redirects=False).status_code == 303


def test_repeated_failed_logins_are_slowed(desk):
    c = client(desk)
    for _ in range(5):
        assert c.post("/login", data={"name": "vera", "password": "nope", "csrf": token(c, "/login")}).status_code == 401
    r = c.post("/login", data={"name": "vera", "password": "vera-password", "csrf": token(c, "/login")})
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1  # even the right password waits


def test_security_headers_on_every_answer(desk):
    c = client(desk, "vera")
    for path in ("/login", "/claims", "/static/htmx.min.js"):
        h = c.get(path).headers
        assert "script-src 'self'" in h["content-security-policy"] and "unsafe-inline" not in h["content-security-policy"]
        assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
    assert "claims_session" in client(desk, "vera").cookies
    page = c.get("/claims").text
    assert "<script>" not in page.replace('<script src="/static/htmx.min.js" defer></script>', "")


def test_forms_without_the_csrf_token_are_refused(desk):
    c = client(desk, "rita")
    cid = claim_id(c, "Bauteile")
    r = c.post(f"/claims/{cid}/review", data={"status": "false", "csrf": "forged"})
    assert r.status_code == 403 and "CSRF" in r.text
    assert "No reviews yet" in c.get(f"/claims/{cid}").text


def test_a_reviewer_reviews_and_the_review_records_the_account(desk):
    c = client(desk, "rita")
    cid = claim_id(c, "Bauteile")
    form = {"status": "false", "rating": "Falsch", "note": "Keine Belege <b>", "evidence": "https://example.org/a\njavascript:alert(1)", "csrf": token(c, f"/claims/{cid}")}
    assert c.post(f"/claims/{cid}/review", data=form).status_code == 403  # a javascript: link is no evidence
    form["evidence"] = "https://example.org/a"
    r = c.post(f"/claims/{cid}/review", data=form, follow_redirects=False)
    assert r.status_code == 303
    page = c.get(f"/claims/{cid}").text
    assert "Keine Belege &lt;b&gt;" in page and 'href="https://example.org/a"' in page
    (rev,) = Store(desk.state.store.url).history(cid)
    assert rev.reviewer == "rita" and rev.status == "false"


def test_a_viewer_gets_403_on_every_write(desk):
    c = client(desk, "vera")
    cid = claim_id(c, "Bauteile")
    t = token(c, f"/claims/{cid}")
    assert "Save review" not in c.get(f"/claims/{cid}").text
    assert c.post(f"/claims/{cid}/review", data={"status": "false", "csrf": t}).status_code == 403
    assert c.post("/add", data={"text": "Er sagte, es sei gut.", "csrf": t}).status_code == 403
    assert c.get("/add").status_code == 403
    assert c.get("/users").status_code == 403
    assert client(desk, "adam").get("/users").status_code == 200


def test_article_text_is_escaped_and_control_characters_shown(desk):
    c = client(desk, "vera")
    cid = claim_id(c, "gefährlich")
    page = c.get(f"/claims/{cid}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "\x1b" not in page and "\\x1b" in page
    assert '<span class="m-cue">sagte</span>' in page and '<span class="m-speaker">Der Minister</span>' in page


def test_claims_list_filters_counts_and_pages(desk):
    c = client(desk, "vera")
    page = c.get("/claims").text
    assert re.search(r'class="status-unverified">unverified \d+</a>', page)
    shoigu = c.get("/claims", params={"speaker": "SCHOIGU"}).text
    assert "<td>Sergej Schoigu</td>" in shoigu and "<td>Li Shangfu</td>" not in shoigu
    only = c.get("/claims", params={"status": "unverifiable"}).text
    assert re.search(r"1 claims", only)
    assert c.get("/claims", params={"since": "2023-13"}).status_code == 403  # not a date
    part = c.get("/claims", params={"outlet": "CCTV"}, headers={"HX-Request": "true", "HX-Target": "rows"}).text
    assert part.startswith('<p class="total">') and "<html" not in part


def test_document_page_and_audits_with_charts(desk):
    c = client(desk, "vera")
    cid = claim_id(c, "Bauteile")
    doc_link = re.search(r'href="(/documents/[0-9a-f]{64})"', c.get(f"/claims/{cid}").text).group(1)
    doc = c.get(doc_link).text
    assert doc.count('class="m-message') >= 5
    for path, name in (("/outlets", "CCTV News"), ("/speakers", "Li Shangfu")):
        page = c.get(path).text
        assert "<svg" in page and name in page and "<rect" in page


def test_exports_download(desk):
    c = client(desk, "vera")
    store = desk.state.store
    cid = store.query(speaker="Shangfu")[0][0].id
    store.add_review(cid, "false", rating="Falsch", reviewer="rita", url="https://factcheck.example/1")
    r = c.get("/export.jsonld", params={"speaker": "Shangfu"})
    data = json.loads(r.text)
    assert r.headers["content-type"].startswith("application/ld+json") and data and all(x["@type"] == "ClaimReview" for x in data)
    r = c.get("/export.csv")
    assert r.text.splitlines()[0].startswith("id,") and len(r.text.splitlines()) > 18


def test_adding_a_pasted_article_extracts_it_in_the_background(desk):
    c = client(desk, "rita")
    text = "Die Regierung teilte mit, die Steuern würden im Herbst sinken. Der Minister sagte: Wir halten Wort."
    r = c.post("/add", data={"text": text, "csrf": token(c, "/add")}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/jobs/")
    job = r.headers["location"]
    for _ in range(100):
        page = c.get(job).text
        if "done" in page:
            break
        time.sleep(0.1)
    assert "1 of 1 articles, done: 2 claims" in page
    assert "Steuern würden im Herbst sinken" in c.get("/claims", params={"q": "Steuern"}).text


def test_users_commands(db_url):
    r = runner.invoke(cli, ["users", "add", "anna", "--role", "admin", "--password-stdin", "--db", db_url], input="long-enough-pw\n")
    assert r.exit_code == 0, r.output
    assert runner.invoke(cli, ["users", "add", "anna", "--password-stdin", "--db", db_url], input="long-enough-pw\n").exit_code == 1
    assert runner.invoke(cli, ["users", "add", "bob", "--password-stdin", "--db", db_url], input="short\n").exit_code == 2
    assert runner.invoke(cli, ["users", "set-role", "anna", "viewer", "--db", db_url]).exit_code == 0
    r = runner.invoke(cli, ["users", "list", "-f", "json", "--db", db_url])
    assert [(u["name"], u["role"]) for u in json.loads(r.output)] == [("anna", "viewer")]
    assert "long-enough-pw" not in json.dumps(Store(db_url).user("anna"))  # only the hash
    assert runner.invoke(cli, ["users", "set-role", "anna", "king", "--db", db_url]).exit_code == 1
    assert runner.invoke(cli, ["users", "remove", "anna", "--db", db_url]).exit_code == 0
    assert runner.invoke(cli, ["users", "remove", "anna", "--db", db_url]).exit_code == 1
