"""The dates component in a pipeline: candidates, coordination, ranges and the narrative anchor."""

import pytest


def _dates(extractor, text):
    return [(d.text, d.value) for d in extractor.extract(text).dates]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Diem met them in April and June 1955.", [("April", "1955-04"), ("June 1955", "1955-06")]),
        # a list of items, each a date; the model cuts it after a comma or the "and"
        ("He visited Lisbon in April, May and June 1955.",
         [("April", "1955-04"), ("May", "1955-05"), ("June 1955", "1955-06")]),
        ("Later festivals took place in 1819, 1833 and 1851.",
         [("1819", "1819"), ("1833", "1833"), ("1851", "1851")]),
        ("The fair was held in 1819, 1833, 1851 and 1865.",
         [("1819", "1819"), ("1833", "1833"), ("1851", "1851"), ("1865", "1865")]),
        ("The war lasted from 1972 until 1975.", [("1972", "1972"), ("1975", "1975")]),
        ("The Persians invaded in 490 BC.", [("490 BC", "BC0490")]),
        ("It happened in the mid- and late 1980s.", [("the mid- and late 1980s", "198")]),
        ("The army was now exhausted.", [("now", "PRESENT_REF")]),
        # the model tags "between October 2024" apart from "April 2025": two sides of a range
        ("Japan funded it between October 2024 and April 2025.",
         [("October 2024", "2024-10"), ("April 2025", "2025-04")]),
        # full dates the model tags in pieces ("5" CARDINAL, "September", "1967") or not at all
        ("On 5 September 1967 China, Tanzania and Zambia signed an agreement.",
         [("5 September 1967", "1967-09-05")]),
        ("The first agreement (signed 1963-05-14) concerned the centre.", [("1963-05-14", "1963-05-14")]),
        # a season tagged apart from its "of" year
        ("Heraclius marched in the 7th century. In the summer of 626 the Avars besieged "
         "Constantinople.", [("the 7th century", "06"), ("the summer of 626", "0626-SU")]),
        # the model tags "2 August" alone; the year with its era right after it joins it
        ("On 2 August 216 BC Hannibal met the Romans near Cannae.",
         [("2 August 216 BC", "BC0216-08-02")]),
    ],
)
def test_date_mentions(extractor, text, expected):
    assert _dates(extractor, text) == expected


@pytest.mark.parametrize(
    "text, value",
    [
        # A range of days before the month is one date, whatever the model split off.
        ("The minister visited Oslo on 27-28 October 2022.", "2022-10-27/2022-10-28"),
        ("The envoy, Minister for Foreign Trade, visited Lima on 27–28 October 2022, leading a "
         "delegation.", "2022-10-27/2022-10-28"),
        ("The minister visited Oslo from 3 to 5 May 2001.", "2001-05-03/2001-05-05"),
    ],
)
def test_a_range_of_days_dates_the_event(extractor, text, value):
    assert [e.date.value for e in extractor.extract(text).events] == [value]


def test_a_range_whose_left_side_the_model_tagged_with_between_dates_the_event(extractor):
    rec = extractor.extract("Japan funded the project between October 2024 and April 2025.")
    assert [e.date.value for e in rec.events] == ["2024-10/2025-04"]


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
    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((root / "corpus").glob("*/*.txt"))[::3]]  # every genre, a third of it
    texts.append("In 490 BC, c. 480 BCE, AD 9, the mid-1970s, summer of 1989, 1988-1998, "
                 "the following month, Christmas Day 1914 and from March to June 1990.")
    total = 0
    for doc in nlp.pipe(texts):
        got, want = sorted(fast(doc)), sorted(ref(doc))
        assert got == want
        total += len(want)
    assert total > 100  # the comparison covered real matches


def test_date_matcher_on_wikiwars_matches_the_written_patterns(nlp):
    from conftest import SHARED

    from factex.components.dates import reference_matcher
    from factex.evaluation.timebench import read_timeml

    files = sorted((SHARED / "data" / "wikiwars").glob("*.tml"))
    if not files:
        pytest.skip("../shared/data/wikiwars is absent")
    ref, fast = reference_matcher(nlp.vocab), nlp.get_pipe("factex_dates").matcher
    total = 0
    assert not fast.whole_doc  # the date patterns test words only: tokenising is enough
    for doc in (nlp.make_doc(read_timeml(f)[0]) for f in files):
        want = sorted(ref(doc))
        assert sorted(fast(doc)) == want
        total += len(want)
    assert total > 300


@pytest.mark.parametrize(
    "text, mention, value",
    [
        # A flashback ("the previous year") does not move the narrative back a year.
        ("In September 1920 the army regrouped, repeating its successes from the previous year. "
         "On 18 September it crossed the river.", "18 September", "1920-09-18"),
        ("The assault began on 20 March 2003, after a campaign that had started a year earlier. "
         "On April 9 the capital fell.", "April 9", "2003-04-09"),
        # A year mentioned in passing does not break a day-by-day account ...
        ("The offensive opened on 10 March 1975, two months ahead of a campaign planned for 1976. "
         "The defence collapsed on 11 March.", "11 March", "1975-03-11"),
        # ... but a bare year that moves the story on is taken, as is a month after a year end.
        ("The siege ended on 20 November 1953. The battle was fought in 1954 in the valley. "
         "It began on 13 March.", "13 March", "1954-03-13"),
        ("On 7 December 1941 the fleet was attacked. In January, the allies signed a declaration.",
         "January", "1942-01"),
    ],
)
def test_narrative_anchor(extractor, text, mention, value):
    assert dict(_dates(extractor, text))[mention] == value


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The war ended in 1918. The armies had met at Tannenberg in August and September 1914.",
         [("1918", "1918"), ("August", "1914-08"), ("September 1914", "1914-09")]),
        ("In 1978 the regime asked for troops in the spring and summer of 1979.",
         [("1978", "1978"), ("the spring", "1979-SP"), ("summer of 1979", "1979-SU")]),
        ("In 1955 they met. In August/September 1956, the leadership met again.",
         [("1955", "1955"), ("August", "1956-08"), ("September 1956", "1956-09")]),
        ("The army withdrew from November 15 to February 15, 1989.",
         [("November 15", "1988-11-15"), ("February 15, 1989", "1989-02-15")]),
        ("The battles were fought in 1915, on April 6-7.",
         [("1915", "1915"), ("April 6", "1915-04-06"), ("7", "1915-04-07")]),
    ],
)
def test_coordinated_dates_share_the_stated_year(extractor, text, expected):
    assert _dates(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # A heading's year is a date, also when the model runs it into the line before.
        ("HISTORY ARTICLE\n 2009-12-19T17:00:00 \n\n2003: Invasion\n\nThe team entered on July 10.",
         ("2003", "2003")),
        ("The regime asked for help.\n\n1979: Soviet invasion\n\nThe advisors left.", ("1979", "1979")),
        ("HISTORY ARTICLE\n 2009-12-19T17:00:00 \n\n1919\n\nFirst conflicts\n\nThe war began.",
         ("1919", "1919")),
    ],
)
def test_heading_years(extractor, text, expected):
    assert expected in _dates(extractor, text)


def test_date_spans_do_not_end_in_whitespace(extractor):
    dates = extractor.extract("Filed at\n 2009-12-19T17:00:00 \n\nThe war began in 1919.").dates
    assert all(d.text == d.text.strip() for d in dates)


@pytest.mark.parametrize(
    "text, expected",
    [
        # A text set in the first millennium: a bare three-digit year after a preposition.
        ("In the tenth century the coasts were quiet. In 793 Viking raiders sacked Lindisfarne.",
         [("the tenth century", "09"), ("793", "0793")]),
        ("Early in the 7th century the empire was at war. Between 618 and 621 Egypt was lost.",
         [("the 7th century", "06"), ("618", "0618"), ("621", "0621")]),
        # A month names a three-digit year anywhere.
        ("In August 991 the fleet reached Maldon.", [("August 991", "0991-08")]),
        # Counts are not years, and without a century or era nothing three-digit is a year.
        ("In the 7th century, in 300 villages, the harvest failed.", [("the 7th century", "06")]),
        ("By 604 the garrison had fallen.", []),
    ],
)
def test_years_of_the_first_millennium(extractor, text, expected):
    assert _dates(extractor, text) == expected


def test_a_yearless_day_in_a_dated_report_is_in_the_reports_year(extractor):
    text = ("JUBA, 22 October 2021 - Floods have hit 30 counties in October 2021, after the "
            "floods of 2019 and 2020. On 17 October a dyke was sealed near Bentiu. "
            "Flood waters are expected to stay until the end of January 2022. "
            "On 12 October the fund approved new grants in 2021.")
    values = {d.text: d.value for d in extractor.extract(text).dates}
    assert values["17 October"] == "2021-10-17"
    assert values["12 October"] == "2021-10-12"


def test_an_undated_text_keeps_the_narrative_year(extractor):
    text = "The floods of 2020 were the worst. On 17 October a dyke was sealed."
    values = {d.text: d.value for d in extractor.extract(text).dates}
    assert values["17 October"] == "2020-10-17"


@pytest.mark.parametrize("text, kept, dropped", [
    ("Its first autofocus camera arrived in 1986, a year later than its larger rivals.", "1986",
     "a year later"),
    ("The line opened in 1975, two years earlier than planned.", "1975", "two years earlier"),
])
def test_a_comparison_with_than_is_no_date(extractor, text, kept, dropped):
    rec = extractor.extract(text)
    texts = [d.text for d in rec.dates]
    assert kept in texts and not any(dropped in t for t in texts)


@pytest.mark.parametrize("text, values", [
    ("The plant opened in 1975. Two years later it closed.", ["1975", "1977"]),
    ("The talks began in 2001. A year later than that, they collapsed.", ["2001", "2002"]),
])
def test_a_relative_date_without_a_comparison_is_still_a_date(extractor, text, values):
    assert [d.value for d in extractor.extract(text).dates] == values
