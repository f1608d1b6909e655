"""Scoring predictions against gold files, exactly as ``CONTRACT.md`` §3 says.

:func:`evaluate` is a plain function over loaded records; the ``factex evaluate`` command only
reads files, calls it and prints the :class:`Report`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .errors import DataError
from .models import DocumentRecord, GoldDocument

AMOUNT_TOLERANCE = 0.005


def norm_name(name: str | None) -> str:
    """Contract §3 name normalisation: NFKC, casefold, single spaces, no leading "the ",
    no surrounding punctuation."""
    if name is None:
        return ""
    t = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    t = _strip_punct(t)
    if t.startswith("the "):
        t = t[4:]
    return _strip_punct(t)


def _strip_punct(t: str) -> str:
    """Remove surrounding whitespace and punctuation of any script («», „“, —)."""
    def edge(c: str) -> bool:
        return c.isspace() or unicodedata.category(c).startswith("P")

    start, end = 0, len(t)
    while start < end and edge(t[start]):
        start += 1
    while end > start and edge(t[end - 1]):
        end -= 1
    return t[start:end]


def norm_value(value: str | None) -> str | None:
    """A TIMEX3 value in one spelling: ``-0490`` and ``BC0490`` are the same year."""
    if value is None:
        return None
    parts = []
    for p in value.strip().split("/"):
        m = re.fullmatch(r"-(\d+)(.*)", p)
        parts.append(f"BC{m.group(1)}{m.group(2)}" if m else p)
    return "/".join(parts)


# -- intervals of TIMEX3 values ------------------------------------------------------------

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _day(year: int, month: int, day: int) -> int:
    return year * 400 + (month - 1) * 32 + day  # monotonic, enough to compare intervals


def interval(value: str | None) -> tuple[int, int] | None:
    """The first and last day a TIMEX3 value covers, on a monotonic scale, or None."""
    value = norm_value(value)
    if not value:
        return None
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = interval(a), interval(b)
        if ia is None or ib is None:
            return None
        return ia[0], ib[1]
    bc = value.startswith("BC")
    v = value[2:] if bc else value
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?", v)
    if m:
        y = -int(m.group(1)) if bc else int(m.group(1))
        if m.group(3):
            d = _day(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            return _day(y, mo, 1), _day(y, mo, 31)
        return _day(y, 1, 1), _day(y, 12, 31)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI|Q[1-4]|H[12]|W\d{2})", v)
    if m:
        y = -int(m.group(1)) if bc else int(m.group(1))
        part = m.group(2)
        if part in _SEASON_MONTHS:
            a, b = _SEASON_MONTHS[part]
        elif part.startswith("Q"):
            q = int(part[1])
            a, b = 3 * q - 2, 3 * q
        elif part.startswith("H"):
            a, b = (1, 6) if part == "H1" else (7, 12)
        else:
            w = int(part[1:])
            a = b = min(12, 1 + (w - 1) * 12 // 52)
        return _day(y, a, 1), _day(y, b, 31)
    m = re.fullmatch(r"(\d{2,3})", v)
    if m:
        span = 10 if len(v) == 3 else 100
        lo = int(v) * span
        if bc:
            # BC04: the 5th century BC, 500-401 BC.
            return _day(-(lo + span), 1, 1), _day(-(lo + 1), 12, 31)
        return _day(lo, 1, 1), _day(lo + span - 1, 12, 31)
    return None


def overlaps(a: str | None, b: str | None) -> bool:
    """True when two TIMEX3 values share at least one day (identical strings always do)."""
    if a is not None and norm_value(a) == norm_value(b):
        return True
    ia, ib = interval(a), interval(b)
    return ia is not None and ib is not None and ia[0] <= ib[1] and ib[0] <= ia[1]


# -- the report ------------------------------------------------------------------------------


@dataclass
class PRF:
    """Counts and the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """Correct out of total, on matched pairs."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def add(self, other: "Accuracy") -> None:
        self.correct += other.correct
        self.total += other.total

    def as_dict(self) -> dict:
        return {"accuracy": round(self.accuracy, 4), "correct": self.correct, "total": self.total}


PRF_KINDS = ("actors", "actors_typed", "money", "events_strict", "events_lenient", "event_actors")
ACCURACY_KINDS = ("money_payer", "money_recipient", "money_date")


@dataclass
class ErrorItem:
    """One missed or spurious record, with what is needed to read it in the text."""

    doc_id: str
    kind: str
    error: str  # "missed" or "spurious" (or "wrong <field>" on a matched pair)
    text: str
    sentence: str | None = None


@dataclass
class DocScores:
    """Every figure for one document."""

    prf: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in PRF_KINDS})
    acc: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in ACCURACY_KINDS})


@dataclass
class Report:
    """The whole evaluation: micro-averaged figures, per-document figures and the error list."""

    total: DocScores = field(default_factory=DocScores)
    documents: dict[str, DocScores] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    missing_predictions: list[str] = field(default_factory=list)

    def figure(self, kind: str) -> float:
        """The F1 (or accuracy) of one kind, for ``--fail-under``."""
        if kind in self.total.prf:
            return self.total.prf[kind].f1
        if kind in self.total.acc:
            return self.total.acc[kind].accuracy
        raise KeyError(kind)

    def as_dict(self) -> dict:
        """The report as nested JSON-ready data: ``{"money": {"p":…, "r":…, "f1":…}, …}``."""
        def scores(s: DocScores) -> dict:
            out = {k: v.as_dict() for k, v in s.prf.items()}
            out.update({k: v.as_dict() for k, v in s.acc.items()})
            return out

        return {
            **scores(self.total),
            "documents": {d: scores(s) for d, s in self.documents.items()},
            "errors": [asdict(e) for e in self.errors],
            "missing_predictions": self.missing_predictions,
        }


# -- matching --------------------------------------------------------------------------------


def _match_actors(pred: DocumentRecord, gold: GoldDocument, typed: bool) -> list[tuple[int, int]]:
    """One-to-one actor pairs (pred index, gold index): exact names first, then aliases."""
    cands = []
    for i, a in enumerate(pred.actors):
        pn = norm_name(a.name)
        pal = {norm_name(x) for x in a.aliases}
        for j, g in enumerate(gold.actors):
            if typed and a.type != g.type:
                continue
            gn = norm_name(g.name)
            gal = {norm_name(x) for x in g.aliases}
            if pn == gn:
                rank = 0
            elif pn in gal:
                rank = 1
            elif gn in pal:
                rank = 2
            else:
                continue
            cands.append((rank, i, j))
    return _one_to_one(cands)


def _one_to_one(cands: list[tuple]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching over (rank…, pred index, gold index) candidates.

    Greedy by rank first (best matches), then augmenting paths so that no pair is lost to an
    early choice ("Congress" taking the gold that only "INC" could also match).
    """
    edges: dict[int, list[int]] = {}
    for *_rank, i, j in sorted(cands):
        edges.setdefault(i, []).append(j)
    owner: dict[int, int] = {}  # gold index -> pred index
    for i in edges:  # greedy pass in rank order keeps the best pairs where there is no conflict
        for j in edges[i]:
            if j not in owner:
                owner[j] = i
                break

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    matched = set(owner.values())
    for i in edges:
        if i not in matched and augment(i, set()):
            matched = set(owner.values())
    return sorted(((i, j) for j, i in owner.items()), key=lambda p: p[0])


def _name_resolver(pred: DocumentRecord, gold: GoldDocument, pairs: list[tuple[int, int]]):
    """Map a predicted actor name to the gold name it matched (else its normalised self)."""
    table = {norm_name(pred.actors[i].name): norm_name(gold.actors[j].name) for i, j in pairs}
    gold_alias = {}
    for g in gold.actors:
        for x in [g.name, *g.aliases]:
            gold_alias.setdefault(norm_name(x), norm_name(g.name))

    def resolve(name: str | None) -> str:
        n = norm_name(name)
        return table.get(n) or gold_alias.get(n) or n

    return resolve


def _score_document(pred: DocumentRecord, gold: GoldDocument, errors: list[ErrorItem]) -> DocScores:
    s = DocScores()
    did = gold.doc_id
    # Actors
    for typed, kind in ((False, "actors"), (True, "actors_typed")):
        pairs = _match_actors(pred, gold, typed)
        s.prf[kind] = PRF(len(pairs), len(pred.actors) - len(pairs), len(gold.actors) - len(pairs))
        if not typed:
            mp = {i for i, _ in pairs}
            mg = {j for _, j in pairs}
            errors += [ErrorItem(did, "actor", "spurious", f"{a.name} ({a.type})")
                       for i, a in enumerate(pred.actors) if i not in mp]
            errors += [ErrorItem(did, "actor", "missed", f"{g.name} ({g.type})")
                       for j, g in enumerate(gold.actors) if j not in mg]
    resolve = _name_resolver(pred, gold, _match_actors(pred, gold, False))
    gold_alias: dict[str, str] = {}
    for g in gold.actors:
        for x in [g.name, *g.aliases]:
            gold_alias.setdefault(norm_name(x), norm_name(g.name))

    def gname(name: str | None) -> str:
        """A gold name written as one of its actor's aliases counts as that actor."""
        n = norm_name(name)
        return gold_alias.get(n, n)

    # Money
    cands = []
    for i, m in enumerate(pred.money):
        for j, g in enumerate(gold.money):
            if m.currency.upper() != g.currency.upper():
                continue
            base = abs(g.amount) or 1.0
            diff = abs(m.amount - g.amount) / base
            if diff <= AMOUNT_TOLERANCE:
                cands.append((diff, j, i, j))
    pairs = _one_to_one(cands)
    up = {i for i, _ in pairs}
    ug = {j for _, j in pairs}
    s.prf["money"] = PRF(len(pairs), len(pred.money) - len(pairs), len(gold.money) - len(pairs))
    for i, j in pairs:
        m, g = pred.money[i], gold.money[j]
        for field_name, pv, gv in (("payer", m.payer, g.payer), ("recipient", m.recipient, g.recipient)):
            ok = (pv is None and gv is None) or (pv is not None and gv is not None
                                                 and resolve(pv) == gname(gv))
            s.acc[f"money_{field_name}"].add(Accuracy(int(ok), 1))
            if not ok:
                errors.append(ErrorItem(did, "money", f"wrong {field_name}",
                                        f"{m.text}: {pv!r}, gold {gv!r}", m.sentence))
        pd = m.date.value if m.date else None
        ok = norm_value(pd) == norm_value(g.date)
        s.acc["money_date"].add(Accuracy(int(ok), 1))
        if not ok:
            errors.append(ErrorItem(did, "money", "wrong date", f"{m.text}: {pd!r}, gold {g.date!r}",
                                    m.sentence))
    errors += [ErrorItem(did, "money", "spurious", f"{m.text} = {m.amount:g} {m.currency}", m.sentence)
               for i, m in enumerate(pred.money) if i not in up]
    errors += [ErrorItem(did, "money", "missed", f"{g.text or ''} = {g.amount:g} {g.currency}")
               for j, g in enumerate(gold.money) if j not in ug]

    # Events: predicted happenings only (a negated or planned one is not a happening).
    events = [e for e in pred.events if e.modality is None]
    strict = _match_events(events, gold, resolve, strict=True)
    s.prf["events_strict"] = PRF(len(strict), len(events) - len(strict), len(gold.events) - len(strict))
    lenient = _match_events(events, gold, resolve, strict=False)
    s.prf["events_lenient"] = PRF(len(lenient), len(events) - len(lenient),
                                  len(gold.events) - len(lenient))
    for i, j in lenient:
        pa = {resolve(a) for a in events[i].actors}
        ga = {gname(a) for a in gold.events[j].actors}
        s.prf["event_actors"].add(PRF(len(pa & ga), len(pa - ga), len(ga - pa)))
        if pa != ga:
            errors.append(ErrorItem(did, "event", "wrong actors",
                                    f"{events[i].type} {events[i].date.value}: {sorted(pa)}, "
                                    f"gold {sorted(ga)}", events[i].sentence))
    lp = {i for i, _ in lenient}
    lg = {j for _, j in lenient}
    errors += [ErrorItem(did, "event", "spurious",
                         f"{e.type} {e.date.value} '{e.trigger}' {e.actors}", e.sentence)
               for i, e in enumerate(events) if i not in lp]
    errors += [ErrorItem(did, "event", "missed", f"{g.type} {g.date} '{g.trigger or ''}' {g.actors}")
               for j, g in enumerate(gold.events) if j not in lg]
    return s


def _match_events(events, gold: GoldDocument, resolve, *, strict: bool) -> list[tuple[int, int]]:
    """One-to-one event pairs; among candidates, identical dates and shared actors first."""
    cands = []
    for i, e in enumerate(events):
        for j, g in enumerate(gold.events):
            if e.type != g.type:
                continue
            same = norm_value(e.date.value) == norm_value(g.date)
            if strict and not same:
                continue
            if not strict and not overlaps(e.date.value, g.date):
                continue
            shared = len({resolve(a) for a in e.actors} & {norm_name(a) for a in g.actors})
            cands.append((not same, -shared, i, j))
    return _one_to_one(cands)


def evaluate(pred: Iterable[DocumentRecord], gold: Iterable[GoldDocument]) -> Report:
    """Score predictions against gold (contract §3); documents are paired by ``doc_id``.

    A gold document without a prediction counts as an empty prediction (all missed).
    """
    preds = {p.doc_id: p for p in pred}
    report = Report()
    for g in sorted(gold, key=lambda g: g.doc_id):
        p = preds.get(g.doc_id)
        if p is None:
            report.missing_predictions.append(g.doc_id)
            p = DocumentRecord(doc_id=g.doc_id, text_sha256="", pipeline={"factex": "", "model": ""})
        scores = _score_document(p, g, report.errors)
        report.documents[g.doc_id] = scores
        for k, v in scores.prf.items():
            report.total.prf[k].add(v)
        for k, v in scores.acc.items():
            report.total.acc[k].add(v)
    return report


# -- reading files ---------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Gold documents from a file or a directory of ``*.json`` files.

    Raises:
        DataError: naming the file that is not valid gold.
    """
    p = Path(path)
    files = sorted(p.glob("*.json")) if p.is_dir() else [p]
    if not files or not all(f.is_file() for f in files):
        raise DataError(f"{path}: no gold files found")
    out = []
    for f in files:
        try:
            gold = GoldDocument.model_validate_json(f.read_text(encoding="utf-8-sig"))
        except (ValidationError, ValueError) as exc:
            raise DataError(f"{f}: not a valid gold file ({_first_error(exc)})") from None
        problem = _reversed_interval(gold)
        if problem:
            raise DataError(f"{f}: not a valid gold file ({problem})")
        out.append(gold)
    return out


def _reversed_interval(gold: GoldDocument) -> str | None:
    """A date interval that ends before it starts ("1975/1972"): it would never overlap
    anything, so one slip would silently score as a miss."""
    dated = [(f"events.{i}.date", e.date) for i, e in enumerate(gold.events)]
    dated += [(f"money.{i}.date", m.date) for i, m in enumerate(gold.money)]
    for where, value in dated:
        if value and "/" in value:
            a, b = value.split("/", 1)
            ia, ib = interval(a), interval(b)
            if ia and ib and ib[1] < ia[0]:
                return f"{where}: interval {value!r} ends before it starts"
    return None


def load_predictions(path: str | Path) -> list[DocumentRecord]:
    """Predictions from a JSONL file (one document a line) or a JSON file (one or a list).

    Raises:
        DataError: naming the file and line that is not a valid record.
    """
    p = Path(path)
    if not p.is_file():
        raise DataError(f"{path}: no such predictions file")
    text = p.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
        rows = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        rows = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{n}: not JSON ({exc.msg})") from None
    out = []
    for n, row in enumerate(rows, 1):
        try:
            out.append(DocumentRecord.model_validate(row))
        except ValidationError as exc:
            raise DataError(f"{path}: record {n} is not a factex record ({_first_error(exc)})") from None
    return out


def _first_error(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        e = exc.errors()[0]
        return f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}"
    return str(exc).splitlines()[0]
