"""Scoring predictions against gold files, exactly as ``CONTRACT.md`` §3 says.

:func:`evaluate` is a plain function over loaded records; the ``factex evaluate`` command only
reads files, calls it and prints the :class:`Report`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError

from factex.errors import DataError
from factex.language.gazetteer import norm_name
from factex.records.schema import DocumentRecord, GoldDocument

AMOUNT_TOLERANCE = 0.005


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
            # Contract §3: BC026 covers 269-260 BC, BC04 the 400s BC (499-400 BC).
            return _day(-(lo + span - 1), 1, 1), _day(-lo, 12, 31)
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


PRF_KINDS = ("actors", "actors_typed", "money", "events_strict", "events_lenient", "events_full",
             "event_actors")
ACCURACY_KINDS = ("money_payer", "money_recipient", "money_date")
KINDS = PRF_KINDS + ACCURACY_KINDS


@dataclass
class ErrorItem:
    """One missed or spurious record, with what is needed to read it in the text."""

    doc_id: str
    kind: str
    error: str  # "missed" or "spurious" (or "wrong <field>" on a matched pair)
    text: str
    sentence: str | None = None
    genre: str | None = None


@dataclass
class DocScores:
    """Every figure for one document (or a sum of documents)."""

    prf: dict[str, PRF] = field(default_factory=lambda: {k: PRF() for k in PRF_KINDS})
    acc: dict[str, Accuracy] = field(default_factory=lambda: {k: Accuracy() for k in ACCURACY_KINDS})
    # kind -> {"correct" | "spurious": [record index in the prediction], "missed": [in the gold]}
    verdicts: dict[str, dict[str, list[int]]] = field(default_factory=dict, compare=False)

    def add(self, other: "DocScores") -> None:
        for k, v in other.prf.items():
            self.prf[k].add(v)
        for k, v in other.acc.items():
            self.acc[k].add(v)

    def figure(self, kind: str) -> float:
        if kind in self.prf:
            return self.prf[kind].f1
        if kind in self.acc:
            return self.acc[kind].accuracy
        raise KeyError(kind)

    def as_dict(self) -> dict:
        out = {k: v.as_dict() for k, v in self.prf.items()}
        out.update({k: v.as_dict() for k, v in self.acc.items()})
        return out


@dataclass
class Report:
    """The whole evaluation: micro-averaged figures, per-genre and per-document figures, and
    the error list. ``genres`` is empty when the documents were not grouped by genre."""

    total: DocScores = field(default_factory=DocScores)
    documents: dict[str, DocScores] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    missing_predictions: list[str] = field(default_factory=list)
    genres: dict[str, DocScores] = field(default_factory=dict)
    genre_of: dict[str, str] = field(default_factory=dict)

    def figure(self, kind: str, genre: str | None = None) -> float:
        """The F1 (or accuracy) of one kind, overall or in one genre, for ``--fail-under``.

        Raises:
            KeyError: for an unknown kind or genre.
        """
        return (self.total if genre is None else self.genres[genre]).figure(kind)

    def as_dict(self) -> dict:
        """Nested JSON-ready data: ``{"money": {"p":…, "r":…, "f1":…}, …, "genres": {…}}``."""
        return {
            **self.total.as_dict(),
            "genres": {g: s.as_dict() for g, s in self.genres.items()},
            "documents": {d: s.as_dict() for d, s in self.documents.items()},
            "errors": [asdict(e) for e in self.errors],
            "missing_predictions": self.missing_predictions,
        }


# -- the records both sides are reduced to ---------------------------------------------------


@dataclass(frozen=True)
class _Actor:
    name: str
    type: str
    aliases: tuple[str, ...]
    index: int = -1  # the record's place in its document
    sentence = None  # actors have no single sentence


@dataclass(frozen=True)
class _Money:
    text: str
    amount: float
    currency: str
    payer: str | None
    recipient: str | None
    date: str | None
    sentence: str | None
    index: int = -1


@dataclass(frozen=True)
class _Event:
    type: str
    date: str
    actors: tuple[str, ...]
    trigger: str
    sentence: str | None
    index: int = -1


@dataclass(frozen=True)
class _Side:
    """One annotation of a document, prediction or gold, as the scorer sees it: events with a
    modality are already left out (they are not happenings)."""

    actors: tuple[_Actor, ...]
    money: tuple[_Money, ...]
    events: tuple[_Event, ...]


def _side(doc: DocumentRecord | GoldDocument) -> _Side:
    if isinstance(doc, GoldDocument):
        return _Side(
            tuple(_Actor(a.name, a.type, tuple(a.aliases), i) for i, a in enumerate(doc.actors)),
            tuple(_Money(m.text or "", m.amount, m.currency.upper(), m.payer, m.recipient, m.date, None, i)
                  for i, m in enumerate(doc.money)),
            tuple(_Event(e.type, e.date, tuple(e.actors), e.trigger or "", None, i)
                  for i, e in enumerate(doc.events) if not e.modality),
        )
    return _Side(
        tuple(_Actor(a.name, a.type, tuple(a.aliases), i) for i, a in enumerate(doc.actors)),
        tuple(_Money(m.text, m.amount, m.currency.upper(), m.payer, m.recipient,
                     m.date.value if m.date else None, m.sentence, i) for i, m in enumerate(doc.money)),
        tuple(_Event(e.type, e.date.value, tuple(e.actors), e.trigger, e.sentence, i)
              for i, e in enumerate(doc.events) if not e.modality),
    )


# -- matching --------------------------------------------------------------------------------


def max_matching(edges: dict[tuple[int, int], float], n_pred: int, n_gold: int) -> list[tuple[int, int]]:
    """A one-to-one matching with the most pairs and, among those, the largest total weight.

    Args:
        edges: ``(pred index, gold index) -> weight`` for every pair that satisfies the
            criterion; weights are small non-negative tie-breakers (agreement on other fields).
        n_pred: number of predicted records.
        n_gold: number of gold records.

    Returns:
        The pairs, sorted by predicted index. The result depends only on the edges, not on
        the order of the records' discovery: ties between equally good matchings are broken
        by the lowest indices, which both sides fix by their file order.
    """
    if not edges:
        return []
    # Every edge is worth more than all tie-breakers together, so the optimum has the most
    # pairs first (contract §3), then the most agreement.
    big = 1.0 + sum(edges.values())
    preds = sorted({i for i, _ in edges})
    golds = sorted({j for _, j in edges})
    n = max(len(preds), len(golds))
    pi = {p: k for k, p in enumerate(preds)}
    gi = {g: k for k, g in enumerate(golds)}
    cost = [[0.0] * n for _ in range(n)]
    for (i, j), w in edges.items():
        cost[pi[i]][gi[j]] = -(big + w)
    assignment = _hungarian(cost)
    pairs = [(preds[r], golds[c]) for r, c in enumerate(assignment)
             if r < len(preds) and c < len(golds) and (preds[r], golds[c]) in edges]
    return sorted(pairs)


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment on a square matrix (Kuhn–Munkres with potentials, O(n³)).

    Returns ``col[row]``.
    """
    n = len(cost)
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    p = [0] * (n + 1)  # p[col] = row assigned to col (1-based; 0 = none)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j] - 1e-12:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta - 1e-12:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    col = [0] * n
    for j in range(1, n + 1):
        if p[j]:
            col[p[j] - 1] = j - 1
    return col


def _match_actors(pred: _Side, gold: _Side, typed: bool) -> list[tuple[int, int]]:
    """One-to-one actor pairs (pred index, gold index); an exact name beats an alias."""
    edges = {}
    gold_keys = [(norm_name(g.name), {norm_name(x) for x in g.aliases}) for g in gold.actors]
    for i, a in enumerate(pred.actors):
        pn = norm_name(a.name)
        pal = {norm_name(x) for x in a.aliases}
        for j, (g, (gn, gal)) in enumerate(zip(gold.actors, gold_keys)):
            if typed and a.type != g.type:
                continue
            if pn == gn:
                edges[i, j] = 1.0 + (a.type == g.type) * 0.5
            elif pn in gal or gn in pal:
                edges[i, j] = (a.type == g.type) * 0.5
    return max_matching(edges, len(pred.actors), len(gold.actors))


class _Names:
    """Actor names of both sides resolved to one key: the gold canonical name they stand for."""

    def __init__(self, pred: _Side, gold: _Side) -> None:
        self.gold_alias: dict[str, str] = {}
        for g in gold.actors:
            for x in (g.name, *g.aliases):
                self.gold_alias.setdefault(norm_name(x), norm_name(g.name))
        self.table = {norm_name(pred.actors[i].name): norm_name(gold.actors[j].name)
                      for i, j in _match_actors(pred, gold, False)}

    def pred(self, name: str | None) -> str:
        n = norm_name(name)
        return self.table.get(n) or self.gold_alias.get(n) or n

    def gold(self, name: str | None) -> str:
        """A gold name written as one of its actor's aliases counts as that actor."""
        n = norm_name(name)
        return self.gold_alias.get(n, n)


def _jaccard(a: set, b: set) -> float:
    return 1.0 if not a and not b else len(a & b) / len(a | b)


FULL_JACCARD = 0.5


def _score_document(pred: _Side, gold: _Side, did: str, errors: list[ErrorItem],
                    genre: str | None = None) -> DocScores:
    s = DocScores()

    def err(kind: str, error: str, text: str, sentence: str | None = None) -> None:
        errors.append(ErrorItem(did, kind, error, text, sentence, genre))

    # Actors
    for typed, kind in ((False, "actors"), (True, "actors_typed")):
        pairs = _match_actors(pred, gold, typed)
        s.prf[kind] = PRF(len(pairs), len(pred.actors) - len(pairs), len(gold.actors) - len(pairs))
        if typed:
            for i, j in _match_actors(pred, gold, False):
                if pred.actors[i].type != gold.actors[j].type:
                    err("actor", "wrong type", f"{pred.actors[i].name} ({pred.actors[i].type}), "
                        f"gold {gold.actors[j].name} ({gold.actors[j].type})")
        else:
            _unmatched(err, "actor", pairs, pred.actors, gold.actors, lambda a: f"{a.name} ({a.type})", s)
    names = _Names(pred, gold)

    # Money: same currency, amount within the tolerance; prefer pairs that agree on the fields.
    def agree(m: _Money, g: _Money) -> tuple[bool, bool, bool]:
        def same_party(pv, gv):
            return (pv is None and gv is None) or (
                pv is not None and gv is not None and names.pred(pv) == names.gold(gv))
        return (same_party(m.payer, g.payer), same_party(m.recipient, g.recipient),
                norm_value(m.date) == norm_value(g.date))

    edges = {}
    for i, m in enumerate(pred.money):
        for j, g in enumerate(gold.money):
            if m.currency != g.currency:
                continue
            diff = abs(m.amount - g.amount) / (abs(g.amount) or 1.0)
            if diff <= AMOUNT_TOLERANCE:
                # Field agreement decides; closeness of the amount only breaks remaining ties.
                edges[i, j] = sum(agree(m, g)) + (AMOUNT_TOLERANCE - diff)
    pairs = max_matching(edges, len(pred.money), len(gold.money))
    s.prf["money"] = PRF(len(pairs), len(pred.money) - len(pairs), len(gold.money) - len(pairs))
    for i, j in pairs:
        m, g = pred.money[i], gold.money[j]
        payer, recipient, date = agree(m, g)
        for name, ok, pv, gv in (("payer", payer, m.payer, g.payer),
                                 ("recipient", recipient, m.recipient, g.recipient),
                                 ("date", date, m.date, g.date)):
            s.acc[f"money_{name}"].add(Accuracy(int(ok), 1))
            if not ok:
                err("money", f"wrong {name}", f"{m.text}: {pv!r}, gold {gv!r}", m.sentence)
    _unmatched(err, "money", pairs, pred.money, gold.money,
               lambda m: f"{m.text} = {m.amount:g} {m.currency}", s)

    # Events (happenings only: both sides already without modality).
    pa = [{names.pred(a) for a in e.actors} for e in pred.events]
    ga = [{names.gold(a) for a in e.actors} for e in gold.events]

    def match(test) -> list[tuple[int, int]]:
        edges = {}
        for i, e in enumerate(pred.events):
            for j, g in enumerate(gold.events):
                if e.type == g.type and test(e, g, i, j):
                    same_date = norm_value(e.date) == norm_value(g.date)
                    edges[i, j] = _jaccard(pa[i], ga[j]) + same_date
        return max_matching(edges, len(pred.events), len(gold.events))

    def same(e, g, i, j):
        return norm_value(e.date) == norm_value(g.date)

    strict = match(same)
    lenient = match(lambda e, g, i, j: overlaps(e.date, g.date))
    full = match(lambda e, g, i, j: same(e, g, i, j) and _jaccard(pa[i], ga[j]) >= FULL_JACCARD)
    n_p, n_g = len(pred.events), len(gold.events)
    for kind, pairs in (("events_strict", strict), ("events_lenient", lenient), ("events_full", full)):
        s.prf[kind] = PRF(len(pairs), n_p - len(pairs), n_g - len(pairs))
    for i, j in lenient:
        s.prf["event_actors"].add(PRF(len(pa[i] & ga[j]), len(pa[i] - ga[j]), len(ga[j] - pa[i])))
        e = pred.events[i]
        if norm_value(e.date) != norm_value(gold.events[j].date):
            err("event", "wrong date", f"{e.type} '{e.trigger}' {e.date}, gold {gold.events[j].date}",
                e.sentence)
        if pa[i] != ga[j]:
            err("event", "wrong actors", f"{e.type} {e.date} '{e.trigger}': {sorted(pa[i])}, "
                f"gold {sorted(ga[j])}", e.sentence)
    _unmatched(err, "event", lenient, pred.events, gold.events,
               lambda e: f"{e.type} {e.date} '{e.trigger}' {list(e.actors)}", s)
    return s


def _unmatched(err, kind: str, pairs, preds, golds, describe, scores: DocScores | None = None) -> None:
    """Report every record left out of the matching: predicted ones as spurious (with their
    sentence), gold ones as missed; ``scores.verdicts`` keeps each record's verdict."""
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    if scores is not None:
        scores.verdicts[kind] = {
            "correct": [preds[i].index for i in sorted(matched_p)],
            "spurious": [x.index for i, x in enumerate(preds) if i not in matched_p],
            "missed": [g.index for j, g in enumerate(golds) if j not in matched_g]}
    for i, x in enumerate(preds):
        if i not in matched_p:
            err(kind, "spurious", describe(x), x.sentence)
    for j, g in enumerate(golds):
        if j not in matched_g:
            err(kind, "missed", describe(g))


def evaluate(pred: Iterable[DocumentRecord | GoldDocument], gold: Iterable[GoldDocument],
             genres: dict[str, str] | None = None) -> Report:
    """Score predictions against gold (contract §3); documents are paired by ``doc_id``.

    Args:
        pred: factex records, or gold documents of a second annotation (for agreement).
        gold: the gold documents; every one is scored.
        genres: ``doc_id -> genre``; when given, the report also has one set of figures per
            genre (micro-averaged within it).

    A gold document without a prediction counts as an empty prediction (all missed).
    """
    preds = {p.doc_id: p for p in pred}
    report = Report(genre_of=dict(genres or {}))
    empty = _Side((), (), ())
    for g in sorted(gold, key=lambda g: ((genres or {}).get(g.doc_id, ""), g.doc_id)):
        p = preds.get(g.doc_id)
        if p is None:
            report.missing_predictions.append(g.doc_id)
        genre = (genres or {}).get(g.doc_id)
        scores = _score_document(_side(p) if p is not None else empty, _side(g), g.doc_id,
                                 report.errors, genre)
        report.documents[g.doc_id] = scores
        report.total.add(scores)
        if genre is not None:
            report.genres.setdefault(genre, DocScores()).add(scores)
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
