"""Splitting a text longer than spaCy's ``max_length`` at paragraph, then sentence, boundaries."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")


def split_text(text: str, limit: int) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` characters.

    Cuts fall after a blank line where possible, else after a line break, else between
    sentences, else at whitespace; as a last resort, hard at the limit.

    Returns:
        (offset of the piece in ``text``, piece) in order; the pieces join to ``text``.
    """
    pieces: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    while pos < n:
        if n - pos <= limit:
            pieces.append((pos, text[pos:]))
            break
        window = text[pos:pos + limit]
        cut = _last_boundary(window)
        pieces.append((pos, text[pos:pos + cut]))
        pos += cut
    return pieces


def _last_boundary(window: str) -> int:
    floor = len(window) // 2  # never cut a piece shorter than half the limit
    for finder in (lambda w: w.rfind("\n\n"), lambda w: w.rfind("\n")):
        i = finder(window)
        if i >= floor:
            return i + 1 + (1 if window[i:i + 2] == "\n\n" else 0)
    ends = [m.end() for m in _SENTENCE_END.finditer(window, floor)]
    if ends:
        return ends[-1]
    i = window.rfind(" ")
    return i + 1 if i >= floor else len(window)
