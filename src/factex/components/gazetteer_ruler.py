"""``factex_entity_ruler``: corrects the model's entities with the bundled gazetteer.

States, their aliases, capitals and major cities become GPE, demonyms NORP and international
organisations ORG where the statistical model disagrees ("Dhaka" tagged ORG, "Bangladeshi"
tagged PERSON) or missed them. A longer model entity that contains a gazetteer name is kept
("Communist Party of Bangladesh" stays one organisation); matching is case-sensitive so that
"US" never matches "us".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from factex.language.gazetteer import Gazetteer
from factex.components.base import RulesComponent


def gazetteer_phrases(gz: Gazetteer) -> dict[str, list[str]]:
    """Label -> every state name, alias, city, demonym and organisation name of the gazetteer."""
    out: dict[str, set[str]] = {"GPE": set(), "NORP": set(), "ORG": set()}
    for st in gz.states.values():
        out["GPE"].update(n for n in [st.name, *st.aliases, st.capital or "", *st.cities] if len(n) > 1)
        out["NORP"].update(d for d in st.demonyms if len(d) > 1)
    for org in gz.org_entries:
        out["ORG"].update(n for n in [org.name, *org.aliases] if len(n) > 1)
    for label in out:
        out[label] |= {n.replace("'", "\u2019") for n in out[label]}
    return {k: sorted(v) for k, v in out.items()}


@Language.factory("factex_entity_ruler", default_config={},
                  requires=["doc.ents"], assigns=["doc.ents"])
def make_entity_ruler(nlp: Language, name: str) -> "GazetteerRuler":
    """Build the gazetteer ruler (its phrase patterns are compiled once, here)."""
    return GazetteerRuler(nlp)


class GazetteerRuler(RulesComponent):
    """Relabels or adds entities for gazetteer names, never cutting a longer model entity."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        super().__init__()

    def _compile(self) -> None:
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for label, phrases in gazetteer_phrases(self.rules.gazetteer).items():
            self.matcher.add(label, list(self.nlp.tokenizer.pipe(phrases)))

    def _process(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)
        if not matches:
            return doc
        ents = list(doc.ents)
        ent_at = {i: e for e in ents for i in range(e.start, e.end)}
        kept: list[Span] = []
        for label, start, end in _longest_first(matches):
            overlapping = {ent_at[i] for i in range(start, end) if i in ent_at}
            if any(len(e) > end - start and e.label_ in ("ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT")
                   for e in overlapping):
                continue  # "Communist Party of Bangladesh", "Soviet Cultural Centre" stay whole
            kept.append(Span(doc, start, end, label=label))
        if not kept:
            return doc
        covered = {i for m in kept for i in range(m.start, m.end)}
        rest = [e for e in ents if covered.isdisjoint(range(e.start, e.end))]
        # Model entities cut by a kept match lose their overlap, but keep their other tokens
        # out of the entity layer: better no entity than half of one.
        doc.ents = sorted(rest + kept, key=lambda s: s.start)
        return doc


def _longest_first(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """``spacy.util.filter_spans`` on (label, start, end) matches: the same choice (the first
    longest of overlapping matches wins), without a Span object for every match."""
    seen: set[int] = set()
    out = []
    for m in sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True):
        if m[1] not in seen and m[2] - 1 not in seen:
            out.append(m)
            seen.update(range(m[1], m[2]))
    return sorted(out, key=lambda m: m[1])
