"""A snapshot of factex's records on the dev corpus, one line a record, so that a change in
accuracy shows as the records it changed.

    python -m factex.evaluation.snapshot            # rewrite tests/snapshots/dev.tsv
    python -m factex.evaluation.snapshot --check    # exit 1 and print the diff if it changed

Each line is ``doc_id <TAB> kind <TAB> the record's fields``; offsets are kept (a shifted
offset is a change), evidence sentences are not (they follow from the offsets).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from factex.records.schema import DocumentRecord

ROOT = Path(__file__).resolve().parents[3]
SNAPSHOT = ROOT / "tests" / "snapshots" / "dev.tsv"


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def record_lines(rec: DocumentRecord) -> Iterator[str]:
    """The snapshot lines of one document, in a stable order."""
    d = rec.doc_id
    for a in sorted(rec.actors, key=lambda a: (a.name, a.type)):
        yield f"{d}\tactor\t{_dump([a.name, a.type, sorted(a.aliases), [[m.start, m.end] for m in a.mentions]])}"
    for m in rec.money:
        date = m.date.value if m.date else None
        yield (f"{d}\tmoney\t{_dump([m.text, m.start, m.end, m.amount, m.currency, m.qualifier, m.payer, m.recipient, date])}")
    for e in rec.events:
        yield (f"{d}\tevent\t{_dump([e.type, e.trigger, e.start, e.end, e.date.value, e.date.mod, e.actors, e.location, e.modality])}")
    for t in rec.dates:
        yield f"{d}\tdate\t{_dump([t.text, t.start, t.end, t.value, t.mod, t.type])}"


def snapshot_lines(records: Iterable[DocumentRecord]) -> list[str]:
    """All lines, documents sorted by id."""
    out: list[str] = []
    for rec in sorted(records, key=lambda r: r.doc_id):
        out.extend(record_lines(rec))
    return out


def dev_records(corpus: Path = ROOT / "corpus", model: str | None = None) -> list[DocumentRecord]:
    """factex's records for every dev document of the corpus (``corpus/splits.json``)."""
    from factex.pipeline.extractor import Document, Extractor
    from factex.reading.text import read_document
    from factex.evaluation.corpus import load_splits

    splits = load_splits(corpus)
    docs = []
    for path in sorted(corpus.glob("*/*.txt")):
        if splits.get(path.stem) == "dev":
            docs.append(Document(path.stem, read_document(path)[0], str(path.relative_to(corpus.parent))))
    return list(Extractor(model).pipe(docs))


def diff(old: list[str], new: list[str]) -> list[str]:
    """A unified diff of two snapshots (empty when equal)."""
    return list(difflib.unified_diff(old, new, "snapshot", "now", n=0, lineterm=""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare instead of rewriting")
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)
    lines = snapshot_lines(dev_records(model=args.model))
    if args.check:
        old = SNAPSHOT.read_text(encoding="utf-8").splitlines() if SNAPSHOT.is_file() else []
        changes = diff(old, lines)
        print("\n".join(changes) if changes else "snapshot unchanged")
        return 1 if changes else 0
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{SNAPSHOT}: {len(lines)} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
