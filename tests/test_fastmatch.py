"""factex.language.fastmatch: the anchored Matcher finds exactly what spaCy's Matcher finds."""

import random

import pytest
import spacy
from spacy.matcher import Matcher

from factex.language.fastmatch import AnchoredMatcher

PATTERNS = [
    ("year_bc", [[{"LOWER": "c.", "OP": "?"}, {"SHAPE": "dddd"}, {"TEXT": {"IN": ["BC", "BCE"]}}]]),
    ("season", [[{"LOWER": "the", "OP": "?"}, {"LOWER": {"IN": ["early", "late"]}, "OP": "?"},
                 {"LOWER": {"IN": ["spring", "summer"]}}, {"LOWER": "of", "OP": "?"},
                 {"SHAPE": "dddd", "OP": "?"}]]),
    ("the_next", [[{"LOWER": "the"}, {"LOWER": "next"}, {"LOWER": {"IN": ["year", "month"]}}]]),
    ("title_of_year", [[{"IS_TITLE": True}, {"LOWER": "of"}, {"SHAPE": "dddd"}]]),
    ("line_year", [[{"IS_SPACE": True}, {"SHAPE": "dddd"}, {"IS_SPACE": True}]]),
]
WORDS = ["the", "The", "next", "year", "month", "of", "War", "1812", "1990", "490", "BC", "BCE",
         "c.", "early", "late", "spring", "summer", "Summer", "\n", "and", ",", "in", "King", "."]


def _plain(vocab, patterns):
    m = Matcher(vocab)
    for key, variants in patterns:
        m.add(key, variants)
    return m


def test_same_matches_as_the_matcher_on_random_text():
    nlp = spacy.blank("en")
    fast, plain = AnchoredMatcher(nlp.vocab, PATTERNS), _plain(nlp.vocab, PATTERNS)
    assert not fast.whole_doc
    rng = random.Random(7)
    total = 0
    for _ in range(400):
        doc = spacy.tokens.Doc(nlp.vocab, words=[rng.choice(WORDS) for _ in range(rng.randint(0, 60))])
        want = sorted(plain(doc))
        assert sorted(fast(doc)) == want
        total += len(want)
    assert total > 300  # the random texts held matches of every kind to compare


def test_windows_skip_text_without_anchors():
    nlp = spacy.blank("en")
    fast = AnchoredMatcher(nlp.vocab, PATTERNS)
    doc = nlp("The king of the land said that the people were in the city.\nThe War of 1812 began.")
    windows = fast.windows(doc)
    assert sum(e - s for s, e in windows) < len(doc) / 2
    assert [doc[s:e].text for _, s, e in fast(doc)] == ["War of 1812"]


@pytest.mark.parametrize("pattern", [
    [{"SHAPE": "dddd", "OP": "+"}],  # unbounded length
    [{"POS": "NUM"}],  # a test on the token, not the word
])
def test_unbounded_or_token_level_patterns_run_on_the_whole_doc(pattern):
    nlp = spacy.blank("en")
    fast = AnchoredMatcher(nlp.vocab, [("p", [pattern])])
    assert fast.whole_doc
    doc = nlp("In 1990 and 1991.")
    assert fast.windows(doc) == [(0, len(doc))]
