"""factex_lemmas: verb lemmas the rule lemmatizer cuts one letter short."""

import pytest

from factex.components.lemmas import needs_e


@pytest.mark.parametrize("stem, expected", [
    ("stag", True),   # staged: would be "stagged" if the verb were "stag"
    ("fin", True),
    ("hop", True),
    ("wag", True),
    ("bath", False),  # two consonants at the end: "bathed" gives no sign
    ("play", False),  # y is never doubled
    ("box", False),
    ("rain", False),  # two vowels: "rained" is "rain"
    ("at", False),
])
def test_needs_e_follows_english_doubling(stem, expected):
    assert needs_e(stem) is expected


@pytest.mark.parametrize("text, word, lemma", [
    ("The union staged a one-day strike.", "staged", "stage"),
    ("The regulator fined the airline.", "fined", "fine"),
    ("Both sides waged war for a decade.", "waged", "wage"),
    ("The rebels are staging a revolt.", "staging", "stage"),
    ("She stared at the wreck.", "stared", "stare"),
    ("They waded across the river.", "waded", "wade"),
    # Forms the lemmatizer already reads right are left alone.
    ("The army routed the enemy and hopped the fence.", "hopped", "hop"),
    ("They played for time.", "played", "play"),
])
def test_verb_lemmas_are_repaired_in_the_pipeline(nlp, text, word, lemma):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert tok.lemma_ == lemma


def test_the_component_sits_after_the_lemmatizer(nlp):
    names = nlp.pipe_names
    assert names.index("factex_lemmas") == names.index("lemmatizer") + 1


def test_a_light_verb_with_a_repaired_lemma_carries_its_nouns_participants(extractor):
    rec = extractor.extract("In early 2019 members of the union NGG staged a warning strike at the "
                            "Forchheim site.")
    strike = next(e for e in rec.events if "strike" in e.trigger)
    assert "NGG" in strike.actors
