"""Document time: the date a document was written (its dateline, a report's "Date:" line, or
one the user gives), and the deictic expressions resolved against it.

Contract v1.1: deictic expressions ("on Tuesday", "yesterday", "last month", "earlier this
week", "next year") are resolved against the document's own date, never the clock; relative
ones ("the following year", "three years later") against the narrative (see
:mod:`factex.language.timex`). Without a document date a deictic expression gets no value here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from factex.language.timex import Timex, normalise

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
_UNITS = ("week", "month", "year")


@dataclass(frozen=True)
class DocTime:
    """A document's date and where it came from."""

    value: str  # YYYY-MM-DD
    source: str  # "dateline", "date line" (a report's Date:/Issued: line) or "user"
    start: int | None = None  # the dateline in the text, when read from it
    end: int | None = None

    @property
    def day(self) -> date:
        return date.fromisoformat(self.value)


def parse_dct(value: str) -> DocTime:
    """A user-supplied document date (``--dct``).

    Raises:
        ValueError: when it is not a real calendar date written YYYY-MM-DD.
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
        raise ValueError(f"document date {value!r} is not YYYY-MM-DD")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"document date {value!r} is not a calendar date") from None
    return DocTime(value, "user")


# -- datelines -------------------------------------------------------------------------------

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_FULL_DATE = (rf"(?P<date>{_WEEKDAY}(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
              r"|\d{4}-\d{2}-\d{2}))")
# A wire agency after the place or the date: "(AFP)", "(Reuters)", "/NTB/".
_AGENCY_NAME = r"[A-Z][\w.&' -]{0,30}"
_AGENCY = rf"(?:\s*(?:\((?:{_AGENCY_NAME})\)|/[A-Z][\w.&' -]{{0,20}}/))?"
_DASH = r"\s*(?:[-\u2013\u2014:]{1,2}|--)"
_WORD = r"[A-Z][A-Za-z\u00C0-\u024F.'\u2019-]*"
# A place of filing: capitalised words ("NAIROBI", "Port-au-Prince", "Rio de Janeiro"), perhaps
# with its country ("Lima, Peru"); no digits, so "In 1972, …" is no dateline.
_PLACE = (rf"{_WORD}(?:\s+(?:(?:de|da|do|du|des|la|le|al|el|of|upon|am|an)\s+)?{_WORD}){{0,3}}"
          rf"(?:,\s*{_WORD}(?:\s+{_WORD}){{0,2}})?")
# "NAIROBI, 14 March 2023 (AFP) -", "Jakarta, 2 February 2021 --", "Lima, Peru - Thursday 12
# June 2014:", "WASHINGTON (AP) — May 9, 2019 —"
_DATELINES = [
    re.compile(rf"^(?P<place>{_PLACE}){_AGENCY}\s*(?:,|{_DASH})\s*{_FULL_DATE}{_AGENCY}{_DASH}", re.I),
    re.compile(rf"^(?P<place>{_PLACE}){_AGENCY}{_DASH}\s*{_FULL_DATE}{_DASH}", re.I),
    # A press release's dateline on a line of its own: "Brussels, 14 March 2023".
    re.compile(rf"^(?P<place>{_PLACE}),\s*{_FULL_DATE}\s*$", re.I),
]
# A report's own date line: "Date: 12 May 2020", "Issued: 3 March 2021", "Published 9 May 2019".
# A report's own date line: "Date: 12 May 2020", "Issued: 3 March 2021", "Published 19 December
# 2024 · Updated …", or a line holding a date alone under the title.
_DATE_LINES = [
    re.compile(rf"^\s*(?:date|dated|issued|issue date|published|posted|release date|date of issue)"
               rf"\s*[:\-\u2013]?\s*{_FULL_DATE}(?:\s*$|\s+[^\w\s]+\s)", re.I | re.M),
    re.compile(rf"^\s*{_FULL_DATE}\s*$", re.I | re.M),
]
# A wire dateline without a year: "JUBA, Aug 22 (Reuters) -", "March 14 (Reuters) –". The
# agency is required and case matters (no re.I): "However, May 5 -" or "March 14 (Monday) –"
# is no dateline.
_DAY_MONTH = rf"(?P<date>(?i:{_WEEKDAY}(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})))"
_WIRE = rf"\s*\((?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\)){_AGENCY_NAME}\)"
_YEARLESS_DATELINES = [
    re.compile(rf"^(?P<place>{_PLACE}),\s*{_DAY_MONTH}{_WIRE}{_DASH}\s"),
    re.compile(rf"^{_DAY_MONTH}{_WIRE}{_DASH}\s"),
]
# A year: a four-digit number from 1600 to 2099, not a count ("1800 people", "2000 troops": a
# plural noun after it).
_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b(?!\s+(?:[a-z]+s|people|men|women|children)\b)")
_HEAD_CHARS = 1500  # a dateline stands in the first lines


def find_doctime(text: str) -> DocTime | None:
    """The document's date from its dateline (the first paragraph's opening) or its date line
    ("Date: 12 May 2020") near the top; a wire dateline without a year ("JUBA, Aug 22
    (Reuters) -") takes the year the text names most. None when it has neither, or a date
    without a year in a text that names no year."""
    head = text[:_HEAD_CHARS]
    pos = 0
    yearless = None
    for n, line in enumerate(head.splitlines(keepends=True)):
        stripped = line.lstrip()
        offset = pos + len(line) - len(stripped)
        for pattern in _DATELINES:
            m = pattern.match(stripped)
            if m:
                value = _full_date(m.group("date"))
                if value:
                    return DocTime(value, "dateline", offset, offset + m.end())
        if yearless is None:
            yearless = next(((m, offset) for p in _YEARLESS_DATELINES if (m := p.match(stripped))),
                            None)
        pos += len(line)
        if n >= 6:
            break
    for pattern in _DATE_LINES:
        m = pattern.search(head)
        if m:
            value = _full_date(m.group("date"))
            if value:
                return DocTime(value, "date line", m.start("date"), m.end("date"))
    if yearless is not None:
        # A wire story's dateline gives the day, not the year: the year is the one the text's
        # dates name most (ties: the later), the year its news is about.
        m, offset = yearless
        years = [int(y) for y in _YEAR.findall(text)]
        if years:
            year = max(set(years), key=lambda y: (years.count(y), y))
            value = _full_date(f"{m.group('date')} {year}")
            if value:
                return DocTime(value, "dateline", offset, offset + m.end() - 1)
    return None


def _full_date(text: str) -> str | None:
    text = re.sub(rf"^{_WEEKDAY}", "", text.strip(), flags=re.I)
    timex = normalise(text)
    if timex is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value):
        return timex.value
    return None


# -- deictic expressions ---------------------------------------------------------------------

_DEICTIC = re.compile(
    r"(?:on\s+|by\s+|since\s+|until\s+)?(?:(?P<rel>last|next|this|coming|past)\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?P<day>yesterday|today|tomorrow|tonight|this\s+(?:morning|afternoon|evening))"
    r"|(?:(?P<side>earlier|later)\s+)?(?P<urel>last|next|this|the\s+past|the\s+coming)\s+(?P<unit>week|month|year)"
)


def is_deictic(text: str) -> bool:
    """Whether an expression is resolved against the document's date."""
    return _DEICTIC.fullmatch(_clean(text)) is not None


def resolve_deictic(text: str, dct: date, *, future: bool = False) -> Timex | None:
    """A deictic expression's TIMEX3 value against the document date ``dct``.

    Args:
        text: the expression ("on Tuesday", "last month", "earlier this week").
        dct: the document's date.
        future: the clause speaks of what will happen ("will meet on Tuesday"): a bare weekday
            is then the next one, not the last.

    Returns:
        A DATE Timex (day, ISO week, month or year), or None for another expression.
    """
    m = _DEICTIC.fullmatch(_clean(text))
    if not m:
        return None
    if m.group("wd"):
        target = WEEKDAYS[m.group("wd")]
        rel = m.group("rel")
        if rel in ("next", "coming") or (rel is None and future):
            delta = (target - dct.weekday()) % 7 or (7 if rel else 0)
            return _day(dct + timedelta(days=delta))
        if rel == "this":
            return _day(dct + timedelta(days=target - dct.weekday()))
        delta = (dct.weekday() - target) % 7
        if rel in ("last", "past") and delta == 0:
            delta = 7
        return _day(dct - timedelta(days=delta))
    if m.group("day"):
        word = m.group("day").split()[0]
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        return _day(dct + timedelta(days=shift))
    unit, rel = m.group("unit"), m.group("urel").replace("the ", "")
    step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[rel]
    if unit == "week":
        iso = (dct + timedelta(weeks=step)).isocalendar()
        return Timex(f"{iso[0]:04d}-W{iso[1]:02d}", anchored=True)
    if unit == "month":
        y, mo = divmod(dct.year * 12 + dct.month - 1 + step, 12)
        return Timex(f"{y:04d}-{mo + 1:02d}", anchored=True)
    return Timex(f"{dct.year + step:04d}", anchored=True)


def _day(d: date) -> Timex:
    return Timex(d.isoformat(), anchored=True)


def _clean(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").strip(" .,;:").split())
