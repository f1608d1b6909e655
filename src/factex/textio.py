"""Reading documents: decoding, mojibake repair and the offset map back to the original text.

The contract fixes offsets against the text *as read* (decoded, before repair), while the
pipeline runs on the repaired text. :class:`RepairedText` keeps both and maps every offset of the
repaired text back to the original, so that ``repair(original[start:end]) == mention``.
"""

from __future__ import annotations

import bisect
import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path

import ftfy

from .errors import InputError

# Curly quotes are content, not damage: keep them. Everything else is ftfy's default repair.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)


def repair(text: str) -> str:
    """Repair mojibake and other encoding damage in ``text`` (ftfy, curly quotes kept)."""
    return ftfy.fix_text(text, config=_FTFY_CONFIG)


@dataclass
class RepairedText:
    """The original text, its repaired form and the map between their offsets.

    ``segments`` holds, for each changed stretch, ``(fixed_start, fixed_end, orig_start,
    orig_end)``; outside them the two texts advance together.
    """

    original: str
    text: str
    _fixed_starts: list[int] = field(default_factory=list)
    _segments: list[tuple[int, int, int, int]] = field(default_factory=list)

    @classmethod
    def from_original(cls, original: str) -> "RepairedText":
        """Repair ``original`` line by line and build the offset map."""
        fixed_parts: list[str] = []
        segments: list[tuple[int, int, int, int]] = []
        opos = fpos = 0
        for line in original.splitlines(keepends=True):
            fixed_line = repair(line) if _may_need_repair(line) else line
            if fixed_line != line:
                segments.extend(_align(line, fixed_line, opos, fpos))
            fixed_parts.append(fixed_line)
            opos += len(line)
            fpos += len(fixed_line)
        rt = cls(original=original, text="".join(fixed_parts))
        rt._segments = segments
        rt._fixed_starts = [s[0] for s in segments]
        return rt

    def _shift(self, pos: int) -> tuple[int, int | None]:
        """Return (delta, segment index covering pos or None)."""
        i = bisect.bisect_right(self._fixed_starts, pos) - 1
        if i < 0:
            return 0, None
        fs, fe, os_, oe = self._segments[i]
        if pos < fe:
            return os_ - fs, i
        return oe - fe, None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the repaired text to the original text."""
        if not self._segments:
            return start, end
        delta, seg = self._shift(start)
        ostart = self._segments[seg][2] if seg is not None else start + delta
        if end <= start:
            return ostart, ostart
        delta, seg = self._shift(end - 1)
        oend = self._segments[seg][3] if seg is not None else end + delta
        return ostart, oend


def _may_need_repair(line: str) -> bool:
    # Pure ASCII lines other than line-break variants are never changed by ftfy: skip them cheaply.
    return not line.isascii() or "\r" in line or "\x1b" in line


def _align(orig: str, fixed: str, obase: int, fbase: int) -> list[tuple[int, int, int, int]]:
    """Changed stretches between one original line and its repair, as absolute offsets."""
    segs = []
    matcher = difflib.SequenceMatcher(None, orig, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # A deletion (j1 == j2) covers no repaired character but still shifts what follows.
        segs.append((fbase + j1, fbase + j2, obase + i1, obase + i2))
    return segs


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode file bytes to text.

    Returns:
        The text and a warning (or None). UTF-8 with or without BOM is taken as is; other
        encodings are detected with charset-normalizer.

    Raises:
        InputError: for binary data, empty input or undecodable bytes.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: binary file (contains NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot determine the text encoding")
    encoding = best.encoding
    if _single_byte(encoding):
        # Between single-byte code pages the detector guesses from letter statistics, which
        # short English texts do not have; Windows-1252 is by far the likeliest for English.
        try:
            return data.decode("cp1252"), f"{name}: not UTF-8, decoded as cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), f"{name}: not UTF-8, decoded as {encoding}"


def _single_byte(encoding: str) -> bool:
    e = encoding.lower().replace("-", "_")
    return e.startswith(("cp125", "iso8859", "latin", "mac_", "windows_125", "cp850", "cp437"))


def read_document(path: str | Path) -> tuple[str, str | None]:
    """Read and decode one document (``-`` for stdin).

    Raises:
        InputError: when the file is missing, unreadable, binary or empty.
    """
    name = str(path)
    if name == "-":
        data = sys.stdin.buffer.read()
        return decode_bytes(data, "<stdin>")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{name}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{name}: is a directory")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, name)


def expand_paths(paths: list[str]) -> tuple[list[str], list[str]]:
    """Expand directories to their ``*.txt`` files (recursive, sorted).

    Returns:
        (documents to read, error lines for paths that give no document).
    """
    out: list[str] = []
    errors: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(str(f) for f in p.rglob("*.txt") if f.is_file())
            if not found:
                errors.append(f"{raw}: directory holds no .txt files")
            out.extend(found)
        else:
            out.append(raw)
    return out, errors
