"""Records as tables other tools load (``--format csv``) and as gold drafts (``--format gold``).

CSV: ``events.csv``, ``money.csv``, ``actors.csv``, ``mentions.csv`` in one directory, UTF-8,
a ``doc_id`` column in each, a date flattened to ``date_value``/``date_mod``/``date_text``,
lists joined with ``"; "``; ``pandas.read_csv`` reads them as they are.

Gold drafts: one ``<doc_id>.json`` per document in the contract's gold format (§2), for an
annotator to correct. Never for a held-out document or a second annotation
(docs/gold-guide.md).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path

from factex import __version__
from factex.output.files import open_output

TABLES = {
    "events": ["doc_id", "type", "trigger", "date_value", "date_mod", "date_text", "actors",
               "location", "modality", "confidence", "start", "end", "sentence"],
    "money": ["doc_id", "text", "amount", "currency", "qualifier", "payer", "recipient",
              "date_value", "date_mod", "date_text", "confidence", "start", "end", "sentence"],
    "actors": ["doc_id", "name", "type", "aliases", "mentions", "iso3166_alpha2", "iso3166_alpha3"],
    "mentions": ["doc_id", "actor", "type", "text", "start", "end"],
}


def _date(d: dict | None) -> dict:
    d = d or {}
    return {"date_value": d.get("value"), "date_mod": d.get("mod"), "date_text": d.get("text")}


def _rows(rec: dict) -> dict[str, list[dict]]:
    doc = rec["doc_id"]
    out: dict[str, list[dict]] = {k: [] for k in TABLES}
    for e in rec.get("events", []):
        out["events"].append({"doc_id": doc, **{k: e.get(k) for k in ("type", "trigger", "location",
                              "modality", "confidence", "start", "end", "sentence")},
                              **_date(e.get("date")), "actors": "; ".join(e.get("actors", []))})
    for m in rec.get("money", []):
        out["money"].append({"doc_id": doc, **{k: m.get(k) for k in ("text", "amount", "currency",
                             "qualifier", "payer", "recipient", "confidence", "start", "end",
                             "sentence")}, **_date(m.get("date"))})
    for a in rec.get("actors", []):
        ids = a.get("ids") or {}
        out["actors"].append({"doc_id": doc, "name": a["name"], "type": a["type"],
                              "aliases": "; ".join(a.get("aliases", [])),
                              "mentions": len(a.get("mentions", [])),
                              "iso3166_alpha2": ids.get("iso3166_alpha2"),
                              "iso3166_alpha3": ids.get("iso3166_alpha3")})
        for m in a.get("mentions", []):
            out["mentions"].append({"doc_id": doc, "actor": a["name"], "type": a["type"],
                                    "text": m["text"], "start": m["start"], "end": m["end"]})
    return out


def write_tables(records: Iterable[dict], directory: Path) -> int:
    """Write the four CSV tables of ``records`` (contract JSON objects) into ``directory``.

    Each file is replaced atomically when all records are written. Returns how many documents
    were written.
    """
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    with ExitStack() as stack:
        writers = {}
        for name, columns in TABLES.items():
            fh = stack.enter_context(open_output(directory / f"{name}.csv"))
            w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            writers[name] = w
        for rec in records:
            for name, rows in _rows(rec).items():
                writers[name].writerows(rows)
            n += 1
    return n


def gold_draft(rec: dict) -> dict:
    """A record in the contract's gold format (§2), marked as a draft."""
    dd = rec.get("document_date") or {}
    return {
        "doc_id": rec["doc_id"],
        "draft": f"factex {__version__} output: correct every record before use as gold; "
                 "never for a held-out document or a second annotation (docs/gold-guide.md)",
        "dct": dd.get("value"),
        "actors": [{"name": a["name"], "type": a["type"], "aliases": a.get("aliases", [])}
                   for a in rec.get("actors", [])],
        "money": [{"text": m["text"], "amount": m["amount"], "currency": m["currency"],
                   "payer": m.get("payer"), "recipient": m.get("recipient"),
                   "date": (m.get("date") or {}).get("value")} for m in rec.get("money", [])],
        "events": [{"type": e["type"], "date": e["date"]["value"], "actors": e.get("actors", []),
                    "trigger": e.get("trigger"), "mod": e["date"].get("mod"),
                    **({"modality": e["modality"]} if e.get("modality") else {})}
                   for e in rec.get("events", [])],
    }


def write_gold_draft(rec: dict, directory: Path) -> Path:
    """Write one document's gold draft as ``directory/<doc_id>.json`` (atomically)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{Path(rec['doc_id']).name}.json"
    with open_output(path) as fh:
        json.dump(gold_draft(rec), fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return path
