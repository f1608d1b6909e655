"""Reading documents: decoding, mojibake repair and the offset map back to the original text.

The contract fixes offsets against the text *as read* (decoded, before repair), while the
pipeline runs on the repaired text. :class:`RepairedText` keeps both and maps every offset of the
repaired text back to the original, so that ``repair(original[start:end]) == mention``.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import ftfy

from factex.errors import InputError

# Curly quotes are content, not damage: keep them. Everything else is ftfy's default repair.
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)


# Mojibake that lost a byte: UTF-8 read as cp1252 drops the bytes cp1252 leaves undefined
# (0x8D, 0x9D, …) and turns a non-breaking space into a plain one, so ftfy cannot undo it. The
# lead characters left behind say what stood there: "Ã" + a lost soft hyphen was "í"
# ("ValparaÃso"), a "Â" before a space or a quote was the first half of a non-breaking space.
# ("â€" + a lost 0x9D, a closing ”, is left as it is: see docs/accuracy.md, issue 12.)
_LOST_BYTE = (
    (re.compile(r"(?<=[a-z])\u00c3(?=[a-z])"), "\u00ed"),
    (re.compile(r"(?<=[\w.,])\u00c2(?=[\s\u2019'\u00a0])"), ""),
)


def repair(text: str) -> str:
    """Repair mojibake and other encoding damage in ``text`` (ftfy, curly quotes kept; the
    residue of mojibake that lost a byte, see ``_LOST_BYTE``); non-breaking spaces become
    spaces."""
    fixed = ftfy.fix_text(text, config=_FTFY_CONFIG)
    if "\u00c3" in fixed or "\u00c2" in fixed:
        for pattern, repl in _LOST_BYTE:
            fixed = pattern.sub(repl, fixed)
    # A non-breaking space is a space: the tokenizer otherwise makes it a token of its own,
    # which splits a name ("President Hage\u00a0Geingob") out of the model's reach.
    return fixed.replace("\u00a0", " ").replace("\u202f", " ")


@functools.lru_cache(maxsize=8192)  # at most a few MB of short strings
def _repair_short(text: str) -> str:
    return repair(text)


def repair_slice(text: str) -> str:
    """:func:`repair` for the short slices records are built from, memoised.

    A name recurs throughout a document, and ftfy costs tens of microseconds a call: checking
    every mention afresh made record building the largest single cost on a long text.
    """
    return _repair_short(text) if len(text) <= 200 else repair(text)


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
            fixed_line = repair(line) if may_need_repair(line) else line
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


_ASCII_REPAIRED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f&\r]")


def may_need_repair(line: str) -> bool:
    # ftfy changes an ASCII line only for control characters, line-break variants and HTML
    # entities; every other ASCII line is skipped cheaply.
    return not line.isascii() or _ASCII_REPAIRED.search(line.rstrip("\n")) is not None


_CHUNKS = re.compile(r"(\s+)")


def _align(orig: str, fixed: str, obase: int, fbase: int) -> list[tuple[int, int, int, int]]:
    """Changed stretches between one original line and its repair, as absolute offsets.

    The line is aligned word by word where repairing each word alone gives the line's repair
    (almost always): a diff over the whole line can pair a character with its twin in another
    word (" &lt;b&gt; &amp;" → " <b> &" matched the first " &" with the last), and a word then
    maps to nothing. Otherwise the whole line is diffed.
    """
    o_chunks = _CHUNKS.split(orig)
    f_chunks = [repair(c) if c and may_need_repair(c) else c for c in o_chunks]
    if "".join(f_chunks) != fixed:
        return _diff(orig, fixed, obase, fbase)
    segs: list[tuple[int, int, int, int]] = []
    opos, fpos = obase, fbase
    for oc, fc in zip(o_chunks, f_chunks):
        if oc != fc:
            segs.extend(_diff(oc, fc, opos, fpos))
        opos += len(oc)
        fpos += len(fc)
    return segs


def _diff(orig: str, fixed: str, obase: int, fbase: int) -> list[tuple[int, int, int, int]]:
    segs = []
    matcher = difflib.SequenceMatcher(None, orig, fixed, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # A deletion (j1 == j2) covers no repaired character but still shifts what follows.
        segs.append((fbase + j1, fbase + j2, obase + i1, obase + i2))
    return segs


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode file bytes to text.

    Returns:
        The text and a warning (or None). UTF-8 with or without BOM is taken as is, UTF-16/32
        by their BOM; UTF-8 with a few stray bytes is decoded with replacement characters;
        other encodings are detected with charset-normalizer.

    Raises:
        InputError: for binary data, empty input or undecodable bytes.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name}: invalid {codec.upper()} text") from None
            text = text.lstrip("\ufeff")
            if not text.strip():
                raise InputError(f"{name}: empty file")
            return text, (None if codec == "utf-8" else f"{name}: decoded as {codec.upper()} (BOM)")
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if b"\x00" in data:
        # One policy wherever the NUL stands: text files hold none.
        raise InputError(f"{name}: binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    if bad <= max(3, len(data) // 1000) and _mostly_multibyte_utf8(data):
        return lenient, f"{name}: {bad} invalid UTF-8 byte(s) replaced"
    if _mostly_ascii(data):
        # Western text with a few bytes above 127 (typographic quotes, dashes, £, €, accents):
        # Windows-1252 is by far the likeliest, and the detector's letter statistics, which a
        # short English text does not have, pick DOS code pages (cp775, cp852) instead.
        try:
            return data.decode("cp1252"), f"{name}: not UTF-8, decoded as cp1252"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        if bad <= max(3, len(data) // 100):
            return lenient, f"{name}: {bad} invalid UTF-8 byte(s) replaced"
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


def _mostly_ascii(data: bytes) -> bool:
    """At least 90 % of the bytes are ASCII: a Latin-script text in a single-byte code page."""
    high = sum(1 for b in data if b >= 0x80)
    return high * 10 <= len(data)


def _mostly_multibyte_utf8(data: bytes) -> bool:
    """True when the non-ASCII bytes are mostly well-formed UTF-8 sequences."""
    seqs = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", data))
    high = sum(1 for b in data if b >= 0x80)
    return seqs > 0 and high and seqs * 2 >= high / 2


def _single_byte(encoding: str) -> bool:
    e = encoding.lower().replace("-", "_")
    return e.startswith(("cp125", "iso8859", "latin", "mac_", "windows_125", "cp850", "cp437"))


def read_document(path: str | Path, max_bytes: int | None = None) -> tuple[str, str | None]:
    """Read and decode one document (``-`` for stdin), refusing more than ``max_bytes``.

    Raises:
        InputError: when the file is missing, unreadable, too large, binary or empty.
    """
    name = "<stdin>" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = _read_limited(sys.stdin.buffer, max_bytes, name)
        else:
            p = Path(path)
            if not p.exists():
                raise InputError(f"{name}: no such file or directory")
            if p.is_dir():
                raise InputError(f"{name}: is a directory")
            with p.open("rb") as fh:
                data = _read_limited(fh, max_bytes, name)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, name)


def _read_limited(fh, max_bytes: int | None, name: str) -> bytes:
    if max_bytes is None:
        return fh.read()
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: too large (more than {max_bytes} bytes; see --max-bytes)")
    return data


def expand_paths(paths: list[str], notes: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Expand directories to their ``*.txt`` files (recursive, sorted, symlinks followed once).

    Args:
        paths: what the user named: files, directories, ``-`` for stdin.
        notes: if given, receives a line for each input named twice (read once).

    Returns:
        (documents to read, error lines for paths that give no document: missing, unreadable,
        a dangling link, an empty directory).
    """
    out: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            if "-" in seen:
                if notes is not None:
                    notes.append("-: standard input named twice, read once")
                continue
            seen.add("-")
            out.append(raw)
            continue
        p = Path(raw)
        try:
            is_dir = p.is_dir()
        except OSError as exc:
            errors.append(f"{raw}: cannot read ({exc.strerror or exc})")
            continue
        if is_dir:
            found, unreadable, dangling = _walk_txt(p)
            errors.extend(f"{d}: cannot read directory" for d in unreadable)
            errors.extend(f"{d}: dangling link (its target does not exist)" for d in dangling)
            if not found and not unreadable and not dangling:
                errors.append(f"{raw}: directory holds no .txt files")
        else:
            if p.is_symlink() and not p.exists():
                errors.append(f"{raw}: dangling link (its target does not exist)")
                continue
            found = [raw]
        for f in found:
            key = os.path.realpath(f)
            if key in seen:
                if notes is not None:
                    notes.append(f"{f}: the same file as one named before, read once")
                continue
            seen.add(key)
            out.append(f)
    return out, errors


def document_ids(files: list[str]) -> dict[str, str]:
    """A doc_id for each input: its file stem, or its path without the suffix where two
    different files share a stem ("a/notes.txt" and "b/notes.txt" are "a/notes", "b/notes").
    """
    stems: dict[str, set[str]] = {}
    for f in files:
        if f != "-":
            stems.setdefault(Path(f).stem, set()).add(os.path.normpath(f))
    ids = {"-": "stdin"}
    for f in files:
        if f == "-":
            continue
        p = Path(f)
        ids[f] = p.stem if len(stems[p.stem]) == 1 else p.with_suffix("").as_posix()
    return ids


def _walk_txt(root: Path) -> tuple[list[str], list[str], list[str]]:
    """Every ``*.txt`` file below ``root`` (sorted), the directories that could not be read, and
    the ``*.txt`` links whose target is gone. Symlinked directories are followed, each real
    directory once, so a link back up the tree is no loop."""
    found: list[str] = []
    unreadable: list[str] = []
    visited: set[tuple[int, int]] = set()
    for dirpath, dirs, files in os.walk(root, followlinks=True,
                                        onerror=lambda e: unreadable.append(e.filename)):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in visited:
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs.sort()
        found.extend(os.path.join(dirpath, f) for f in files if f.endswith(".txt"))
    dangling = sorted(f for f in found if os.path.islink(f) and not os.path.exists(f))
    return sorted(f for f in found if os.path.isfile(f)), unreadable, dangling
