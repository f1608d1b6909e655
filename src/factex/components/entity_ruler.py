"""``factex_entity_ruler``: corrects the model's entities with the bundled gazetteer.

States, their aliases, capitals and major cities become GPE, demonyms NORP and international
organisations ORG, overwriting the statistical model where it disagrees ("Dhaka" tagged ORG,
"Bangladeshi" tagged PERSON). Longer model entities that contain a gazetteer name win, so
"University of Dhaka" stays an organisation.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import EntityRuler

from ..gazetteer import gazetteer


def gazetteer_patterns() -> list[dict]:
    """Phrase patterns for every state name, alias, demonym, city and organisation."""
    gz = gazetteer()
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str) -> None:
        for variant in {text, text.replace("'", "\u2019")}:
            if (label, variant) not in seen and len(variant) > 1:
                seen.add((label, variant))
                patterns.append({"label": label, "pattern": variant})

    for st in gz.states.values():
        for n in [st.name, *st.aliases, st.capital or "", *st.cities]:
            if n:
                add("GPE", n)
        for d in st.demonyms:
            add("NORP", d)
    for org in gz.org_entries:
        for n in [org.name, *org.aliases]:
            add("ORG", n)
    return patterns


@Language.factory(
    "factex_entity_ruler",
    default_config={"overwrite_ents": True},
)
def make_entity_ruler(nlp: Language, name: str, *, overwrite_ents: bool) -> EntityRuler:
    """Build an EntityRuler holding the gazetteer patterns (case-sensitive, ORTH)."""
    ruler = EntityRuler(nlp, name=name, phrase_matcher_attr="ORTH", overwrite_ents=overwrite_ents)
    ruler.add_patterns(gazetteer_patterns())
    return ruler
