"""Verification status from the text: unverifiable, disputed, confirmed or unverified.

Markers are regular expressions kept in ``lexicons/verification.tsv``; each has a
scope that says which claim it speaks about.
"""

from __future__ import annotations

from dataclasses import dataclass

from claims import lexicons
from claims.nlp.model import ParsedDoc
from claims.rules import syntax as sx


@dataclass
class Finding:
    claim: int  # index into the claim list
    status: str
    evidence: tuple[int, int]


def find_verification(doc: ParsedDoc, messages: list[tuple[int, int]], cue_sents: list[int | None], classes: list[str | None]) -> list[Finding]:
    """Findings for claims given by message spans, cue sentences and verb classes (text order)."""
    out: list[Finding] = []
    text = doc.text
    for sent in doc.sentences:
        last = sx.content_last(sent)
        s0, s1 = sent.start, sent.tokens[last].end
        stext = text[s0:s1]
        for marker in lexicons.verification_markers():
            m = marker.pattern.search(stext)
            if m is None:
                continue
            ms, me = s0 + m.start(), s0 + m.end()
            own = [i for i, c in enumerate(cue_sents) if c == sent.index]
            if marker.scope == "self":
                for i in own:
                    out.append(Finding(i, marker.status, (ms, me)))
            elif marker.scope == "previous":
                if any(messages[i][0] <= ms < messages[i][1] for i in range(len(messages))):
                    continue  # the marker is part of someone's statement
                prev = [i for i, (a, _) in enumerate(messages) if a < s0]
                if prev:
                    out.append(Finding(max(prev, key=lambda i: messages[i][0]), marker.status, (s0, s1)))
            elif marker.scope == "accusation":
                for i, c in enumerate(cue_sents):
                    if c is not None and abs(c - sent.index) == 1 and classes[i] == "accusation":
                        out.append(Finding(i, marker.status, (s0, s1)))
            elif marker.scope == "after_message":
                for i, (a, b) in enumerate(messages):
                    if s0 <= a and b <= ms and cue_sents[i] == sent.index and not (a <= ms < b):
                        # evidence: the clause that holds the marker
                        k = ms
                        while k > b and text[k - 1] not in ",;–—:":
                            k -= 1
                        start = k
                        while start < ms and text[start] in " ,;–—:":
                            start += 1
                        out.append(Finding(i, marker.status, (start, s1)))
    return out
