"""The dates component in a pipeline: candidates, coordination, ranges and the narrative anchor."""

import pytest


def _dates(extractor, text):
    return [(d.text, d.value) for d in extractor.extract(text).dates]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Diem met them in April and June 1955.", [("April", "1955-04"), ("June 1955", "1955-06")]),
        ("The war lasted from 1972 until 1975.", [("1972", "1972"), ("1975", "1975")]),
        ("The Persians invaded in 490 BC.", [("490 BC", "BC0490")]),
        ("It happened in the mid- and late 1980s.", [("the mid- and late 1980s", "198")]),
        ("The army was now exhausted.", [("now", "PRESENT_REF")]),
    ],
)
def test_date_mentions(extractor, text, expected):
    assert _dates(extractor, text) == expected


def test_range_value_reaches_the_event(extractor):
    rec = extractor.extract("Japan occupied Indonesia from 1942 until 1945.")
    assert any(e.date.value == "1942/1945" for e in rec.events)


def test_aside_year_does_not_move_the_anchor(extractor):
    text = ("The war began in March 1920. Troops advanced in April 1920 and May 1920. "
            "In June 1920 the front broke, as it had for Napoleon in 1812. "
            "In July 1920 the army retreated. On 28 September the armistice was signed.")
    values = dict(_dates(extractor, text))
    assert values["28 September"] == "1920-09-28"


def test_relative_dates_follow_the_narrative(extractor):
    values = _dates(extractor, "The treaty was signed in 1950. The following year it was ratified. "
                               "Three years later it lapsed.")
    assert ("The following year", "1951") in values and ("Three years later", "1954") in values


def test_flagged_patterns_match_exactly_what_the_written_ones_match(nlp):
    from pathlib import Path

    from factex.components.dates import reference_matcher

    ref = reference_matcher(nlp.vocab)
    fast = nlp.get_pipe("factex_dates").matcher
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    texts.append("In 490 BC, c. 480 BCE, AD 9, the mid-1970s, summer of 1989, 1988-1998, "
                 "the following month, Christmas Day 1914 and from March to June 1990.")
    total = 0
    for doc in nlp.pipe(texts):
        got, want = sorted(fast(doc)), sorted(ref(doc))
        assert got == want
        total += len(want)
    assert total > 100  # the comparison covered real matches
