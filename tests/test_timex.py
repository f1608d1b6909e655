"""TIMEX3 normalisation of single expressions (no model needed)."""

import pytest

from factex.language.timex import Anchor, looks_back, normalise

A1986 = Anchor(1986)
A_DAY = Anchor(1940, 5, 10)


@pytest.mark.parametrize(
    "text, anchor, value, mod",
    [
        ("25 January 1972", None, "1972-01-25", None),
        ("April 16, 1956", None, "1956-04-16", None),
        ("1963-05-14", None, "1963-05-14", None),
        ("November 2019", None, "2019-11", None),
        ("February of 1940", None, "1940-02", None),
        ("2009", None, "2009", None),
        ("the summer of 1989", None, "1989-SU", None),
        ("spring 2011", None, "2011-SP", None),
        ("autumn 1984", None, "1984-FA", None),
        ("the 1990s", None, "199", None),
        ("the late 2000s", None, "200", "END"),
        ("the 1800s", None, "18", None),
        ("the early 1950s", None, "195", "START"),
        ("the mid-1970s", None, "197", "MID"),
        ("the late 1980s", None, "198", "END"),
        ("mid- and late 1980s", None, "198", "MID"),
        ("the late 19th century", None, "18", "END"),
        ("the early 20th century", None, "19", "START"),
        ("the 5th century BC", None, "BC04", None),
        ("490 BC", None, "BC0490", None),
        ("ca. 466 BC", None, "BC0466", "APPROX"),
        ("from 1972 until 1975", None, "1972/1975", None),
        ("between 2001 and 2004", None, "2001/2004", None),
        ("1988\u20131998", None, "1988/1998", None),
        ("1915-17", None, "1915/1917", None),
        ("from 499 to 493 BC", None, "BC0499/BC0493", None),
        ("the first quarter of 2010", None, "2010-Q1", None),
        ("Q3 2023", None, "2023-Q3", None),
        ("3Q 2023", None, "2023-Q3", None),
        ("H1 2020", None, "2020-H1", None),
        ("the end of 1958", None, "1958", "END"),
        ("the following year", A1986, "1987", None),
        ("the previous year", A1986, "1985", None),
        ("three years later", A1986, "1989", None),
        ("later that year", A1986, "1986", None),
        ("June", A1986, "1986-06", None),
        ("12 days later", A_DAY, "1940-05-22", None),
        ("the same day", A_DAY, "1940-05-10", None),
        ("the end of the month", A_DAY, "1940-05", "END"),
        ("early October", A_DAY, "1940-10", "START"),
    ],
)
def test_normalise(text, anchor, value, mod):
    tx = normalise(text, anchor)
    assert tx is not None, text
    assert (tx.value, tx.mod) == (value, mod)


# Forms only dateparser reads; each must come out the same whatever dateparser's reference
# date is (it is the clock unless set).
CLOCK_PROBES = ["Tuesday 2020", "12th of March, 2020", "Mar. 3rd 2020", "2020 March",
                "March 3", "the 5th of March", "2016 Q2", "3/4/2020", "2020 at 10:30"]


def test_dateparser_fallback_does_not_depend_on_its_reference_date(monkeypatch):
    from factex.language import timex

    def outputs():
        timex._normalise_cached.cache_clear()
        return [normalise(t, A1986) for t in CLOCK_PROBES]

    before = outputs()
    monkeypatch.setattr(timex, "_PARSERS", ())
    monkeypatch.setattr(timex, "_REFERENCE_DATES", ((1995, 7, 4, 12, 0), (2024, 12, 31, 23, 59)))
    after = outputs()
    timex._normalise_cached.cache_clear()
    assert after == before
    assert any(tx is not None for tx in before)  # the probes do reach dateparser
    # dateparser takes the missing month and day from its reference date: no value.
    assert normalise("2020 at 10:30") is None


def test_a_fiscal_quarter_is_not_read_as_the_calendars():
    assert normalise("Q3 FY2023") is None  # a fiscal year need not start in January


def test_bare_year_is_a_year_not_today():
    assert normalise("2009").value == "2009"


@pytest.mark.parametrize("text", ["the years", "aged 45", "45 years old", "that time", ""])
def test_not_dates(text):
    assert normalise(text) is None


@pytest.mark.parametrize("text", ["the following year", "three years later", "June", "that month"])
def test_relative_without_anchor_is_not_guessed_from_today(text):
    tx = normalise(text, None)
    assert tx is None or not tx.value[:1].isdigit()


@pytest.mark.parametrize(
    "text, value, type_",
    [("two months", "P2M", "DURATION"), ("a few days", "PXD", "DURATION"),
     ("every year", "P1Y", "SET"), ("now", "PRESENT_REF", "DATE")],
)
def test_durations_sets_and_references(text, value, type_):
    tx = normalise(text)
    assert (tx.value, tx.type) == (value, type_)


def test_anchor_of_a_date_is_its_year_month_day():
    assert normalise("25 January 1972").anchor() == Anchor(1972, 1, 25)
    assert normalise("the 1980s").anchor() is None  # a decade is no reference for "that year"


@pytest.mark.parametrize(
    "text, anchor, value",
    [("the 470s BC", None, "BC047"), ("August of that year", A1986, "1986-08"),
     ("eighteenth-century", None, "17"), ("former", None, "PAST_REF"), ("future", None, "FUTURE_REF")],
)
def test_more_forms(text, anchor, value):
    assert normalise(text, anchor).value == value


@pytest.mark.parametrize(
    "text, anchor, value",
    [("17 August-2 September", Anchor(1914), "1914-08-17/1914-09-02"),
     ("October to March", Anchor(1914), "1914-10/1915-03"),
     ("Christmas 1935", None, "1935-12-25"),
     ("that same day", A_DAY, "1940-05-10")],
)
def test_ranges_and_holidays(text, anchor, value):
    assert normalise(text, anchor).value == value


@pytest.mark.parametrize(
    "anchor, value", [(Anchor(2022, 12, 5), "2023-06"), (Anchor(2022, 3), "2022-06"), (Anchor(2022), "2023-06")]
)
def test_following_month(anchor, value):
    assert normalise("the following June", anchor).value == value


@pytest.mark.parametrize(
    "text, anchor, value",
    [
        ("January", Anchor(1941, 12, 7), "1942-01"),  # December 1941, then "In January"
        ("14 January", Anchor(1916, 12), "1917-01-14"),
        ("early February", Anchor(1944, 11), "1945-02"),
        ("February", Anchor(1917, 3), "1917-02"),  # a short step back stays in the year
        ("7 August", Anchor(1914, 9, 12), "1914-08-07"),
        ("January", Anchor(1941), "1941-01"),  # a bare year: nothing to roll over from
    ],
)
def test_bare_month_rolls_over_the_year_end(text, anchor, value):
    assert normalise(text, anchor).value == value


@pytest.mark.parametrize(
    "text, back",
    [("the previous year", True), ("a year earlier", True), ("two years ago", True),
     ("the previous April", True), ("the following year", False), ("three days later", False),
     ("June", False)],
)
def test_looks_back(text, back):
    assert looks_back(text, normalise(text, Anchor(1920, 9, 6))) is back


@pytest.mark.parametrize(
    "text, anchor, value",
    [
        ("March 5-9, 1918", None, "1918-03-05/1918-03-09"),  # the right day takes the month
        ("April 13-15", Anchor(1915, 3), "1915-04-13/1915-04-15"),
        ("May 15 to August 16, 1988", Anchor(1989, 2), "1988-05-15/1988-08-16"),  # left takes the year
        ("November 15 to February 15, 1989", None, "1988-11-15/1989-02-15"),  # ... a year back
        ("May-August 1950", None, "1950-05/1950-08"),  # "May" alone is a month here
        ("August/September 1956", None, "1956-08/1956-09"),
        ("the years 1955-1957", None, "1955/1957"),
        ("1972-75", None, "1972/1975"),
        ("1963-05", None, "1963-05"),
    ],
)
def test_range_sides_share_what_one_states(text, anchor, value):
    assert normalise(text, anchor).value == value


def test_impossible_day_is_not_a_date():
    tx = normalise("31 February 1972")
    assert tx is None or tx.value != "1972-02-31"
