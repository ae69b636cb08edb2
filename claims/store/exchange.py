"""Export and import: JSON lines that carry documents, claims and their reviews."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from claims.models import Claim
from claims.output import Format, flat_claim, render_rows
from claims.store import REVIEW_STATUSES, Review, Store, review_uid
from claims.store.claimreview import claim_review


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
    return json.dumps(items, ensure_ascii=False, indent=2) if items else "[]"


def parse_export(path: Path) -> tuple[list[dict[str, Any]], list[Claim], list[Review]]:
    """Read and validate a whole export file before anything is stored."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ImportError_(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportError_(f"{path}: cannot read ({exc})") from exc
    docs, claims, reviews = [], [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            kind = obj.get("record")
            if kind == "document":
                if not isinstance(obj.get("sha256"), str):
                    raise ValueError("document without sha256")
                docs.append(obj)
            elif kind == "claim":
                c = Claim.model_validate(obj["claim"])
                claims.append(c)
                for r in obj.get("reviews", []):
                    if r["status"] not in REVIEW_STATUSES:
                        raise ValueError(f"invalid review status {r['status']!r}")
                    uid = r.get("uid") or review_uid(c.id, r["status"], r["created_at"], r.get("reviewer"), r.get("note"))
                    reviews.append(Review(uid, c.id, r["status"], r.get("rating"), r.get("note"), list(r.get("evidence") or []), r.get("reviewer"), r.get("url"), r["created_at"]))
            else:
                raise ValueError(f"unknown record type {kind!r}")
        except (ValueError, KeyError, TypeError, AttributeError, ValidationError) as exc:
            msg = str(exc).splitlines()[0]
            raise ImportError_(f"{path}:{n}: malformed line ({msg})") from exc
    return docs, claims, reviews
