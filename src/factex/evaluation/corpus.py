"""Reading a corpus laid out by genre: ``gold/<genre>/<doc_id>.json`` beside
``corpus/<genre>/<doc_id>.txt``, with the dev/held-out split in ``corpus/splits.json``.

A flat directory of gold files (no genres) still reads: its documents have no genre.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from factex.errors import DataError
from factex.records.schema import GoldDocument
from factex.evaluation.score import load_gold

#: Folders inside a genre that hold other annotations, not documents of a genre of their own.
NOT_GENRES = frozenset({"second", "adjudication"})
SPLITS_FILE = "splits.json"
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class GoldSet:
    """Gold documents with the genre of each (``None`` for a flat directory)."""

    documents: list[GoldDocument]
    genre_of: dict[str, str | None]

    def genres(self) -> dict[str, str]:
        """``doc_id -> genre`` for the documents that have one."""
        return {d: g for d, g in self.genre_of.items() if g is not None}


def load_gold_set(path: str | Path) -> GoldSet:
    """Gold documents from a file, a directory of ``*.json``, or a directory of genre folders.

    Raises:
        DataError: when nothing is found, a file is not valid gold, or a ``doc_id`` repeats.
    """
    p = Path(path)
    if p.is_dir() and not any(p.glob("*.json")):
        genre_dirs = sorted(d for d in p.iterdir()
                            if d.is_dir() and d.name not in NOT_GENRES and any(d.glob("*.json")))
        if not genre_dirs:
            raise DataError(f"{path}: no gold files found (neither *.json nor genre folders)")
        docs, genre_of = [], {}
        for d in genre_dirs:
            for g in load_gold(d):
                if g.doc_id in genre_of:
                    raise DataError(f"{d / g.doc_id}.json: doc_id {g.doc_id!r} is also in "
                                    f"genre {genre_of[g.doc_id]!r}")
                genre_of[g.doc_id] = d.name
                docs.append(g)
        return GoldSet(docs, genre_of)
    docs = load_gold(p)
    return GoldSet(docs, {g.doc_id: None for g in docs})


def load_splits(corpus: str | Path) -> dict[str, str]:
    """``doc_id -> "dev" | "heldout"`` from ``corpus/splits.json`` (empty when there is none).

    The file is ``{"<genre>": {"dev": [doc_id, …], "heldout": [doc_id, …]}, …}``.

    Raises:
        DataError: when the file is malformed or names a document twice.
    """
    f = Path(corpus) / SPLITS_FILE
    if not f.is_file():
        return {}
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise DataError(f"{f}: not JSON ({exc})") from None
    out: dict[str, str] = {}
    if not isinstance(data, dict):
        raise DataError(f"{f}: expected an object of genres")
    for genre, parts in data.items():
        if not isinstance(parts, dict) or set(parts) - set(SPLITS):
            raise DataError(f"{f}: genre {genre!r} must map 'dev' and 'heldout' to lists")
        for split, ids in parts.items():
            for doc_id in ids:
                if doc_id in out:
                    raise DataError(f"{f}: {doc_id!r} is listed twice")
                out[doc_id] = split
    return out


def select_split(gold: GoldSet, splits: dict[str, str], split: str) -> GoldSet:
    """The documents of one split (``all`` keeps everything).

    Raises:
        DataError: when a split is asked for and a gold document is in no split.
    """
    if split == "all":
        return gold
    missing = [g.doc_id for g in gold.documents if g.doc_id not in splits]
    if missing:
        raise DataError(f"{SPLITS_FILE}: no split for {', '.join(missing[:5])}"
                        + (" …" if len(missing) > 5 else ""))
    docs = [g for g in gold.documents if splits[g.doc_id] == split]
    return GoldSet(docs, {g.doc_id: gold.genre_of[g.doc_id] for g in docs})


def corpus_path(corpus: str | Path, doc_id: str, genre: str | None) -> Path:
    """Where the text of a gold document lives: ``corpus/<genre>/<doc_id>.txt`` (or flat)."""
    base = Path(corpus)
    if genre is not None and (base / genre / f"{doc_id}.txt").is_file():
        return base / genre / f"{doc_id}.txt"
    return base / f"{doc_id}.txt"
