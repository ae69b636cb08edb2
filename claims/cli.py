"""Command line interface: a thin layer over the library API."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer

from claims.document import MAX_BYTES, DocumentError, SourceDocument, decode, iter_paths, parse_text, read_document, read_limited
from claims.output import ClaimPrinter, Format, visible

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Track claims and their sources in German news.")

ModelDir = typer.Option(None, "--model-dir", envvar="CLAIMS_STANZA_DIR", help="Directory with stanza's German models (also $CLAIMS_STANZA_DIR); default: stanza's own location.")


def warn(message: str) -> None:
    """One line on stderr, control characters made visible."""
    typer.echo(f"claims: {visible(message)}", err=True)


def echo_rows(text: str) -> None:
    """A listing on stdout; an empty JSONL or CSV listing prints nothing, not an empty line."""
    if text:
        typer.echo(text)


def fail(message: str, code: int = 1) -> None:
    warn(message)
    raise typer.Exit(code)


class StoredURL(str):
    """A URL whose page is stored already (the sha256 of its document)."""


def iter_sources(paths: list[str], errors: list[str], max_bytes: int | None = MAX_BYTES, web=None, stored_url=None) -> Iterator[SourceDocument | StoredURL]:
    """Read the inputs (files, saved pages, URLs; ``-`` is stdin) one at a time; a bad one
    becomes one error line on stderr (and an entry in ``errors``) and the rest still run.
    ``web`` is a :class:`claims.web.Fetcher` for URLs; ``stored_url(url)`` the sha256 of
    a URL's stored document, which is then not fetched again. A page in another language
    is skipped with a notice."""
    for p in paths:
        try:
            if p == "-":
                data = read_limited(sys.stdin.buffer, "<stdin>", max_bytes)
                yield parse_text(decode(data, "<stdin>"), path="-", data=data)
            elif p.startswith(("http://", "https://")):
                from claims.web import fetch_document

                sha = stored_url(p) if stored_url is not None else None
                yield StoredURL(sha) if sha else fetch_document(web, p)
            else:
                yield read_document(p, max_bytes)
        except DocumentError as exc:  # a file, a page or a URL that failed (FetchError is one)
            from claims.web.page import NotGerman

            warn(str(exc))
            if not isinstance(exc, NotGerman):
                errors.append(str(exc))


DbOption = typer.Option(None, "--db", envvar="CLAIMS_DB", help="SQLAlchemy URL or SQLite file (also $CLAIMS_DB); default: claims.db in the user data directory.")


def open_store(db: Optional[str], create: bool = True):
    from claims.store import Store, StoreError

    try:
        return Store(db, create=create)
    except StoreError as exc:
        fail(str(exc))


def store_call(fn, *args, **kwargs):
    from claims.store import StoreError

    try:
        return fn(*args, **kwargs)
    except StoreError as exc:
        fail(str(exc))


class Analyzer(str, Enum):
    auto = "auto"
    stanza = "stanza"
    lite = "lite"


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Text files, saved web pages (.html), directories (all .txt and .html below), http(s) URLs, or - for stdin."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    model_dir: Optional[Path] = ModelDir,
    analyzer: Analyzer = typer.Option(Analyzer.auto, "--analyzer", help="auto (stanza when its model is found, else lite), stanza (downloads its model if missing), or lite (SoMaJo + HanTa, offline)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes (each loads the pipeline once); output keeps the input order."),
    prefilter: bool = typer.Option(True, "--prefilter/--no-prefilter", help="Stanza parses only the sentences where the lite analyzer finds a cue; the others keep lite's tags."),
    db: Optional[str] = DbOption,
    no_store: bool = typer.Option(False, "--no-store", help="Only print, store nothing."),
    force: bool = typer.Option(False, "--force", help="Extract documents again even when stored unchanged."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    max_bytes: int = typer.Option(MAX_BYTES, "--max-bytes", min=1, help="Refuse a document (or stdin) larger than this; extraction holds about 90 MB per MB of text."),
    delay: float = typer.Option(1.0, "--delay", min=0.0, help="Least seconds between two requests to one web site."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds to wait for a web server."),
) -> None:
    """Find attributed claims in German articles and store them."""
    from collections import deque

    from claims import batch
    from claims.nlp.stanza import ModelNotFoundError
    from claims.pipeline import EXTRACTOR_VERSION
    from claims.store import StoreError

    errors: list[str] = []
    store = None if no_store else open_store(db)
    # one slot per input, in input order: [claims], filled when known; printed from the
    # front as they fill, so jsonl and csv output goes out while the run goes on
    slots: deque[list] = deque()
    pending: deque[tuple[SourceDocument, list]] = deque()  # handed to the extractor, not yet stored
    printer = None if quiet else ClaimPrinter(fmt, typer.echo)
    seen = [False]

    files = iter_paths(paths, errors)
    for e in errors:
        warn(e)
    web = None
    if any(f.startswith(("http://", "https://")) for f in files):
        from claims.web import Fetcher

        web = Fetcher(delay=delay, timeout=timeout, max_bytes=max_bytes)
    stored_url = (lambda u: store_call(store.document_for_url, u)) if store is not None and not force else None

    def to_extract() -> Iterator[SourceDocument]:
        # read lazily: a long run holds only the texts of the batch being extracted
        for src in iter_sources(files, errors, max_bytes, web, stored_url):
            seen[0] = True
            if isinstance(src, StoredURL):
                slots.append([[c for c, _ in store_call(store.query, document=str(src))] if printer else []])
                continue
            # unchanged documents (same bytes, same extractor) are not extracted again
            if store is not None and not force and store_call(store.has_document, src.sha256, EXTRACTOR_VERSION):
                slots.append([[c for c, _ in store_call(store.query, document=src.sha256)] if printer else []])
                continue
            slot: list = []
            slots.append(slot)
            pending.append((src, slot))
            yield src

    def flush() -> None:
        while slots and slots[0]:
            claims = slots.popleft()[0]
            if printer:
                printer.add(claims)

    try:  # the analyzer is loaded with the first document that needs extracting
        for r in batch.run(to_extract(), analyzer.value, model_dir, jobs, prefilter, total=len(files)):
            src, slot = pending.popleft()
            if isinstance(r, batch.DocumentFailure):
                warn(f"{r.path}: {r.error}")
                errors.append(r.error)
                slot.append([])
                flush()
                continue
            slot.append(r.claims if printer else [])
            if store is not None:
                try:
                    store.save(r, src.text, EXTRACTOR_VERSION)
                except StoreError as exc:
                    warn(f"{src.path}: not stored: {exc}")
                    errors.append(str(exc))
            flush()
    except ModelNotFoundError as exc:
        fail(str(exc), 2)
    finally:
        if web is not None:
            web.close()
    flush()
    if printer and seen[0]:
        printer.close()
    if errors:
        raise typer.Exit(1)


def _seconds(text: str) -> float:
    """``15m``, ``30s``, ``1h`` or plain seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    t = text.strip().lower()
    try:
        value = float(t[:-1]) * units[t[-1]] if t and t[-1] in units else float(t)
    except ValueError:
        raise typer.BadParameter(f"{text!r}: not a duration (e.g. 30s, 15m, 1h)") from None
    if value <= 0:
        raise typer.BadParameter(f"{text!r}: not a positive duration")
    return value


@app.command()
def follow(
    urls: list[str] = typer.Argument(..., help="RSS, Atom or JSON feeds and sitemaps (http(s) URLs)."),
    once: bool = typer.Option(False, "--once", help="Read every feed once and exit (for cron and tests)."),
    interval: str = typer.Option("15m", "--interval", help="Time between two rounds (30s, 15m, 1h)."),
    model_dir: Optional[Path] = ModelDir,
    analyzer: Analyzer = typer.Option(Analyzer.auto, "--analyzer", help="auto, stanza or lite (as for extract)."),
    prefilter: bool = typer.Option(True, "--prefilter/--no-prefilter", help="As for extract."),
    db: Optional[str] = DbOption,
    force: bool = typer.Option(False, "--force", help="Fetch every listed article again, and the feeds without conditional requests."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print nothing but errors."),
    delay: float = typer.Option(1.0, "--delay", min=0.0, help="Least seconds between two requests to one web site."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds to wait for a web server."),
) -> None:
    """Follow feeds and sitemaps: fetch the articles not seen before, extract and store them."""
    import time

    from claims.web import Fetcher, is_url

    pause = _seconds(interval)
    bad = [u for u in urls if not is_url(u)]
    if bad:
        fail(f"{bad[0]}: not an http(s) URL")
    store = open_store(db)
    failed = False
    with Fetcher(delay=delay, timeout=timeout) as web:
        while True:
            failed = _follow_round(urls, web, store, analyzer.value, model_dir, prefilter, force, quiet) or failed
            if once:
                break
            try:
                time.sleep(pause)
            except KeyboardInterrupt:
                break
    if failed:
        raise typer.Exit(1)


def _follow_round(urls: list[str], web, store, analyzer: str, model_dir, prefilter: bool, force: bool, quiet: bool) -> bool:
    """One round over the feeds; True when anything failed (reported on stderr)."""
    from claims import batch
    from claims.nlp.stanza import ModelNotFoundError
    from claims.pipeline import EXTRACTOR_VERSION
    from claims.store import StoreError
    from claims.web import FetchError, read_listing

    errors: list[str] = []
    articles: list[str] = []
    validators: dict[str, tuple[str | None, str | None]] = {}
    for url in urls:
        etag, modified = (None, None) if force else store_call(store.feed_state, url)
        try:
            got = read_listing(web, url, etag, modified)
        except FetchError as exc:
            warn(str(exc))
            errors.append(str(exc))
            continue
        for p in got.problems:
            warn(p)
            errors.append(p)
        validators[url] = (got.etag, got.last_modified)
        new = [a for a in got.listing.urls if a not in articles and (force or store_call(store.document_for_url, a) is None)]
        if not quiet:
            typer.echo(f"{url}: " + ("not modified" if got.not_modified else f"{len(got.listing.urls)} listed, {len(new)} new"), err=True)
        articles += new
    stored = 0
    try:
        texts: dict[str, str] = {}

        def sources() -> Iterator[SourceDocument]:
            for s in iter_sources(articles, errors, web=web):
                if isinstance(s, StoredURL):
                    continue
                # the same article under another URL: stored by its text or canonical URL
                if not force and (store_call(store.has_document, s.sha256, EXTRACTOR_VERSION) or (s.canonical_url and store_call(store.document_for_url, s.canonical_url))):
                    continue
                texts[s.sha256] = s.text
                yield s

        for r in batch.run(sources(), analyzer, model_dir, 1, prefilter, total=len(articles)):
            if isinstance(r, batch.DocumentFailure):
                warn(f"{r.path}: {r.error}")
                errors.append(r.error)
                continue
            try:
                store.save(r, texts.pop(r.document.sha256, None), EXTRACTOR_VERSION)
                stored += 1
                if not quiet:
                    typer.echo(visible(f"{r.document.url}: {len(r.claims)} claims, {r.document.title or ''}".rstrip(", ")))
            except StoreError as exc:
                warn(f"{r.document.url}: not stored: {exc}")
                errors.append(str(exc))
    except ModelNotFoundError as exc:
        fail(str(exc), 2)
    # the feeds' validators only once their articles are stored: a failed round is read again
    for url, (etag, modified) in validators.items():
        store_call(store.set_feed_state, url, etag, modified)
    return bool(errors)


models_app = typer.Typer(no_args_is_help=True, help="Where the stanza model is looked for, what is there, and downloading it.")
app.add_typer(models_app, name="models")


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


@models_app.command("path")
def models_path(model_dir: Optional[Path] = ModelDir) -> None:
    """The model directory in use (--model-dir, $CLAIMS_STANZA_DIR, or stanza's default)."""
    from claims.nlp.stanza import resolve_model_dir

    typer.echo(str(resolve_model_dir(model_dir)))


@models_app.command("status")
def models_status(model_dir: Optional[Path] = ModelDir) -> None:
    """What is in the model directory and how large it is."""
    from claims.nlp.stanza import ENV_VAR, model_present, resolve_model_dir

    d = resolve_model_dir(model_dir)
    from_env = model_dir is not None and os.environ.get(ENV_VAR) == str(model_dir)
    source = f"${ENV_VAR}" if from_env else ("--model-dir" if model_dir else "stanza default")
    typer.echo(visible(f"directory: {d} ({source})"))
    typer.echo(_lite_summary())
    if not model_present(d):
        typer.echo("stanza German model: missing (claims models download, or --analyzer lite)")
        raise typer.Exit(1)
    procs = sorted(p.name for p in (d / "de").iterdir() if p.is_dir())
    typer.echo(f"stanza German model: present, {_dir_size(d) / 1e6:.1f} MB")
    typer.echo(f"processors: {', '.join(procs)}")


def _lite_summary() -> str:
    """One line: the lite analyzer's libraries, and whether its speed-ups run."""
    from claims.nlp.lite import compiled_available
    from claims.nlp.lite.hanta_fast import HANTA_VERSION
    from claims.nlp.lite.somajo_fast import SOMAJO_VERSION
    from claims.nlp.lite.versions import installed_version

    parts = []
    for dist, known in (("SoMaJo", SOMAJO_VERSION), ("HanTa", HANTA_VERSION)):
        found = installed_version(dist)
        parts.append(f"{dist} {found}" + ("" if found == known else f" (speed-ups need {known})"))
    return f"lite analyzer: {', '.join(parts)}; HanTa's C search {'yes' if compiled_available() else 'no'}"


@models_app.command("download")
def models_download(model_dir: Optional[Path] = ModelDir) -> None:
    """Download stanza's German model (with stanza's progress bar)."""
    from claims.nlp.stanza import ENV_VAR, resolve_model_dir

    d = resolve_model_dir(model_dir)
    try:
        import stanza

        stanza.download("de", model_dir=str(d))
    except Exception as exc:  # network errors come in many types
        fail(f"cannot download the German model to {d}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__} (offline? use --analyzer lite, or --model-dir / ${ENV_VAR} with a model you have)")
    typer.echo(f"downloaded to {d}")


def _status_list(values: Optional[list[str]]) -> Optional[list[str]]:
    from claims.store import REVIEW_STATUSES

    if not values:
        return None
    out = [v.strip() for x in values for v in x.split(",") if v.strip()]
    bad = [v for v in out if v not in REVIEW_STATUSES]
    if bad:
        fail(f"invalid status {bad[0]!r} (choose from {', '.join(REVIEW_STATUSES)})", 2)
    return out


def _date(value: Optional[str], option: str) -> Optional[str]:
    """A --since/--until value: YYYY-MM or YYYY-MM-DD, a real date; else a usage error."""
    if value is None:
        return None
    from claims.models import is_date

    if not is_date(value):
        fail(f"{option} {value!r}: not a date (YYYY-MM or YYYY-MM-DD)", 2)
    return value


def _query(store, status, speaker, outlet, publisher, kind, since, until, search, limit, offset, min_outlets=None):
    since, until = _date(since, "--since"), _date(until, "--until")
    kinds = [k for x in (kind or []) for k in x.split(",") if k] or None
    bad = [k for k in kinds or [] if k not in {"direct", "indirect", "reported", "mixed"}]
    if bad:
        fail(f"invalid kind {bad[0]!r} (choose from direct, indirect, reported, mixed)", 2)
    return store_call(store.query, status=_status_list(status), speaker=speaker, outlet=outlet, publisher=publisher, kind=kinds, since=since, until=until, search=search, limit=limit, offset=offset, min_carriers=min_outlets)


StatusOpt = typer.Option(None, "--status", help="Only these statuses (repeat or comma-separate).")
SpeakerOpt = typer.Option(None, "--speaker", help="Speaker name contains TEXT.")
OutletOpt = typer.Option(None, "--outlet", help="An outlet name contains TEXT.")
PublisherOpt = typer.Option(None, "--publisher", help="Publisher contains TEXT.")
KindOpt = typer.Option(None, "--kind", help="direct, indirect, reported or mixed.")
SinceOpt = typer.Option(None, "--since", help="Article date from (YYYY-MM[-DD]).")
UntilOpt = typer.Option(None, "--until", help="Article date until (YYYY-MM[-DD]).")
SearchOpt = typer.Option(None, "--search", help="Message contains TEXT.")


@app.command("list")
def list_claims(
    status: Optional[list[str]] = StatusOpt,
    speaker: Optional[str] = SpeakerOpt,
    outlet: Optional[str] = OutletOpt,
    publisher: Optional[str] = PublisherOpt,
    kind: Optional[list[str]] = KindOpt,
    since: Optional[str] = SinceOpt,
    until: Optional[str] = UntilOpt,
    search: Optional[str] = SearchOpt,
    limit: Optional[int] = typer.Option(None, "--limit", min=0),
    offset: int = typer.Option(0, "--offset", min=0),
    min_outlets: Optional[int] = typer.Option(None, "--min-outlets", min=1, help="Only claims that at least N outlets and publishers carried (counting the same claim in other articles)."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[str] = DbOption,
) -> None:
    """List stored claims, unverified first; 'carried' counts the outlets and publishers that carried each (claims matches ID)."""
    from claims.output import render_status_claims

    store = open_store(db, create=False)
    rows = _query(store, status, speaker, outlet, publisher, kind, since, until, search, limit, offset, min_outlets)
    known = store_call(store.known_reviews_for, [c for c, _ in rows])
    echo_rows(render_status_claims(rows, fmt, store_call(store.carriers, [c.id for c, _ in rows]), {k: v.line() for k, v in known.items()} if known else None))


@app.command()
def show(claim_id: str = typer.Argument(..., help="Claim id or a unique prefix."), db: Optional[str] = DbOption) -> None:
    """A claim in its context, with its attribution chain and review history."""
    from claims.output import render_show

    store = open_store(db, create=False)
    cid = store_call(store.resolve_id, claim_id)
    claim, status, doc = store_call(store.get, cid)
    color = sys.stdout.isatty()
    typer.echo(render_show(claim, status, doc.get("text"), store_call(store.history, cid), color=color))
    for copy in store_call(store.near_copies, claim.document.sha256):
        typer.echo(visible(f"the article nearly copies (or is copied by): {copy['title'] or copy['path'] or copy['sha256'][:12]} ({', '.join(x for x in (copy['date'], copy['publisher']) if x)}; similarity {copy['similarity']})"))
    known = store_call(store.known_reviews_for, [claim]).get(cid)
    if known is not None:
        typer.echo(visible(f"checked before: {known.line()}"))
    others = [c for c, _ in store_call(store.appearances, cid) if c.id != cid]
    if others:
        typer.echo("")
        typer.echo(f"also in {len(others)} other articles (first appearance first; claims matches {cid[:8]}):")
        for c in others:
            where = ", ".join([o.name for o in c.outlets] + ([c.document.publisher] if c.document.publisher else [])) or "-"
            typer.echo(visible(f"  {c.id[:8]}  {c.document.date or '':<10} {where}  {c.document.title or c.document.path or ''}"))


@app.command()
def matches(
    claim_id: str = typer.Argument(..., help="Claim id or a unique prefix."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[str] = DbOption,
) -> None:
    """The same claim in other articles: its group, first appearance first, with the outlets and publishers that carried it."""
    from claims.output import render_status_claims

    store = open_store(db, create=False)
    cid = store_call(store.resolve_id, claim_id)
    echo_rows(render_status_claims(store_call(store.appearances, cid), fmt))


@app.command()
def outlets(
    name: Optional[str] = typer.Argument(None, help="List the claims this outlet or publisher carried."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[str] = DbOption,
) -> None:
    """Audit: per outlet and publisher, how many claims, from whom, how many unchecked or disputed, and of the claims others carried too, how many it reported first."""
    from claims.output import render_rows, render_status_claims
    from claims.store.audit import outlet_audit

    store = open_store(db, create=False)
    if name:
        rows = store_call(store.query, outlet=name)
        rows += [r for r in store_call(store.query, publisher=name) if r not in rows]
        echo_rows(render_status_claims(rows, fmt))
        return
    echo_rows(render_rows(outlet_audit(store_call(store.all_claims), store_call(store.firsts)), fmt))


@app.command()
def speakers(
    name: Optional[str] = typer.Argument(None, help="List this speaker's claims."),
    fmt: Format = typer.Option(Format.table, "--format", "-f"),
    db: Optional[str] = DbOption,
) -> None:
    """Audit per speaker: claims, outlets, verification statuses."""
    from claims.output import render_rows, render_status_claims
    from claims.store.audit import speaker_audit

    store = open_store(db, create=False)
    if name:
        echo_rows(render_status_claims(store_call(store.query, speaker=name), fmt))
        return
    echo_rows(render_rows(speaker_audit(store_call(store.all_claims)), fmt))


@app.command()
def verify(
    claim_id: str = typer.Argument(..., help="Claim id or a unique prefix."),
    status: str = typer.Option(..., "--status", help="unverified, in_review, confirmed, false, misleading, unverifiable or disputed."),
    rating: Optional[str] = typer.Option(None, "--rating", help="Rating text, e.g. 'Falsch'."),
    note: Optional[str] = typer.Option(None, "--note"),
    evidence: Optional[list[str]] = typer.Option(None, "--evidence", help="Evidence URL (repeatable)."),
    by: Optional[str] = typer.Option(None, "--by", help="Reviewer name."),
    url: Optional[str] = typer.Option(None, "--url", help="URL of the published fact-check."),
    group: bool = typer.Option(False, "--group", help="Review every claim of its group too (the same claim in other articles, claims matches)."),
    db: Optional[str] = DbOption,
) -> None:
    """Append a review to a claim's history."""
    from claims.store import REVIEW_STATUSES
    from claims.store.claimreview import web_url

    if status not in REVIEW_STATUSES:
        fail(f"invalid status {status!r} (choose from {', '.join(REVIEW_STATUSES)})", 2)
    if url is not None and web_url(url) is None:
        fail(f"--url {url!r}: not an http(s) URL", 2)
    store = open_store(db, create=False)
    cid = store_call(store.resolve_id, claim_id)
    if group:
        for r in store_call(store.add_group_review, cid, status, rating=rating, note=note, evidence=evidence or [], reviewer=by, url=url):
            typer.echo(f"{r.claim_id[:10]}: {r.status} ({r.created_at})")
        return
    r = store_call(store.add_review, cid, status, rating=rating, note=note, evidence=evidence or [], reviewer=by, url=url)
    typer.echo(f"{cid[:10]}: {r.status} ({r.created_at})")


@app.command()
def history(claim_id: str = typer.Argument(...), fmt: Format = typer.Option(Format.table, "--format", "-f"), db: Optional[str] = DbOption) -> None:
    """The review history of a claim, oldest first."""
    from claims.output import render_rows

    store = open_store(db, create=False)
    cid = store_call(store.resolve_id, claim_id)
    rows = [{k: (", ".join(v) if isinstance(v, list) else v) for k, v in r.as_dict().items() if k != "claim_id"} for r in store_call(store.history, cid)]
    echo_rows(render_rows(rows, fmt) if rows or fmt != Format.table else "(no reviews)")


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    claimreview = "claimreview"


@app.command()
def export(
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to FILE instead of stdout."),
    status: Optional[list[str]] = StatusOpt,
    speaker: Optional[str] = SpeakerOpt,
    outlet: Optional[str] = OutletOpt,
    publisher: Optional[str] = PublisherOpt,
    db: Optional[str] = DbOption,
) -> None:
    """Export claims (jsonl keeps documents and reviews, for claims import), csv, or ClaimReview JSON-LD."""
    from claims.store import StoreError
    from claims.store.exchange import export_claimreview, export_csv, export_jsonl

    store = open_store(db, create=False)
    rows = _query(store, status, speaker, outlet, publisher, None, None, None, None, None, 0)
    try:
        if fmt == ExportFormat.jsonl:
            text = export_jsonl(store, rows)
        elif fmt == ExportFormat.csv:
            text = export_csv(rows)
        else:
            text = export_claimreview(store, rows)
    except StoreError as exc:
        fail(str(exc))
    if output:
        try:
            output.write_text(text + ("\n" if text else ""), encoding="utf-8")
        except OSError as exc:
            fail(f"{output}: cannot write ({exc.strerror or exc})")
    elif text:
        typer.echo(text)


@app.command("import")
def import_(file: Path = typer.Argument(..., help="A file written by claims export --format jsonl, or other fact-checkers' ClaimReview JSON-LD (a list, a DataFeed, a saved fact-check page)."), db: Optional[str] = DbOption) -> None:
    """Merge an export into the database, or store other fact-checkers' reviews; importing twice changes nothing."""
    from claims.store.exchange import ImportError_, parse_export
    from claims.store.factchecks import FactCheckError, is_export, read_claimreviews

    if file.exists() and not is_export(file):
        try:
            known = read_claimreviews(file)
        except FactCheckError as exc:
            fail(str(exc))
        store = open_store(db)
        typer.echo(f"imported {store_call(store.import_known_reviews, known)} reviews by other fact-checkers")
        return
    try:
        docs, claims, reviews = parse_export(file)
    except ImportError_ as exc:
        fail(str(exc))
    store = open_store(db)
    counts = store_call(store.import_records, docs, claims, reviews)
    typer.echo(f"imported {counts['documents']} documents, {counts['claims']} claims, {counts['reviews']} reviews")


@app.command("eval")
def evaluate(
    gold: Path = typer.Argument(..., help="Gold file in the format of shared/gold/README.md."),
    model_dir: Optional[Path] = ModelDir,
    as_json: bool = typer.Option(False, "--json", help="Scores as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every error per document."),
    analyzer_kind: Analyzer = typer.Option(Analyzer.stanza, "--analyzer", help="Analyzer to score."),
    prefilter: bool = typer.Option(True, "--prefilter/--no-prefilter"),
) -> None:
    """Score the extractor against a gold file (claim F1, speaker, outlets, kind, verification)."""
    from claims.eval.gold import score
    from claims.pipeline import extract_documents

    try:
        docs = json.loads(gold.read_text(encoding="utf-8"))
        if not isinstance(docs, list):
            raise ValueError("expected a JSON list of documents")
    except (OSError, ValueError) as exc:
        fail(f"{gold}: cannot read gold file ({exc})", 2)
    from claims import batch
    from claims.nlp.stanza import ModelNotFoundError

    try:
        analyzer = batch.make_analyzer(analyzer_kind.value, model_dir, prefilter)
    except ModelNotFoundError as exc:
        fail(str(exc), 2)
    sources = [parse_text(d["text"], path=d.get("file")) for d in docs]
    results = extract_documents(sources, analyzer)
    preds = {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in results}
    per_doc, total = score(docs, preds)
    if as_json:
        typer.echo(json.dumps({"total": total.scores(), "documents": {k: v.scores() for k, v in per_doc.items()}}, indent=2))
        return
    from tabulate import tabulate

    keys = ["gold", "pred", "matched", "claim_f1", "message_token_f1", "speaker_acc", "outlet_f1", "kind_acc", "verification_acc"]
    rows = [[k] + [round(v.scores()[x], 3) for x in keys] for k, v in per_doc.items()]
    rows.append(["TOTAL"] + [round(total.scores()[x], 3) for x in keys])
    typer.echo(tabulate(rows, headers=["document"] + keys, tablefmt="simple"))
    if verbose:
        for k, v in per_doc.items():
            for e in v.errors:
                typer.echo(visible(f"{k}: {e}"))


spkatt_app = typer.Typer(no_args_is_help=True, help="SpkAtt-2023 Task 2 (German news): predict and score in its JSON format.")
app.add_typer(spkatt_app, name="spkatt")


class Split(str, Enum):
    all = "all"
    train = "train"
    check = "check"


def _split_names(directory: Path, split: Split) -> list[Path]:
    from claims.eval.spkatt import check_split, documents

    paths = documents(directory)
    if split == Split.all:
        return paths
    train, check = check_split(paths)
    return train if split == Split.train else check


@spkatt_app.command("predict")
def spkatt_predict(
    in_dir: Path = typer.Argument(..., help="Directory of Task 2 JSON documents."),
    out_dir: Path = typer.Argument(..., help="Where to write one JSON per document (same file names)."),
    split: Split = typer.Option(Split.all, "--split", help="all documents, or the tuning (train) / held-out (check) part."),
    model_dir: Optional[Path] = ModelDir,
    analyzer_kind: Analyzer = typer.Option(Analyzer.stanza, "--analyzer", help="Analyzer of the given tokens (no prefilter: every sentence is analysed)."),
) -> None:
    """Run the extraction on the given tokens and write SpkAtt annotations."""
    from claims import batch
    from claims.eval.spkatt import load, predict_document
    from claims.nlp.stanza import ModelNotFoundError

    if not in_dir.is_dir():
        fail(f"{in_dir}: not a directory", 2)
    paths = _split_names(in_dir, split)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        analyzer = batch.make_analyzer(analyzer_kind.value, model_dir, prefilter=False)
    except ModelNotFoundError as exc:
        fail(str(exc), 2)
    bad = 0
    for p in paths:
        try:
            doc = load(p)
            pred = predict_document(doc, analyzer)
        except (ValueError, KeyError, TypeError) as exc:
            warn(f"{p}: cannot read Task 2 document ({exc})")
            bad += 1
            continue
        (out_dir / p.name).write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    typer.echo(visible(f"wrote {len(paths) - bad} documents to {out_dir}"), err=True)
    if bad:
        raise typer.Exit(1)


@spkatt_app.command("score")
def spkatt_score(
    gold_dir: Path = typer.Argument(...),
    pred_dir: Path = typer.Argument(...),
    split: Split = typer.Option(Split.all, "--split"),
    as_json: bool = typer.Option(False, "--json", help="Scores as JSON."),
) -> None:
    """Task 2 evaluation: token-level P/R/F1 for messages, roles and joint, Form and STWR."""
    from tabulate import tabulate

    from claims.eval.spkatt import score_dirs

    for d in (gold_dir, pred_dir):
        if not d.is_dir():
            fail(f"{d}: not a directory", 2)
    names = [p.name for p in _split_names(gold_dir, split)]
    res = score_dirs(gold_dir, pred_dir, names)
    if as_json:
        typer.echo(json.dumps(res, indent=2))
        return
    for task in ("subtask1", "subtask2"):
        r = res[task]
        rows = [[k, v["precision"], v["recall"], v["f1"]] for k, v in r.items() if k != "recall_by_form"]
        typer.echo(f"{task} ({res['documents']} documents)")
        typer.echo(tabulate(rows, headers=["", "P", "R", "F1"], tablefmt="simple", floatfmt=".2f"))
        typer.echo("recall by form: " + ", ".join(f"{k} {v:.1f}" for k, v in r["recall_by_form"].items()))
        typer.echo("")


users_app = typer.Typer(no_args_is_help=True, help="Accounts of the desk's web app (claims serve): viewer, reviewer, admin.")
app.add_typer(users_app, name="users")


def _password(password_stdin: bool) -> str:
    if password_stdin:
        pw = sys.stdin.readline().rstrip("\n")
    else:
        pw = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(pw) < 8:
        fail("a password needs at least 8 characters", 2)
    return pw


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="Account name."),
    role: str = typer.Option("reviewer", "--role", help="viewer (reads), reviewer (also reviews and adds articles) or admin."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from the first line of stdin instead of a prompt."),
    db: Optional[str] = DbOption,
) -> None:
    """Add an account; the password is stored as an argon2 hash."""
    from claims.desk.auth import hash_password

    if not name.strip() or len(name) > 64 or any(ch.isspace() or not ch.isprintable() for ch in name):
        fail(f"{name!r}: a name is 1 to 64 printable characters without spaces", 2)
    store = open_store(db)
    store_call(store.add_user, name, hash_password(_password(password_stdin)), role)
    typer.echo(f"added {name} ({role})")


@users_app.command("list")
def users_list(fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."), db: Optional[str] = DbOption) -> None:
    """The accounts and their roles."""
    from claims.output import render_rows

    store = open_store(db, create=False)
    echo_rows(render_rows(store_call(store.users), fmt))


@users_app.command("remove")
def users_remove(name: str = typer.Argument(...), db: Optional[str] = DbOption) -> None:
    """Remove an account (its reviews keep its name)."""
    store_call(open_store(db, create=False).remove_user, name)
    typer.echo(f"removed {name}")


@users_app.command("set-role")
def users_set_role(name: str = typer.Argument(...), role: str = typer.Argument(..., help="viewer, reviewer or admin."), db: Optional[str] = DbOption) -> None:
    """Change an account's role."""
    store_call(open_store(db, create=False).set_user, name, role)
    typer.echo(f"{name} is now {role}")


@users_app.command("set-password")
def users_set_password(name: str = typer.Argument(...), password_stdin: bool = typer.Option(False, "--password-stdin"), db: Optional[str] = DbOption) -> None:
    """Give an account a new password."""
    from claims.desk.auth import hash_password

    store = open_store(db, create=False)
    store_call(store.set_user, name, None, hash_password(_password(password_stdin)))
    typer.echo(f"new password for {name}")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 127.0.0.1 keeps the desk on this machine."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    db: Optional[str] = DbOption,
    model_dir: Optional[Path] = ModelDir,
    analyzer: Analyzer = typer.Option(Analyzer.auto, "--analyzer", help="Analyzer for articles added in the browser."),
    https_only: bool = typer.Option(False, "--https-only", help="Send the session cookie only over HTTPS (behind a TLS proxy)."),
) -> None:
    """The desk's web app: review claims in a browser, as a team."""
    import uvicorn

    from claims.desk.app import create_app

    store = open_store(db)
    if not store_call(store.users):
        warn("no accounts yet: add one with claims users add NAME --role admin")
    app_ = create_app(store.url, analyzer.value, str(model_dir) if model_dir else None, https_only)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@spkatt_app.command("sources")
def spkatt_sources(
    gold_dir: Path = typer.Argument(...),
    pred_dir: Path = typer.Argument(...),
    split: Split = typer.Option(Split.all, "--split"),
) -> None:
    """Where the missed Source tokens of subtask 2 go: messages not found, another phrase, a phrase cut short or run on, no source."""
    from claims.eval.spkatt import source_errors

    for d in (gold_dir, pred_dir):
        if not d.is_dir():
            fail(f"{d}: not a directory", 2)
    res = source_errors(gold_dir, pred_dir, [p.name for p in _split_names(gold_dir, split)])
    total = sum(res.values()) or 1
    for k, v in res.items():
        typer.echo(f"{k:<22} {v:6d}  {100 * v / total:5.1f} %")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
