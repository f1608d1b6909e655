"""Per-Doc caches for what spaCy recomputes on every access.

``doc.text`` rebuilds the string and ``span.sent`` walks the document on each call, which makes
a loop over a long document quadratic; these helpers compute each once per Doc.

The caches live beside the Doc, not in ``doc.user_data``: they are never serialised with it,
never travel to another process, and go with the Doc when it is freed. A cache whose Doc has
changed length (retokenised) is thrown away.
"""

from __future__ import annotations

import bisect
import re
import weakref

import numpy
from spacy.attrs import HEAD, ORTH, SENT_START
from spacy.tokens import Doc, Span

_CACHES: "weakref.WeakKeyDictionary[Doc, dict]" = weakref.WeakKeyDictionary()
# The Doc asked about last (a weak reference) and its entry, as one tuple: components ask
# tens of thousands of times in a row about one Doc, and a WeakKeyDictionary look-up makes a
# new weak reference each time. The entry is the very dict _CACHES holds for that Doc, so the
# shortcut answers the same.
_LAST: tuple = (None, None)


def cache(doc: Doc) -> dict:
    """The cache dict of one Doc (empty at first; reset when the Doc's length changed)."""
    global _LAST
    ref, entry = _LAST
    if ref is None or ref() is not doc:
        ref, entry = None, _CACHES.get(doc)
    if entry is None or entry["__len__"] != len(doc):
        entry = _CACHES[doc] = {"__len__": len(doc)}
        ref = None
    if ref is None:
        _LAST = (weakref.ref(doc), entry)
    return entry


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once."""
    c = cache(doc)
    text = c.get("text")
    if text is None:
        text = c["text"] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, sliced from the Doc's text: the same string without a Token per word."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of every sentence, in order, computed once."""
    c = cache(doc)
    bounds = c.get("sents")
    if bounds is None:
        bounds = c["sents"] = [(s.start_char, s.end_char) for s in doc.sents]
    return bounds


def sentence_at(doc: Doc, char: int) -> tuple[int, int]:
    """The (start_char, end_char) of the sentence holding character ``char``."""
    bounds = sentence_bounds(doc)
    c = cache(doc)
    starts = c.get("sent_starts")
    if starts is None:
        starts = c["sent_starts"] = [b[0] for b in bounds]
    i = max(bisect.bisect_right(starts, char) - 1, 0)
    return bounds[i] if bounds else (0, len(doc_text(doc)))


def line_at(text: str, i: int, reach: int = 120) -> tuple[int, int] | None:
    """The (start, end) of the line holding character ``i``, or None when no line break lies
    within ``reach`` characters on either side (a text without line breaks has no lines to
    read, and a long one is not scanned)."""
    start = text.rfind("\n", max(0, i - reach), i) + 1
    end = text.find("\n", i, i + reach)
    if (start == 0 and i > reach) or end < 0:
        return None
    return start, end


def line_bounds(text: str, i: int, reach: int = 400) -> tuple[int, int] | None:
    """Like :func:`line_at`, but the text's end also ends a line: the (start, end) of the line
    holding character ``i``, or None for a line longer than ``reach`` on either side (prose,
    not a menu, a label or a byline)."""
    start = text.rfind("\n", max(0, i - reach), i) + 1
    if start == 0 and i > reach:
        return None
    end = text.find("\n", i, i + reach)
    if end < 0:
        if len(text) - i > reach:
            return None
        end = len(text)
    return start, end


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, in order, built once (a Token object per access is costly)."""
    c = cache(doc)
    texts = c.get("token_texts")
    if texts is None:
        # A token's text is the string of its ORTH: read from one array, without a Token each.
        strings = doc.vocab.strings
        texts = c["token_texts"] = [strings[o] for o in doc.to_array(ORTH).tolist()]
    return texts


def head_indices(doc: Doc) -> list[int]:
    """The index of every token's syntactic head, in order, built once (a Token per look-up
    is costly). Only for a parsed Doc: factex's components never change the parse after the
    parser, and a retokenised Doc gets a new cache."""
    c = cache(doc)
    heads = c.get("heads")
    if heads is None:
        # HEAD is the offset to the head, stored unsigned (-1 as 2**64 - 1): int64 reads it back.
        heads = c["heads"] = (numpy.arange(len(doc)) + doc.to_array(HEAD).astype("int64")).tolist()
    return heads


def set_sentence_starts(doc: Doc, values: dict[int, int]) -> None:
    """Set ``is_sent_start`` of several tokens at once (1 starts a sentence, -1 does not).

    Setting ``token.is_sent_start`` one token at a time scans the whole Doc on every call,
    which made a long text quadratic; one array write does not.
    """
    if not values:
        return
    arr = doc.to_array([SENT_START])
    for i, v in values.items():
        arr[i] = v % (1 << 64)  # the array is unsigned: -1 is stored as 2**64 - 1
    doc.from_array([SENT_START], arr)


def actor_types(doc: Doc) -> dict[str, str]:
    """Actor name -> type for the Doc's clusters, built once (needs ``factex_actors`` run)."""
    c = cache(doc)
    types = c.get("actor_types")
    if types is None:
        types = c["actor_types"] = {a.name: a.type for a in doc._.factex_actors or []}
    return types


# Double quotation marks, straight and typographic.
QUOTES = re.compile("[\"\u201c\u201d]")


def quoted(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` stands inside double quotation marks opened after ``start`` (the
    sentence's start)."""
    return len(QUOTES.findall(text, start, pos)) % 2 == 1
