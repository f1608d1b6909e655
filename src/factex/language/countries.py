"""ISO 3166 codes of the states factex finds, from pycountry (ISO's own tables), so that other
tools can join on them. A state's gazetteer row gives the join key (its two-letter code) and
its names; pycountry gives the codes. Historical states (Soviet Union, Ottoman Empire) carry
none: their codes, where ISO 3166-3 kept one, name no country of today."""

from __future__ import annotations

from functools import lru_cache

from factex.language.gazetteer import StateEntry


@lru_cache(maxsize=4096)
def _lookup(name: str, iso2: str | None) -> tuple[str, str] | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    if country is None:
        try:
            country = pycountry.countries.lookup(name)
        except LookupError:
            return None
    return country.alpha_2, country.alpha_3


def iso_codes(state: StateEntry) -> dict[str, str] | None:
    """``{"iso3166_alpha2": "BD", "iso3166_alpha3": "BGD"}`` for a current state, else None."""
    if state.historical:
        return None
    for name in (state.name, *state.aliases):
        found = _lookup(name, state.iso2)
        if found:
            return {"iso3166_alpha2": found[0], "iso3166_alpha3": found[1]}
    return None
