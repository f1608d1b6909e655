"""The rules factex's components read, kept as data: gazetteer, currencies, event triggers and
date patterns.

The bundled files are in ``factex/data``. A user adds rules without editing the package: a
directory holding any of the files below (``factex extract --rules DIR``,
``Extractor(rules=DIR)``, or a component's ``initialize(rules=DIR)``) is read, every row
validated (an error names the file and line), and put *before* the bundled rows, so a user's
entry wins where both name the same thing.

=====================  ==============================================================
file                   one row (JSON object per line; ``currencies.json`` one object)
=====================  ==============================================================
states.jsonl           :class:`StateEntry`: a state, its aliases, demonyms, cities, currency
regions.jsonl          :class:`RegionEntry`: a region, sea, river… (LOC) or territory (GPE)
organisations.jsonl    :class:`OrganisationEntry`: an organisation and its aliases
event_triggers.jsonl   :class:`TriggerEntry`: an event type's trigger lemma and its frame
date_patterns.jsonl    :class:`DatePattern`: a spaCy token pattern for a date expression
money_roles.jsonl      :class:`RoleRule`: a verb frame, or who pays/receives by a cue
modality.jsonl         :class:`ModalityRule`: a cue that a happening is planned, negated or hypothetical
currencies.json        signs, words, plurals and magnitudes (merged key by key)
=====================  ==============================================================

A component uses the rules it was given while it runs (:func:`using`); module-level helpers
reach them through :func:`active`, so the same code serves a pipeline with the bundled rules
and one with a user's.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError

from factex.errors import DataError
from factex.language.gazetteer import (CurrencyEntry, CurrencyTable, Gazetteer, OrganisationEntry, RegionEntry,
                        StateEntry, build_gazetteer)
from factex.records.schema import EventType

_EVENT_TYPES = get_args(EventType)


class TriggerEntry(BaseModel):
    """One trigger of the event lexicon: a lemma that names a happening of one type, with the
    argument words it needs (or must not have) to do so. An argument word in capitals is an
    actor type: "ORG" is met by an organisation named as the verb's object or passive subject
    ("founded Norrström Lager AB", "Norrström Lager AB was founded"), "SUBJECT:GPE" and the
    like by one named as its subject ("Damascus fell"); "THAT" by a clause introduced by "that"
    as its object ("concluded that …")."""

    model_config = ConfigDict(extra="forbid")
    type: str
    lemma: str
    pos: list[str]
    args: list[str] | None = None
    exclude_args: list[str] | None = None
    confidence: float = 0.7

    def model_post_init(self, __context) -> None:  # noqa: D105
        if self.type not in _EVENT_TYPES:
            raise ValueError(f"unknown event type {self.type!r}")


class DatePattern(BaseModel):
    """One token pattern of ``date_patterns.jsonl``."""

    model_config = ConfigDict(extra="forbid")
    id: str
    pattern: list[dict]


class RoleRule(BaseModel):
    """One row of ``money_roles.jsonl``: who pays and who receives an amount.

    ``cue: frame`` rows name the verb frames (``lemmas`` → ``frame``). The other rows give a
    ``role`` to the actor found by a cue, when the governing verb's frames match: ``prep`` (the
    object of the preposition ``word`` on the path from the amount to its verb), ``modifier``
    (a name on a transfer noun: "Soviet aid"), ``subject`` (the verb's subject: the first
    matching row wins), ``object`` (a dative or first object of the verb). ``frames``: the
    row applies only to these frames (any frame when absent); ``not_frames``: never to these.
    ``transfer``: the row makes the amount a transfer; ``needs_transfer``: it applies only to
    one. A frame row with ``direct`` applies only when the amount is the verb's own object
    ("announced US$50 million", not "announced profits of US$50 million"). For each role the first actor found wins, in the order prepositions and modifiers
    (from the amount outwards), then the subject, then objects.
    """

    model_config = ConfigDict(extra="forbid")
    cue: Literal["frame", "prep", "modifier", "subject", "object"]
    frame: str | None = None
    lemmas: list[str] = []
    word: str | None = None
    frames: list[str] | None = None
    not_frames: list[str] = []
    role: Literal["payer", "recipient"] | None = None
    transfer: bool = False
    needs_transfer: bool = False
    direct: bool = False
    note: str = ""

    def model_post_init(self, __context) -> None:  # noqa: D105
        if self.direct and self.cue != "frame":
            raise ValueError("'direct' is for frame rows")
        if self.cue == "frame" and not (self.frame and self.lemmas):
            raise ValueError("a frame row needs 'frame' and 'lemmas'")
        if self.cue != "frame" and self.role is None:
            raise ValueError(f"a {self.cue} row needs a 'role'")
        if self.cue == "prep" and not self.word:
            raise ValueError("a prep row needs a 'word'")

    def applies(self, frames: frozenset[str]) -> bool:
        """Whether this row applies to a verb of these frames."""
        return ((self.frames is None or bool(frames.intersection(self.frames)))
                and not frames.intersection(self.not_frames))


class ModalityRule(BaseModel):
    """One row of ``modality.jsonl``: a cue that an event's happening is ``planned``,
    ``negated`` or ``hypothetical`` (contract §1), with its scope, as medspaCy's ConText keeps
    its rules.

    ``scope``: ``trigger`` (a child of the trigger with a dependency in ``dep`` and, if given,
    a word in ``words``), ``self`` (the trigger's own dependency is in ``dep`` and it has a
    child of ``child_dep`` / ``child_words``), or ``governor`` (walking up from the trigger to
    the verbs governing it, at most five steps and not across a conjunction, relative or
    adverbial clause: the edge is in ``dep`` and the governor's lemma in ``lemmas`` or it has a
    child of ``governor_child_dep``, one of ``governor_child_words`` if given). The first row
    that applies decides.
    """

    model_config = ConfigDict(extra="forbid")
    category: Literal["planned", "negated", "hypothetical"]
    scope: Literal["trigger", "self", "governor"]
    dep: list[str]
    words: list[str] | None = None
    lemmas: list[str] | None = None
    child_dep: list[str] | None = None
    child_words: list[str] | None = None
    governor_child_dep: str | None = None
    governor_child_words: list[str] | None = None  # with governor_child_dep: that child's word
    direct: bool = False  # governor scope: only the trigger's own edge, not one further up
    note: str = ""


class CurrencyAdditions(BaseModel):
    """A user's ``currencies.json``: any part of the bundled table, merged key by key."""

    model_config = ConfigDict(extra="forbid")
    symbols: dict[str, CurrencyEntry] = {}
    words: dict[str, CurrencyEntry] = {}
    plurals: dict[str, str] = {}
    magnitudes: dict[str, float] = {}


#: Each rules file and the model of one of its rows.
JSONL_FILES: dict[str, type[BaseModel]] = {
    "states.jsonl": StateEntry,
    "regions.jsonl": RegionEntry,
    "organisations.jsonl": OrganisationEntry,
    "event_triggers.jsonl": TriggerEntry,
    "date_patterns.jsonl": DatePattern,
    "money_roles.jsonl": RoleRule,
    "modality.jsonl": ModalityRule,
}
CURRENCIES = "currencies.json"


def _read_rows(path: Path, model: type[BaseModel], name: str) -> list:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(model.model_validate_json(line))
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(x) for x in err["loc"])
                raise DataError(f"{name}:{lineno}: {where + ': ' if where else ''}{err['msg']}") from None
    return rows


def _read_currencies(text: str, name: str, model: type[BaseModel]):
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise DataError(f"{name}: not JSON ({exc})") from None
    if isinstance(raw, dict):
        raw.pop("_comment", None)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise DataError(f"{name}: {'.'.join(str(x) for x in err['loc'])}: {err['msg']}") from None


@dataclass(eq=False)
class Rules:
    """One set of rules: validated rows of every file, user rows first.

    Compare by identity: components and caches key on the object, so one pipeline's rules
    never leak into another's.
    """

    rows: dict[str, list] = field(default_factory=dict)
    currencies: CurrencyTable | None = None
    sources: tuple[str, ...] = ()

    @classmethod
    def bundled(cls) -> "Rules":
        """The rules shipped with factex (read once per process)."""
        return _bundled()

    @classmethod
    def from_directory(cls, path: str | Path, *, complete: bool = False) -> "Rules":
        """Read the rules files of a directory.

        Args:
            path: the directory.
            complete: every file must be there (a saved pipeline's rules), not just some.

        Raises:
            DataError: for a missing directory, an unknown ``*.jsonl`` file, or an invalid row.
        """
        d = Path(path)
        if not d.is_dir():
            raise DataError(f"{path}: rules directory not found")
        known = set(JSONL_FILES) | {CURRENCIES}
        unknown = sorted(p.name for p in d.iterdir()
                         if p.suffix in (".jsonl", ".json") and p.name not in known)
        if unknown:
            raise DataError(f"{d / unknown[0]}: not a rules file (expected one of {', '.join(sorted(known))})")
        rows = {}
        for name, model in JSONL_FILES.items():
            f = d / name
            if f.is_file():
                rows[name] = _read_rows(f, model, str(f))
            elif complete:
                raise DataError(f"{f}: missing")
            else:
                rows[name] = []
        currencies = None
        f = d / CURRENCIES
        if f.is_file():
            model = CurrencyTable if complete else CurrencyAdditions
            currencies = _read_currencies(f.read_text(encoding="utf-8"), str(f), model)
        elif complete:
            raise DataError(f"{f}: missing")
        if not complete and not any(rows.values()) and currencies is None:
            raise DataError(f"{path}: no rules files in it (expected one of {', '.join(sorted(known))})")
        return cls(rows, currencies, (str(d),))

    def extended(self, *directories: str | Path) -> "Rules":
        """These rules with a user's directories of additions in front (the first wins)."""
        out = self
        for d in reversed(directories):
            add = Rules.from_directory(d)
            rows = {name: add.rows[name] + out.rows[name] for name in JSONL_FILES}
            currencies = out.currencies
            if add.currencies is not None:
                merged = currencies.model_dump()
                for part in ("symbols", "words", "plurals", "magnitudes"):
                    merged[part].update(getattr(add.currencies, part))
                currencies = CurrencyTable.model_validate(merged)
            out = Rules(rows, currencies, add.sources + out.sources)
        return out

    # -- what the components read -----------------------------------------------------------

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """Lookups over the states, regions and organisations."""
        return build_gazetteer(self.rows["states.jsonl"], self.rows["regions.jsonl"],
                               self.rows["organisations.jsonl"])

    @property
    def triggers(self) -> list[TriggerEntry]:
        return self.rows["event_triggers.jsonl"]

    @property
    def date_patterns(self) -> list[DatePattern]:
        return self.rows["date_patterns.jsonl"]

    @property
    def modality(self) -> list[ModalityRule]:
        return self.rows["modality.jsonl"]

    @cached_property
    def money_roles(self) -> "RoleTable":
        """The payer/recipient role table, compiled."""
        return RoleTable(self.rows["money_roles.jsonl"])

    # -- serialisation ----------------------------------------------------------------------

    def to_disk(self, path: str | Path) -> None:
        """Write every rules file (bundled and added rows together) into ``path``."""
        d = Path(path)
        d.mkdir(parents=True, exist_ok=True)
        for name in JSONL_FILES:
            with (d / name).open("w", encoding="utf-8") as fh:
                for row in self.rows[name]:
                    fh.write(row.model_dump_json(exclude_unset=True) + "\n")
        (d / CURRENCIES).write_text(self.currencies.model_dump_json(indent=1), encoding="utf-8")

    @classmethod
    def from_disk(cls, path: str | Path) -> "Rules":
        """Read rules written by :meth:`to_disk`."""
        return cls.from_directory(path, complete=True)


class RoleTable:
    """``money_roles.jsonl`` compiled: verb frames by lemma and the role rows by cue."""

    def __init__(self, rows: list[RoleRule]) -> None:
        self.frames: dict[str, set[str]] = {}
        for r in rows:
            if r.cue == "frame":
                for lemma in r.lemmas:
                    self.frames.setdefault(lemma, set()).add(r.frame)
        self.rows = {cue: [r for r in rows if r.cue == cue] for cue in ("prep", "modifier", "subject", "object")}
        self.direct = frozenset(r.frame for r in rows if r.cue == "frame" and r.direct)
        self.line = {id(r): n for n, r in enumerate(rows, 1)}  # for --explain

    def where(self, rule: RoleRule) -> str:
        """``money_roles.jsonl:N`` of a row."""
        return f"money_roles.jsonl:{self.line[id(rule)]}"

    def frames_of(self, lemma: str) -> frozenset[str]:
        return frozenset(self.frames.get(lemma, ()))

    def lemmas_of(self, *frames: str) -> frozenset[str]:
        """Every lemma of these frames."""
        return frozenset(lemma for lemma, fs in self.frames.items() if fs.intersection(frames))

    def first(self, cue: str, frames: frozenset[str], *, word: str | None = None,
              transfer: bool = True) -> RoleRule | None:
        """The first row of a cue that applies (for ``prep``, to the preposition ``word``)."""
        for r in self.rows[cue]:
            if word is not None and r.word != word:
                continue
            if r.needs_transfer and not transfer:
                continue
            if r.applies(frames):
                return r
        return None


@lru_cache(maxsize=1)
def _bundled() -> Rules:
    base = resources.files("factex") / "data"
    rows = {name: _read_rows(Path(str(base / name)), model, name) for name, model in JSONL_FILES.items()}
    currencies = _read_currencies((base / CURRENCIES).read_text(encoding="utf-8"), CURRENCIES,
                                  CurrencyTable)
    return Rules(rows, currencies, ("factex",))


_ACTIVE: ContextVar[Rules | None] = ContextVar("factex_rules", default=None)


def active() -> Rules:
    """The rules of the component running now (the bundled ones outside a component)."""
    rules = _ACTIVE.get()
    return rules if rules is not None else Rules.bundled()


@contextlib.contextmanager
def using(rules: Rules) -> Iterator[Rules]:
    """Make ``rules`` the active rules for the duration of a component's call."""
    token = _ACTIVE.set(rules)
    try:
        yield rules
    finally:
        _ACTIVE.reset(token)


def gazetteer() -> Gazetteer:
    """The gazetteer of the active rules."""
    return active().gazetteer


def currency_table() -> CurrencyTable:
    """The currency signs, words and magnitudes of the active rules."""
    return active().currencies


def resolve(rules: "Rules | str | Path | Sequence[str | Path] | None") -> Rules:
    """Rules from what a user passes: None (bundled), a Rules object, or directories of additions."""
    if rules is None:
        return Rules.bundled()
    if isinstance(rules, Rules):
        return rules
    if isinstance(rules, (str, Path)):
        rules = [rules]
    return Rules.bundled().extended(*rules)
