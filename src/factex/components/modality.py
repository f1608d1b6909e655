"""``factex_modality``: whether each event happened, as its own stage with its rules in data.

The rules of ``data/modality.jsonl`` (see :class:`factex.language.rules.ModalityRule`) are
tried in order against the event's trigger: a negation or modal on the trigger, its own role
(a purpose clause), the verbs governing it ("planned to visit", "failed to take", "denied that
…"). The first that applies sets the event's ``modality``; an event with one is kept for the
user and never scored as a happening (contract §1). ``EventMention.modality_rule`` keeps which
row decided, for ``--explain``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from factex.components.base import RulesComponent, require
from factex.language.rules import ModalityRule

_STOP_CLIMB = frozenset(("conj", "advcl", "relcl", "ROOT"))
_MAX_STEPS = 5


@Language.factory("factex_modality", default_config={},
                  requires=["doc._.factex_events", "token.dep", "token.lemma"],
                  assigns=["doc._.factex_events"])
def make_modality(nlp: Language, name: str) -> "ModalityComponent":
    """Build the modality component."""
    return ModalityComponent()


class ModalityComponent(RulesComponent):
    """Sets ``modality`` (and ``modality_rule``) on each of ``doc._.factex_events``."""

    def __init__(self) -> None:
        super().__init__()

    def _process(self, doc: Doc) -> Doc:
        require(doc, "factex_modality", ("events",), parse=True)
        rules = list(enumerate(self.rules.modality, 1))
        for ev in doc._.factex_events or []:
            if ev.trigger_i < 0:
                continue
            found = modality_of(doc[ev.trigger_i], rules)
            ev.modality, ev.modality_rule = (found[1].category, found[0]) if found else (None, None)
        return doc


def modality_of(token: Token, rules: list[tuple[int, ModalityRule]]) -> tuple[int, ModalityRule] | None:
    """The first (row number, rule) that applies to a trigger token, or None."""
    for c in token.children:
        for n, r in rules:
            if r.scope == "trigger" and c.dep_ in r.dep and (r.words is None or c.lower_ in r.words):
                return n, r
    for n, r in rules:
        if r.scope == "self" and token.dep_ in r.dep and any(
                (r.child_dep is None or c.dep_ in r.child_dep)
                and (r.child_words is None or c.lower_ in r.child_words) for c in token.children):
            return n, r
    t = token
    for step in range(_MAX_STEPS):
        if t.head.i == t.i:
            break
        # Never across a conjunction, adverbial or relative clause, except by a rule of the
        # trigger's own edge ("declined on Thursday to say", parsed as an adverbial clause).
        last = t.dep_ in _STOP_CLIMB
        if last and step > 0:
            break
        child, t = t, t.head
        lemma = t.lemma_.lower()
        for n, r in rules:
            if r.scope != "governor" or child.dep_ not in r.dep or (r.direct and step > 0):
                continue
            if last and not r.direct:
                continue
            if r.lemmas is not None and lemma not in r.lemmas:
                continue
            if r.governor_child_dep is not None and not any(
                    g.dep_ == r.governor_child_dep
                    and (r.governor_child_words is None or g.lower_ in r.governor_child_words)
                    for g in t.children):
                continue
            return n, r
        if last:
            break
    return None
