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

from collections.abc import Callable

from spacy.attrs import IS_DIGIT, LOWER, ORTH, SHAPE
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
