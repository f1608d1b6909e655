"""Token patterns whose set tests run in C: lexeme flags in place of ``IN`` predicates.

spaCy's Matcher tries every pattern at every token, and a set or comparison predicate
(``{"LOWER": {"IN": [...]}}``, ``{"LENGTH": {"<=": 4}}``) is a Python call per token per
predicate: most of the time factex's date patterns cost. A test that depends only on the
word itself can instead be a boolean *lexeme flag*: spaCy computes it once per vocabulary
entry and the Matcher reads it in C. :func:`flagged` rewrites a pattern that way; it matches
exactly what the original matches (a test compares both on the corpus).

The flags live in the model's vocabulary, in the bits spaCy leaves free (19-63); each flag's
getter carries the test it stands for, so a second component on the same vocabulary reuses
it. When the bits run out, the remaining tests stay as predicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.attrs import IS_DIGIT, LOWER, ORTH, SHAPE
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

_FIRST_FREE_BIT = 19  # spaCy's own lexeme flags use bits 1-18
_LAST_BIT = 63
_WORD_ATTRS = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "SHAPE": SHAPE}


def flagged(vocab: Vocab, pattern: list[dict]) -> list[dict]:
    """The same token pattern with each word-level set test turned into a lexeme flag.

    Args:
        vocab: the vocabulary the Matcher runs on (gains the flags).
        pattern: a validated token pattern.

    Returns:
        A pattern for a Matcher built with ``validate=False`` (flag ids are not attribute
        names the validator knows).
    """
    out = []
    for spec in pattern:
        spec = dict(spec)
        for name, attr in _WORD_ATTRS.items():
            test = spec.get(name)
            if isinstance(test, dict) and set(test) == {"IN"}:
                bit = _flag(vocab, (name, frozenset(test["IN"])), _member(vocab, attr, test["IN"]))
                if bit is not None:
                    del spec[name]
                    spec[bit] = True
        if spec.get("IS_DIGIT") is True and spec.get("LENGTH") == {"<=": 4}:
            bit = _flag(vocab, ("DIGITS<=4",), _short_digits(vocab))
            if bit is not None:
                del spec["IS_DIGIT"], spec["LENGTH"]
                spec[bit] = True
        out.append(spec)
    return out


def _member(vocab: Vocab, attr: int, values: list[str]) -> Callable[[str], bool]:
    members = frozenset(values)
    if attr == ORTH:
        return lambda s: s in members
    view = vocab.lex_attr_getters.get(attr, str.lower if attr == LOWER else None)
    return lambda s: view(s) in members


def _short_digits(vocab: Vocab) -> Callable[[str], bool]:
    is_digit = vocab.lex_attr_getters.get(IS_DIGIT, str.isdigit)
    return lambda s: bool(is_digit(s)) and len(s) <= 4


def _flag(vocab: Vocab, key: tuple, getter: Callable[[str], bool]) -> int | None:
    """The flag bit for ``key``: reused when this vocabulary has it, else the next free bit."""
    getters = vocab.lex_attr_getters
    for bit in range(_FIRST_FREE_BIT, _LAST_BIT + 1):
        if getattr(getters.get(bit), "factex_key", None) == key:
            return bit
    for bit in range(_FIRST_FREE_BIT, _LAST_BIT + 1):
        if bit not in getters:
            getter.factex_key = key  # type: ignore[attr-defined]
            return vocab.add_flag(getter, flag_id=bit)
    return None


# Token tests that depend on the word alone (its lexeme), so a word's verdict can be cached.
# NORM and LEMMA are left out: a tokenizer exception may set them per token.
_LEXEME_KEYS = frozenset((
    "ORTH", "TEXT", "LOWER", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "IS_ALPHA", "IS_ASCII",
    "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP",
    "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_NUM",
    "LIKE_URL", "LIKE_EMAIL"))
# The commonest English tokens: a pattern's anchor is the required token matching fewest of them.
_PROBE_WORDS = (
    "the", "The", ",", ".", "of", "and", "to", "in", "In", "a", "A", '"', "'s", "that", "for",
    "is", "on", "was", "with", "he", "He", "it", "It", "as", "by", "at", "from", "his", "an",
    "were", "are", "which", "this", "be", "or", "has", "had", "but", "not", "they", "its",
    "have", "been", "(", ")", "-", "\u2013", ":", ";", "\n", "\n\n", "1", "2", "10", "20",
    "also", "first", "after", "who", "would", "will", "more", "said", "up", "other", "their",
    "new", "two", "one", "government", "President", "John", "United", "States")


class AnchoredMatcher:
    """A token Matcher run only around the tokens its patterns cannot do without.

    spaCy's Matcher starts every pattern at every token, and the date patterns cost most
    of their time on text holding no date at all. Each pattern here has a required token
    that is rare in prose (a year, a month, "BC"): its *anchor*, chosen as the required
    token that matches fewest of the commonest English words. With every token optional
    or required, a match lies in a known window around an anchor, so the Matcher runs on
    those windows only (merged where they overlap). It finds the same matches as on the
    whole Doc: a window holds every match around its anchor, and a match inside a window is
    a match of the Doc, as a token pattern sees nothing outside its own tokens. Patterns it
    cannot bound (``+``, ``*``, token-level tests in every required token) make it run on
    the whole Doc, as the plain Matcher does.

    Which words are anchors is learnt once per word (one entry per distinct word, like the
    vocabulary itself).
    """

    def __init__(self, vocab: Vocab, patterns: Iterable[tuple[str, list[list[dict]]]]) -> None:
        """Args:
            vocab: the vocabulary of the Docs to match.
            patterns: (match id, pattern variants) pairs, as for ``Matcher.add``; patterns
                may carry flag bits from :func:`flagged`.
        """
        self.vocab = vocab
        self.matcher = Matcher(vocab, validate=False)
        self._anchors = Matcher(vocab, validate=False)
        self._extents: list[tuple[int, int]] = []  # per anchor pattern: tokens before, from it
        self._anchor_ids: dict[str, int] = {}
        self._word_extent: dict[int, tuple[int, int] | None] = {}
        self.whole_doc = False
        probe = Doc(vocab, words=list(_PROBE_WORDS))
        for key, variants in patterns:
            self.matcher.add(key, variants)
            for variant in variants:
                found = _anchor(vocab, variant, probe)
                if found is None:
                    self.whole_doc = True
                    continue
                j, spec = found
                self._add_anchor(spec, (j, len(variant) - j))

    def _add_anchor(self, spec: dict, extent: tuple[int, int]) -> None:
        name = repr(sorted(spec.items(), key=str))
        k = self._anchor_ids.get(name)
        if k is None:
            k = self._anchor_ids[name] = len(self._extents)
            self._extents.append(extent)
            self._anchors.add(str(k), [[spec]])
        else:
            old = self._extents[k]
            self._extents[k] = (max(old[0], extent[0]), max(old[1], extent[1]))

    def _learn(self, orths: set[int]) -> None:
        """Record, for each new word, the window its anchor patterns need (or None)."""
        words = list(orths)
        probe = Doc(self.vocab, words=[self.vocab.strings[o] for o in words])
        extent = self._word_extent
        for o in words:
            extent[o] = None
        for match_id, s, _ in self._anchors(probe):
            before, after = self._extents[int(self.vocab.strings[match_id])]
            old = extent[words[s]]
            extent[words[s]] = (before, after) if old is None else (max(old[0], before),
                                                                    max(old[1], after))

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """The token ranges of ``doc`` that can hold a match, merged and in order."""
        if self.whole_doc:
            return [(0, len(doc))] if len(doc) else []
        orths = doc.to_array(ORTH).tolist()
        extent = self._word_extent
        new = {o for o in orths if o not in extent}
        if new:
            self._learn(new)
        n = len(orths)
        out: list[tuple[int, int]] = []
        for i, o in enumerate(orths):
            ext = extent[o]
            if ext is None:
                continue
            s, e = max(0, i - ext[0]), min(n, i + ext[1])
            if out and s <= out[-1][1]:
                if e > out[-1][1]:
                    out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return out

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every match in ``doc``, as ``Matcher.__call__`` gives them."""
        out: list[tuple[int, int, int]] = []
        for s, e in self.windows(doc):
            if s == 0 and e == len(doc):
                out.extend(self.matcher(doc))
            else:
                out.extend((m, a + s, b + s) for m, a, b in self.matcher(doc[s:e]))
        return out


def _anchor(vocab: Vocab, variant: list[dict], probe: Doc) -> tuple[int, dict] | None:
    """The anchor of one pattern: (its index, its spec), or None when the pattern is unbounded
    or no required token can be tested on the word alone."""
    best: tuple[int, int, dict] | None = None
    for j, spec in enumerate(variant):
        op = spec.get("OP")
        if op not in (None, "?"):
            return None
        if op is not None or not spec:
            continue
        if not all(isinstance(k, int) or k in _LEXEME_KEYS for k in spec):
            continue
        one = Matcher(vocab, validate=False)
        one.add("a", [[spec]])
        hits = len(one(probe))
        if best is None or hits < best[0]:
            best = (hits, j, spec)
    return None if best is None else (best[1], best[2])
