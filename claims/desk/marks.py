"""Article text as HTML with a claim's message, cue, speaker and outlets marked.

Every piece of text is escaped; overlapping marks (a cue inside a message) become one
``<span>`` per stretch with all the roles that cover it as classes. Control characters
are shown as escapes, as on the terminal.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from claims.output import visible

ROLES = ("message", "cue", "speaker", "outlet")


def mark_html(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` with ``spans`` (start, end, role) marked; offsets into ``text``."""
    cuts = {0, len(text)}
    for a, b, _ in spans:
        if 0 <= a < b <= len(text):
            cuts.update((a, b))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:], strict=False):
        piece = escape(visible(text[a:b], lines=True))
        roles = [r for r in ROLES if any(s <= a and b <= e and role == r for s, e, role in spans)]
        if roles:
            out.append(Markup('<span class="{}">{}</span>').format(" ".join("m-" + r for r in roles), piece))
        else:
            out.append(piece)
    return Markup("").join(out)


def claim_spans(claim, offset: int = 0) -> list[tuple[int, int, str]]:
    """The marks of one claim, shifted by ``-offset`` (for an excerpt starting there)."""
    parts = claim.message_parts or [claim.message]
    spans = [(p.start - offset, p.end - offset, "message") for p in parts]
    spans += [(c.start - offset, c.end - offset, "cue") for c in claim.cue]
    if claim.speaker is not None and claim.speaker.mention is not None:
        spans.append((claim.speaker.mention.start - offset, claim.speaker.mention.end - offset, "speaker"))
    spans += [(o.start - offset, o.end - offset, "outlet") for o in claim.outlets]
    return spans


def excerpt(text: str, claim, context: int = 300) -> tuple[int, int]:
    """The stretch of ``text`` to show around a claim: its sentences and some context."""
    spans = claim_spans(claim)
    a = max(0, min(s for s, _, _ in spans) - context)
    b = min(len(text), max(e for _, e, _ in spans) + context)
    while a > 0 and text[a - 1] not in ".!?\n":
        a -= 1
    while b < len(text) and text[b - 1] not in ".!?\n":
        b += 1
    return a, b
