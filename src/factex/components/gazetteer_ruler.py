"""``factex_entity_ruler``: corrects the model's entities with the gazetteer, as a spaCy
``SpanRuler``.

States, their aliases, capitals and major cities become GPE, demonyms NORP and international
organisations ORG where the statistical model disagrees ("Dhaka" tagged ORG, "Bangladeshi"
tagged PERSON) or missed them. Each pattern carries the canonical name as its id, read back as
``ent.ent_id_``. The ents filter (registered as ``factex.gazetteer_ents_filter.v1``) keeps a
longer model entity that contains a gazetteer name ("Communist Party of Bangladesh" stays one
organisation); matching is case-sensitive (``ORTH``) so that "US" never matches "us".
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Span
from spacy.util import filter_spans, registry

from factex.language.gazetteer import Gazetteer, key
from factex.language.rules import Rules, resolve

#: Model entities a gazetteer name inside them must not cut ("Soviet Cultural Centre").
_WHOLE_LABELS = frozenset(("ORG", "FAC", "WORK_OF_ART", "LAW", "EVENT"))


def gazetteer_patterns(gz: Gazetteer) -> list[dict]:
    """SpanRuler phrase patterns for every state name, alias, city, demonym, organisation and
    region name of the gazetteer, each with its canonical name as ``id`` (a city is its own
    name)."""
    out: dict[tuple[str, str], str] = {}

    def add(label: str, phrase: str, canonical: str) -> None:
        if len(phrase) > 1:
            for form in {phrase, phrase.replace("'", "\u2019")}:
                out.setdefault((label, form), canonical)

    for st in gz.states.values():
        for n in [st.name, *st.aliases]:
            add("GPE", n, gz.state_names.get(key(n), st.name))
        for c in [st.capital or "", *st.cities]:
            add("GPE", c, c)
        for d in st.demonyms:
            add("NORP", d, gz.demonyms.get(key(d), st.name))
    for org in gz.org_entries:
        for n in [org.name, *org.aliases]:
            add("ORG", n, gz.organisations.get(key(n), org.name))
    for region in {id(r): r for r in gz.regions.values()}.values():
        # Rivers, seas, mountain ranges and regions the model often leaves untagged ("crossed
        # the Pyrenees", "into the Adriatic", "the Levant trade").
        for n in [region.name, *region.aliases]:
            if n[:1].isupper():
                add(region.type, n, region.name)
    return [{"label": label, "pattern": phrase, "id": canonical}
            for (label, phrase), canonical in sorted(out.items())]


def gazetteer_ents_filter(entities: Iterable[Span], spans: Iterable[Span]) -> list[Span]:
    """The ents filter: gazetteer matches, longest first, replace the model entities they
    overlap, except inside a longer organisation-like model entity, which stays whole."""
    entities = list(entities)
    ent_at = {i: e for e in entities for i in range(e.start, e.end)}
    kept: list[Span] = []
    for span in filter_spans(spans):
        overlapping = {ent_at[i] for i in range(span.start, span.end) if i in ent_at}
        if any(len(e) > len(span) and e.label_ in _WHOLE_LABELS for e in overlapping):
            continue  # "Communist Party of Bangladesh", "Soviet Cultural Centre" stay whole
        kept.append(span)
    covered = {i for s in kept for i in range(s.start, s.end)}
    # Model entities cut by a kept match lose their overlap, but keep their other tokens out
    # of the entity layer: better no entity than half of one.
    rest = [e for e in entities if covered.isdisjoint(range(e.start, e.end))]
    return rest + kept


def _inside_longer_name(doc, span: Span, ent_at: dict) -> bool:
    """Whether a match is part of a longer name: a model entity reaching past it, or a
    capitalised word (not a sentence's first) right before or after it."""
    for e in {ent_at[i] for i in range(span.start, span.end) if i in ent_at}:
        start = e.start + 1 if doc[e.start].lower_ == "the" else e.start  # "the Persian Gulf"
        if start < span.start or e.end > span.end:
            return True
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and (before.is_title or before.text in ("-", "–")) \
            and not before.is_sent_start and before.lower_ != "the" \
            and ent_at.get(before.i) is None:  # "the Iron Age Levant": another name before it
        return True
    return after is not None and after.is_title and after.is_alpha


@registry.misc("factex.gazetteer_ents_filter.v1")
def make_gazetteer_ents_filter():
    """The registered ents filter of ``factex_entity_ruler`` (for its config)."""
    return gazetteer_ents_filter


@Language.factory("factex_entity_ruler",
                  default_config={"ents_filter": {"@misc": "factex.gazetteer_ents_filter.v1"},
                                  "validate": False},
                  requires=["doc.ents"], assigns=["doc.ents"])
def make_entity_ruler(nlp: Language, name: str, *, ents_filter, validate: bool) -> "GazetteerRuler":
    """Build the gazetteer ruler (its phrase patterns are built once, here)."""
    return GazetteerRuler(nlp, name, ents_filter=ents_filter, validate=validate)


class GazetteerRuler(SpanRuler):
    """spaCy's SpanRuler writing ``doc.ents``, with patterns from the pipeline's rules."""

    def __init__(self, nlp: Language, name: str = "factex_entity_ruler", *, ents_filter=gazetteer_ents_filter,
                 validate: bool = False) -> None:
        super().__init__(nlp, name, spans_key=None, annotate_ents=True, ents_filter=ents_filter,
                         phrase_matcher_attr="ORTH", validate=validate, overwrite=False, scorer=None)
        self.set_rules(Rules.bundled())

    def set_rules(self, rules: Rules) -> None:
        """Rebuild the patterns from these rules' gazetteer."""
        self.rules = rules
        self.clear()
        self._regions = frozenset(r.name for r in rules.gazetteer.regions.values())
        self.add_patterns(gazetteer_patterns(rules.gazetteer))

    def match(self, doc):
        """SpanRuler.match, without a region's name that is only part of a longer name: one
        the model tagged ("Jamuna River", "Mekong Delta") or one that runs on in capitalised
        words ("Upper Nile", "Lake Chad Basin")."""
        matches = super().match(doc)
        if not any(m.id_ in self._regions for m in matches):
            return matches  # (most documents: the entities' table below is not needed)
        ent_at = {i: e for e in doc.ents for i in range(e.start, e.end)}
        return [m for m in matches
                if m.id_ not in self._regions or not _inside_longer_name(doc, m, ent_at)]

    def add_patterns(self, patterns: list[dict]) -> None:
        """SpanRuler.add_patterns, with phrase patterns made by the tokenizer alone.

        Matching is on ``ORTH``, which the tokenizer sets: the base class runs every phrase
        through the components before this one, which is slow for a gazetteer and fails while
        ``spacy.load`` is still building the pipeline (their weights are not read yet).
        """
        phrases = [p for p in patterns if isinstance(p["pattern"], str)]
        others = [p for p in patterns if not isinstance(p["pattern"], str)]
        if others:
            super().add_patterns(others)
        for entry, doc in zip(phrases, self.nlp.tokenizer.pipe([p["pattern"] for p in phrases])):
            label = repr((entry["label"], entry.get("id", "")))
            self._match_label_id_map[self.nlp.vocab.strings.as_int(label)] = {
                "label": entry["label"], "id": entry.get("id", "")}
            self.phrase_matcher.add(label, [doc])
            self._patterns.append(entry)

    def initialize(self, get_examples=None, *, nlp=None, patterns=None, rules=None) -> None:
        """``rules``: rules directories (or a Rules object) to build the patterns from; plain
        SpanRuler ``patterns`` are added after them."""
        if rules is not None:
            self.set_rules(resolve(rules))
        if patterns:
            self.add_patterns(patterns)

    def to_disk(self, path, *, exclude=()) -> None:
        """The SpanRuler's patterns and the rules they were built from."""
        super().to_disk(path, exclude=exclude)
        self.rules.to_disk(Path(path) / "rules")

    def from_disk(self, path, *, exclude=()) -> "GazetteerRuler":
        self.set_rules(Rules.from_disk(Path(path) / "rules"))
        return self
