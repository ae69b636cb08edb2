"""The desk's web app (``claims serve``): claims, a claim with its review form, a
document, the outlet and speaker audits, adding articles, exports. Server-rendered
Jinja2 pages that work without JavaScript; htmx (vendored) updates the claims list and
the progress of an extraction in place.

Every page needs an account (``claims users add``): viewers read, reviewers also review
and add articles, admins also see the accounts. Sessions are signed cookies; every form
carries a CSRF token; pages are sent with a Content-Security-Policy that allows no
inline script, ``X-Frame-Options: DENY`` and ``nosniff``.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from claims.desk import auth
from claims.desk.charts import status_bars
from claims.desk.marks import claim_spans, excerpt, mark_html
from claims.models import is_date
from claims.output import visible
from claims.store import REVIEW_STATUSES, STATUS_ORDER, Store, StoreError

PAGE = 50
KINDS = ("direct", "indirect", "reported", "mixed")
CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
HEADERS = {"Content-Security-Policy": CSP, "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


class LoginRequired(Exception):
    pass


class Forbidden(Exception):
    pass


@dataclass
class Job:
    """An extraction started from the add page, run in a background thread."""

    id: str
    user: str
    total: int
    done: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    finished: bool = False
    documents: list[str] = field(default_factory=list)  # sha256 of the stored documents


def _web_url(u: str) -> bool:
    return u.startswith(("http://", "https://"))


def create_app(db: str | None = None, analyzer: str = "auto", model_dir: str | None = None, https_only: bool = False) -> FastAPI:
    store = Store(db)
    base = resources.files("claims.desk")
    templates = Jinja2Templates(directory=str(base / "templates"))
    templates.env.filters["visible"] = visible
    templates.env.globals.update(web_url=_web_url, statuses=REVIEW_STATUSES, kinds=KINDS, may=auth.may)
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    app.state.throttle = auth.LoginThrottle()
    app.state.jobs: dict[str, Job] = {}
    app.state.analyzer = None
    app.state.analyzer_lock = threading.Lock()
    app.mount("/static", StaticFiles(directory=str(base / "static")), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    # added after the header middleware, so it runs first and sessions exist inside
    app.add_middleware(SessionMiddleware, secret_key=store.secret(), session_cookie="claims_session", same_site="strict", https_only=https_only, max_age=12 * 3600)

    @app.exception_handler(LoginRequired)
    async def to_login(request: Request, exc: LoginRequired):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden):
        return page(request, "error.html", {"title": "Not allowed", "message": str(exc)}, status=403)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        return page(request, "error.html", {"title": "Not found", "message": str(exc)}, status=404)

    def csrf(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = auth.new_csrf_token()
        return token

    def page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
        ctx = {"request": request, "user": request.session.get("user"), "role": request.session.get("role"), "csrf": csrf(request), **ctx}
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def user(request: Request, needed: str = "viewer") -> str:
        name = request.session.get("user")
        account = store.user(name) if name else None
        if account is None:
            request.session.pop("user", None)
            raise LoginRequired()
        request.session["role"] = account["role"]  # a changed role counts at once
        if not auth.may(account["role"], needed):
            raise Forbidden(f"This needs the role {needed}; your account {name} is a {account['role']}.")
        return name

    async def form(request: Request) -> dict[str, Any]:
        data = await request.form()
        if not auth.same_token(str(data.get("csrf", "")), request.session.get("csrf")):
            raise Forbidden("The form has expired or did not come from this site (CSRF token); reload the page and send it again.")
        return data

    # -- accounts -----------------------------------------------------------------------
    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/claims"):
        return page(request, "login.html", {"next": next if next.startswith("/") and not next.startswith("//") else "/claims"})

    @app.post("/login")
    async def login(request: Request):
        data = await form(request)
        name, password = str(data.get("name", "")), str(data.get("password", ""))
        target = str(data.get("next", "/claims"))
        target = target if target.startswith("/") and not target.startswith("//") else "/claims"
        wait = app.state.throttle.wait(name)
        if wait > 0:
            resp = page(request, "login.html", {"next": target, "error": f"Too many failed logins for this account; try again in {int(wait) + 1} s."}, status=429)
            resp.headers["Retry-After"] = str(int(wait) + 1)
            return resp
        account = store.user(name)
        if account is None or not auth.check_password(account["password_hash"], password):
            app.state.throttle.failed(name)
            return page(request, "login.html", {"next": target, "error": "Wrong name or password."}, status=401)
        app.state.throttle.succeeded(name)
        request.session.clear()
        request.session.update(user=name, role=account["role"], csrf=auth.new_csrf_token())
        return RedirectResponse(target, status_code=303)

    @app.post("/logout")
    async def logout(request: Request):
        await form(request)
        request.session.clear()
        return RedirectResponse("/login", status_code=303)

    # -- claims -------------------------------------------------------------------------
    def filters_of(request: Request) -> dict[str, Any]:
        q = request.query_params
        f: dict[str, Any] = {}
        status = [s for s in q.getlist("status") if s in STATUS_ORDER]
        kind = [k for k in q.getlist("kind") if k in KINDS]
        if status:
            f["status"] = status
        if kind:
            f["kind"] = kind
        for key, name in (("speaker", "speaker"), ("outlet", "outlet"), ("publisher", "publisher"), ("q", "search")):
            if q.get(key, "").strip():
                f[name] = q[key].strip()
        for key in ("since", "until"):
            v = q.get(key, "").strip()
            if v:
                if not is_date(v):
                    raise Forbidden(f"{key}: {v!r} is not a date (YYYY-MM or YYYY-MM-DD)")
                f[key] = v
        return f

    @app.get("/")
    def home():
        return RedirectResponse("/claims", status_code=303)

    @app.get("/claims", response_class=HTMLResponse)
    def claims_page(request: Request):
        user(request)
        f = filters_of(request)
        asked = request.query_params.get("page", "1")
        page_no = max(1, int(asked)) if asked.isdigit() else 1
        total = store.count(**f)
        rows = store.query(**f, limit=PAGE, offset=(page_no - 1) * PAGE)
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
        ctx = {
            "rows": rows,
            "total": total,
            "counts": store.status_counts(),
            "page_no": page_no,
            "pages": max(1, (total + PAGE - 1) // PAGE),
            "query": params,
            "link": lambda n: "/claims?" + urlencode(params + [("page", str(n))]),
            "f": {k: request.query_params.get(k, "") for k in ("speaker", "outlet", "publisher", "q", "since", "until")},
            "chosen": {"status": request.query_params.getlist("status"), "kind": request.query_params.getlist("kind")},
        }
        name = "claims_rows.html" if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "rows" else "claims.html"
        return page(request, name, ctx)

    @app.get("/claims/{cid}", response_class=HTMLResponse)
    def claim_page(request: Request, cid: str):
        user(request)
        full = store.resolve_id(cid)
        claim, status, doc = store.get(full)
        text = doc.get("text") or ""
        a, b = excerpt(text, claim) if text else (0, 0)
        marked = mark_html(text[a:b], claim_spans(claim, a)) if text else None
        return page(request, "claim.html", {"claim": claim, "status": status, "doc": doc, "marked": marked, "history": store.history(full)})

    @app.post("/claims/{cid}/review")
    async def review(request: Request, cid: str):
        name = user(request, "reviewer")
        data = await form(request)
        full = store.resolve_id(cid)
        status = str(data.get("status", ""))
        if status not in REVIEW_STATUSES:
            raise Forbidden(f"{status!r} is not a status")
        evidence = [e.strip() for e in str(data.get("evidence", "")).splitlines() if e.strip()]
        bad = [e for e in evidence if not _web_url(e)]
        if bad:
            raise Forbidden(f"evidence must be http(s) URLs: {bad[0]!r}")
        store.add_review(full, status, rating=str(data.get("rating", "")).strip() or None, note=str(data.get("note", "")).strip() or None, evidence=evidence, reviewer=name)
        return RedirectResponse(f"/claims/{full}", status_code=303)

    @app.get("/documents/{sha}", response_class=HTMLResponse)
    def document_page(request: Request, sha: str):
        user(request)
        doc = store.document(sha)
        claims = [c for c, _ in store.query(document=sha)]
        spans = [s for c in claims for s in claim_spans(c)]
        return page(request, "document.html", {"doc": doc, "claims": claims, "marked": mark_html(doc.get("text") or "", spans)})

    # -- audits ---------------------------------------------------------------------------
    def audit(request: Request, which: str):
        from claims.store.audit import outlet_audit, speaker_audit

        user(request)
        rows = (outlet_audit if which == "outlets" else speaker_audit)(store.all_claims())
        return page(request, "audit.html", {"which": which, "rows": rows, "chart": status_bars(rows[:15])})

    @app.get("/outlets", response_class=HTMLResponse)
    def outlets_page(request: Request):
        return audit(request, "outlets")

    @app.get("/speakers", response_class=HTMLResponse)
    def speakers_page(request: Request):
        return audit(request, "speakers")

    # -- export ---------------------------------------------------------------------------
    @app.get("/export.jsonld")
    def export_jsonld(request: Request):
        from claims.store.exchange import export_claimreview

        user(request)
        body = export_claimreview(store, store.query(**filters_of(request)))
        return Response(body, media_type="application/ld+json", headers={"Content-Disposition": 'attachment; filename="claimreview.jsonld"'})

    @app.get("/export.csv")
    def export_csv_file(request: Request):
        from claims.store.exchange import export_csv

        user(request)
        body = export_csv(store.query(**filters_of(request)))
        return Response(body, media_type="text/csv; charset=utf-8", headers={"Content-Disposition": 'attachment; filename="claims.csv"'})

    # -- adding articles ------------------------------------------------------------------------
    @app.get("/add", response_class=HTMLResponse)
    def add_form(request: Request):
        user(request, "reviewer")
        return page(request, "add.html", {})

    @app.post("/add")
    async def add(request: Request):
        name = user(request, "reviewer")
        data = await form(request)
        sources, errors = [], []
        from claims.document import DocumentError, decode, parse_text
        from claims.web.page import page_document

        text = str(data.get("text", "")).strip()
        if text:
            sources.append(("pasted text", parse_text(text.replace("\r\n", "\n") + "\n", path="pasted text")))
        for upload in data.getlist("files"):
            if not getattr(upload, "filename", ""):
                continue
            raw = await upload.read()
            try:
                if upload.filename.lower().endswith((".html", ".htm")):
                    sources.append((upload.filename, page_document(raw, upload.filename)))
                else:
                    sources.append((upload.filename, parse_text(decode(raw, upload.filename), path=upload.filename, data=raw)))
            except DocumentError as exc:
                errors.append(str(exc))
        urls = [u.strip() for u in str(data.get("urls", "")).splitlines() if u.strip()]
        if not sources and not urls:
            return page(request, "add.html", {"errors": errors or ["Nothing to add: paste a text, choose files or give URLs."]}, status=400)
        job = Job(uuid.uuid4().hex[:12], name, len(sources) + len(urls), errors=errors)
        app.state.jobs[job.id] = job
        threading.Thread(target=run_job, args=(job, [s for _, s in sources], urls), daemon=True).start()
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    def run_job(job: Job, sources: list, urls: list[str]) -> None:
        from claims import batch
        from claims.pipeline import EXTRACTOR_VERSION

        try:
            if urls:
                from claims.web import Fetcher, fetch_document

                with Fetcher() as web:
                    for u in urls:
                        try:
                            sources.append(fetch_document(web, u))
                        except ValueError as exc:  # a DocumentError: FetchError, NotGerman, no main text
                            job.errors.append(str(exc))
                            job.done += 1
            with app.state.analyzer_lock:
                if app.state.analyzer is None:
                    app.state.analyzer = batch.make_analyzer(analyzer, model_dir, True)
                texts = {s.sha256: s.text for s in sources}
                for r in batch.run(sources, analyzer=app.state.analyzer, progress=False):
                    job.done += 1
                    if isinstance(r, batch.DocumentFailure):
                        job.errors.append(f"{r.path}: {r.error}")
                        continue
                    store.save(r, texts.get(r.document.sha256), EXTRACTOR_VERSION)
                    job.claims += len(r.claims)
                    job.documents.append(r.document.sha256)
        except Exception as exc:  # reported on the job's page; the server goes on
            job.errors.append(f"extraction failed: {type(exc).__name__}: {exc}")
        finally:
            job.finished = True

    @app.get("/jobs/{jid}", response_class=HTMLResponse)
    def job_page(request: Request, jid: str):
        user(request)
        job = app.state.jobs.get(jid)
        if job is None:
            return page(request, "error.html", {"title": "Not found", "message": "No such extraction."}, status=404)
        name = "job_progress.html" if request.headers.get("HX-Request") else "job.html"
        return page(request, name, {"job": job})

    @app.get("/users", response_class=HTMLResponse)
    def users_page(request: Request):
        user(request, "admin")
        return page(request, "users.html", {"users": store.users()})

    @app.get("/health", response_class=PlainTextResponse)
    def health():
        return "ok"

    return app

