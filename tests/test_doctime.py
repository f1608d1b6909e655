"""Document time: datelines and date lines found, deictic expressions resolved against the
document's date (never the clock), the user's --dct, and the dateline kept out of events."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from factex.cli import app
from factex.language.doctime import find_doctime, parse_dct, resolve_deictic

runner = CliRunner()


@pytest.mark.parametrize("text, value, source", [
    ("NAIROBI, 14 March 2023 (AFP) - Kenya signed", "2023-03-14", "dateline"),
    ("Kenya signs deal\n\nGENEVA, 3 October 2019 (Reuters) -- talks", "2019-10-03", "dateline"),
    ("WASHINGTON (AP) \u2014 May 9, 2019 \u2014 The Senate", "2019-05-09", "dateline"),
    ("Lima, Peru - Thursday 12 June 2014: Farmers marched", "2014-06-12", "dateline"),
    ("OSLO, 11 March 2024 /NTB/ \u2013 Norwegian salmon", "2024-03-11", "dateline"),
    ("Rio de Janeiro, 3 May 2001 - Brazil", "2001-05-03", "dateline"),
    ("Press release\n\nBrussels, 14 March 2023\n\nThe Commission", "2023-03-14", "dateline"),
    ("Flood update\nDate: 12 May 2020\n\nRains continued.", "2020-05-12", "date line"),
    ("Situation Report #7\n\n18 April 2024\n\nIn numbers", "2024-04-18", "date line"),
    ("By A. Writer\nPublished 19 December 2024 \u00b7 Updated 20 December 2024", "2024-12-19", "date line"),
    # A wire dateline without a year takes the year the text names most.
    ("JUBA, Aug 22 (Reuters) - Talks began in 2017 after the 2016 collapse; the 2017 truce held.",
     "2017-08-22", "dateline"),
    ("March 14 (Reuters) - The bank, founded in 1998, said its 2023 profit rose and 2023 sales fell.",
     "2023-03-14", "dateline"),
    # A count is no year ("1800 people"); a full date line wins over a yearless dateline.
    ("JUBA, June 3 (Reuters) - 1800 people and 1800 people fled in 2016.", "2016-06-03", "dateline"),
    ("JUBA, Aug 22 (Reuters) - The 2018 deal of 2018 held.\nPublished 22 August 2021", "2021-08-22",
     "date line"),
])
def test_datelines_are_found(text, value, source):
    found = find_doctime(text)
    assert (found.value, found.source) == (value, source)
    assert found.start is not None and text[found.start:found.end].strip()


@pytest.mark.parametrize("text", [
    "The war ended on 2 May 1945 - a date every child learns.",
    "In 1972, 25 January 1972 - no place before it",
    "GENEVA, Oct 3 (Reuters) - no year in the whole text, so no date",
    "In March 14 cities the rebels (FLN) - nothing here is a dateline, in 2019 or since.",
    "March 14 (Monday) \u2013 talks resumed, as they had in 2019.",
    "However, May 5 - the talks of 2019 resumed.",
    "Diplomatic relations were established on 25 January 1972.",
])
def test_no_dateline(text):
    assert find_doctime(text) is None


DCT = date(2023, 3, 14)  # a Tuesday


@pytest.mark.parametrize("text, future, value", [
    ("Tuesday", False, "2023-03-14"), ("on Monday", False, "2023-03-13"),
    ("Wednesday", False, "2023-03-08"), ("Wednesday", True, "2023-03-15"),
    ("last Tuesday", False, "2023-03-07"), ("next Monday", False, "2023-03-20"),
    ("yesterday", False, "2023-03-13"), ("today", False, "2023-03-14"),
    ("tomorrow", False, "2023-03-15"), ("this morning", False, "2023-03-14"),
    ("last week", False, "2023-W10"), ("earlier this week", False, "2023-W11"),
    ("next week", False, "2023-W12"), ("last month", False, "2023-02"),
    ("this month", False, "2023-03"), ("next month", False, "2023-04"),
    ("last year", False, "2022"), ("next year", False, "2024"),
])
def test_deictic_expressions_resolve_against_the_document_date(text, future, value):
    assert resolve_deictic(text, DCT, future=future).value == value


def test_month_and_year_boundaries():
    assert resolve_deictic("last month", date(2024, 1, 5)).value == "2023-12"
    assert resolve_deictic("next month", date(2023, 12, 5)).value == "2024-01"
    assert resolve_deictic("last week", date(2021, 1, 6)).value == "2020-W53"
    assert resolve_deictic("the following year", DCT) is None  # anaphoric, not deictic


@pytest.mark.parametrize("bad", ["2023-02-30", "14/03/2023", "yesterday", ""])
def test_a_bad_document_date_is_refused(bad):
    with pytest.raises(ValueError):
        parse_dct(bad)


NEWS = ("NAIROBI, 14 March 2023 (AFP) - Kenya and Ethiopia signed a water agreement on Monday, "
        "officials said.\n\nThe World Bank approved a $300 million loan to Kenya last month.\n")


def test_news_events_are_dated_by_their_deictic_dates(extractor):
    rec = extractor.extract(NEWS, doc_id="news")
    assert rec.document_date.value == "2023-03-14" and rec.document_date.source == "dateline"
    events = {(e.type, e.date.value) for e in rec.events}
    assert ("agreement", "2023-03-13") in events
    assert all(e.date.text != "14 March 2023" for e in rec.events)  # not the dateline's date
    assert all("NAIROBI" not in e.actors for e in rec.events)       # nor its place
    assert rec.money[0].date.value == "2023-02"


def test_the_users_date_wins_over_the_dateline(extractor):
    rec = extractor.extract(NEWS, doc_id="news", dct="2023-03-21")
    assert rec.document_date.value == "2023-03-21" and rec.document_date.source == "user"
    assert ("agreement", "2023-03-20") in {(e.type, e.date.value) for e in rec.events}


def test_without_a_document_date_deictic_weekdays_get_no_value(extractor):
    rec = extractor.extract("Kenya and Ethiopia signed a water agreement on Monday.", doc_id="x")
    assert rec.document_date is None
    assert not rec.events and all("Monday" not in d.text for d in rec.dates)


def test_cli_dct(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text("Kenya and Ethiopia signed a water agreement on Monday.\n")
    r = runner.invoke(app, ["extract", str(p), "--dct", "2023-03-14"])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout)
    assert rec["document_date"] == {"value": "2023-03-14", "source": "user", "text": None,
                                    "start": None, "end": None}
    assert [(e["type"], e["date"]["value"]) for e in rec["events"]] == [("agreement", "2023-03-13")]
    r = runner.invoke(app, ["extract", str(p), "--dct", "2023-02-30"])
    assert r.exit_code == 2 and "not a calendar date" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("text, dct, expression, value", [
    # A past happening in a month after the report's date: the year before.
    ("The agency began operating with full powers in December.", "2013-04-11", "December", "2012-12"),
    ("The party, which he founded in February, won 48 seats.", "2012-05-29", "February", "2012-02"),
    # What is to come in a month before it: the year after.
    ("The commission will meet once a year, with the first session scheduled for Hanoi in March.",
     "2016-10-05", "March", "2017-03"),
    ("We will resubmit a revised proposal in January.", "2023-10-20", "January", "2024-01"),
    # Otherwise the report's own year: a plan told in the past, a condition, a month before it.
    ("The supper, originally scheduled for 16 November, has been moved to March.", "2023-10-20",
     "16 November", "2023-11-16"),
    ("Norway said it would give more if the ceasefire held through September.", "2017-08-22",
     "September", "2017-09"),
    ("The board approved the loan on 28 November.", "2024-12-11", "28 November", "2024-11-28"),
    ("The campaign was originally planned for April but was postponed.", "2025-05-23", "April", "2025-04"),
    ("The two leaders agreed to meet again in December.", "2016-10-05", "December", "2016-12"),
    ("By December the company will have closed 30 stores.", "2016-10-05", "December", "2016-12"),
    ("The vote was postponed until December.", "2016-10-05", "December", "2016-12"),
    ("OSLO, October 5, 2016 - Norway will hold talks with Colombia in January, the ministry said.",
     "2016-10-05", "January", "2017-01"),
    ("The board met on 29 February.", "2017-03-10", "29 February", "2016-02-29"),
    # A sentence's day date sets no year for the months after it.
    ("The supper has been moved to 7 March 2024 to avoid our appeal, which launches on 1 December.",
     "2023-10-20", "1 December", "2023-12-01"),
    # A narrative of a stated year keeps it: in the sentence, or set in the paragraph.
    ("In 2007 the party split, and in February its leader resigned.", "2012-05-29", "February",
     "2007-02"),
    ("On 2 August 1964 the destroyer was attacked. On 4 August a second attack was reported.",
     "2016-10-05", "4 August", "1964-08-04"),
    ("Smith joined the company in 1998. In December he became chief executive.", "2016-10-05",
     "December", "1998-12"),
    # A year told in another paragraph does not hold: the document's date does.
    ("The election in 2007 was disputed.\nThe party, which he founded in February, won 48 seats.",
     "2012-05-29", "February", "2012-02"),
])
def test_a_yearless_month_is_placed_by_the_document_date_the_tense_and_the_narrative(
        extractor, text, dct, expression, value):
    rec = extractor.extract(text, dct=dct)
    assert [d.value for d in rec.dates if d.text == expression] == [value]


def test_relative_dates_with_a_document_date_but_no_narrative_stay_unresolved(extractor):
    rec = extractor.extract("Two years later, the company went bankrupt.", dct="2016-10-05")
    assert [d.value for d in rec.dates] == ["FUTURE_REF"]
