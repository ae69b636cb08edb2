"""Export and import: JSON lines that carry documents, claims and their reviews."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from claims.models import Claim, ExportedClaim, ExportedDocument, claim_id
from claims.output import Format, flat_claim, render_rows
from claims.store import Review, Store, review_uid
from claims.store.claimreview import claim_review, to_script_json
from claims.store.database import span_mismatch

#: how far a review's time may lie ahead of this machine's clock (clocks differ a little)
FUTURE_SLACK = timedelta(minutes=5)


class ImportError_(ValueError):
    """A malformed import file (one line for the user)."""


def export_jsonl(store: Store, rows: list[tuple[Claim, str]]) -> str:
    shas = {c.document.sha256 for c, _ in rows}
    lines = []
    for d in store.documents():
        if d["sha256"] in shas:
            lines.append(json.dumps({"record": "document", **d}, ensure_ascii=False))
    for c, status in rows:
        reviews = [r.as_dict() for r in store.history(c.id)]
        lines.append(json.dumps({"record": "claim", "status": status, "claim": c.model_dump(mode="json"), "reviews": reviews}, ensure_ascii=False))
    return "\n".join(lines)


def export_csv(rows: list[tuple[Claim, str]]) -> str:
    out = []
    for c, status in rows:
        r = flat_claim(c)
        r["status"] = status
        r["machine_status"] = c.verification.status
        out.append(r)
    return render_rows(out, Format.csv)


def export_claimreview(store: Store, rows: list[tuple[Claim, str]]) -> str:
    items = []
    for c, _ in rows:
        hist = store.history(c.id)
        if not hist:
            continue
        cr = claim_review(c, hist[-1].as_dict())
        if cr is not None:
            items.append(cr)
    return to_script_json(items)


def parse_export(path: Path, now: datetime | None = None) -> tuple[list[dict[str, Any]], list[Claim], list[Review]]:
    """Read and check a whole export file before anything is stored. Every line is
    checked by its pydantic model in strict mode; a document's sha256 must be the hash
    of its text, a claim's id its stable id and its spans that text of its document, a
    review's time not in the future (a review dated 9999 would hold a claim's status
    against every later one)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportError_(f"{path}: no such file") from exc
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    latest = (now or datetime.now(timezone.utc)) + FUTURE_SLACK
    docs: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    claims: list[Claim] = []
    reviews: list[Review] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            kind = obj.get("record") if isinstance(obj, dict) else None
            if kind == "document":
                d = ExportedDocument.model_validate_json(line, strict=True)
                if hashlib.sha256(d.text.encode("utf-8")).hexdigest() != d.sha256:
                    raise ValueError(f"document {d.sha256[:12]}: sha256 is not the hash of its text")
                texts[d.sha256] = d.text
                docs.append(d.model_dump(exclude={"record"}))
            elif kind == "claim":
                rec = ExportedClaim.model_validate_json(line, strict=True)
                c = rec.claim
                if c.id != claim_id(c.document.sha256, c.message.start, c.message.end, [x.start for x in c.cue]):
                    raise ValueError(f"claim {c.id}: not the id of its document and spans")
                if c.document.sha256 in texts and (bad := span_mismatch(c, texts[c.document.sha256])):
                    raise ValueError(f"claim {c.id}: {bad}")
                claims.append(c)
                for r in rec.reviews:
                    try:
                        created = datetime.fromisoformat(r.created_at)
                    except ValueError:
                        raise ValueError(f"review time {r.created_at!r} is not an ISO 8601 time") from None
                    if created.tzinfo is None:
                        raise ValueError(f"review time {r.created_at!r} has no UTC offset")
                    if created > latest:
                        raise ValueError(f"review time {r.created_at} is in the future")
                    if r.claim_id not in (None, c.id):
                        raise ValueError(f"a review of claim {r.claim_id} under claim {c.id}")
                    uid = r.uid or review_uid(c.id, r.status, r.created_at, r.reviewer, r.note)
                    reviews.append(Review(uid, c.id, r.status, r.rating, r.note, list(r.evidence), r.reviewer, r.url, r.created_at))
            else:
                raise ValueError(f"unknown record type {kind!r}")
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise ImportError_(f"{path}:{n}: malformed line ({where}: {err['msg']})") from exc
        except ValueError as exc:
            msg = str(exc).splitlines()[0]
            raise ImportError_(f"{path}:{n}: malformed line ({msg})") from exc
    return docs, claims, reviews
