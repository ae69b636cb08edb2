"""The intermediate record the rules produce, before speakers and outlets are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Rule(str, Enum):
    """Which rule made a draft (the rules and the pipeline decide by it)."""

    COMMA = "comma"  # a speech verb and its content clause after a comma
    COLON = "colon"  # a speech verb or a name, then a colon and the content
    ZU_INF = "zu_inf"  # a speech verb with a zu-infinitive
    FRAME_AFTER = "frame_after"  # the content first, then the frame: "…", sagte X / so X
    ANAPHOR = "anaphor"  # the content in the sentence before: "Das teilte die Polizei mit."
    PREP = "prep"  # laut X, X zufolge, nach Angaben X …
    WIE = "wie"  # wie X berichtete
    NOUN = "noun"  # a speech noun with a content clause: Gerüchte, wonach …
    CUELESS = "cueless"  # a quotation in a title or intertitle
    CONTINUATION = "continuation"  # a sentence going on with the reported speech before it
    FREE_INDIRECT = "free_indirect"  # a Konjunktiv sentence without a cue of its own
    REPORTATIVE = "reportative"  # "X will Y getan haben": X claims to have done Y
    REASON = "reason"  # a causal clause in Konjunktiv I: "…, weil Deutschland … überwache"


@dataclass
class CuePiece:
    start: int
    end: int
    text: str
    lemma: str


@dataclass
class Mention:
    """A noun phrase: sentence index and inclusive token range."""

    sent: int
    first: int
    last: int


@dataclass
class Draft:
    sent: int  # sentence of the cue (or of the message for cue-less claims)
    message: tuple[int, int]
    cues: list[CuePiece] = field(default_factory=list)
    parts: list[tuple[int, int]] | None = None
    kind: str = "indirect"
    rule: Rule | None = None
    speaker: Mention | None = None
    # how to find the speaker when there is no mention: prev_subject | prev_claim | quote_match | next_claim
    speaker_hint: str | None = None
    source_mentions: list[Mention] = field(default_factory=list)  # prepositional-cue sources
    own: bool = False  # a prepositional cue that names no other source ("nach eigenen Angaben", "seiner Ansicht nach")
    relay: Mention | None = None  # a medium that relays the speaker (subject of "berichtete ... unter Berufung auf")
    verb_class: str | None = None
    continuation_of: int | None = None  # index into the draft list
    frame: tuple[int, int] | None = None  # char span of the cue/speaker frame, when known
    source_phrase: bool = False  # ``source_mentions`` hold the verb's source phrase ("geht aus einem Bericht … hervor")
