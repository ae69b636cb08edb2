"""pydantic records: the single source of truth for what ``claims`` produces and stores.

Field names follow ``shared/gold/README.md``. All offsets are Python ``str`` offsets
into the exact document text.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ReviewStatus = Literal["unverified", "in_review", "confirmed", "false", "misleading", "unverifiable", "disputed"]
ClaimKind = Literal["direct", "indirect", "reported", "mixed"]
VerificationStatus = Literal["unverified", "unverifiable", "disputed", "confirmed"]
SpeakerKind = Literal["person", "organization", "country", "media", "anonymous", "group", "unknown"]
Resolution = Literal["name", "apposition", "description", "pronoun", "medium", "previous speaker", "previous subject", "continuation", "quote match", "phrase"]
OutletKind = Literal["agency", "broadcaster", "newspaper", "magazine", "online", "social", "medium", "document", "unknown"]


class Span(BaseModel):
    """A piece of the document: ``text == document_text[start:end]``."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Cue(Span):
    lemma: str = Field(description="the cue's lexicon entry, e.g. 'mitteilen', 'zufolge', 'nach angaben'")


class Speaker(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="canonical name resolved within the document")
    kind: SpeakerKind = "unknown"
    role: str | None = Field(default=None, description="title or role, e.g. 'Verteidigungsminister'")
    mention: Span | None = Field(default=None, description="the noun phrase in the claim's sentence; null when inferred")
    entity: str | None = Field(default=None, description="the speaker's entity within the document (e1, e2 …): claims with the same id have the same speaker")
    via: Resolution | None = Field(default=None, description="how the speaker was found from the mention or the context")
    mentions: list[Span] = Field(default_factory=list, description="every mention of the speaker by name in the document")


class Outlet(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    kind: OutletKind = "unknown"
    start: int
    end: int
    text: str


class Verification(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: VerificationStatus = "unverified"
    evidence: Span | None = None


class DocumentInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    path: str | None = None
    sha256: str
    title: str | None = None
    date: str | None = Field(default=None, description="YYYY-MM or YYYY-MM-DD")
    publisher: str | None = None
    url: str | None = Field(default=None, description="the URL the page was fetched from")
    canonical_url: str | None = Field(default=None, description="the page's own canonical URL")
    site: str | None = Field(default=None, description="the web site's name")
    author: str | None = None
    fetched_at: str | None = Field(default=None, description="when the page was fetched (ISO 8601, UTC)")


class Claim(BaseModel):
    """One attributed statement."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="stable id: hash of the document sha256 and the message span")
    document: DocumentInfo
    message: Span
    message_parts: list[Span] | None = Field(default=None, description="content pieces when a frame interrupts the message")
    cue: list[Cue] = Field(default_factory=list)
    speaker: Speaker | None = None
    outlets: list[Outlet] = Field(default_factory=list)
    kind: ClaimKind
    verification: Verification = Field(default_factory=Verification)
    continuation_of: str | None = None

    def spans(self) -> list[tuple[str, Span | Outlet]]:
        """Every piece of the document the claim points at, with what it is; each
        ``text`` is ``document_text[start:end]``."""
        out: list[tuple[str, Span | Outlet]] = [("message", self.message), *(("message part", s) for s in self.message_parts or []), *(("cue", s) for s in self.cue), *(("outlet", s) for s in self.outlets)]
        if self.speaker is not None and self.speaker.mention is not None:
            out.append(("speaker mention", self.speaker.mention))
        if self.verification.evidence is not None:
            out.append(("evidence", self.verification.evidence))
        return out


class DocumentResult(BaseModel):
    """A document and the claims found in it."""

    model_config = ConfigDict(extra="forbid")
    document: DocumentInfo
    claims: list[Claim]


def is_date(value: str) -> bool:
    """``YYYY-MM`` or ``YYYY-MM-DD``, a real date (the form of every date in the records)."""
    from datetime import date

    parts = value.split("-")
    try:
        if len(parts) not in (2, 3) or len(parts[0]) != 4 or any(len(x) != 2 for x in parts[1:]):
            return False
        date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
    except ValueError:
        return False
    return True


def claim_id(sha256: str, start: int, end: int, cue_starts: list[int]) -> str:
    """A claim's stable id: a hash of its document, its message span and its cues."""
    key = f"{sha256}:{start}:{end}:{','.join(str(c) for c in cue_starts)}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


class ExportedDocument(BaseModel):
    """A ``document`` line of ``claims export --format jsonl``: the document's row with
    its full text, whose sha256 it is."""

    model_config = ConfigDict(extra="forbid", strict=True)
    record: Literal["document"]
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    path: str | None = None
    title: str | None = None
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")
    publisher: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    site: str | None = None
    author: str | None = None
    fetched_at: str | None = None
    text: str
    extractor_version: str | None = None
    extracted_at: str | None = None


class ReviewRecord(BaseModel):
    """One review of a claim, as exported (``reviews`` of a ``claim`` line)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    uid: str | None = None
    claim_id: str | None = None
    status: ReviewStatus
    rating: str | None = None
    note: str | None = None
    evidence: list[str] = Field(default_factory=list)
    reviewer: str | None = None
    url: str | None = None
    created_at: str = Field(description="ISO 8601 time with its offset, e.g. 2026-12-07T09:00:00.000000+00:00")


class ExportedClaim(BaseModel):
    """A ``claim`` line of ``claims export --format jsonl``: the claim, its current
    status and its reviews, oldest first."""

    model_config = ConfigDict(extra="forbid", strict=True)
    record: Literal["claim"]
    status: ReviewStatus
    claim: Claim
    reviews: list[ReviewRecord] = Field(default_factory=list)
