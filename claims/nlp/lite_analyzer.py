"""The lite analyzer: SoMaJo (tokens, sentences, offsets) and HanTa (STTS tags and
lemmas; its German model ships inside the wheel). No dependency parse and no
download: the rules fall back to surface patterns."""

from __future__ import annotations

import re
import threading
from collections.abc import Container

from claims.nlp.model import Sentence, Token
from claims.nlp.normalize import join_colon_sentences, join_hyphen_compounds, renumber

STTS_UPOS = {
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV", "APPR": "ADP", "APPRART": "ADP", "APPO": "ADP", "APZR": "ADP",
    "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ", "KOUI": "SCONJ", "KOUS": "SCONJ", "KON": "CCONJ", "KOKOM": "CCONJ",
    "NN": "NOUN", "NE": "PROPN", "PDS": "PRON", "PDAT": "DET", "PIS": "PRON", "PIAT": "DET", "PIDAT": "DET", "PPER": "PRON",
    "PPOSS": "PRON", "PPOSAT": "DET", "PRELS": "PRON", "PRELAT": "DET", "PRF": "PRON", "PWS": "PRON", "PWAT": "DET", "PWAV": "ADV",
    "PAV": "ADV", "PROAV": "ADV", "PTKZU": "PART", "PTKNEG": "PART", "PTKVZ": "ADP", "PTKANT": "PART", "PTKA": "PART",
    "TRUNC": "X", "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB", "VAFIN": "AUX", "VAIMP": "AUX",
    "VAINF": "AUX", "VAPP": "AUX", "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX", "XY": "X", "$,": "PUNCT", "$.": "PUNCT", "$(": "PUNCT",
}


def stts(tag: str) -> str:
    """HanTa writes 'VV(FIN)', 'ADJ(A)'; STTS is 'VVFIN', 'ADJA'. Its nouns from
    adjectives ('NNA': "Beamten", "Grünen") and its 'NNI' are plain nouns in STTS."""
    if tag.startswith("$"):
        return tag
    t = tag.replace("(", "").replace(")", "")
    return {"PROAV": "PAV", "NNA": "NN", "NNI": "NN"}.get(t, t)


_TAGS: dict[str, tuple[str, str]] = {}  # HanTa tag -> (STTS, UPOS)


def _tags(tag: str) -> tuple[str, str]:
    hit = _TAGS.get(tag)
    if hit is None:
        xpos = stts(tag)
        hit = _TAGS[tag] = (xpos, STTS_UPOS.get(xpos, "X"))
    return hit


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: what str.isalnum() takes


def _join_inner_dots(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'ver' '.' 'di' written without spaces is one word."""
    dots = [t[0] for t in tokens].count(".")
    if dots == 0 or (dots == 1 and tokens[-1][0] == "."):
        return list(tokens)  # no full stop with a word after it
    out: list[tuple[str, int, int]] = []
    for tok in tokens:
        if len(out) >= 2 and out[-1][0] == "." and out[-1][1] == out[-2][2] and tok[1] == out[-1][2] and tok[0][:1].isalpha() and out[-2][0][-1:].isalpha() and out[-2][0][:1].islower():
            dot = out.pop()
            prev = out.pop()
            out.append((prev[0] + dot[0] + tok[0], prev[1], tok[2]))
            continue
        out.append(tok)
    return out


_CACHE_LIMIT = 2_000  # entries per memo table; cleared when full, so memory stays flat


def _memo(fn, limit: int = _CACHE_LIMIT):
    """Memoize a pure HanTa method on the instance. HanTa recomputes the morphological
    analysis of every token in every sentence; news repeats its words, so a batch pays
    for each word form once. Two generations of at most ``limit / 2`` entries each: when
    the new one is full it becomes the old one, and an entry found in the old one moves
    back to the new one, so frequent words stay and memory stays flat."""
    tables: list[dict] = [{}, {}]  # new, old
    half = max(1, limit // 2)

    def wrapped(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        new = tables[0]
        hit = new.get(key)
        if hit is None:
            hit = tables[1].get(key)
            if hit is None:
                hit = fn(*args, **kwargs)
            if len(new) >= half:
                tables[1], tables[0] = new, {}
                new = tables[0]
            new[key] = hit
        return hit

    return wrapped


# every character of SoMaJo's emoji class (Extended_Pictographic, Emoji_Presentation,
# U+FE0F) is one of these (tests/test_speed_features.py checks each code point): a
# plain search for them rules out most texts faster than the search by properties
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a-\U0010ffff]")


def _speed_up_somajo(tokenizer) -> None:
    """SoMaJo looks for emoji grapheme by grapheme in every token (a third of its time on
    news). A token without any emoji character cannot split there, so one search over
    the token decides; tokens that have one go through SoMaJo's own code unchanged."""
    import regex

    original = getattr(tokenizer, "_split_emojis", None)
    if original is None:  # another SoMaJo version: leave it as it is
        return
    any_emoji = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")

    def split_emojis(node, token_class="emoticon"):
        text = node.value.text
        if _MAYBE_EMOJI.search(text) is not None and any_emoji.search(text) is not None:
            original(node, token_class)

    tokenizer._split_emojis = split_emojis
    _guard_abbreviations(tokenizer)
    _guard_rare_patterns(tokenizer)
    _skip_clean_substitutions(tokenizer)
    _free_token_lists(tokenizer)


_PRINTABLE: list[tuple[str, bool]] = [("", True)]  # the last text asked about, and the answer


def _printable(text: str) -> bool:
    """``text.isprintable()``, for the same text object at once: SoMaJo asks it of the
    same paragraph several times in a row."""
    last = _PRINTABLE[0]
    if last[0] is not text:
        last = _PRINTABLE[0] = (text, text.isprintable())
    return last[1]


# SoMaJo's clean-up substitutions, each with the test that the text is left as it is:
# a printable text (str.isprintable: no character of the categories "Other" and
# "Separator" but the ASCII space) holds no control character, no format character
# and no white space but single spaces. (tests/test_speed_features.py checks every
# code point each pattern matches.)
_CLEAN_PATTERNS = {
    "spaces": (r"\s+", lambda repl, text: repl == " " and _printable(text) and "  " not in text),
    "controls": (r"[\u0000-\u001F\u007F-\u009F]", lambda repl, text: _printable(text)),
    "other_nasties": (r"[\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]", lambda repl, text: _printable(text)),
    "stranded_variation_selector": (r" \uFE0F", lambda repl, text: "\uFE0F" not in text),
}


class _PatternProxy:
    """A compiled pattern with some of its methods replaced; every other attribute is
    the pattern's own."""

    def __init__(self, pattern) -> None:
        self.pattern_object = pattern

    def __getattr__(self, name: str):
        return getattr(self.pattern_object, name)


class _UnchangedSkip(_PatternProxy):
    """A SoMaJo clean-up pattern whose ``sub`` returns the text at once when ``unchanged``
    says the substitution would leave it as it is (SoMaJo runs six of them over every
    paragraph; "\\s+" alone replaces each of its spaces by a space, three times)."""

    def __init__(self, pattern, unchanged) -> None:
        super().__init__(pattern)
        self.unchanged = unchanged

    def sub(self, repl, string, *args, **kwargs):
        if not args and not kwargs and isinstance(string, str) and self.unchanged(repl, string):
            return string
        return self.pattern_object.sub(repl, string, *args, **kwargs)


def _skip_clean_substitutions(tokenizer) -> None:
    """Wrap SoMaJo's clean-up patterns (``_CLEAN_PATTERNS``) while they are the ones
    written there, with no flags but the default ones."""
    import regex

    default = regex.compile("x").flags
    for name, (pattern, unchanged) in _CLEAN_PATTERNS.items():
        pat = getattr(tokenizer, name, None)
        if pat is not None and getattr(pat, "pattern", None) == pattern and not pat.flags & ~default:
            setattr(tokenizer, name, _UnchangedSkip(pat, unchanged))


def _free_token_lists(tokenizer) -> None:
    """SoMaJo keeps a paragraph's tokens in a doubly linked list, whose nodes point at
    each other: only the garbage collector frees such cycles (186,648 objects per 300
    news articles, 0.89 s of its runs, a tenth of lite's time). Once SoMaJo has made its
    token list, the links are cut, so the nodes go as soon as they are no longer used."""
    original = getattr(tokenizer, "_tokenize", None)
    if original is None:
        return

    def tokenize(token_dll, *args, **kwargs):
        tokens = original(token_dll, *args, **kwargs)
        node = getattr(token_dll, "first", None)
        while node is not None:
            node.prev, node.list, node = None, None, node.next
        token_dll.first = token_dll.last = None
        _LOWERED.clear()  # the paragraph's texts are done with
        return tokens

    tokenizer._tokenize = tokenize


# characters frequent in German news (letters, digits, spaces, common punctuation and
# typographic quotes): a literal is looked for by its rarest character first
_COMMON = frozenset(" .,;:-()\"'!?/%&\u201e\u201c\u201d\u201a\u2018\u2019\u2013\u2014\u2026")


def _char_rank(ch: str) -> int:
    if ch.isspace():
        return 4
    if ch.isalnum() and ord(ch) < 0x250:  # Latin letters, digits
        return 3
    if ch in _COMMON:
        return 2
    return 0 if ord(ch) > 0xFF else 1  # other scripts and symbols, then ASCII/Latin-1 symbols


def _by_rarest_char(strings: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """``strings`` grouped by their rarest character (see ``_char_rank``): a text can hold
    one of a group only if it holds that character."""
    groups: dict[str, list[str]] = {}
    for x in strings:
        groups.setdefault(min(x, key=_char_rank) if x else "", []).append(x)
    return [(k, tuple(v)) for k, v in groups.items()]


def _could_hold(*strings: str, lower: bool = False):
    """A test of a token's text: does it hold one of ``strings``? Each is looked for
    only where the text holds its rarest character (one fast scan per distinct such
    character; the characters that are rare in news, more than two of them, all found
    by one search). With ``lower``, for a pattern that ignores case, both sides are
    compared in lower case. Ignoring case, the regex engine also matches "ſ" for "s",
    "K" (Kelvin) for "k" and "İ" for "i"; ``str.lower`` maps "K" to "k", "ſ" is mapped
    here, and a text with "İ" (two characters in lower case) always passes."""
    if "" in strings:
        return lambda text: True
    groups = _by_rarest_char([x.lower().replace("\u017f", "s") for x in strings] if lower else list(strings))
    rare = {key: group for key, group in groups if _char_rank(key) < 2}
    if len(rare) > 2:
        groups = [(key, group) for key, group in groups if key not in rare]
        find_rare = re.compile("[" + "".join(map(re.escape, rare)) + "]").findall
    else:
        rare, find_rare = {}, None

    def holds(text: str) -> bool:
        for key, group in groups:
            if key in text:
                for x in group:
                    if x in text:
                        return True
        if find_rare is not None:
            for key in set(find_rare(text)):
                for x in rare[key]:
                    if x in text:
                        return True
        return False

    if not lower:
        return holds

    def test(text: str) -> bool:
        if "\u0130" in text:
            return True
        low = _LOWERED.get(text)
        if low is None:
            if len(_LOWERED) >= 256:
                _LOWERED.clear()
            low = _LOWERED[text] = text.lower().replace("\u017f", "s")
        return holds(low)

    return test


# a text's lower case for the tests above: SoMaJo tries several patterns on the same
# text (emptied after each paragraph)
_LOWERED: dict[str, str] = {}


def _escaped_literals(body: str) -> list[str] | None:
    """The literals of ``a|b|...`` when ``body`` is exactly their escaped alternation
    (``regex.escape`` of each, joined by "|"); None for anything else."""
    import regex

    items, cur, k = [], [], 0
    while k < len(body):
        ch = body[k]
        if ch == "\\" and k + 1 < len(body):
            cur.append(body[k + 1])
            k += 2
            continue
        if ch == "|":
            items.append("".join(cur))
            cur = []
        elif ch in "()[]{}.*+?^$#" or ch.isspace():
            return None
        else:
            cur.append(ch)
        k += 1
    items.append("".join(cur))
    return items if "|".join(regex.escape(x) for x in items) == body else None


def _literal_test(pat, head: str, tail: str):
    """For a pattern ``head(?:lit|lit|...)tail`` of escaped literals (or a bare
    ``lit|lit|...`` when both are empty): a test whether a text holds one of them
    (ignoring case where the pattern does, see ``_could_hold``). None for any other
    form."""
    import regex

    body = pat.pattern
    if pat.flags & regex.VERBOSE:
        return None
    if head or tail:
        if not (body.startswith(head + "(?:") and body.endswith(")" + tail)):
            return None
        body = body[len(head) + 3 : len(body) - len(tail) - 1]
    lits = _escaped_literals(body)
    return _could_hold(*lits, lower=bool(pat.flags & regex.IGNORECASE)) if lits else None


def _finds(pattern):
    """A test of a text: does ``pattern`` find something in it?"""
    return lambda text: pattern.search(text) is not None


def _required_part_test(pat, head: str, part: str, tail: str):
    """For a pattern that is exactly ``head`` + a group starting with ``part`` + ``tail``
    (e.g. a URL: a word, then ``\\.(?:de|com|...)``, then an optional suffix): every
    match holds a match of that group, so a search for the group alone, with the
    pattern's flags, tests a text. None for any other pattern."""
    import regex

    body = pat.pattern
    group = body[len(head) : len(body) - len(tail)]
    if not (body.startswith(head + part) and body.endswith(tail) and group.endswith(")") and group.count("(") == 1 and group.count(")") == 1):
        return None
    return _finds(regex.compile(group, pat.flags))


# SoMaJo's emoticon pattern: eyes and mouths, "xD", "D:", ":word:", then its list of
# emoticons and text faces as escaped literals
_EMOTICON_HEAD = r"""(?:(?:[:;]|(?<!\d)8)           # a variety of eyes, alt.: [:;8]
                                        [-'oO]?                       # optional nose or tear
                                        (?: \)+ | \(+ | [*] | ([DPp])\1*(?!\w)))   # a variety of mouths
                                    |(?:\b[Xx]D+\b)|(?:\b(?:D'?:|oO)\b)|(?:(?<!\b\d{1,2}):\w+:(?!\d{2}\b))|"""


def _emoticon_test(pat):
    """A test whether a text can hold one of SoMaJo's emoticons: the head's alternatives
    loosened (eyes, optional nose, mouth; "xD"; "D:"/"D':"/"oO"; ":word:"), or one of the
    listed ones as a substring. None for another form of the pattern."""
    import regex

    body = pat.pattern
    if pat.flags & regex.IGNORECASE or not body.startswith(_EMOTICON_HEAD):
        return None
    literals = _escaped_literals(body[len(_EMOTICON_HEAD) :])
    if not literals:
        return None
    head = regex.compile(r"[:;8][-'oO]?[)(*DPp]|[Xx]D|D'?:|oO|:\w+:", pat.flags & ~regex.VERBOSE)
    listed = _could_hold(*literals)
    return lambda text: head.search(text) is not None or listed(text)


def _rare_pattern_tests(tokenizer) -> dict:
    import hashlib

    import regex

    tests = {
        # an address has "@" or " [at] "
        "email": _could_hold("@", "[at]"),
        # r"(\w+\.-?Nr\.)", ignoring case
        "nr_abbreviations": _could_hold("nr.", lower=True),
        # r"\p{L}+[*:/]in(?:nen)?", ignoring case
        "gender_marker": _could_hold("*in", ":in", "/in", lower=True),
        # r"(-+[ ]?>|<[ ]?-+|[\u2190-\u21ff])"
        "arrow": _finds(re.compile(r"[<>\u2190-\u21ff]")),
    }
    derived = {
        # r"(?<![\w.])(?:Krim\.\-Ob\.\-Insp\.|...|E\.ON)(?!\p{L})": one of 37 words
        "single_token_abbreviation": lambda p: _literal_test(p, r"(?<![\w.])", r"(?!\p{L})"),
        # r"(?<![\w.])(?:/rant|tl;dr|...|5G|/s)(?!\p{L})"
        "single_tokens": lambda p: _literal_test(p, r"(?<![\w.])", r"(?!\p{L})"),
        # r"\b[\w./-]+\.(?:de|com|...|pdf)(?:-\w+)?\b": a full stop and a domain
        "url_without_protocol": lambda p: _required_part_test(p, r"\b[\w./-]+", r"\.(?:", r"(?:-\w+)?\b"),
        "emoticon": _emoticon_test,
        # r"(?<!\w)(?:Auer\+Weber\+Assoziierte|...|E\+)(?!\w)": one of its words with "+" or "&"
        "token_with_plus_ampersand": lambda p: _literal_test(p, r"(?<!\w)", r"(?!\w)"),
        # bare alternations of text faces
        "textfaces_space": lambda p: _literal_test(p, "", ""),
        "textfaces_emoji": lambda p: _literal_test(p, "", ""),
    }
    for name, make in derived.items():
        pat = getattr(tokenizer, name, None)
        test = make(pat) if pat is not None else None
        if test is not None:
            tests[name] = test
    # patterns written out: a test only while SoMaJo's pattern is this one
    url = r"\b(?:(?:https?|ftp|svn)://|(?:https?://)?www\.)"
    digit_dot_digit = regex.compile(r"\.(?<=\d\.)\d")  # looked for by its full stop
    exact = {
        # O'Connor, d'accord: an apostrophe
        "letter_apostrophe_word": (r"\b([dlo]['’]\p{L}+)\b", _could_hold("'", "’")),
        "ellipsis": (r"\.{2,}|…+(?:\.{2,})?", _could_hold("..", "…")),
        "double_latex_quote": (r"(?:(?<!`)``(?!`))|(?:(?<!')''(?!'))", _could_hold("``", "''")),
        # every match is one of six brackets
        "all_parens": (r"((?:(?<=\w)[(](?!inn?[)]))|(?:(?<!\w)[(])|(?:(?<!.[(]in|[(]inn)[)])|[][{}])", _finds(re.compile(r"[][(){}]"))),
        # a Roman numeral ends with one of its letters, then the full stop
        "roman_ordinal": (r"\b(?=[MDCLXVI])M{0,4}(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\.", _finds(re.compile(r"\.(?<=[MDCLXVI]\.)"))),
        # "WS15", "SoSe2015": an "s" or "e" (any case; "ſ" is an "s") right before a digit
        "semester": (r"(?<!\w)(?P<a_semester>[WS]S|SoSe|WiSe)(?P<b_jahr>\d\d(?:/\d\d)?)(?!\w)", _finds(regex.compile(r"(?<=[sS\u017feE])\d"))),
        # words joined by "+" or "&", looked up in a list (SoMaJo's _split_set)
        "simple_plus_ampersand_candidates": (r"\b\w+[&+]\w+\b", _could_hold("+", "&")),
        # a URL starts with a protocol or "www." (any case)
        "simple_url": (url, _could_hold("://", "www.", lower=True)),
        "simple_url_with_brackets": (url, _could_hold("://", "www.", lower=True)),
        # "3+4": a digit, the operator, a digit
        "calculation": (r"(?P<arg1>\d+(?:[,.]\d+)?)(?P<op>[+*x×÷−])(?P<arg2>\d+(?:[,.]\d+)?)", _finds(regex.compile(r"\d[+*x×÷−]\d"))),
        # "1.000,-": a comma or full stop, then a hyphen
        "amount": (r"(?<!\w)(?:\d+[\d,.]*[,.]-)(?!\w)", _could_hold(",-", ".-")),
        # "192.168.0.1", "3.2.1": a digit, a full stop, a digit
        "ipv4": (r"(?<!\w|\d[.,]?)(?:\d{1,3}[.]){3}\d{1,3}(?![.,]?\d)", _finds(digit_dot_digit)),
        "section_number": (r"(?<!\w|\d[.,]?)(?:\d+[.])+\d+[.]?(?![.,]?\d)", _finds(digit_dot_digit)),
        # "3.": a digit, then a full stop
        "ordinal": (r"(?<![\w.])(?:\d{1,3}|\d{5,}|[3-9]\d{3})\.(?!\d)", _finds(regex.compile(r"\.(?<=\d\.)"))),
        # "12:30": a digit, a colon, a digit
        "time": (r"(?<!\w)\d{1,2}(?:(?::\d{2}){1,2}){1,2}(?![\d:])", _finds(regex.compile(r":(?<=\d:)\d"))),
        # "aber.Die": a full stop before a capital letter; ruled out where the character
        # after every full stop is a space, a digit or one of ".,;:!?" (none of them a letter)
        "dot_without_space": (r"(?<=\p{Ll}{2})(\.)(?=\p{Lu}\p{Ll}{2})", _finds(re.compile(r"\.[^\s0-9.,;:!?]"))),
        # a single character or a class of them: these tests are the search itself
        # (``_DECIDING``), so the pattern is not searched again
        "dot": (r"(\.)", lambda text: "." in text),
        "quest_exclam": (r"([!?]+)", lambda text: "!" in text or "?" in text),
        "other_punctuation": (_OTHER_PUNCTUATION, _finds(re.compile(_OTHER_PUNCTUATION))),
    }
    for name, (head, test) in exact.items():
        pat = getattr(tokenizer, name, None)
        text = regex.sub(r"\s+|#[^\n]*", "", pat.pattern) if pat is not None and pat.flags & regex.VERBOSE else getattr(pat, "pattern", None)
        if text is not None and name in _DIGIT_FIRST:
            text = text.removeprefix("(?=\\d)")  # the lookahead _guard_rare_patterns puts in front
        if text is not None and (text == head or (name.startswith("simple_url") and text.startswith(head))):
            tests[name] = test
    # number patterns every match of which has a digit right before a part of it (the
    # number in front always ends in one): a search for that digit and part alone. The
    # patterns are SoMaJo 2.5's, known by their sha256 (for measurements, that of the
    # number part: SoMaJo writes the units in set order, which varies from run to run).
    digit_then = {
        # a number, an optional space and a unit ("5 km", "3,5 kg")
        "measurement": ("844d9f34ad23c3cf882f4fd0c17052ca", _split_units),
        # a number, a dash and a number ("10-12")
        "number_range": ("43423f0f2763828f889ad5e3fb31595d", lambda body: (body, "[-–]")),
    }
    for name, (sha, split) in digit_then.items():
        pat = getattr(tokenizer, name, None)
        parts = split(pat.pattern) if pat is not None else None
        if parts is not None and hashlib.sha256(parts[0].encode()).hexdigest()[:32] == sha:
            tests[name] = _finds(regex.compile(r"\d" + parts[1], pat.flags))
    return tests


_UNIT = "[ ]?(?P<unit>"
_WORD_END = r")(?!\w)"


def _split_units(body: str) -> tuple[str, str] | None:
    """(the number part, the unit part) of a pattern ending in ``_UNIT`` + escaped
    literals + ``_WORD_END``; None for another form."""
    k = body.find(_UNIT)
    if k < 0 or not body.endswith(_WORD_END) or not _escaped_literals(body[k + len(_UNIT) : -len(_WORD_END)]):
        return None
    return body[:k], body[k:]


# SoMaJo patterns every match of which starts with a digit: a lookahead for one in
# front lets the regex engine skip every other position at once (20 times faster).
_DIGIT_FIRST = ("three_part_date_dmy", "three_part_date_mdy", "ordinal", "isbn")

# SoMaJo's punctuation class; a search for it with Python's own ``re`` finds the same
_OTHER_PUNCTUATION = r'([#<>%‰€$£₤¥°@~*„“”‚‘"»«›‹,;:+×÷±≤≥=&–—])'
# patterns whose test in ``_rare_pattern_tests`` is true exactly where they match
_DECIDING = frozenset({"dot", "quest_exclam", "other_punctuation"})


def _guard_rare_patterns(tokenizer) -> None:
    """Skip a pattern on a token whose text cannot hold a match of it (see
    ``_rare_pattern_tests``): a pattern without a match splits nothing. Patterns whose
    matches start with a digit get a lookahead for it. Together these searched every
    paragraph for a quarter of SoMaJo's time on news.

    SoMaJo tries each of its 60 patterns on every token, through a generator over its
    token list and a method call per token, though nine tokens in ten hold no match.
    Where its two loops have the parameters of ``_token_loops``, they are replaced by a
    walk over the list that calls SoMaJo's method only on a token with a match (the
    same tokens in the same order); else the methods themselves are guarded."""
    import regex as re_

    for name in _DIGIT_FIRST:
        pat = getattr(tokenizer, name, None)
        if pat is not None and not pat.pattern.startswith("(?=\\d)"):
            setattr(tokenizer, name, re_.compile(r"(?=\d)" + pat.pattern, pat.flags))
    tests, decides = {}, set()
    for name, test in _rare_pattern_tests(tokenizer).items():
        pat = getattr(tokenizer, name, None)
        if pat is not None:
            tests[id(pat)] = test
            if name in _DECIDING:
                decides.add(id(pat))

    def may_split(regex, text: str) -> bool:
        key = id(regex)
        test = tests.get(key)
        if test is None:
            return regex.search(text) is not None
        return test(text) and (key in decides or regex.search(text) is not None)

    for loop_name, method_name, loop in _token_loops(tokenizer, may_split):
        method = getattr(tokenizer, method_name, None)
        if method is None:
            continue  # another SoMaJo version: leave it as it is
        if _parameters(getattr(tokenizer, loop_name, None)) == _parameters(loop):
            setattr(tokenizer, loop_name, loop)
        else:
            setattr(tokenizer, method_name, _guarded_method(method, may_split))


def _token_loops(tokenizer, may_split) -> list:
    """SoMaJo 2.5's loops over a paragraph's token list, which call a method on every
    token that is neither markup nor locked: (loop name, method name, the same loop
    calling the method only where ``may_split``; of use only where the method exists)."""
    split_matches = getattr(tokenizer, "_split_matches", None)
    split_set = getattr(tokenizer, "_split_set", None)

    def walk(token_dll, regex, method, rest) -> None:
        node = token_dll.first
        while node is not None:  # a node the method removes keeps its next, as SoMaJo relies on
            token = node.value
            if not token.markup and not token._locked and may_split(regex, token.text):
                method(regex, node, *rest)
            node = node.next

    def split_all_matches(regex, token_dll, token_class="regular", *, repl=None, split_named_subgroups=True, delete_whitespace=False) -> None:
        walk(token_dll, regex, split_matches, (token_class, repl, split_named_subgroups, delete_whitespace))

    def split_all_set(token_dll, regex, items, token_class="regular", to_lower=False) -> None:
        walk(token_dll, regex, split_set, (items, token_class, to_lower))

    return [("_split_all_matches", "_split_matches", split_all_matches), ("_split_all_set", "_split_set", split_all_set)]


def _parameters(function) -> list | None:
    """Names, kinds and defaults of a function's parameters (None for no function)."""
    import inspect

    try:
        return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]
    except (TypeError, ValueError):
        return None


def _guarded_method(method, may_split):
    def guarded(regex, node, *args, **kwargs):
        return method(regex, node, *args, **kwargs) if may_split(regex, node.value.text) else None

    return guarded


_ABBREV_HEAD = r"(?<![\p{L}.])"


def _guard_abbreviations(tokenizer) -> None:
    """SoMaJo's abbreviation pattern is one alternation of its 1,100 known
    abbreviations, tried at the start of every word: 40 % of its time on news. Each of
    them (and its ``(?:\\p{L}\\.){2,}`` branch) has a full stop after a few letters,
    digits or hyphens, so a lookahead for that at the front is implied by every match:
    the same matches, but a word with no full stop close behind fails at once."""
    import regex
    from somajo import utils

    pat = getattr(tokenizer, "abbreviation", None)
    if pat is None or not pat.pattern.startswith(_ABBREV_HEAD):
        return
    try:
        known = utils.read_abbreviation_file(f"abbreviations_{tokenizer.language[:2]}.txt", to_lower=True)
    except Exception:  # another SoMaJo version: leave it as it is
        return
    heads = [a.split(".")[0] for a in known]
    if not all("." in a and regex.fullmatch(r"[\p{L}\p{N}\-]*", h) for a, h in zip(known, heads, strict=True)):
        return
    longest = max(1, *map(len, heads))
    guard = r"(?=[\p{L}\p{N}\-]{0,%d}\.)" % longest
    guarded = regex.compile(_ABBREV_HEAD + guard + pat.pattern[len(_ABBREV_HEAD) :], pat.flags)
    tokenizer.abbreviation = guarded
    somajos = _ABBREV_HEAD + r"(?:(?:(?:\p{L}\.){2,})|" + "|".join(regex.escape(a) for a in known) + r")+(?!\p{L}{1,3}\.)"
    if pat.pattern == somajos and {ch for a in known for ch in a if not ch.isascii()} <= set(_PLAIN_CASE):
        # where a match can start: a word start with a full stop close behind, found
        # without ignoring case (a case table lookup per character for the regex engine):
        # the same classes, plus U+0345, the one character they take only when case is
        # ignored (its capital is the letter Ι)
        starts = regex.compile(r"(?<![\p{L}.])[\p{L}\p{N}\-\u0345]{0,%d}\." % longest, pat.flags & ~regex.IGNORECASE)
        # a word starting with a full stop or a digit that no abbreviation starts with
        # cannot start a match (nor can the (?:\p{L}\.){2,} branch): "." and "2015."
        # were nine in ten of the words tried
        no_start = frozenset(".0123456789") - {a[:1] for a in known}
        tokenizer.abbreviation = _AbbreviationFinder(guarded, starts, {h + "." for h in heads}, no_start)


# characters whose only other case (for the regex engine, ignoring case) is the one
# ``str.lower`` maps them from: the ASCII letters except i, k and s (which also match
# İ, the Kelvin sign and ſ, none of them in here) and the German letters
_PLAIN_CASE = frozenset("".join(chr(c) for c in range(128)) + "äöüëßÄÖÜËẞ")


class _AbbreviationFinder(_PatternProxy):
    """SoMaJo's abbreviation pattern with a faster ``finditer`` (the only method SoMaJo
    calls on it), giving the same matches. Trying its 1,100 alternatives at a word start
    costs the regex engine 40 µs, so it tries them only at a word start followed by a
    full stop (``starts``) whose text up to that full stop, in lower case, begins one of
    the abbreviations (``heads``) or is a single character (the ``(?:\\p{L}\\.){2,}``
    branch, and "A." style heads). A word with other characters than ``_PLAIN_CASE``
    is always tried."""

    def __init__(self, pattern, starts, heads: set[str], no_start: frozenset[str] = frozenset()) -> None:
        super().__init__(pattern)
        self.starts = starts
        self.heads = heads
        self.no_start = no_start

    def finditer(self, text: str):
        find, match, heads, no_start = self.starts.search, self.pattern_object.match, self.heads, self.no_start
        pos = 0
        while (c := find(text, pos)) is not None:
            p = c.start()
            word = c.group()
            if word[0] not in no_start and (len(word) <= 2 or word.lower() in heads or not set(word) <= _PLAIN_CASE):
                m = match(text, p)  # lookbehinds see the text before the position
                if m is not None:
                    yield m
                    pos = m.end()
                    continue
            pos = p + 1


WORD_CACHE = 10_000  # word forms whose tag probabilities are kept
LONG_WORD = 10  # characters; HanTa's morphology costs the square of a word's length


def _compound_guesser(tagger, analyze):
    """HanTa analyses an unknown word morpheme by morpheme, in time growing with the
    square of its length; German news is full of long compounds. A compound takes the
    tags of its head: the longest known word it ends in (``Bundesverkehrsminister`` →
    ``minister``), else the analysis of its last ``LONG_WORD`` characters. Short words go
    through HanTa's own analysis. (Over 200 derStandard articles 99.0 % of the tags stay
    the same and tagging takes 55 % less time; the gold scores of lite do not drop.)"""
    lexicon = getattr(tagger, "cache", None) or {}

    def guess(word):
        if len(word) <= LONG_WORD:
            return analyze(word)
        for k in range(len(word) - 3, 3, -1):  # the head leaves at least three letters in front
            head = lexicon.get(word[-k:])
            if head is not None:
                return head
        return analyze(word[-LONG_WORD:])

    return guess


def _fast_viterbi(tagger, word_probs):
    """HanTa's ``tag_sent_viterbi``, the same path (equal scores resolve the same way),
    but each state tries only the tags its next word can have instead of every
    transition, and a word's tag probabilities are computed once per form and case.
    ``word_probs(word, case_sensitive)`` gives that word's tag log-probabilities. With
    the C module (``tagger._compiled``) the same search runs in C."""
    from HanTa.HanoverTagger import EMPTY, END, START, UNKNOWN

    compiled = getattr(tagger, "_compiled", None)
    if compiled is not None:
        return lambda sent: compiled.tag_sentence([word_probs(w, i > 0) for i, w in enumerate(sent)])
    trans = tagger.LP_trans_word
    lowerbound = -1e6
    ninf = float("-inf")

    def tag(sent: list[str]) -> list[int]:
        backpointer: list[dict] = []
        prevrow: dict = {(EMPTY, START): 0.0}
        for i, w in enumerate(sent):
            wprobs = word_probs(w, i > 0)
            empty = not wprobs or (len(wprobs) == 1 and UNKNOWN in wprobs)
            row: dict = {}
            back: dict = {}
            backpointer.append(back)
            rowbound = sorted(prevrow.values(), reverse=True)[5] - 1 if len(prevrow) > 5 else lowerbound
            for state, lp0 in prevrow.items():
                if lp0 < rowbound:
                    continue
                lp_t = trans[state]
                s1 = state[1]
                if empty:
                    pairs = [(c, lp_tc, 0) for c, lp_tc in lp_t.items() if c != END]
                else:
                    pairs = [(c, lp_t[c], lpwc) for c, lpwc in wprobs.items() if c != END and c in lp_t]
                for c, lp_tc, lpwc in pairs:
                    lp = lp0 + lp_tc + lpwc
                    if lp > lowerbound:
                        newstate = (s1, c)
                        old = row.get(newstate)
                        if old is None or lp > old:
                            row[newstate] = lp
                            back[newstate] = state
            prevrow = row
        final = (END, EMPTY)
        best = ninf
        back = {}
        for state, lp0 in prevrow.items():
            lp = lp0 + trans[state].get(END, ninf)
            if lp > best:
                best = lp
                back[final] = state
        backpointer.append(back)
        tags = []
        state = final
        for i in range(len(backpointer) - 1, 0, -1):
            state = backpointer[i][state]
            tags.append(state[1])
        return tags[::-1]

    return tag


_CLAUSE_END = {",", ";", ":", "–", "—", "(", ")"}
_FINITE = {"VVFIN", "VAFIN", "VMFIN"}
_VERB_FINAL = {"KOUS", "PRELS", "PRELAT", "PWS", "PWAV", "PWAT"}
_QUOTES = set("„“”\"«»‚‘’›‹'")


def retag_attributive_participles(tokens: list[Token]) -> None:
    """HanTa tags an inflected participle between an article's noun and its own noun
    as a past tense when the form is one ("bestätigten mit der Angelegenheit vertraute
    Personen"). When the clause has its finite verb already, and no subordinate clause
    opens in between, such a word is the attributive adjective (ADJA) of the noun after it."""
    finite = False
    for k, x in enumerate(tokens):
        if x.text in _CLAUSE_END or x.xpos in _VERB_FINAL or x.text in _QUOTES:
            finite = False
            continue
        if x.xpos not in _FINITE:
            continue
        if (
            finite
            and x.xpos == "VVFIN"
            and x.text[:1].islower()
            and x.text.endswith(("te", "ten", "ter", "tes", "tem"))
            and 0 < k < len(tokens) - 1
            and tokens[k - 1].upos in {"NOUN", "PROPN"}
            and tokens[k + 1].upos == "NOUN"
            and tokens[k + 1].text[:1].isupper()
        ):
            x.xpos, x.upos, x.feats, x.lemma = "ADJA", "ADJ", {}, x.text
            continue
        finite = True


_OPENERS = {":", "–", "—", "-", "(", "[", "/"} | _QUOTES


def retag_capitalized_words(tokens: list[Token], adverbs: Container[str] = ()) -> None:
    """A capitalised word inside a sentence is no verb or adverb, though HanTa may tag an
    unknown name or plural as one ("Bürgermeister Hans Moser" with "Moser" an imperative,
    "die beiden Sängerinnen" with an adverb; a known adverb stays, it may open a sentence
    the tokenizer did not split: "… Großfahndung Unterdessen ging …"): it becomes a name
    after a name, else a noun. After a colon, dash, bracket or quotation mark a verb may
    open a new segment ("– Will zu Asylnovelle …") and keeps its tag."""
    for k in range(1, len(tokens)):
        x = tokens[k]
        if (x.xpos[:1] == "V" or (x.xpos == "ADV" and x.lower not in adverbs)) and x.text[:1].isupper() and not x.text.isupper() and tokens[k - 1].text not in _OPENERS:
            name = tokens[k - 1].xpos == "NE"
            x.xpos, x.upos, x.feats, x.lemma = ("NE", "PROPN", {}, x.text) if name else ("NN", "NOUN", {}, x.text)


def _known_adverbs(tagger) -> frozenset[str]:
    """Word forms HanTa's lexicon knows as adverbs (lower case)."""
    adv = getattr(tagger, "tag2int", {}).get("ADV")
    return frozenset(w for w, tags in (getattr(tagger, "cache", None) or {}).items() if any(t == adv for t, _ in tags))


def compiled_available() -> bool:
    """Whether the lite analyzer will run HanTa's searches in C (the module is built and
    $CLAIMS_LITE_C is not 0)."""
    import importlib.util
    import os

    return os.environ.get("CLAIMS_LITE_C", "1") != "0" and importlib.util.find_spec("claims.nlp._hanta") is not None


def _word_probs(tagger):
    """``word_probs(word, case_sensitive)``: HanTa's ``_tag_word`` (cutoff 5, conditional)
    as a dict {tag: log p}; in C (the same sums in the same order, best first) when
    the C module has it."""
    compiled = getattr(tagger, "_compiled", None)
    if compiled is not None and hasattr(compiled, "word_probs") and all(hasattr(tagger, a) for a in ("normalize", "cache", "LP_case_t", "LP_wtag")):
        probs, normalize = compiled.word_probs, tagger.normalize
        cache, lp_case, lp_wtag = tagger.cache, tagger.LP_case_t, tagger.LP_wtag
        # analyze_forward is looked up at each call, as HanTa does (a wrapper set later counts)
        return lambda w, cs: probs(normalize(w), cs, cs and w[0].isupper(), cache, tagger.analyze_forward, lp_case, lp_wtag, 5.0)
    tag_word = tagger._tag_word
    return lambda w, cs: dict(tag_word(w, cutoff=5, casesensitive=cs, conditional=True))


def _use_compiled_morphology(tagger) -> bool:
    """Let HanTa's two morphological searches (``analyze_forward`` for the tags of a word
    form it has not seen, ``analyze_viterbi`` for a lemma) and the sentence Viterbi run
    in C (``claims.nlp._hanta``, built with the package when a C compiler is there): the
    same search over the same tables with the same results. Without the module, with
    another HanTa version, or with ``CLAIMS_LITE_C=0``, HanTa's own Python code runs."""
    if not compiled_available():
        return False
    try:
        from claims.nlp import _hanta

        model = _hanta.Model(tagger)
    except (ImportError, ValueError, TypeError, AttributeError):
        return False
    strict = bool(getattr(tagger, "strict", False))
    tagger.analyze_forward = lambda word: model.analyze_forward(word, strict)
    tagger.analyze_viterbi = model.analyze_viterbi
    tagger._compiled = model
    return True


def _fast_makelemma(tagger):
    """HanTa's ``makelemma``, unchanged but for the length of the longest lemma suffix of
    a tag, which HanTa recomputes over the whole suffix table at every call (a tenth of
    the lemmas' time) and which is kept here per tag."""
    table = tagger.lemmasuffixtable
    longest_of: dict[str, int] = {}

    def makelemma(stem_morphemes, pos):
        mainpostag = pos.split("(")[0]
        lemma = "".join(stem_morphemes)
        suffix = ""
        lemmasuffices = table.get(mainpostag, [])
        if len(lemmasuffices) > 0:
            longest = longest_of.get(mainpostag)
            if longest is None:
                longest = longest_of[mainpostag] = max(len(e) for e in lemmasuffices)
            if len(lemma) + 1 < longest:
                longest = len(lemma)
            for i in range(longest + 1, 0, -1):
                ending = ("#" + lemma)[-i:]
                if ending in lemmasuffices:
                    suffix = lemmasuffices[ending]
                    break
        if tagger.tag2int.get(pos, 0) in tagger.capitalizedlemmata:
            lemma = lemma[0].upper() + lemma[1:]
        return lemma + suffix

    return makelemma


def _lines(text: str) -> list[tuple[int, str]]:
    """(start, line) for every line of ``text`` with something on it."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


class LiteAnalyzer:
    has_ner = False

    def __init__(self) -> None:
        from HanTa import HanoverTagger as ht
        from somajo import SoMaJo

        # offsets are found by a plain search through the text (SoMaJo's own alignment
        # costs a tenth of its time); a text where that fails goes through SoMaJo's
        self._tok = SoMaJo("de_CMC", split_camel_case=False, character_offsets=False)
        self._tok_offsets = None
        self._tagger = ht.HanoverTagger("morphmodel_ger.pgz")
        self.compiled = _use_compiled_morphology(self._tagger)
        if all(hasattr(self._tagger, a) for a in ("makelemma", "lemmasuffixtable", "capitalizedlemmata", "tag2int")):
            self._tagger.makelemma = _fast_makelemma(self._tagger)
        # both are pure functions of their arguments (the model does not change)
        if hasattr(self._tagger, "analyze_forward"):
            self._tagger.analyze_forward = _memo(_compound_guesser(self._tagger, self._tagger.analyze_forward))
        if hasattr(self._tagger, "_analyze"):
            self._tagger._analyze = _memo(self._tagger._analyze)
        _speed_up_somajo(getattr(self._tok, "_tokenizer", None))
        self._viterbi = None
        if all(hasattr(self._tagger, a) for a in ("LP_trans_word", "_tag_word")):
            self._viterbi = _fast_viterbi(self._tagger, _memo(_word_probs(self._tagger), WORD_CACHE))
        self._lock = threading.Lock()
        self._adverbs = _known_adverbs(self._tagger)
        from claims.nlp.stanza_analyzer import freeze_loaded_objects

        freeze_loaded_objects()  # HanTa's model: keep the garbage collector from walking it

    def _tokenize(self, text: str) -> list[list[tuple[str, int, int]]]:
        """Sentences of (token, start, end) with offsets into ``text``. Every line is a
        paragraph of its own: a sentence never runs across a line break (a subheading
        has no full stop; stanza's tokenizer ends the sentence there too)."""
        with self._lock:
            raw = list(self._tok.tokenize_text([line for _, line in _lines(text)]))
        out = []
        pos = 0
        for s in raw:
            toks = []
            for t in s:
                word = t.text
                k = text.find(word, pos)
                if k < 0 or (k > pos and not text[pos:k].isspace()):
                    return self._tokenize_aligned(text)  # SoMaJo changed the token: use its alignment
                pos = k + len(word)
                toks.append((word, k, pos))
            out.append(toks)
        return out

    def _tokenize_aligned(self, text: str) -> list[list[tuple[str, int, int]]]:
        from somajo import SoMaJo

        with self._lock:
            if self._tok_offsets is None:
                self._tok_offsets = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)
                _speed_up_somajo(getattr(self._tok_offsets, "_tokenizer", None))
            return [[(t.text, a + t.character_offset[0], a + t.character_offset[1]) for t in s] for a, line in _lines(text) for s in self._tok_offsets.tokenize_text([line])]

    def _tagged(self, toks: list[tuple[str, int, int]]) -> list[Token]:
        """Tokens with STTS tags (and verb lemmas) for (word, start, end) triples."""
        tags = self._tag([t[0] for t in toks])
        tokens = []
        for i, ((word, a, b), (lemma, tag)) in enumerate(zip(toks, tags, strict=True)):
            xpos, upos = _tags(tag)
            if not word.isalnum() and _ALNUM.search(word) is None:
                upos = "PUNCT"
            elif xpos == "FM" and word[:1].isupper():
                upos = "PROPN"  # a foreign name ("France Football", "New York Times"), as stanza has it
            feats = {"VerbForm": "Fin"} if xpos.endswith("FIN") else {}
            tokens.append(Token(i, word, a, b, lemma if lemma and lemma != "--" else word, upos, xpos, feats, -1, ""))
        retag_capitalized_words(tokens, self._adverbs)
        retag_attributive_participles(tokens)
        return tokens

    def _sentences(self, text: str) -> list[Sentence]:
        out: list[Sentence] = []
        for k, s in enumerate(self._tokenize(text)):
            toks = _join_inner_dots(s)
            if toks:
                out.append(Sentence(index=k, tokens=join_hyphen_compounds(self._tagged(toks))))
        return renumber(join_colon_sentences(out, text), text)

    def analyze_pretokenized(self, sentences: list[list[str]]) -> tuple[str, list[Sentence]]:
        """Tag pre-tokenised sentences; token ``i`` of sentence ``k`` stays token ``i``
        (nothing is joined). Returns the text (tokens and sentences joined by single
        spaces) and the sentences, with offsets into it, as the stanza analyzer does."""
        out: list[Sentence] = []
        pos, first = 0, True
        for k, sent in enumerate(sentences):
            toks = []
            for word in sent:
                if not first:
                    pos += 1
                first = False
                toks.append((word, pos, pos + len(word)))
                pos += len(word)
            out.append(Sentence(index=k, tokens=self._tagged(toks) if toks else []))
        text = " ".join(w for sent in sentences for w in sent)
        return text, out

    def _tag(self, words: list[str]) -> list[tuple[str, str]]:
        """STTS tag for every word; the lemma (HanTa's costly morphological analysis)
        only for verbs, which the cue rules look up by lemma. Other words keep their form,
        which is what the rules compare for them."""
        tagger = self._tagger
        if not all(hasattr(tagger, a) for a in ("tag_sent_viterbi", "int2tag", "tag2int", "_analyze")):
            return [(lemma, tag) for _, lemma, tag in tagger.tag_sent(words, taglevel=1)]  # another HanTa version
        tags = [tagger.int2tag[x] for x in (self._viterbi or tagger.tag_sent_viterbi)(words)]
        out = []
        for w, tag in zip(words, tags, strict=True):
            if tag.startswith(("VV", "VA", "VM")):
                lemma = tagger._analyze(w, tagger.tag2int[tag], 1)[0]  # taglevel 1
            else:
                lemma = w
            out.append((lemma, tag))
        return out

    def analyze_many(self, texts: list[str]) -> list[list[Sentence]]:
        return [self._sentences(t) for t in texts]


_SHARED: list[LiteAnalyzer] = []


def get_lite_analyzer() -> LiteAnalyzer:
    if not _SHARED:
        _SHARED.append(LiteAnalyzer())
    return _SHARED[0]
