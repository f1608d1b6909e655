"""Bundled data files (states, regions, organisations, currencies, event triggers), validated on load.

Each file is read once per process through :func:`gazetteer` / :func:`currency_table` and
validated by a pydantic model with ``extra="forbid"``, so a typo in a data file is an error at
start-up rather than a silent miss.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import DataError


class StateEntry(BaseModel):
    """One state (current or historical) with its names, demonyms and currency."""

    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str]
    demonyms: list[str]
    capital: str | None
    cities: list[str]
    currency: str | None
    currency_names: list[str]
    iso2: str | None
    historical: bool
    predecessor_of: list[str]
    until: str | None


class RegionEntry(BaseModel):
    """A named place that is no state: a geographic region, island, strait, sea, river,
    mountain range or lake (``LOC``), or a territory without full statehood (``GPE``)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str]
    type: Literal["LOC", "GPE"]
    kind: Literal["region", "island", "strait", "sea", "river", "mountains", "lake", "territory"]


class OrganisationEntry(BaseModel):
    """An international or well-known organisation."""

    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str]
    type: str = "ORG"


class CurrencyEntry(BaseModel):
    """How one sign, code or word maps to ISO 4217."""

    model_config = ConfigDict(extra="forbid")
    default: str
    candidates: list[str] = []


class CurrencyTable(BaseModel):
    """The whole currency data file."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    comment: str = ""
    symbols: dict[str, CurrencyEntry]
    words: dict[str, CurrencyEntry]
    plurals: dict[str, str]
    magnitudes: dict[str, float]


@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The lookup key of a name: NFKC, casefolded, single spaces, no leading "the"."""
    t = unicodedata.normalize("NFKC", text).casefold().strip()
    t = " ".join(t.split())
    if t.startswith("the "):
        t = t[4:]
    return t.strip(" .,;:'\"()").replace("\u2019", "'")


def read_jsonl(package_file: str, model: type[BaseModel]) -> list:
    """Read a bundled JSONL file into validated models.

    Raises:
        DataError: naming the file and line of the first invalid row.
    """
    path = resources.files("factex") / "data" / package_file
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(model.model_validate_json(line))
            except ValidationError as exc:
                raise DataError(f"{package_file}:{lineno}: {exc.errors()[0]['msg']}") from None
    return rows


@dataclass
class Gazetteer:
    """Lookups over the states and organisations files."""

    states: dict[str, StateEntry] = field(default_factory=dict)
    state_names: dict[str, str] = field(default_factory=dict)  # key(name or alias) -> state name
    demonyms: dict[str, str] = field(default_factory=dict)  # key(demonym) -> state name
    places: dict[str, str] = field(default_factory=dict)  # key(capital/city) -> state name
    regions: dict[str, RegionEntry] = field(default_factory=dict)  # key(name/alias) -> region
    organisations: dict[str, str] = field(default_factory=dict)  # key(name/alias) -> org name
    org_entries: list[OrganisationEntry] = field(default_factory=list)

    def state_of(self, text: str) -> str | None:
        """The state a name, alias or demonym stands for."""
        k = key(text)
        if k.endswith("'s"):
            k = k[:-2]
        return self.state_names.get(k) or self.demonyms.get(k)

    def demonym_state(self, text: str) -> str | None:
        """The state of a demonym ("Soviet", "Bangladeshis"), else None."""
        return self.demonyms.get(key(text))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    gz = Gazetteer()
    for st in read_jsonl("states.jsonl", StateEntry):
        gz.states[st.name] = st
        for n in [st.name, *st.aliases]:
            gz.state_names.setdefault(key(n), st.name)
        for d in st.demonyms:
            gz.demonyms.setdefault(key(d), st.name)
        for c in [st.capital, *st.cities]:
            if c:
                gz.places.setdefault(key(c), st.name)
    for region in read_jsonl("regions.jsonl", RegionEntry):
        for n in [region.name, *region.aliases]:
            gz.regions.setdefault(key(n), region)
    for org in read_jsonl("organisations.jsonl", OrganisationEntry):
        gz.org_entries.append(org)
        for n in [org.name, *org.aliases]:
            gz.organisations.setdefault(key(n), org.name)
    return gz


@lru_cache(maxsize=1)
def currency_table() -> CurrencyTable:
    """The bundled currency signs, words and magnitudes."""
    path = resources.files("factex") / "data" / "currencies.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["comment"] = raw.pop("_comment", "")
    try:
        return CurrencyTable.model_validate(raw)
    except ValidationError as exc:
        raise DataError(f"currencies.json: {exc.errors()[0]['msg']}") from None
