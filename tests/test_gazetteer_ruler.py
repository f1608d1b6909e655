"""factex_entity_ruler: its overlap filter chooses as spaCy's filter_spans does."""

import random

import spacy
from spacy.tokens import Span
from spacy.util import filter_spans

from factex.components.gazetteer_ruler import _longest_first


def test_longest_first_equals_filter_spans():
    nlp = spacy.blank("en")
    doc = nlp(" ".join(["word"] * 40))
    labels = [nlp.vocab.strings.add(x) for x in ("GPE", "ORG", "NORP")]
    rng = random.Random(3)
    for _ in range(500):
        matches = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randrange(40)
            matches.append((rng.choice(labels), start, min(40, start + rng.randint(1, 5))))
        want = [(s.label, s.start, s.end)
                for s in filter_spans([Span(doc, s, e, label=lab) for lab, s, e in matches])]
        assert _longest_first(matches) == want
