"""Rendering records for the terminal: every listing command takes the same
``--format table|json|jsonl|csv`` (as in sqlite-utils)."""

from __future__ import annotations

import csv
import io
import json
from enum import Enum
from typing import Any, Iterable

from tabulate import tabulate

from claims.models import Claim


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def claim_row(c: Claim, width: int = 70) -> dict[str, Any]:
    return {
        "id": c.id[:8],
        "speaker": c.speaker.name if c.speaker else "",
        "outlets": " → ".join(o.name for o in c.outlets),
        "kind": c.kind,
        "status": c.verification.status,
        "message": shorten(c.message.text, width),
    }


def flat_claim(c: Claim) -> dict[str, Any]:
    """One flat row per claim (for csv)."""
    return {
        "id": c.id,
        "document_sha256": c.document.sha256,
        "document_path": c.document.path or "",
        "title": c.document.title or "",
        "date": c.document.date or "",
        "publisher": c.document.publisher or "",
        "speaker": c.speaker.name if c.speaker else "",
        "speaker_kind": c.speaker.kind if c.speaker else "",
        "outlets": "; ".join(o.name for o in c.outlets),
        "kind": c.kind,
        "status": c.verification.status,
        "cue": " ".join(x.text for x in c.cue),
        "message_start": c.message.start,
        "message_end": c.message.end,
        "message": c.message.text,
        "continuation_of": c.continuation_of or "",
    }


def render_rows(rows: list[dict[str, Any]], fmt: Format) -> str:
    if fmt == Format.json:
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if fmt == Format.jsonl:
        return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    if fmt == Format.csv:
        buf = io.StringIO()
        if rows:
            w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()), lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    if not rows:
        return "(no rows)"
    return tabulate(rows, headers="keys", tablefmt="simple")


def render_claims(claims: Iterable[Claim], fmt: Format) -> str:
    claims = list(claims)
    if fmt in (Format.json, Format.jsonl):
        return render_rows([c.model_dump(mode="json") for c in claims], fmt)
    if fmt == Format.csv:
        return render_rows([flat_claim(c) for c in claims], fmt)
    return render_rows([claim_row(c) for c in claims], fmt)
