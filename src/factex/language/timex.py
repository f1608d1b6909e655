"""TIMEX3 normalisation of English temporal expressions.

:func:`normalise` turns the text of one temporal expression into a TIMEX3 ``value``, ``mod``
and ``type``. Relative expressions ("the following year", "three years later", "that month")
are resolved against an :class:`Anchor`, the latest explicit date of the narrative, never
against today. Forms the rules here do not know go to dateparser, restricted to English and
with its missing fields filled from the anchor; without an anchor an expression that lacks a
year is left unresolved rather than guessed from the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from factex.language.lexicon import NUMBER_WORDS

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "numerous"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
UNIT_CODES = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE",
              "hour": "H", "minute": "M", "second": "S", "summer": "SU", "winter": "WI"}

# Prefixes that set TIMEX3 mod; the longest match wins.
MOD_PREFIXES = [
    ("the very beginning of", "START"), ("the beginning of", "START"), ("beginning of", "START"),
    ("the start of", "START"), ("start of", "START"), ("the dawn of", "START"),
    ("the early part of", "START"), ("early in", "START"), ("early", "START"),
    ("the middle of", "MID"), ("middle of", "MID"), ("the mid-", "MID"), ("mid-", "MID"),
    ("mid", "MID"),
    ("the end of", "END"), ("end of", "END"), ("the close of", "END"), ("the latter part of", "END"),
    ("late in", "END"), ("late", "END"),
    ("approximately", "APPROX"), ("around", "APPROX"), ("about", "APPROX"), ("circa", "APPROX"),
    ("ca.", "APPROX"), ("c.", "APPROX"), ("roughly", "APPROX"), ("some time in", "APPROX"),
    ("before", "BEFORE"), ("by", "BEFORE"), ("until", "BEFORE"), ("till", "BEFORE"),
    ("no later than", "BEFORE"), ("prior to", "BEFORE"), ("up to", "BEFORE"),
    ("after", "AFTER"), ("since", "AFTER"), ("later than", "AFTER"),
]

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_WS = re.compile(r"\s+")
_DASH = re.compile(r"\s*[\u2010-\u2015\u2212]\s*")
_ERA = r"(?:\s*(?P<era>b\.?c\.?e?\.?|a\.?d\.?|c\.?e\.?))"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{1,4})"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?")),
    ("dmy", re.compile(rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}{_ERA}?")),
    ("mdy", re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}{_ERA}?")),
    ("dm", re.compile(rf"(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}")),
    ("md", re.compile(rf"{_MONTH}\s+{_DAY}")),
    ("my", re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}{_ERA}?")),
    ("m", re.compile(rf"(?:the\s+month\s+of\s+)?{_MONTH}")),
    ("christmas", re.compile(r"christmas(?:\s+(?:day|eve))?(?:,?\s+(?:of\s+)?(?P<year>\d{4}))?")),
    ("season_y", re.compile(r"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+"
                            + _YEAR + _ERA + "?")),
    ("season", re.compile(r"(?:the\s+|that\s+|this\s+)?(?P<season>spring|summer|autumn|fall|winter)")),
    ("quarter", re.compile(r"(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                           r"(?:\s+of)?\s+(?P<year>\d{4})")),
    # The business shorthand: "Q3 2023", "3Q 2023"; not "Q3 FY2023" (a fiscal quarter need
    # not be the calendar's) nor "Q3'23" (a two-digit year is a guess).
    ("quarter_short", re.compile(r"(?:q(?P<q1>[1-4])|(?P<q2>[1-4])q)\s*(?:of\s+)?(?P<year>\d{4})")),
    ("half", re.compile(r"(?:the\s+)?(?P<ord>first|second)\s+half\s+of\s+(?P<year>\d{4})")),
    ("half_short", re.compile(r"(?:h(?P<h1>[12])|(?P<h2>[12])h)\s*(?:of\s+)?(?P<year>\d{4})")),
    ("century", re.compile(r"(?:the\s+)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)[\s-]+century"
                           + _ERA + "?")),
    ("centuries_00s", re.compile(r"(?:the\s+)?(?P<cent>\d{2})00s")),
    ("bc_decade", re.compile(r"(?:the\s+)?(?P<dec>\d{1,3})0'?s\s*b\.?c\.?e?\.?")),
    ("decade", re.compile(r"(?:the\s+)?(?P<dec>\d{3})0'?s")),
    ("month_of_rel", re.compile(rf"{_MONTH}\s+(?:of\s+)?(?:that|the\s+same|this)\s+year")),
    ("decade_short", re.compile(r"(?:the\s+)?'?(?P<dd>\d)0'?s")),
    ("decade_word", re.compile(r"(?:the\s+)?(?P<word>" + "|".join(DECADE_WORDS) + ")")),
    ("year", re.compile(r"(?:(?:the\s+)?(?:year|fiscal\s+year|fy)\s*)?" + _YEAR + _ERA + "?")),
    ("era_year", re.compile(r"(?P<era>a\.?d\.?)\s+(?P<year>\d{1,4})")),
]

_UNIT = r"(?P<unit>years?|months?|weeks?|days?|decades?|centuries|century)"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(list(NUMBER_WORDS) + list(VAGUE_NUMBERS), key=len,
                                           reverse=True)) + ")"
_REL_OFFSET = re.compile(
    rf"(?:some\s+|about\s+|almost\s+|nearly\s+|over\s+|just\s+|only\s+)?{_NUM}(?:\s+|-){_UNIT}"
    r"\s+(?P<dir>later|after|afterwards?|thereafter|on|earlier|before|previously|prior|ago)")
_REL_NEXT = re.compile(
    r"(?:the\s+)?(?:(?:later|early|earlier)\s+(?:in\s+)?)?(?P<dir>following|next|subsequent|succeeding|"
    r"previous|preceding|prior)\s+(?P<unit>year|month|week|day|spring|summer|autumn|fall|winter|decade)")
_REL_SAME = re.compile(
    r"(?:(?P<pos>later|earlier|early|late)\s+(?:in\s+)?)?(?:(?:the\s+)?(?:end|beginning|start|middle)\s+"
    r"of\s+)?(?:that\s+same|that|the\s+same|this|the)\s+(?P<unit>year|month|day|week|spring|summer|autumn|fall|"
    r"winter|decade)")
_REL_BEFORE = re.compile(r"(?:the\s+)?(?P<unit>year|month|day)\s+(?P<dir>before|after|earlier|later)")
_DURATION = re.compile(
    rf"(?:the\s+)?(?:(?:some|about|almost|nearly|over|more\s+than|less\s+than|just|only|at\s+least|"
    rf"another|a\s+further|the\s+next|the\s+past|the\s+last|the\s+first|the\s+following)\s+)*"
    rf"{_NUM}(?:\s+|-)(?P<unit>years?|months?|weeks?|days?|decades?|centuries|century|hours?|minutes?|seconds?)"
    r"(?:\s+(?:long|of\s+\w+))?")
_VAGUE_DURATION = re.compile(r"(?P<unit>years|months|weeks|days|decades|centuries|hours)")
_SET = re.compile(r"(?:every|each)\s+(?P<unit>year|month|week|day|summer|winter)|annually|yearly|"
                  r"monthly|weekly|daily")
_PRESENT = re.compile(r"now|today|currently|at present|presently|nowadays|the present( day)?|"
                      r"these days")
_PAST = re.compile(r"(?:in\s+)?recent(?:ly)?(?:\s+(?:years|decades|times|months))?|formerly|former|"
                   r"in the past|the past|previously|once|earlier")
_FUTURE = re.compile(r"(?:in\s+)?the\s+future|future|soon")
# Ages, counts and the bare "years" are not dates.
_NOT_DATES = re.compile(r"(?:the\s+)?(?:years|the\s+time|time|ages?|\d+\s+years?\s+old|aged?\s+\d+.*|"
                        r"the\s+day|the\s+days|the\s+era|the\s+period|that\s+time|this\s+time|"
                        r"the\s+same\s+time|the\s+moment|the\s+years\s+(?!\d).*)")


@dataclass(frozen=True)
class Anchor:
    """A reference date of the narrative: a year with an optional month and day."""

    year: int
    month: int | None = None
    day: int | None = None

    def value(self) -> str:
        """The anchor as a TIMEX3 value."""
        out = _year_str(self.year)
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression."""

    value: str
    mod: str | None = None
    type: str = "DATE"
    anchored: bool = False

    @property
    def is_calendar(self) -> bool:
        """A DATE with a calendar value (a year, month, day, decade…), not PRESENT_REF or a period."""
        return self.type == "DATE" and (self.value[:1].isdigit() or self.value.startswith("BC"))

    def anchor(self) -> Anchor | None:
        """The reference date this expression sets for later relative ones, if any."""
        if self.type != "DATE":
            return None
        v = self.value.split("/")[-1]
        m = re.fullmatch(r"(BC)?(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", v)
        if not m:
            m2 = re.fullmatch(r"(BC)?(\d{4})-(SP|SU|FA|WI|Q\d|H\d)", v)
            if not m2:
                return None
            year = int(m2.group(2))
            return Anchor(-year if m2.group(1) else year)
        year = int(m.group(2))
        if m.group(1):
            year = -year
        month = int(m.group(3)) if m.group(3) else None
        day = int(m.group(4)) if m.group(4) else None
        return Anchor(year, month, day)


def _year_str(year: int) -> str:
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def _clean(text: str) -> str:
    t = text.strip().lower()
    t = t.replace("\u2019", "'")
    t = _DASH.sub("-", t)
    t = _WS.sub(" ", t)
    return t.strip(" ,;:.()\"")


def _strip_mod(t: str) -> tuple[str, str | None]:
    # "mid- and late 1980s": the first mod word stands for the expression.
    m = re.match(r"(?:the\s+)?(early|mid|late)-?\s*(?:(?:and|or|to)\s+(?:early|mid|late)-?\s*)+(.+)", t)
    if m:
        return m.group(2), {"early": "START", "mid": "MID", "late": "END"}[m.group(1)]
    if t.startswith("the ") and not t.startswith(("the beginning", "the start", "the middle", "the end",
                                                  "the close", "the dawn", "the early part",
                                                  "the latter", "the very", "the mid-")):
        t = t[4:]
    for prefix, mod in MOD_PREFIXES:
        if t.startswith(prefix):
            rest = t[len(prefix):]
            if prefix.endswith("-") or rest.startswith((" ", "-")):
                rest = rest.lstrip(" -")
                if rest:
                    return rest, mod
    return t, None


def _valid_day(year: int, month: int, day: int) -> bool:
    import calendar

    return 1 <= day <= calendar.monthrange(year if year > 0 else 2000, month)[1]


def _era_year(year: int, era: str | None) -> int:
    if era and era.replace(".", "").startswith("b"):
        return -year
    return year


def _century_number(ordinal: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", ordinal)
    if m:
        return int(m.group(1))
    return ORDINALS.get(ordinal)


def _plausible_year(year: int, era: str | None, explicit_marker: bool) -> bool:
    if era or explicit_marker:
        return 0 < year <= 9999
    return 1000 <= year <= 2100


# A bare month this many months or more before the anchor's month is read as the next year's:
# "On 7 December 1941 ... In January" is January 1942. A narrative moves forward; a short step
# back ("In March 1917 ... in February") stays in the anchor's year.
ROLLOVER_MONTHS = 9


def _year_of_month(anchor: Anchor, month: int) -> int:
    """The year of a month named without one, read forward from the anchor."""
    if anchor.month is not None and anchor.month - month >= ROLLOVER_MONTHS:
        return anchor.year + 1
    return anchor.year


# One reader per pattern kind of _PATTERNS: (text, groups, era, anchor) -> Timex, or None when
# the match is no date after all (then the next pattern is tried).


def _iso(t, g, era, anchor):
    if not 1 <= int(g["month"]) <= 12:
        return None
    if g["day"] and not _valid_day(int(g["year"]), int(g["month"]), int(g["day"])):
        return None  # "2020-02-30" is no date
    return Timex(t if g["day"] else f"{g['year']}-{g['month']}")


def _day_month_year(t, g, era, anchor):
    year = _era_year(int(g["year"]), era)
    if not _plausible_year(abs(year), era, True):
        return None
    day, month = int(g["day"]), MONTHS[g["month"]]
    if not _valid_day(abs(year), month, day):
        return None  # "31 February 1972" is no date
    return Timex(f"{_year_str(year)}-{month:02d}-{day:02d}")


def _day_month(t, g, era, anchor):
    day, month = int(g["day"]), MONTHS[g["month"]]
    if not 1 <= day <= 31 or anchor is None:
        return None
    return Timex(f"{_year_str(_year_of_month(anchor, month))}-{month:02d}-{day:02d}", anchored=True)


def _month_year(t, g, era, anchor):
    year = _era_year(int(g["year"]), era)
    # A month names a year of three digits as well as four ("August 991"); not of two ("May 12").
    if not _plausible_year(abs(year), era, len(g["year"]) == 3) and not era:
        return None
    return Timex(f"{_year_str(year)}-{MONTHS[g['month']]:02d}")


_SHORT_MONTHS = ("may", "mar", "dec", "jan", "jun", "jul", "sep", "oct", "nov", "feb", "apr", "aug")


def _month(t, g, era, anchor):
    if anchor is None or g["month"] in _SHORT_MONTHS and len(t) <= 3:
        return None  # "may", "mar" alone are words more often than months
    month = MONTHS[g["month"]]
    return Timex(f"{_year_str(_year_of_month(anchor, month))}-{month:02d}", anchored=True)


def _christmas(t, g, era, anchor):
    year = int(g["year"]) if g.get("year") else (anchor.year if anchor else None)
    if year is None:
        return None
    return Timex(f"{_year_str(year)}-12-25", anchored=not g.get("year"))


def _season_year(t, g, era, anchor):
    year = _era_year(int(g["year"]), era)
    if not _plausible_year(abs(year), era, True):
        return None
    return Timex(f"{_year_str(year)}-{SEASONS[g['season']]}")


def _in_anchor_year(anchor, part: str):
    """A part of the narrative's year ("that summer", "in May of that year"), or None."""
    return None if anchor is None else Timex(f"{_year_str(anchor.year)}-{part}", anchored=True)


def _season(t, g, era, anchor):
    return _in_anchor_year(anchor, SEASONS[g["season"]])


def _quarter(t, g, era, anchor):
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["ord"]) or int(g["ord"][0])
    return Timex(f"{g['year']}-Q{q}")


def _quarter_short(t, g, era, anchor):
    return Timex(f"{g['year']}-Q{g['q1'] or g['q2']}")


def _half_short(t, g, era, anchor):
    return Timex(f"{g['year']}-H{g['h1'] or g['h2']}")


def _half(t, g, era, anchor):
    return Timex(f"{g['year']}-H{1 if g['ord'] == 'first' else 2}")


def _century(t, g, era, anchor):
    n = _century_number(g["ord"])
    if not n or n > 21:
        return None
    if era and era.replace(".", "").startswith("b"):
        return Timex(f"BC{n - 1:02d}")
    return Timex(f"{n - 1:02d}")


def _hundreds(t, g, era, anchor):
    # "the 1800s", "the 1900s" are centuries; "the 2000s" is, in use, the decade 2000-2009
    # (the 21st century is not yet called "the 2000s").
    return Timex("200" if g["cent"] == "20" else g["cent"])


def _bc_decade(t, g, era, anchor):
    # "the 470s BC": TIMEX3 writes BC decades with three digits too.
    return Timex(f"BC{int(g['dec']):03d}")


def _month_of_relative_year(t, g, era, anchor):
    return _in_anchor_year(anchor, f"{MONTHS[g['month']]:02d}")


def _decade_short(t, g, era, anchor):
    century = (anchor.year // 100) if anchor and anchor.year > 0 else 19
    return Timex(f"{century}{g['dd']}", anchored=anchor is not None)


def _decade_word(t, g, era, anchor):
    century = (anchor.year // 100) if anchor and anchor.year > 0 else 19
    return Timex(f"{century}{DECADE_WORDS[g['word']]}", anchored=anchor is not None)


def _year(t, g, era, anchor):
    year = int(g["year"])
    marker = t.startswith(("year", "the year", "fiscal", "fy"))
    if not _plausible_year(year, era, marker):
        return None
    return Timex(_year_str(_era_year(year, era)))


_READERS = {
    "iso": _iso, "dmy": _day_month_year, "mdy": _day_month_year, "dm": _day_month, "md": _day_month,
    "my": _month_year, "m": _month, "christmas": _christmas, "season_y": _season_year,
    "season": _season, "quarter": _quarter, "half": _half,
    "quarter_short": _quarter_short, "half_short": _half_short, "century": _century,
    "centuries_00s": _hundreds, "bc_decade": _bc_decade,
    "decade": lambda t, g, era, anchor: Timex(g["dec"]), "month_of_rel": _month_of_relative_year,
    "decade_short": _decade_short, "decade_word": _decade_word, "year": _year, "era_year": _year,
}


def _parse_absolute(t: str, anchor: Anchor | None) -> Timex | None:
    """Absolute (or anchor-completed) dates: the first pattern that matches the whole text and
    whose reader accepts it."""
    for kind, pat in _PATTERNS:
        m = pat.fullmatch(t)
        if m:
            g = m.groupdict()
            found = _READERS[kind](t, g, g.get("era"), anchor)
            if found is not None:
                return found
    return None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _shift(anchor: Anchor, unit: str, n: int) -> tuple[str, bool] | None:
    unit = unit.rstrip("s") if unit not in ("centuries",) else "century"
    if unit == "year":
        return _year_str(anchor.year + n), True
    if unit == "decade":
        y = anchor.year + 10 * n
        return (f"{y // 10:03d}" if y > 0 else _year_str(y)), True
    if unit == "month":
        if anchor.month is None:
            return None
        idx = anchor.year * 12 + (anchor.month - 1) + n
        return f"{_year_str(idx // 12)}-{idx % 12 + 1:02d}", True
    if unit in ("day", "week"):
        if anchor.month is None or anchor.day is None or anchor.year <= 0:
            # "the next day" after "March 1918": the day is unknown, the month is not.
            return anchor.value(), True
        days = n * (7 if unit == "week" else 1)
        d = date.fromordinal(date(anchor.year, anchor.month, anchor.day).toordinal() + days)
        if unit == "week":
            return d.strftime("%Y-W%V"), True
        return d.isoformat(), True
    return None


def _parse_relative(t: str, anchor: Anchor | None) -> Timex | None:
    m = _REL_OFFSET.fullmatch(t)
    if m:
        n = _number(m.group("num"))
        direction = m.group("dir")
        back = direction in ("earlier", "before", "previously", "prior", "ago")
        if n is None or anchor is None:
            return Timex("PAST_REF" if back else "FUTURE_REF", anchored=False)
        res = _shift(anchor, m.group("unit"), -n if back else n)
        if res is None:
            unit = m.group("unit").rstrip("s")
            if unit in ("day", "week") and anchor.month:
                return Timex(f"{_year_str(anchor.year)}-{anchor.month:02d}", mod="APPROX", anchored=True)
            return Timex(_year_str(anchor.year), mod="APPROX", anchored=True)
        return Timex(res[0], anchored=True)
    m = re.fullmatch(rf"(?:the\s+)?(?P<dir>following|next|previous|preceding)\s+(?P<month>{_MONTH_NAMES})", t)
    if m and anchor is not None:
        # "the following June" after March 2022 is June 2023 only if June has passed.
        month = MONTHS[m.group("month")]
        forward = m.group("dir") in ("following", "next")
        ref = anchor.month or (12 if forward else 1)  # a bare year: the next (or last) one
        year = anchor.year + (1 if forward and month <= ref else -1 if not forward and month >= ref else 0)
        return Timex(f"{_year_str(year)}-{month:02d}", anchored=True)
    m = _REL_NEXT.fullmatch(t)
    if m:
        if anchor is None:
            return None
        step = -1 if m.group("dir") in ("previous", "preceding", "prior") else 1
        unit = m.group("unit")
        if unit in SEASONS:
            return Timex(f"{_year_str(anchor.year + (1 if step > 0 else -1))}-{SEASONS[unit]}",
                         anchored=True)
        res = _shift(anchor, unit, step)
        return Timex(res[0], anchored=True) if res else None
    m = _REL_BEFORE.fullmatch(t)
    if m:
        if anchor is None:
            return None
        step = -1 if m.group("dir") in ("before", "earlier") else 1
        res = _shift(anchor, m.group("unit"), step)
        return Timex(res[0], anchored=True) if res else None
    m = _REL_SAME.fullmatch(t)
    if m:
        if anchor is None:
            return None
        unit = m.group("unit")
        pos = m.group("pos")
        mod = {"later": None, "earlier": None, "early": "START", "late": "END"}.get(pos or "", None)
        if "end of" in t:
            mod = "END"
        elif "beginning of" in t or "start of" in t:
            mod = "START"
        elif "middle of" in t:
            mod = "MID"
        if unit == "year":
            return Timex(_year_str(anchor.year), mod=mod, anchored=True)
        if unit == "decade":
            return Timex(f"{anchor.year // 10:03d}", mod=mod, anchored=True)
        if unit == "month":
            if anchor.month is None:
                return None
            return Timex(f"{_year_str(anchor.year)}-{anchor.month:02d}", mod=mod, anchored=True)
        if unit == "day":
            return Timex(anchor.value(), mod=mod, anchored=True)
        if unit in SEASONS:
            return Timex(f"{_year_str(anchor.year)}-{SEASONS[unit]}", mod=mod, anchored=True)
    return None


def _parse_duration(t: str) -> Timex | None:
    if _SET.fullmatch(t):
        unit = re.search(r"year|month|week|day|summer|winter|annual|daily", t)
        code = {"annual": "Y", "daily": "D"}.get(unit.group(0), UNIT_CODES.get(unit.group(0), "Y"))
        return Timex(f"P1{code}", type="SET")
    m = _DURATION.fullmatch(t)
    if m:
        n = _number(m.group("num"))
        unit = m.group("unit").rstrip("s")
        unit = "century" if unit.startswith("centur") else unit
        code = UNIT_CODES.get(unit, "Y")
        if unit in ("hour", "minute", "second"):
            return Timex(f"PT{n if n is not None else 'X'}{code}", type="DURATION")
        return Timex(f"P{n if n is not None else 'X'}{code}", type="DURATION")
    if _VAGUE_DURATION.fullmatch(t) and t != "years":
        unit = t.rstrip("s")
        unit = "century" if unit.startswith("centur") else unit
        return Timex(f"PX{UNIT_CODES.get(unit, 'Y')}", type="DURATION")
    return None


def _range_sides(t: str) -> list[tuple[str, str]]:
    """Candidate (left, right) sides of a range, most specific first."""
    out = []
    m = re.fullmatch(r"(?:from|between)\s+(.+?)\s+(?:to|until|till|through|and|-)\s+(.+)", t)
    if m:
        out.append((m.group(1), m.group(2)))
    body = re.sub(r"^(?:from|between|(?:the\s+)?years)\s+", "", t)
    for sep in re.finditer(r"\s*(?:-|/|to|until|till|through|and)\s*", body):
        left, right = body[:sep.start()], body[sep.end():]
        if left and right and (left, right) not in out:
            out.append((left, right))
    return out


def _normalise_range(t: str, anchor: Anchor | None) -> Timex | None:
    for left, right in _range_sides(t):
        found = _normalise_sides(left, right, anchor)
        if found is not None:
            return found
    return None


def _normalise_sides(left: str, right: str, anchor: Anchor | None) -> Timex | None:
    era = re.search(_ERA + r"$", right)
    if era and not re.search(_ERA + r"$", left):
        left = f"{left} {era.group('era')}"
    ltx = _parse_absolute(left, anchor)
    if ltx is None and re.fullmatch(r"\d{1,2}", left) and re.search(r"[a-z]", right):
        # "12-14 March 1990": the left day borrows the right month and year.
        rt = _parse_absolute(right, anchor)
        if rt and re.fullmatch(r"(BC)?\d{4}-\d{2}-\d{2}", rt.value):
            return Timex(f"{rt.value[:-2]}{int(left):02d}/{rt.value}")
    rtx = _parse_absolute(right, ltx.anchor() if ltx else anchor)
    if (rtx is None and ltx is not None and re.fullmatch(r"\d{2}", right)
            and re.fullmatch(r"\d{4}", ltx.value)):
        # "1972-75": the right year borrows the century of the left.
        century = ltx.value[:2]
        rtx = Timex(f"{century}{right}")
    day = re.fullmatch(r"(?P<day>\d{1,2}),?(?:\s+(?P<year>\d{4}))?", right)
    if rtx is None and day and (ltx is not None or day.group("year")):
        # "April 13-15", "March 5-9, 1918": the right day borrows the left's month (and the
        # left its year, when the right states one).
        if day.group("year"):
            ltx = _parse_absolute(left, Anchor(int(day.group("year"))))
            ltx = ltx and Timex(ltx.value, ltx.mod, ltx.type)
        if ltx is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", ltx.value):
            return None
        if not int(ltx.value[-2:]) < int(day.group("day")) <= 31:
            return None
        rtx = Timex(f"{ltx.value[:-2]}{int(day.group('day')):02d}", anchored=ltx.anchored)
    if rtx is not None and not rtx.anchored and (ltx is None or ltx.anchored):
        # "May 15 to August 16, 1988", "May-August 1950": the left side takes the year the
        # right one states, a year earlier when it would otherwise come after it.
        ltx = _left_side_in_year(left, rtx) or ltx
    if ltx is None or rtx is None:
        return None
    if rtx.anchored and rtx.value < ltx.value and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", rtx.value):
        # "October to March": the later month is in the following year.
        rtx = Timex(f"{int(rtx.value[:4]) + 1:04d}{rtx.value[4:]}", anchored=True)
    return Timex(f"{ltx.value}/{rtx.value}", anchored=ltx.anchored or rtx.anchored)


_LOOKS_BACK = re.compile(r"\b(?:previous(?:ly)?|preceding|prior|earlier|before|ago|last)\b")


def looks_back(text: str, timex: Timex) -> bool:
    """True for a relative expression that steps back from the narrative ("the previous year",
    "a year earlier", "two years ago"): a flashback, after which the story resumes where it was,
    so it should not become the reference date for what follows."""
    return timex.anchored and _LOOKS_BACK.search(_clean(text)) is not None


def _left_side_in_year(left: str, right: Timex) -> Timex | None:
    """The left side of a range without a year, in the year of the right side."""
    ref = right.anchor()
    if ref is None:
        return None
    if re.fullmatch(_MONTH, left):  # "May" alone is a month here, not the verb
        found = Timex(f"{_year_str(ref.year)}-{MONTHS[left.rstrip('.')]:02d}")
    else:
        found = _parse_absolute(left, Anchor(ref.year))
    if found is None or not re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", found.value):
        return found and Timex(found.value, found.mod, found.type)
    if found.value[:len(right.value)] > right.value:
        found = Timex(f"{ref.year - 1:04d}{found.value[4:]}", found.mod)
    return Timex(found.value, found.mod, found.type)


def normalise(text: str, anchor: Anchor | None = None) -> Timex | None:
    """Normalise one temporal expression to TIMEX3.

    Args:
        text: the expression as it stands in the text ("the late 1950s", "25 January 1972",
            "three years later").
        anchor: the narrative's reference date for relative and incomplete expressions.

    Returns:
        The :class:`Timex`, or None for text that is not a date (ages, "the years") or that
        cannot be resolved without inventing a year.
    """
    t = _clean(text)
    if not t:
        return None
    return _normalise_cached(t, anchor)


@lru_cache(maxsize=65536)
def _normalise_cached(t: str, anchor: Anchor | None) -> Timex | None:
    if _NOT_DATES.fullmatch(t):
        return None
    if _PRESENT.fullmatch(t):
        return Timex("PRESENT_REF")
    if _PAST.fullmatch(t):
        return Timex("PAST_REF")
    if _FUTURE.fullmatch(t):
        return Timex("FUTURE_REF")
    found = _parse_relative(t, anchor)
    if found:
        return found
    core, mod = _strip_mod(t)
    for candidate in (core, t) if core != t else (t,):
        found = _parse_absolute(candidate, anchor) or _normalise_range(candidate, anchor)
        if found:
            if candidate == core and mod and not found.mod:
                found = Timex(found.value, mod, found.type, found.anchored)
            return found
        rel = _parse_relative(candidate, anchor)
        if rel:
            return Timex(rel.value, rel.mod or (mod if candidate == core else None), rel.type,
                         rel.anchored)
    duration = _parse_duration(t)
    if duration:
        return duration
    return _dateparser_fallback(core, mod, anchor)


_PARSERS: tuple = ()
_CLOCK_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b", re.I)
# dateparser fills what the text leaves out from its reference date (the clock unless told
# otherwise). Two parsers with two different fixed reference dates, far apart in every field,
# make that visible: a value they disagree on came from the reference date, not from the text.
_REFERENCE_DATES = ((2001, 2, 15, 3, 7), (2010, 11, 26, 17, 41))


def _date_parsers() -> tuple:
    global _PARSERS  # one pair per process: building them is the expensive part
    if not _PARSERS:
        from datetime import datetime

        from dateparser.date import DateDataParser

        _PARSERS = tuple(
            DateDataParser(languages=["en"], settings={
                "PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": True,
                "RELATIVE_BASE": datetime(*ref)})
            for ref in _REFERENCE_DATES)
    return _PARSERS


def warm_up() -> None:
    """Build the dateparser parsers and let them load their English data now (they do so on
    their first parse), so that the first document does not pay for it."""
    for parser in _date_parsers():
        parser.get_date_data("25 January 1972")


def _dateparser_fallback(t: str, mod: str | None, anchor: Anchor | None) -> Timex | None:
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", t):
        return None  # an ISO date our reader refused ("2020-02-30") is no date in another order
    has_year = re.search(r"\b\d{3,4}\b", t) is not None
    if not has_year and anchor is None:
        return None
    if not re.search(r"\d|" + "|".join(MONTHS), t):
        return None
    if not has_year and not re.search("|".join(MONTHS), t):
        return None  # dateparser would take the month (and more) from the clock
    values = {_dateparser_value(parser, t, has_year, anchor) for parser in _date_parsers()}
    if len(values) != 1:
        return None  # part of the value came from the reference date, not from the text
    found = values.pop()
    if found is None:
        return None
    value, kind = found
    return Timex(value, mod, kind, anchored=not has_year)


def _dateparser_value(parser, t: str, has_year: bool, anchor: Anchor | None):
    try:
        found = parser.get_date_data(t)
    except Exception:  # dateparser raises assorted errors on odd input: then it is not a date
        return None
    if found is None or found.date_obj is None:
        return None
    d = found.date_obj
    if not has_year:
        # dateparser filled the year from its reference date; the narrative's year is the
        # right one.
        try:
            d = d.replace(year=anchor.year)
        except ValueError:
            return None
    period = found.period or "day"
    if period == "year":
        return f"{d.year:04d}", "DATE"
    if period == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", "DATE"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}", "DATE"
    if period == "time":
        if not (has_year and _CLOCK_TIME.search(t)):
            return None  # the date or the time of day would come from the clock, not the text
        return d.strftime("%Y-%m-%dT%H:%M"), "TIME"
    return d.date().isoformat(), "DATE"
