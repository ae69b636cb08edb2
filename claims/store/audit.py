"""Audits: which outlet (or publisher, or speaker) carried which claims, and how many
of them are unverified, disputed or false."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from claims.models import Claim


def _row(name: str, group: str, items: list[tuple[Claim, str]]) -> dict[str, Any]:
    statuses = Counter(s for _, s in items)
    speakers = Counter(c.speaker.name for c, _ in items if c.speaker)
    return {
        "name": name,
        "as": group,
        "claims": len(items),
        "speakers": ", ".join(f"{n} ({k})" if k > 1 else n for n, k in speakers.most_common(3)) + (" …" if len(speakers) > 3 else ""),
        "unverified": statuses["unverified"] + statuses["in_review"],
        "unverifiable": statuses["unverifiable"],
        "disputed": statuses["disputed"],
        "false": statuses["false"] + statuses["misleading"],
        "confirmed": statuses["confirmed"],
    }


def outlet_audit(claims: list[tuple[Claim, str]], firsts: dict[str, bool] | None = None) -> list[dict[str, Any]]:
    """One row per outlet (claims that reached the article through it) and per publisher.
    With ``firsts`` (claim id -> whether it is its group's first appearance, for claims
    that other articles carried too) the rows tell "first to report" from "carried"."""
    by_outlet: dict[str, list[tuple[Claim, str]]] = defaultdict(list)
    by_pub: dict[str, list[tuple[Claim, str]]] = defaultdict(list)
    for c, s in claims:
        for name in {o.name for o in c.outlets}:
            by_outlet[name].append((c, s))
        if c.document.publisher:
            by_pub[c.document.publisher].append((c, s))
    rows = [_row(n, "outlet", items) for n, items in by_outlet.items()] + [_row(n, "publisher", items) for n, items in by_pub.items()]
    if firsts is not None:
        items_of = {("outlet", n): v for n, v in by_outlet.items()} | {("publisher", n): v for n, v in by_pub.items()}
        for r in rows:
            shared = [firsts[c.id] for c, _ in items_of[(r["as"], r["name"])] if c.id in firsts]
            r["first"] = sum(shared)
            r["carried"] = len(shared) - sum(shared)
    return sorted(rows, key=lambda r: (-r["claims"], r["as"], r["name"]))


def speaker_audit(claims: list[tuple[Claim, str]]) -> list[dict[str, Any]]:
    by: dict[str, list[tuple[Claim, str]]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for c, s in claims:
        if c.speaker:
            by[c.speaker.name].append((c, s))
            kinds[c.speaker.name] = c.speaker.kind
    rows = []
    for n, items in by.items():
        r = _row(n, kinds[n], items)
        outlets = Counter(o.name for c, _ in items for o in c.outlets)
        r["speakers"] = ", ".join(outlets) if outlets else ""
        r = {"name": r["name"], "kind": r["as"], "claims": r["claims"], "outlets": r["speakers"], **{k: r[k] for k in ("unverified", "unverifiable", "disputed", "false", "confirmed")}}
        rows.append(r)
    return sorted(rows, key=lambda r: (-r["claims"], r["name"]))
