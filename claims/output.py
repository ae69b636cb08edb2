"""Rendering records for the terminal: every listing command takes the same
``--format table|json|jsonl|csv`` (as in sqlite-utils)."""

from __future__ import annotations

import csv
import io
import json
import re
from enum import Enum
from typing import Any, Iterable

from tabulate import tabulate

from claims.models import Claim

# C0 and C1 controls and DEL (escape sequences start with ESC or CSI), and the
# bidirectional overrides and isolates, which reorder what a terminal shows
_NOT_BREAKS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{_NOT_BREAKS}]")
_CONTROL_OR_BREAK = re.compile(f"[\t\n{_NOT_BREAKS}]")


def visible(text: str, lines: bool = False) -> str:
    """``text`` for a terminal: control characters as visible escapes (``\\x1b``,
    ``\\u202e``), so that article text or a review note cannot move the cursor, set the
    window title, hide a link or reorder a line. ``lines`` keeps line breaks and tabs.
    JSON, JSONL and CSV output keep the data exact and do not pass through here."""
    pattern = _CONTROL if lines else _CONTROL_OR_BREAK
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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
    return tabulate([{visible(str(k)): visible(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows], headers="keys", tablefmt="simple")


def render_claims(claims: Iterable[Claim], fmt: Format) -> str:
    claims = list(claims)
    if fmt in (Format.json, Format.jsonl):
        return render_rows([c.model_dump(mode="json") for c in claims], fmt)
    if fmt == Format.csv:
        return render_rows([flat_claim(c) for c in claims], fmt)
    return render_rows([claim_row(c) for c in claims], fmt)


class ClaimPrinter:
    """Prints the claims of a run as their documents come: jsonl and csv line by line
    (a long run holds no claims), json and table at the end (they need all of them)."""

    def __init__(self, fmt: Format, write) -> None:
        self.fmt = fmt
        self.write = write  # one call per chunk of output, without the final newline
        self.kept: list[Claim] = []
        self._header = False

    def add(self, claims: Iterable[Claim]) -> None:
        claims = list(claims)
        if self.fmt == Format.jsonl:
            if claims:
                self.write(render_rows([c.model_dump(mode="json") for c in claims], self.fmt))
        elif self.fmt == Format.csv:
            if claims:
                out = render_rows([flat_claim(c) for c in claims], self.fmt)
                self.write(out.split("\n", 1)[1] if self._header else out)  # the header once
                self._header = True
        else:
            self.kept.extend(claims)

    def close(self) -> None:
        if self.fmt in (Format.json, Format.table):
            out = render_claims(self.kept, self.fmt)
            if out:
                self.write(out)
            self.kept = []


def render_status_claims(rows: list[tuple[Claim, str]], fmt: Format, carried: dict[str, int] | None = None, checked: dict[str, str] | None = None) -> str:
    """Stored claims with their current (reviewed) status, with ``carried`` how many
    outlets and publishers carried each, and with ``checked`` what another fact-checker
    rated it before."""

    def extra(c: Claim) -> dict:
        out: dict = {}
        if carried is not None:
            out["carried"] = carried.get(c.id, 0)
        if checked is not None:
            out["checked_before"] = checked.get(c.id)
        return out

    if fmt in (Format.json, Format.jsonl):
        return render_rows([{**c.model_dump(mode="json"), "status": s, **extra(c)} for c, s in rows], fmt)
    if fmt == Format.csv:
        return render_rows([{**flat_claim(c), "status": s, **extra(c)} for c, s in rows], fmt)
    out = []
    for c, s in rows:
        r = claim_row(c, 60)
        r["status"] = s
        r.update(extra(c))
        r["date"] = c.document.date or ""
        out.append(r)
    return render_rows(out, fmt)


def _mark(text: str, spans: list[tuple[int, int, str]], color: bool) -> str:
    """Mark spans (start, end, role) in text: colours on a terminal, brackets when piped."""
    import typer

    styles = {"message": dict(fg="green"), "cue": dict(fg="yellow", bold=True), "speaker": dict(fg="cyan", bold=True), "outlet": dict(fg="magenta")}
    plain = {"message": ("⟨", "⟩"), "cue": ("[", "]"), "speaker": ("{", "}"), "outlet": ("<", ">")}
    events = sorted(spans, key=lambda s: (s[0], -s[1]))
    out, pos = [], 0
    for start, end, role in events:
        if start < pos:
            continue
        out.append(visible(text[pos:start], lines=True))
        piece = visible(text[start:end], lines=True)
        if color:
            out.append(typer.style(piece, **styles[role]))
        else:
            a, b = plain[role]
            out.append(f"{a}{piece}{b}")
        pos = end
    out.append(visible(text[pos:], lines=True))
    return "".join(out)


def speaker_chain(sp) -> str:
    """How a speaker was found: ``Li Shangfu [e2] ← "der chinesische
    Verteidigungsminister" (description) ← "Li Shangfu" (named at 364)``."""
    steps = [sp.name + (f" [{sp.entity}]" if sp.entity else "")]
    if sp.mention is not None:
        steps.append(f'"{sp.mention.text}" ({sp.via or "mention"})')
    elif sp.via:
        steps.append(f"({sp.via})")
    inside = sp.mention is not None and any(sp.mention.start <= m.start < sp.mention.end for m in sp.mentions)
    if sp.mentions and not inside:
        first = sp.mentions[0]
        steps.append(f'"{first.text}" (named at {first.start})')
    return " ← ".join(steps)


def render_show(claim: Claim, status: str, doc_text: str | None, reviews: list, color: bool = False) -> str:
    lines: list[str] = []

    def add(line: str) -> None:
        lines.append(visible(line))

    add(f"claim {claim.id}  [{claim.kind}, {status}]")
    doc = claim.document
    add(f"article: {doc.title or doc.path or doc.sha256[:12]}" + (f" ({doc.date})" if doc.date else "") + (f", publisher {doc.publisher}" if doc.publisher else ""))
    chain = [claim.speaker.name if claim.speaker else "(unknown speaker)"] + [o.name for o in claim.outlets] + [doc.publisher or "the article"]
    add("chain:   " + " → ".join(chain))
    if claim.speaker is not None and (claim.speaker.via or claim.speaker.mention):
        add("speaker: " + speaker_chain(claim.speaker))
    if claim.speaker and claim.speaker.role:
        add(f"role:    {claim.speaker.role}")
    add("")
    if doc_text:
        starts = [claim.message.start] + [c.start for c in claim.cue] + ([claim.speaker.mention.start] if claim.speaker and claim.speaker.mention else [])
        ends = [claim.message.end] + [c.end for c in claim.cue] + ([claim.speaker.mention.end] if claim.speaker and claim.speaker.mention else [])
        a, b = min(starts), max(ends)
        while a > 0 and a > min(starts) - 200 and not (doc_text[a - 1] in ".!?\n" and doc_text[a : a + 1] in " \n"):
            a -= 1
        while b < len(doc_text) and b < max(ends) + 200 and doc_text[b - 1] not in ".!?\n":
            b += 1
        while a < min(starts) and doc_text[a] in " \n":
            a += 1
        spans = [(claim.message.start - a, claim.message.end - a, "message")]
        spans += [(c.start - a, c.end - a, "cue") for c in claim.cue]
        if claim.speaker and claim.speaker.mention:
            spans.append((claim.speaker.mention.start - a, claim.speaker.mention.end - a, "speaker"))
        spans += [(o.start - a, o.end - a, "outlet") for o in claim.outlets if a <= o.start < b]
        lines.append(_mark(doc_text[a:b].rstrip("\n"), spans, color))  # escapes on its own
    else:
        add(claim.message.text)
    if not color:
        add("")
        add("marks: ⟨message⟩ [cue] {speaker} <outlet>")
    if claim.verification.evidence:
        add(f"evidence in text: {claim.verification.evidence.text}")
    add("")
    if reviews:
        add("reviews:")
        for r in reviews:
            extra = "; ".join(x for x in [r.rating, r.note, ", ".join(r.evidence) if r.evidence else None] if x)
            add(f"  {r.created_at}  {r.status:<12} {r.reviewer or '-'}" + (f"  {extra}" if extra else ""))
    else:
        add("reviews: none")
    return "\n".join(lines)
