"""The gazetteer: states, regions and organisations, and the currency table, as the rows of
the rules files (see :mod:`factex.language.rules`) validated by pydantic models with ``extra="forbid"``,
so a typo in a data file is an error at start-up rather than a silent miss.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict


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
    # When the state began (for a predecessor: the first year its successor's name stands for
    # it; East Germany only from 1949, not in 1914).
    since: str | None = None


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


def norm_name(name: str | None) -> str:
    """Contract §3 name normalisation: NFKC, casefold, single spaces, no leading "the ", no
    surrounding punctuation of any script. The scorer compares names with it."""
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


@functools.lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The gazetteer's lookup key of a name: the contract's normalisation (:func:`norm_name`),
    with a typographic apostrophe read as a plain one ("Côte d’Ivoire")."""
    return norm_name(text).replace("\u2019", "'")


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


def build_gazetteer(states: list[StateEntry], regions: list[RegionEntry],
                    organisations: list[OrganisationEntry]) -> Gazetteer:
    """The lookups over rows of the states, regions and organisations files (first row wins)."""
    gz = Gazetteer()
    for st in states:
        gz.states.setdefault(st.name, st)
        for n in [st.name, *st.aliases]:
            gz.state_names.setdefault(key(n), st.name)
        for d in st.demonyms:
            gz.demonyms.setdefault(key(d), st.name)
        for c in [st.capital, *st.cities]:
            if c:
                gz.places.setdefault(key(c), st.name)
    for region in regions:
        for n in [region.name, *region.aliases]:
            gz.regions.setdefault(key(n), region)
    for org in organisations:
        gz.org_entries.append(org)
        for n in [org.name, *org.aliases]:
            gz.organisations.setdefault(key(n), org.name)
    return gz


@functools.lru_cache(maxsize=1)
def _towns() -> frozenset[str]:
    """The keys of the town names in ``cities.json``, read once."""
    import json
    from importlib import resources

    raw = json.loads((resources.files("factex") / "data" / "cities.json").read_text(encoding="utf-8"))
    return frozenset(key(name) for name in raw["cities"])


def known_town(text: str) -> bool:
    """Whether a name is that of a town of 15,000 people or more (GeoNames, ``cities.json``):
    evidence for a place when the text also uses the name as one ("in Calais")."""
    return key(text) in _towns()
