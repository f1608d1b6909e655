"""``factex_dates``: temporal expressions, normalised to TIMEX3 with narrative anchoring.

Candidates are the model's DATE/TIME entities plus token patterns from
``data/date_patterns.jsonl`` (BC years, seasons, decades with early/mid/late, relative
expressions the model misses). Each candidate is normalised by :func:`factex.language.timex.normalise`
against the narrative's anchor: the latest explicit date read so far in the document.
Ranges ("from 1972 until 1975", "1988–1998") are kept as two expressions, as TimeML annotates
them, each carrying the range value for the events that need it.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import ValidationError
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from factex.language.lexicon import DATE_PREPOSITION_MODS, YEAR_WORD
from factex.errors import DataError
from factex.language.docutil import doc_text, span_text, token_texts
from factex.language.fastmatch import AnchoredMatcher, flagged
from factex.language.doctime import is_deictic, resolve_deictic
from factex.language.rules import DatePattern, active
from factex.components.base import RulesComponent
from factex.components.doctime import in_dateline
from factex.records.mentions import DateMention
from factex.language.timex import Anchor, Timex, looks_back, normalise, warm_up


_RANGE_SPLIT = re.compile(
    r"^(?P<pre>(?:from|between)\s+)?(?P<left>.+?)(?P<sep>\s*(?:[\u2010-\u2015\-/]|to|until|till|"
    r"through|and)\s*)(?P<right>.+)$", re.I)
_LEADING_JUNK = re.compile(r"^(?:in|on|at|during|of|since|by|from)\s+", re.I)


@Language.factory("factex_dates", default_config={"use_model_entities": True},
                  requires=["doc.ents", "token.is_sent_start"],
                  assigns=["doc._.factex_dates", "doc._.factex_anchor_out"])
def make_dates(nlp: Language, name: str, *, use_model_entities: bool) -> "DatesComponent":
    """Build the dates component (its patterns are compiled once, here)."""
    return DatesComponent(nlp, use_model_entities=use_model_entities)


class DatesComponent(RulesComponent):
    """Sets ``doc._.factex_dates``."""

    def __init__(self, nlp: Language, *, use_model_entities: bool = True) -> None:
        warm_up()  # per process, not on the first document
        self.vocab = nlp.vocab
        self.use_model_entities = use_model_entities
        super().__init__()

    def _compile(self) -> None:
        reference_matcher(self.vocab, self.rules.date_patterns)  # validates the patterns
        # The same patterns with their set tests as lexeme flags, run only around the words
        # they require: the Matcher's time drops several-fold (see factex.language.fastmatch), the
        # matches are the same.
        self.matcher = AnchoredMatcher(self.vocab, (
            (row.id, [flagged(self.vocab, p) for p in _without_leading_optionals(row.pattern)])
            for row in self.rules.date_patterns))

    def candidates(self, doc: Doc) -> list[Span]:
        """Candidate spans: model DATE/TIME entities and pattern matches, longest first."""
        spans = []
        if self.use_model_entities:
            for ent in doc.ents:
                if ent.label_ in ("DATE", "TIME"):
                    spans.extend(_split_at_line_breaks(ent))
        for match_id, s, e in self.matcher(doc):
            if doc.vocab.strings[match_id].endswith("_last"):
                s = e - 1  # "the War of 1812": the pattern finds the name, the date is the year
            spans.append(Span(doc, s, e, label="DATE"))
        return _join_coordinated(sorted(filter_spans(spans), key=lambda s: s.start))

    def _process(self, doc: Doc) -> Doc:
        anchor: Anchor | None = doc._.factex_anchor
        doctime = doc._.factex_doctime
        dct = date.fromisoformat(doctime["value"]) if doctime else None
        spans = [s for s in (_trim_date(c) for c in self.candidates(doc)) if s is not None]
        spans = sorted(filter_spans(spans + _early_years(doc, spans)), key=lambda s: s.start)
        spans = _join_day_and_year(spans)
        years = _explicit_years(spans)
        low, high = _narrative_years(years)
        doc_year = _document_year(years, dct)
        out: list[DateMention] = []
        day_anchor = anchor if anchor is not None and anchor.day else None
        text = doc_text(doc)
        anchor_at: int | None = None  # where the narrative's anchor was read
        for span in spans:
            # In a dated document a year-less month follows the narrative only when the
            # sentence or the paragraph names the year ("In 2015 …, and in December …";
            # "On 2 August 1964 … On 4 August …"), else the document's date.
            own_year = dct is not None and (_year_stated_before(doc, span, out) or (
                anchor is not None and abs(anchor.year - dct.year) > 1 and anchor_at is not None
                and "\n" not in text[anchor_at:span.start_char]))
            for mention in self._normalise_span(span, anchor, dct, doc_year, own_year):
                mention.timex = _continue_days(mention, mention.timex, anchor, day_anchor)
                out.append(mention)
                if mention.timex.type == "DATE" and mention.timex.value[:1].isalnum():
                    new = mention.timex.anchor()
                    # A year far outside the narrative's period ("the War of 1812" in a text on
                    # 1920) is an aside: it does not become the reference for what follows; nor
                    # does a flashback ("the previous year", "two years ago").
                    if (new is not None and low <= new.year <= high
                            and not looks_back(mention.text, mention.timex)):
                        anchor, anchor_at = new, mention.start
                        if new.day or new.month:
                            # A month without a day ends the day-by-day account; a bare year
                            # may be an aside within it.
                            day_anchor = new if new.day else None
        _borrow_stated_year(doc, out)
        _link_ranges(doc, out)
        doc._.factex_dates = out
        doc._.factex_anchor_out = anchor
        return doc

    def _normalise_span(self, span: Span, anchor: Anchor | None, dct: date | None = None,
                        doc_year: int | None = None, own_year: bool = False) -> list[DateMention]:
        text = span_text(span)
        timex = None
        if span.label_ == EARLY_YEAR:
            timex = Timex(f"{int(text):04d}", _preposition_mod(span), "DATE")
            return [_mention(span, timex)]
        if dct is not None and is_deictic(text):
            # "on Tuesday", "last month": against the document's date, not the narrative's.
            timex = resolve_deictic(text, dct, future=_speaks_of_future(span))
        if timex is None:
            timex = normalise(text, anchor)
            if timex is None and anchor is None and dct is not None:
                # Before any date of the text, a month or day takes the document's year.
                timex = normalise(text, Anchor(dct.year))
                if timex is not None and not _yearless(text, timex):
                    timex = None
            if own_year:
                pass  # the narrative's year, as the text says
            elif timex is not None and dct is not None and _yearless(text, timex):
                # "founded in February", "will meet in March" in a dated report: the month
                # nearest the report's date that the tense points to (contract v1.1).
                timex = _in_dct_year(timex, dct, _tense(span))
            elif timex is not None and doc_year is not None:
                timex = _in_document_year(text, timex, doc_year)
        if timex is None or (" and " in text and "/" not in timex.value):
            parts = _split_coordination(span, anchor)
            if parts:
                return parts
        if timex is None:
            return []
        prep_mod = _preposition_mod(span)
        if prep_mod and timex.mod is None and timex.type == "DATE":
            timex = Timex(timex.value, prep_mod, timex.type, timex.anchored)
        if "/" in timex.value:
            parts = _range_mentions(span, anchor)
            if parts:
                for p in parts:
                    p.range_value = timex.value
                    p.range_start, p.range_end = span.start_char, span.end_char
                return parts
        return [_mention(span, timex)]


_DAY_OR_MONTH = re.compile(r"(?:BC)?\d{4}-\d{2}(?:-\d{2})?")


def _in_document_year(text: str, timex: Timex, doc_year: int | None) -> Timex:
    """A day or month without a year in a dated document is in the document's own year (the
    year its explicit dates name most, within a year of its date), not in the year of an aside
    ("17 October" in a report of 22 October 2021 that compared the floods of 2020)."""
    if (doc_year is None or not timex.anchored or not _DAY_OR_MONTH.fullmatch(timex.value)
            or re.search(r"\d{3,4}", text) or timex.value.startswith(f"{doc_year:04d}")):
        return timex
    try:
        date(doc_year, int(timex.value[5:7]), int(timex.value[8:10]) if len(timex.value) == 10 else 1)
    except ValueError:
        return timex
    return Timex(f"{doc_year:04d}{timex.value[4:]}", timex.mod, timex.type, True)


# Words that tie a month to the narrative rather than to the report's date ("that May", "the
# same month", "the following March").
_ANAPHORIC = re.compile(r"\b(?:that|same|following|next|previous|preceding|prior|subsequent|"
                        r"this|last|later|earlier|before|after)\b", re.I)


def _yearless(text: str, timex: Timex) -> bool:
    """A month or a day of a month, written without a year and not tied to the narrative."""
    return (timex.anchored and _DAY_OR_MONTH.fullmatch(timex.value) is not None
            and not timex.value.startswith("BC") and re.search(r"\d{3,4}", text) is None
            and _ANAPHORIC.search(text) is None)


def _year_stated_before(doc: Doc, span: Span, found: list[DateMention]) -> bool:
    """The sentence names a year before the expression, outside its dateline ("In 2015 …, and
    in December …"): the text says which year is meant."""
    start = span.sent.start_char
    return any(start <= m.start < span.start_char and _YEAR_OR_MONTH.fullmatch(m.timex.value)
               and re.search(r"\d{3,4}", m.text) and not in_dateline(doc, m.start, m.end)
               for m in found)


# A year or a month of a year: what a sentence states to set the year of the months after it
# (not a day: "moved to 7 March 2024 …, which launches on 1 December").
_YEAR_OR_MONTH = re.compile(r"(?:BC)?\d{4}(?:-\d{2})?")


def _in_dct_year(timex: Timex, dct: date, tense: str | None) -> Timex:
    """A year-less month or day in a dated document: in the document's year, unless the tense
    puts it in the year before (a past happening in a month after the document's date:
    "began operating in December" in a report of April 2013 is December 2012) or after (a
    future one in a month before it: "will meet in March" in one of October 2016 is March
    2017)."""
    month = int(timex.value[5:7])
    day = int(timex.value[8:10]) if len(timex.value) == 10 else None
    year = dct.year
    if tense == "future" and (month, day or 31) < (dct.month, dct.day):
        year += 1
    elif tense == "past" and (month, day or 1) > (dct.month, dct.day):
        year -= 1
    if day is not None:
        step = 1 if tense == "future" else -1
        for _ in range(8):
            try:
                date(year, month, day)
                break
            except ValueError:
                year += step  # "29 February": the nearest leap year the tense points to
        else:
            return timex
    return Timex(f"{year:04d}{timex.value[4:]}", timex.mod, timex.type, True)


_PAST_AUX = frozenset(("had", "has", "have", "was", "were", "did"))
_CONDITIONAL_MARKS = frozenset(("if", "unless", "provided", "once", "until", "when"))


def _tense(span: Span) -> str | None:
    """"future" when the clause of a date speaks of what is to come ("will meet", "is
    scheduled for", "has scheduled … for"), "past" when it is in a past tense ("founded", "was
    held", "began operating"), else None: also for a deadline ("postponed until December") or
    a condition ("if the ceasefire held through September"). A participle without an
    auxiliary takes the tense of the clause of the noun it describes ("… will meet once a year,
    with the first session scheduled for March"), a plan told in the past none ("the supper,
    scheduled for 16 November, has been moved")."""
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("until", "till", "through"):
        return None
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    planned = False
    for _ in range(2):
        while (tok.dep_ == "xcomp" and tok.head.i != tok.i
               and tok.head.lemma_.lower() in _ASPECT_VERBS):
            tok = tok.head  # "began operating in December": the finite verb's tense
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in tok.children):
            return None  # "if the ceasefire held through September": no past
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in _FUTURE_AUX for c in aux) or (
                tok.lemma_.lower() in _FUTURE_HEADS and (tok.tag_ != "VBN" or aux)
                and tok.tag_ != "VBD" and not any(c.lower_ in ("was", "were", "had") for c in aux)):
            return "future"  # "will meet", "will have closed", "is scheduled for"
        if tok.lemma_.lower() in _FUTURE_HEADS and (
                tok.tag_ == "VBD" or any(c.lower_ in ("was", "were", "had") for c in aux)):
            return None  # "was originally planned for April": a plan told in the past
        if tok.tag_ == "VBD" or any(c.lower_ in _PAST_AUX for c in aux):
            return None if planned else "past"
        if not (tok.tag_ == "VBN" and not aux and tok.dep_ == "acl"):
            return None
        planned = tok.lemma_.lower() in _FUTURE_HEADS
        tok = tok.head
        for _ in range(4):
            if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return None
    return None


# Verbs of phase, whose complement shares their tense ("began operating in December").
_ASPECT_VERBS = frozenset("begin start continue stop resume cease keep finish end".split())


def _document_year(years: list[int], dct: date | None) -> int | None:
    """The year a dated document is about: the one its explicit dates name most, if it is
    within a year of the document's date (None without a date or such a year)."""
    if dct is None or not years:
        return None
    counts: dict[int, int] = {}
    for y in years:
        counts[y] = counts.get(y, 0) + 1
    year = max(counts, key=lambda y: (counts[y], -abs(y - dct.year)))
    return year if abs(year - dct.year) <= 1 else None


_FUTURE_AUX = frozenset(("will", "shall", "'ll", "\u2019ll"))
_FUTURE_HEADS = frozenset(("expect", "schedule", "plan", "due", "set", "intend", "hope", "aim"))


def _speaks_of_future(span: Span) -> bool:
    """Whether the clause of a date speaks of what is to come ("will meet on Tuesday", "is
    expected to sign on Friday", "is due on Monday")."""
    tok = span.root
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            break
        tok = tok.head
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children):
            return True
        if tok.lemma_.lower() in _FUTURE_HEADS:
            return True
        if tok.dep_ in ("xcomp", "ccomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return False


# How far after the last day-precise date a bare day date may fall and still continue it.
DAY_CONTINUATION_DAYS = 31


def _continue_days(mention: DateMention, timex: Timex, anchor: Anchor | None,
                   day_anchor: Anchor | None) -> Timex:
    """A bare day date ("11 March") that falls just after the last day-precise date ("10 March
    1975") continues that day-by-day narrative, even when a year-only mention came in between
    ("... a campaign planned for 1976. On 11 March ..."): such a year is an aside, and taking
    it would move the whole account by a year."""
    if (not timex.anchored or day_anchor is None or anchor is None or anchor.month is not None
            or anchor.year == day_anchor.year or day_anchor.year <= 0
            or mention.range_value or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex.value)):
        return timex
    alt = normalise(mention.text, day_anchor)
    if alt is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", alt.value):
        return timex
    gap = date.fromisoformat(alt.value) - date(day_anchor.year, day_anchor.month, day_anchor.day)
    if 0 <= gap.days <= DAY_CONTINUATION_DAYS:
        return Timex(alt.value, timex.mod, timex.type, True)
    return timex


_COORDINATED = re.compile(r"^\s*(?:[\u2010-\u2015\-/]|and|or|to|until|till|through)\s*$", re.I)


def _borrow_stated_year(doc: Doc, dates: list[DateMention]) -> None:
    """"in August and September 1914", "between March and April 1918", "the spring and summer
    of 1979": a date without a year joined to one that states it is in that year (a year
    earlier when it would otherwise come after it), not in the anchor's."""
    text = doc_text(doc)
    for a, b in zip(dates, dates[1:]):
        if (not a.timex.anchored or b.timex.anchored or a.range_value
                or a.timex.type != "DATE" or b.timex.type != "DATE"
                or not _COORDINATED.match(text[a.end:b.start])):
            continue
        ref = b.timex.anchor()
        if ref is None:
            continue
        found = normalise(a.text, Anchor(ref.year))
        if found is None or not found.is_calendar:
            continue
        value = found.value
        if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value) and value[:len(b.timex.value)] > b.timex.value:
            value = f"{ref.year - 1:04d}{value[4:]}"
        a.timex = Timex(value, a.timex.mod, a.timex.type, False)


_BETWEEN_SIDES = re.compile(r"^\s*(?:[\u2010-\u2015\-]|to|until|till|through|and)\s*$", re.I)
_BEFORE_LEFT = re.compile(r"(?:from|between)\s*$", re.I)


def _link_ranges(doc: Doc, dates: list[DateMention]) -> None:
    """Mark "from X until Y" / "between X and Y" written as two expressions as one range."""
    text = doc_text(doc)
    for a, b in zip(dates, dates[1:]):
        if a.range_value or b.range_value or a.timex.type != "DATE" or b.timex.type != "DATE":
            continue
        if not _BETWEEN_SIDES.match(text[a.end:b.start]):
            continue
        if not _BEFORE_LEFT.search(text[max(0, a.start - 12):a.start]):
            continue
        value = f"{a.timex.value}/{b.timex.value}"
        if b.timex.mod == "BEFORE":  # the "until" of a range, not an open "before"
            b.timex = Timex(b.timex.value, None, b.timex.type, b.timex.anchored)
        start = text.rfind(" ", 0, a.start - 1) + 1
        for d in (a, b):
            d.range_value, d.range_start, d.range_end = value, start, b.end


def reference_matcher(vocab, patterns: list[DatePattern] | None = None) -> Matcher:
    """The date patterns as written, in a validating Matcher (the slower reference).

    Args:
        vocab: the pipeline's vocab.
        patterns: the rows of ``date_patterns.jsonl`` (default: those of the active rules).

    Raises:
        DataError: when a pattern is malformed.
    """
    matcher = Matcher(vocab, validate=True)
    try:
        for row in (active().date_patterns if patterns is None else patterns):
            matcher.add(row.id, _without_leading_optionals(row.pattern))
    except (ValueError, ValidationError) as exc:  # a malformed token pattern
        raise DataError(f"date_patterns.jsonl: {exc}") from None
    return matcher


def _join_coordinated(spans: list[Span]) -> list[Span]:
    """A list of years the model cut after a comma or its conjunction ("1819, 1833 and" +
    "1851") joined again, so the list is read item by item. Only a list that has its "and"
    or "or": "In 1990, 1991 was declared …" is two dates apart."""
    groups: list[list[Span]] = []
    for sp in spans:
        prev = groups[-1][-1] if groups else None
        doc = sp.doc
        items = [t for t in prev if t.lower_ not in _LIST_JOINTS] if prev is not None else []
        if (prev is not None and prev.label_ == sp.label_ and prev.end <= sp.start <= prev.end + 2
                and all(t.lower_ in _LIST_JOINTS for t in doc[prev.end:sp.start])
                and (prev[-1].lower_ in _LIST_JOINTS or sp.start > prev.end)
                and items and all(YEAR_WORD.fullmatch(t.text) for t in items)
                and YEAR_WORD.fullmatch(sp.text)):
            groups[-1].append(sp)
        else:
            groups.append([sp])
    out: list[Span] = []
    for g in groups:
        joined = Span(g[0].doc, g[0].start, g[-1].end, label=g[0].label_)
        if len(g) > 1 and any(t.lower_ in ("and", "or") for t in joined):
            out.append(joined)
        else:
            out.extend(g)
    return out


# The words between the items of a list of dates.
_LIST_JOINTS = frozenset((",", "and", "or"))


def _split_at_line_breaks(span: Span) -> list[Span]:
    """The parts of a span between line breaks: no temporal expression runs across one, while the
    model sometimes joins a heading's year to the line before it."""
    parts, start = [], span.start
    for tok in span:
        if tok.is_space and "\n" in tok.text:
            if tok.i > start:
                parts.append(Span(span.doc, start, tok.i, label=span.label_))
            start = tok.i + 1
    if span.end > start:
        parts.append(Span(span.doc, start, span.end, label=span.label_))
    return parts


def _without_leading_optionals(pattern: list[dict]) -> list[list[dict]]:
    """The same matches, as variants that each start with a required token: a pattern that
    starts with an optional token makes the Matcher try it at every token of the text."""
    if not pattern or pattern[0].get("OP") != "?":
        return [pattern]
    first = {k: v for k, v in pattern[0].items() if k != "OP"}
    return _without_leading_optionals(pattern[1:]) + [[first, *pattern[1:]]]


EARLY_YEAR = "EARLY_YEAR"
_MONTH_WORDS = frozenset("""january february march april may june july august september october
    november december""".split())
# Words that show a text is set in the first millennium: a century or an era marker.
_FIRST_MILLENNIUM = re.compile(
    r"\b(?:(?:[1-9]|10)(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth)[\s-]+centur(?:y|ies)\b|\b(?:AD|A\.D\.|CE)\s*\d{1,3}\b|\b\d{1,3}\s*(?:AD|CE)\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{3}\b", re.I)
# Prepositions whose object, a bare number, is a year ("In 793", "by 604", "between 618 and 621").
_YEAR_PREPS = frozenset("in by until till from since after before around about between of c. circa".split())


_DAY_MONTH = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+|[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?)")
_YEAR_ERA = re.compile(r"\d{1,4}\s*(?:BC|BCE|B\.C\.|B\.C\.E\.|AD|CE|A\.D\.)?")


_SEASON = re.compile(r"(?:the\s+)?(?:spring|summer|autumn|fall|winter)", re.I)


def _join_day_and_year(spans: list[Span]) -> list[Span]:
    """A day and month found apart from the year right after it ("2 August" + "216 BC", where
    the model tagged only the day and month), or a season apart from its "of" year ("the
    summer" + "of" + "626"): one date."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is None or prev.label_ != "DATE" or span.label_ not in ("DATE", EARLY_YEAR) \
                or not _YEAR_ERA.fullmatch(span_text(span)):
            out.append(span)
            continue
        first = span_text(prev)
        day_month = (prev.end == span.start and _DAY_MONTH.fullmatch(first) is not None
                     and any(w.lower().rstrip(".") in _MONTH_WORDS for w in first.split()))
        season = (prev.end + 1 == span.start and span.doc[prev.end].lower_ == "of"
                  and _SEASON.fullmatch(first) is not None)
        if day_month or season:
            out[-1] = Span(span.doc, prev.start, span.end, label="DATE")
            continue
        out.append(span)
    return out


def _early_years(doc: Doc, spans: list[Span]) -> list[Span]:
    """Three-digit years in a text set in the first millennium ("In 793 Vikings sacked
    Lindisfarne"): a bare number that is itself the object of a preposition of time (not a
    count, "in 300 villages"), or joined to one ("between 618 and 621"). Without a century or
    an era marker elsewhere in the text, a three-digit number is never read as a year."""
    # The words are read first and the whole-text pattern last, only for a text where some
    # number would be a year (most texts have none): the result is the same either way.
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for i, w in enumerate(token_texts(doc)):
        if i in taken or len(w) != 3 or not w.isdigit() or w[0] == "0":
            continue
        tok = doc[i]
        if tok.i > 0 and doc[tok.i - 1].lower_ in _MONTH_WORDS:
            out.append(Span(doc, tok.i - 1, tok.i + 1, label="DATE"))  # "August 991"
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_lower and nxt.pos_ in ("NOUN", "ADJ", "NUM"):
            continue  # "in 300 villages": a count
        t = tok
        while t.dep_ == "conj" and t.head.i != t.i and t.head.like_num:
            t = t.head
        governed = t.dep_ == "pobj" and t.head.lower_ in _YEAR_PREPS
        # The parser may hang "793" on the next noun ("In 793 Viking raiders"): the word
        # before it still says what it is.
        after_prep = tok.i > 0 and doc[tok.i - 1].lower_ in _YEAR_PREPS
        if governed or after_prep:
            out.append(Span(doc, tok.i, tok.i + 1, label=EARLY_YEAR))
    if not out or not _FIRST_MILLENNIUM.search(doc_text(doc)):
        return []
    return out


def _mention(span: Span, timex: Timex) -> DateMention:
    return DateMention(span.start_char, span.end_char, span_text(span), timex, span.start, span.end)


_HAS_YEAR = re.compile(r"\d{3,4}")


def _explicit_years(spans: list[Span]) -> list[int]:
    """The years the text's explicit dates name, one per date, in text order."""
    years = []
    for span in spans:
        if not _HAS_YEAR.search(span_text(span)):
            continue  # only explicit years count; skip the rest cheaply
        tx = normalise(span_text(span), None)
        if tx is not None and not tx.anchored and tx.type == "DATE":
            a = tx.anchor()
            if a is not None:
                years.append(a.year)
    return years


def _narrative_years(years: list[int]) -> tuple[int, int]:
    """The band of years the narrative moves in: the 10th to 90th percentile of its explicit
    years, widened by 15 years on each side."""
    if len(years) < 5:
        return -10**6, 10**6
    years = sorted(years)
    lo = years[len(years) // 10]
    hi = years[(len(years) * 9) // 10]
    return lo - 15, hi + 15


def _trim_date(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (_LEADING_JUNK.match(doc[start].text + " ") or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    if start < end and doc[start].lower_ == "between" and not any(
            t.lower_ in ("and", "to") or t.text in "-\u2013\u2014" for t in doc[start + 1:end]):
        start += 1  # "between October 2024" tagged apart from its "and April 2025": one side
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].text in ("'s",)):
        end -= 1
    if (end < len(doc) and doc[end].lower_ == "than" and doc[end - 1].lower_ in _COMPARATIVES
            and not (end + 1 < len(doc) and doc[end + 1].lower_ in ("that", "this", "then"))):
        return None  # "a year later than its larger rivals": a comparison, no date (but "a
        # year later than that" is one)
    return Span(doc, start, end, label=span.label_) if start < end else None


_COMPARATIVES = frozenset(("later", "earlier", "sooner", "longer", "shorter"))


def _preposition_mod(span: Span) -> str | None:
    if span.start == 0:
        return None
    prev = span.doc[span.start - 1].lower_
    return DATE_PREPOSITION_MODS.get(prev)


def _split_coordination(span: Span, anchor: Anchor | None) -> list[DateMention] | None:
    """"April and June 1955", "late 1948 and early 1949": two expressions, the left one taking
    the year of the right when it has none."""
    m = re.match(r"^(?P<left>.+?)\s+(?:and|or)\s+(?P<right>.+)$", span_text(span), re.I)
    if not m or m.group("left").lower().rstrip("-") in ("mid", "early", "late", "the mid", "the early",
                                                         "the late"):
        return None
    doc = span.doc
    base = span.start_char
    if "," in m.group("left"):
        # "1819, 1833 and 1851", "April, May and June 1955": each item a date, an item without
        # a year taking the next one's.
        items = [(base + x.start(), base + x.end()) for x in re.finditer(r"[^,]+", m.group("left"))]
        items.append((base + m.start("right"), base + m.end("right")))
        out: list[DateMention] = []
        anchor_next = anchor
        for a, b in reversed(items):
            piece = doc.char_span(a, b, alignment_mode="contract")
            tx = normalise(piece.text, anchor_next) if piece is not None else None
            if tx is None:
                return None
            out.append(_mention(piece, tx))
            anchor_next = tx.anchor() or anchor_next
        return out[::-1]
    left = doc.char_span(base + m.start("left"), base + m.end("left"), alignment_mode="contract")
    right = doc.char_span(base + m.start("right"), base + m.end("right"), alignment_mode="contract")
    if left is None or right is None:
        return None
    rtx = normalise(right.text, anchor)
    if rtx is None:
        return None
    ltx = normalise(left.text, rtx.anchor() or anchor)
    if ltx is None:
        return None
    return [_mention(left, ltx), _mention(right, rtx)]


def _range_mentions(span: Span, anchor: Anchor | None) -> list[DateMention] | None:
    """Two mentions for the two sides of a range span, each normalised on its own."""
    m = _RANGE_SPLIT.match(span_text(span))
    if not m:
        return None
    doc = span.doc
    base = span.start_char
    left_s, left_e = base + m.start("left"), base + m.end("left")
    right_s, right_e = base + m.start("right"), base + m.end("right")
    left = doc.char_span(left_s, left_e, alignment_mode="contract")
    right = doc.char_span(right_s, right_e, alignment_mode="contract")
    if left is None or right is None:
        return None
    full = normalise(span_text(span), anchor)
    if full is None:
        return None
    lval, rval = full.value.split("/", 1)
    return [
        _mention(left, Timex(lval, None, "DATE", full.anchored)),
        _mention(right, Timex(rval, None, "DATE", full.anchored)),
    ]
