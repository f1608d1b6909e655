"""Temporal benchmark on TimeML TIMEX3 files (e.g. WikiWars), factex against two peers.

Peers, run on the same text in the same process:

* ``spacy+dateparser``: the model's DATE entities, each normalised by dateparser
  (``languages=["en"]``), with the granularity of the returned period;
* ``search_dates``: ``dateparser.search.search_dates(text, languages=["en"])``.

Both peers get one fixed reference date (``RELATIVE_BASE``, 1 January 2000) instead of the
clock, which dateparser would otherwise use to fill what a text leaves out: their figures then
do not change from one day to the next.

Scoring follows ``CONTRACT.md`` §3: strict = identical span, relaxed = overlapping span (one to
one), value F1 = relaxed matches whose value is identical.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import datetime
from html import unescape
from pathlib import Path

from factex.errors import InputError

PEER_REFERENCE_DATE = datetime(2000, 1, 1)
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Timex3:
    """One annotated (or predicted) temporal expression over the plain text."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


def read_timeml(path: Path) -> tuple[str, list[Timex3], list[tuple[int, int]]]:
    """Plain text of ``<TEXT>``, its TIMEX3 annotations, and spans that are not prose.

    The document creation time and the header's TIME stamp (``tid="t0"``) are metadata: they
    are dropped from the gold and their spans are ignored in predictions.
    """
    raw = path.read_text(encoding="utf-8", errors="replace")
    m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if m is None:
        raise InputError(f"{path}: not a TimeML file (no <TEXT> element)")
    body = m.group(1)
    out: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[int, dict]] = []
    gold: list[Timex3] = []
    skip: list[tuple[int, int]] = []
    for tag in _TAG.finditer(body):
        chunk = unescape(body[pos:tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            stack.append((length, dict(_ATTR.findall(attrs))))
        elif stack:
            start, a = stack.pop()
            text = "".join(out)[start:length]
            if a.get("tid") == "t0" or a.get("functionInDocument") == "CREATION_TIME":
                skip.append((start, length))
                continue
            value = a.get("value")
            gold.append(Timex3(start, length, text, a.get("type", "DATE"),
                               None if value in (None, "", "null") else value))
    if stack:
        raise InputError(f"{path}: malformed TimeML ({len(stack)} TIMEX3 element(s) never closed)")
    out.append(unescape(body[pos:]))
    return "".join(out), gold, skip


@dataclass
class Scores:
    """Counts for one system on one slice (DATE type or all types)."""

    n_pred: int = 0
    n_gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    @staticmethod
    def _f1(tp: int, n_pred: int, n_gold: int) -> float:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self) -> dict[str, float]:
        """P/R/F1 of strict and relaxed extraction, and value F1."""
        out = {}
        for name, tp in (("strict", self.strict), ("relaxed", self.relaxed), ("value", self.value)):
            p = tp / self.n_pred if self.n_pred else 0.0
            r = tp / self.n_gold if self.n_gold else 0.0
            out[f"{name}_p"], out[f"{name}_r"] = round(p, 4), round(r, 4)
            out[f"{name}_f1"] = round(self._f1(tp, self.n_pred, self.n_gold), 4)
        return out


def score(pred: list[Timex3], gold: list[Timex3], acc: Scores) -> None:
    """Add one document's counts to ``acc`` (one-to-one matching by overlap)."""
    acc.n_pred += len(pred)
    acc.n_gold += len(gold)
    acc.strict += len({(p.start, p.end) for p in pred} & {(g.start, g.end) for g in gold})
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            ov = min(p.end, g.end) - max(p.start, g.start)
            if ov > 0:
                cands.append((-ov, i, j))
    up, ug = set(), set()
    for _ov, i, j in sorted(cands):
        if i in up or j in ug:
            continue
        up.add(i)
        ug.add(j)
        acc.relaxed += 1
        if pred[i].value is not None and pred[i].value == gold[j].value:
            acc.value += 1


def _factex_system(model: str | None):
    from factex.pipeline.extractor import Extractor

    ex = Extractor(model)

    def run(text: str) -> list[Timex3]:
        rec = ex.extract(text)
        return [Timex3(d.start, d.end, d.text, d.type, d.value) for d in rec.dates]

    return run, ex.nlp


def _dateparser_value(parser, text: str) -> str | None:
    try:
        data = parser.get_date_data(text)
    except Exception:  # the peer's own failures count as no value
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period or "day"
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.date().isoformat()


def _spacy_peer(model: str | None):
    import spacy
    from dateparser.date import DateDataParser

    from factex.pipeline.extractor import choose_model

    nlp = spacy.load(choose_model(model))
    parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": PEER_REFERENCE_DATE})

    def run(text: str) -> list[Timex3]:
        doc = nlp(text)
        return [Timex3(e.start_char, e.end_char, e.text, "DATE", _dateparser_value(parser, e.text))
                for e in doc.ents if e.label_ == "DATE"]

    return run


def _search_dates_peer():
    from dateparser.search import search_dates

    def run(text: str) -> list[Timex3]:
        out = []
        pos = 0
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": PEER_REFERENCE_DATE})
        for substring, dt in found or []:
            i = text.find(substring, pos)
            if i < 0:
                continue
            pos = i + len(substring)
            out.append(Timex3(i, pos, substring, "DATE", dt.date().isoformat()))
        return out

    return run


#: The figures ``--fail-under`` may guard (each from 0 to 1).
MEASURES = tuple(f"{scope}_{kind}_{m}" for scope in ("date", "all")
                 for kind in ("strict", "relaxed", "value") for m in ("p", "r", "f1"))


def run_benchmark(directory: Path, *, peers: bool = True, model: str | None = None) -> dict:
    """Score factex (and the peers) on every ``*.tml`` file of ``directory``.

    Returns:
        ``{system: {"date_relaxed_f1": …, "all_value_f1": …, …, "seconds": …}}``.

    Raises:
        InputError: when the directory holds no TimeML files.
    """
    files = sorted(Path(directory).glob("*.tml"))
    if not files:
        raise InputError(f"{directory}: no TimeML (*.tml) files")
    factex_run, _nlp = _factex_system(model)
    systems = {"factex": factex_run}
    if peers:
        systems["spacy+dateparser"] = _spacy_peer(model)
        systems["search_dates"] = _search_dates_peer()
    docs = [read_timeml(f) for f in files]
    results: dict[str, dict] = {}
    for name, run in systems.items():
        date_s, all_s = Scores(), Scores()
        t0 = time.perf_counter()
        for text, gold, skip in docs:
            pred = [p for p in run(text)
                    if not any(p.start < e and s < p.end for s, e in skip)]
            score([p for p in pred if p.type == "DATE"], [g for g in gold if g.type == "DATE"], date_s)
            score(pred, gold, all_s)
        figures = {f"date_{k}": v for k, v in date_s.figures().items()}
        figures.update({f"all_{k}": v for k, v in all_s.figures().items()})
        figures["seconds"] = round(time.perf_counter() - t0, 2)
        figures["documents"] = len(docs)
        figures["gold_date"], figures["gold_all"] = date_s.n_gold, all_s.n_gold
        results[name] = figures
    return results


def print_table(results: dict) -> None:
    """One table: factex against the peers."""
    from rich.console import Console
    from rich.table import Table

    t = Table(title="TIMEX3 benchmark (strict / relaxed extraction, value F1)")
    t.add_column("system")
    cols = [("DATE strict F1", "date_strict_f1"), ("DATE relaxed P", "date_relaxed_p"),
            ("DATE relaxed R", "date_relaxed_r"), ("DATE relaxed F1", "date_relaxed_f1"),
            ("DATE value F1", "date_value_f1"), ("all strict F1", "all_strict_f1"),
            ("all relaxed F1", "all_relaxed_f1"), ("all value F1", "all_value_f1"), ("s", "seconds")]
    for title, _ in cols:
        t.add_column(title, justify="right")
    for name, f in results.items():
        t.add_row(name, *(f"{f[k]:.3f}" if k != "seconds" else f"{f[k]:.1f}" for _, k in cols))
    Console(width=160).print(t)
