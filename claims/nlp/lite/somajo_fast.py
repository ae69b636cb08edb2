"""Faster SoMaJo for the lite analyzer, with SoMaJo's own tokens.

SoMaJo tries some 60 regular expressions on every token of a paragraph, though nine
tokens in ten hold no match of most of them. :func:`speed_up` puts a cheap test in
front of the costly ones (the emoji search, the 1,100-word abbreviation alternation
and the rare patterns), so a pattern is tried only on a token that can hold a match.
Every test is implied by its pattern's matches, and each is used only while SoMaJo's
pattern is the exact text it was written for: the tokens stay SoMaJo's
(``tests/test_lite.py`` checks them against plain SoMaJo on the seed, gold and bench
texts).

This module knows SoMaJo's private methods and patterns, so it acts only for the
SoMaJo version pinned in ``pyproject.toml`` (``SOMAJO_VERSION``).
"""

from __future__ import annotations

import re

from claims.nlp.lite.versions import version_supported

SOMAJO_VERSION = "2.5.0"

# every character of SoMaJo's emoji class (Extended_Pictographic, Emoji_Presentation,
# U+FE0F) is one of these (tests/test_lite.py checks each code point): a
# plain search for them rules out most texts faster than the search by properties
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a-\U0010ffff]")


def speed_up(tokenizer) -> bool:
    """Make SoMaJo's tokenizer (``SoMaJo(...)._tokenizer``) skip work that cannot change
    its tokens: the emoji search on tokens without an emoji character, the abbreviation
    alternation where no full stop follows, and patterns that cannot match a token
    (``_guard_rare_patterns``). Only for SoMaJo ``SOMAJO_VERSION``, whose private methods
    and pattern texts this module knows; with another version SoMaJo's own code runs,
    and one notice says so. Returns whether the speed-ups are in place."""
    import regex

    if tokenizer is None or not version_supported("SoMaJo", SOMAJO_VERSION):
        return False
    original = getattr(tokenizer, "_split_emojis", None)
    if original is None:
        return False
    any_emoji = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F]")

    def split_emojis(node, token_class="emoticon"):
        text = node.value.text
        if _MAYBE_EMOJI.search(text) is not None and any_emoji.search(text) is not None:
            original(node, token_class)

    tokenizer._split_emojis = split_emojis
    _guard_abbreviations(tokenizer)
    _guard_rare_patterns(tokenizer)
    _free_token_lists(tokenizer)
    return True


class _PatternProxy:
    """A compiled pattern with some of its methods replaced; every other attribute is
    the pattern's own."""

    def __init__(self, pattern) -> None:
        self.pattern_object = pattern

    def __getattr__(self, name: str):
        return getattr(self.pattern_object, name)


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
# text (bounded: emptied when full)
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
