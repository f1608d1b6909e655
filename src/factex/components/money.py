"""``factex_money``: amounts of money with ISO currency, qualifier, payer, recipient and date.

Amounts are found by a scanner built from ``data/currencies.json`` (signs, codes and words
before or after a number, with magnitudes such as million, bn, crore and lakh), which is far
more complete than the model's MONEY entities; model MONEY spans the scanner did not cover are
parsed the same way. An ambiguous sign ("$", "Rs", "¥") takes the currency of the state the
sentence, then the document, is about. Payer and recipient come from the dependency parse.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factex.language.lexicon import (
    COMPANY_NOUNS,
    MONEY_QUALIFIERS,
    NUMBER_WORDS,
    PENALTY_NOUNS,
    TRANSFER_NOUNS,
    company_name,
)
from factex.language.coref import affiliations, antecedent, protagonist
from factex.language.docutil import actor_types, cache, doc_text, sentence_at, set_sentence_starts
from factex.language.gazetteer import CurrencyEntry, key
from factex.records.mentions import DateMention, MoneyMention, ScannedAmount
from factex.language.rules import Rules, active, gazetteer
from factex.components.base import RulesComponent, require
from factex.components.doctime import in_dateline

# Zero-width characters pasted inside a number ("5\u200b000") do not cut it.
_ZW = "\u200b\u200c\u200d\u2060"
# An amount is refused, not misread, when its number goes on as an exponent ("$1e308", "10^400").
_NOT_EXPONENT = r"(?![eE][+\-]?\d|\^)"
# The largest amount believed (10^16): beyond it the text is a typo, a joke or not money.
MAX_AMOUNT = 1e16
_NUMBER_WORDS = {**NUMBER_WORDS, "half a": 0.5}


@dataclass(frozen=True)
class _Scanner:
    regex: re.Pattern[str]
    cores: re.Pattern[str]  # digits or a number word: every amount holds one
    digits: re.Pattern[str]  # the digits of ``cores`` alone
    number_words: re.Pattern[str]  # its number words, lower case, without the \b (_core_starts)
    reach: int  # how far before its core an amount can start (the longest sign, a space)
    symbols: dict[str, CurrencyEntry]
    words: dict[str, CurrencyEntry]
    plurals: dict[str, str]
    magnitudes: dict[str, float]


def scanner() -> _Scanner:
    """The money regex of the active rules' currency table, compiled once per rules."""
    return _compile_scanner(active())


@lru_cache(maxsize=8)
def _compile_scanner(rules: Rules) -> _Scanner:
    table = rules.currencies
    symbols = sorted(table.symbols, key=len, reverse=True)
    words = sorted(list(table.words) + list(table.plurals), key=len, reverse=True)
    mags = sorted(table.magnitudes, key=len, reverse=True)
    sym = "|".join(re.escape(s) for s in symbols)
    word = "|".join(re.escape(w) for w in words)
    mag = "|".join(re.escape(m) for m in mags)
    number_words = "|".join(k for k in _NUMBER_WORDS if " " not in k and k not in ("a", "an"))
    number = (
        r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"  # Indian grouping: 5,00,000 (five lakh)
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,234,567.89
        rf"|\d+,\d{{1,2}}(?=\s*-?\s*(?:{mag})\b)"  # a decimal comma before a magnitude: 1,5 million
        rf"|\d+(?:[{_ZW}]\d+)*(?:\.\d+)?"
    )
    num = rf"(?:(?:{number}){_NOT_EXPONENT}|{number_words})"

    def amount(a: str, n: str) -> str:
        return rf"(?P<{a}>(?:{number}){_NOT_EXPONENT})(?:\s*-?\s*(?P<{n}>{mag})\b{_NOT_EXPONENT})?"

    # sign/code before the number ("US$142 million", "Rs 45 crore", "SEK 300 million"),
    # optionally a second bound ("$1-2 million"; "$1m to $2m" is two matches anyway).
    before = (rf"(?<![A-Za-z])(?P<sym>{sym})\s?" + amount("a1", "m1")
              + r"(?:\s*(?:[\u2013\-]|to)\s*(?:(?P=sym)\s?)?" + amount("a2", "m2") + ")?")
    # number then word or code ("988 million yuan", "12 lakh rupees", "300 million SEK").
    codes = "|".join(s for s in symbols if re.fullmatch(r"[A-Z]{3}", s))
    after = (rf"(?<![\w$^])(?P<a3>{num})(?:\s*-?\s*(?P<m3>{mag})\b{_NOT_EXPONENT})?"
             rf"(?:\s+(?:of\s+)?)(?P<adj>(?-i:(?:[A-Z][a-z]+\.?\s){{0,2}}))?"
             rf"(?P<word>{word}|(?-i:{codes}))\b")
    regex = re.compile(rf"{before}|{after}", re.I)
    # A whole run of digits is one core: no amount starts inside one (the number alternative
    # needs no word character before it, and no sign starts with a digit).
    digits = r"\d" if any(s[:1].isdigit() for s in symbols) else r"\d+"
    cores = re.compile(rf"{digits}|\b(?:{number_words})", re.I)
    reach = max(map(len, symbols)) + 1
    return _Scanner(regex, cores, re.compile(digits), re.compile(rf"(?:{number_words.lower()})"), reach,
                    table.symbols, table.words, table.plurals, table.magnitudes)


def _matches(sc: _Scanner, text: str) -> Iterator[re.Match[str]]:
    """``sc.regex.finditer(text)``, trying the regex only near a digit or number word.

    An amount starts at its number or at most ``sc.reach`` characters before it (a sign and a
    space), so positions farther from every number cannot start one; trying the long
    alternation of signs at every character made the scan a large share of a document's time.
    """
    pos = tried = 0
    for c in _core_starts(sc, text):
        if c < pos:
            continue
        for start in range(max(pos, tried, c - sc.reach), c + 1):
            m = sc.regex.match(text, start)
            if m:
                yield m
                pos = m.end()
                break
        tried = c + 1


# Characters other than A-Z and a-z that match one of them ignoring case, or whose lower case
# is one or is two characters long (found by trying every character).
_CASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")


def _core_starts(sc: _Scanner, text: str) -> list[int]:
    """Where the matches of ``sc.cores`` start, in order, found by two fast scans.

    ``sc.cores`` opens with ``\\b`` and ignores case, so it is tried at every character;
    patterns that open with a digit or a letter are not. Digits and number words are apart
    (no match of one holds a character of the other), so the starts of the digits' matches
    and of the number words' make up those of the whole pattern. The words are looked for in
    the lower-cased text, which keeps every offset and matches as ignoring case does when
    none of ``_CASE_ODD`` is in the text; one found inside a word (no ``\\b`` before it) lies
    within that word, so skipping over it skips no word that starts one.
    """
    if any(ch in text for ch in _CASE_ODD):
        return [m.start() for m in sc.cores.finditer(text)]
    starts = [m.start() for m in sc.digits.finditer(text)]
    words = [p for p in (m.start() for m in sc.number_words.finditer(text.lower()))
             if p == 0 or not (text[p - 1].isalnum() or text[p - 1] == "_")]
    return sorted(starts + words) if words else starts


def _to_number(text: str) -> float | None:
    t = text.lower()
    for zw in _ZW:
        t = t.replace(zw, "")
    t = t.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", t) else t.replace(",", "")
    if t in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[t])
    try:
        value = float(t)
    except ValueError:
        return None
    return value if math.isfinite(value) and value <= MAX_AMOUNT else None


def _currency_entry(sc: _Scanner, sym: str | None, word: str | None, adj: str) -> CurrencyEntry | None:
    if sym:
        exact = sc.symbols.get(sym) or sc.symbols.get(sym.upper())
        if exact and (sym in sc.symbols or sym.isupper()):
            return exact
        return None
    if word is None:
        return None
    w = word.lower()
    w = sc.plurals.get(w, w)
    # "Swiss francs", "US dollars": the adjective narrows the word.
    adj_l = adj.strip().lower()
    if adj_l:
        for n in range(len(adj_l.split()), 0, -1):
            phrase = " ".join(adj_l.split()[-n:] + [w])
            if phrase in sc.words:
                return sc.words[phrase]
        state = gazetteer().state_of(adj.strip())
        if state:
            st = gazetteer().states.get(state)
            if st and st.currency and w in st.currency_names:
                return CurrencyEntry(default=st.currency)
    if word.isupper() and word in sc.symbols:
        return sc.symbols[word]
    return sc.words.get(w)


def _amount(start: int, end: int, value: float, entry: CurrencyEntry) -> ScannedAmount:
    return ScannedAmount(start, end, value, entry.default, list(entry.candidates))


def scan_amounts(text: str) -> list[ScannedAmount]:
    """Every money amount the scanner finds in ``text`` (one per bound of a range)."""
    sc = scanner()
    out: list[ScannedAmount] = []
    for m in _matches(sc, text):
        g = m.groupdict()
        if g.get("a1"):
            entry = _currency_entry(sc, g["sym"], None, "")
            if entry is None:
                continue
            mag1 = sc.magnitudes.get((g["m1"] or "").lower(), 1.0)
            mag2 = sc.magnitudes.get((g["m2"] or "").lower(), 1.0)
            v1 = _to_number(g["a1"])
            if g.get("a2"):
                # "$1-2 million": the magnitude of the upper bound is the lower bound's too.
                if not g["m1"]:
                    mag1 = mag2
                v2 = _to_number(g["a2"])
                s1, e1 = m.start(), m.end("m1") if g["m1"] else m.end("a1")
                s2 = m.start("a2")
                if v1 is not None and v1 * mag1 <= MAX_AMOUNT:
                    out.append(_amount(s1, e1, v1 * mag1, entry))
                if v2 is not None and v2 * mag2 <= MAX_AMOUNT:
                    out.append(_amount(s2, m.end(), v2 * mag2, entry))
            elif v1 is not None and v1 * mag1 <= MAX_AMOUNT:
                out.append(_amount(m.start(), m.end(), v1 * mag1, entry))
        else:
            entry = _currency_entry(sc, None, g["word"], g["adj"] or "")
            if entry is None:
                continue
            v = _to_number(g["a3"])
            if v is None:
                continue
            mag = sc.magnitudes.get((g["m3"] or "").lower(), 1.0)
            if v * mag <= MAX_AMOUNT:
                out.append(_amount(m.start(), m.end(), v * mag, entry))
    return out


# One pattern per qualifier, tried in the order of MONEY_QUALIFIERS.
_QUALIFIER_PATTERNS = tuple((q, re.compile(rf"\b{re.escape(q)}\s+$")) for q in MONEY_QUALIFIERS)


def _qualifier(text: str, start: int) -> tuple[str | None, int]:
    before = text[max(0, start - 25):start].lower()
    for q, pattern in _QUALIFIER_PATTERNS:
        if pattern.search(before):
            return q, start - (len(before) - before.rfind(q))
    return None, start


@Language.factory("factex_money_guard", default_config={},
                  assigns=["token.is_sent_start", "doc._.factex_amounts"])
def make_money_guard(nlp: Language, name: str) -> "MoneyGuard":
    """Build the guard that keeps sentence boundaries out of money amounts (before the parser)."""
    return MoneyGuard()


class MoneyGuard(RulesComponent):
    """Marks the tokens inside an amount as not starting a sentence, so that the parser never
    splits "14 crore / Indian rupees" across two sentences."""

    def __init__(self) -> None:
        super().__init__()

    def _compile(self) -> None:
        _compile_scanner(self.rules)

    def _process(self, doc: Doc) -> Doc:
        amounts = doc._.factex_amounts = scan_amounts(doc_text(doc))
        inside: dict[int, int] = {}
        for a in amounts:
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is not None:
                inside.update((i, -1) for i in range(span.start + 1, span.end))
        set_sentence_starts(doc, inside)
        return doc


@Language.factory("factex_money", default_config={},
                  requires=["doc._.factex_actors", "doc._.factex_dates", "doc._.factex_topic",
                            "token.dep"],
                  assigns=["doc._.factex_money"])
def make_money(nlp: Language, name: str) -> "MoneyComponent":
    """Build the money component."""
    return MoneyComponent()


class MoneyComponent(RulesComponent):
    """Sets ``doc._.factex_money``; needs ``factex_actors`` and ``factex_dates`` before it."""

    def __init__(self) -> None:
        super().__init__()

    def _compile(self) -> None:
        _compile_scanner(self.rules)

    def _process(self, doc: Doc) -> Doc:
        require(doc, "factex_money", ("actors", "dates", "topic"), parse=True)
        text = doc_text(doc)
        # The guard scanned this text before the parser; its list is reused, not rescanned.
        scanned = doc._.factex_amounts
        found = list(scan_amounts(text) if scanned is None else scanned)
        starts = [a.start for a in found]  # sorted: the scanner reads left to right
        for ent in doc.ents:
            if ent.label_ == "MONEY" and not _overlaps_any(found, starts, ent.start_char, ent.end_char):
                for a in scan_amounts(ent.text):
                    found.append(ScannedAmount(a.start + ent.start_char, a.end + ent.start_char,
                                               a.value, a.currency, a.candidates))
        found.sort(key=lambda a: a.start)
        state_counts = _state_counts(doc)
        explicit_codes = set(re.findall(r"\b[A-Z]{3}\b", text))
        out: list[MoneyMention] = []
        for a in found:
            span = doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None:
                continue
            qualifier, _ = _qualifier(text, a.start)
            entry = CurrencyEntry(default=a.currency, candidates=a.candidates)
            currency, confident = _resolve_currency(doc, span, entry, state_counts,
                                                    explicit_codes)
            mention = MoneyMention(
                start=a.start, end=a.end, text=text[a.start:a.end], amount=a.value,
                currency=currency, qualifier=qualifier, token_start=span.start,
                token_end=span.end, confidence=0.9 if confident else 0.6,
                currency_how="explicit or settled by context" if confident
                else "the default of an ambiguous sign")
            _parties(doc, span, mention)
            if mention.payer is None and mention.recipient is None:
                _table_parties(doc, span, mention)
            if mention.recipient is None:
                _labelled_recipient(doc, span, mention)
            date = _date_for(doc, span)
            mention.date = date.whole(text) if date else None
            main = out[-1] if out else None
            if main is not None and _restates(text, main, mention):
                # "USD 40 million (about €38 million) from the Islamic Development Bank": the
                # same money in another currency has the same parties and date (what the
                # restatement found itself is kept).
                for role in ("payer", "recipient"):
                    if getattr(mention, role) is None and getattr(main, role) is not None:
                        setattr(mention, role, getattr(main, role))
                        mention.roles[role] = "the amount it restates"
                mention.date = mention.date or main.date
            out.append(mention)
        _from_lead_in(text, out)
        doc._.factex_money = out
        return doc


# "(about €38 million)", "(roughly US$1.3 billion)", "(€38m)": a conversion of the amount before.
_RESTATEMENT = re.compile(r"\s*[(\[]\s*(?:(?:about|around|approximately|approx\.|roughly|some|"
                          r"nearly|almost|c\.|ca\.|or|equivalent to|the equivalent of|i\.e\.)\s+)*$")


def _restates(text: str, main: MoneyMention, mention: MoneyMention) -> bool:
    """Whether an amount is a parenthesised restatement of the one just before it: in another
    currency, or hedged ("about"); "$10 million ($8 million in 2019)" compares, it does not
    restate."""
    if main.end > mention.start:
        return False
    between = text[main.end:mention.start]
    return bool(_RESTATEMENT.fullmatch(between)) and (
        mention.currency != main.currency or bool(re.search(r"[A-Za-z]", between)))


def _state_counts(doc: Doc) -> Counter:
    counts: Counter = Counter()
    gz = gazetteer()
    for c in doc._.factex_actors or []:
        if c.name in gz.states:
            counts[c.name] += len(c.mentions)
    return counts


def _resolve_currency(doc: Doc, span: Span, entry: CurrencyEntry, counts: Counter,
                      explicit: set[str]) -> tuple[str, bool]:
    """Pick the currency of an ambiguous sign from the states the text is about."""
    if not entry.candidates:
        return entry.default, True
    gz = gazetteer()
    cands = set(entry.candidates)
    best: tuple[int, str] | None = None
    # The state named nearest to the amount in its sentence decides first.
    sent_start = sentence_at(doc, span.start_char)[0]
    for start, currency in _state_mentions_by_sentence(doc).get(sent_start, []):
        if currency in cands:
            dist = abs(start - span.start_char)
            if best is None or dist < best[0]:
                best = (dist, currency)
    if best:
        return best[1], True
    coded = [c for c in cands if c in explicit and c != entry.default]
    if len(coded) == 1:
        return coded[0], True
    for state, _n in counts.most_common():
        st = gz.states[state]
        if st.currency in cands:
            return st.currency, True
    return entry.default, False


def _state_mentions_by_sentence(doc: Doc) -> dict[int, list[tuple[int, str]]]:
    """For each sentence start: (offset, currency) of every state mention in it, built once."""
    cached = cache(doc).get("state_mentions")
    if cached is None:
        gz = gazetteer()
        cached = {}
        for c in doc._.factex_actors or []:
            st = gz.states.get(c.name)
            if st and st.currency:
                for m in c.mentions:
                    cached.setdefault(sentence_at(doc, m.start)[0], []).append((m.start, st.currency))
        cache(doc)["state_mentions"] = cached
    return cached


def _actor_of(doc: Doc, token: Token, deep: bool = True) -> str | None:
    """The actor a token names, or (``deep``) the first actor inside its phrase."""
    table = doc._.factex_token_actor or {}
    if token.i in table:
        return table[token.i]
    found = antecedent(doc, token)
    if found is not None:
        return found  # "during that trip he pledged …", "the company paid a fine of …"
    if token.pos_ == "PRON":
        return None
    if not deep:
        return None
    for t in token.subtree:
        if t.i in table and not in_dateline(doc, t.idx):
            return table[t.i]  # not "Abidjan, 11 December 2024 -", where the report was filed
    return None


def _clause_verb(token: Token) -> Token | None:
    t = token
    while t.head.i != t.i:
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t
    return t if t.pos_ in ("VERB", "AUX") else None


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The subject of ``verb`` (inherited through conjunction) and whether it is passive."""
    v = verb
    for _ in range(3):
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
                    and not in_dateline(verb.doc, c.idx)]  # not "Abidjan, 11 December 2024 -"
        if subjects:
            # Two subjects where the parser split "the civil aviation agency ANAC": the named one.
            table = verb.doc._.factex_token_actor or {}
            c = next((c for c in subjects if c.i in table), subjects[0])
            return _owner(c), c.dep_ == "nsubjpass"
        if v.dep_ == "xcomp" and v.head.i != v.i:
            obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i), None)
            if obj is not None:
                return obj, False  # "ordered Kosei to pay": Kosei pays (object control)
        if v.dep_ in ("conj", "xcomp", "advcl") and v.head.i != v.i:
            v = v.head
            if v.dep_ == "acomp" and v.pos_ == "ADJ":
                v = v.head  # "it was ready to provide …": the copula's subject
        else:
            break
    return None, False


# Organs that act for the body they belong to ("the Board of Directors of the African
# Development Bank approved …": the Bank pays).
_ORGANS = {"board", "directors", "governors", "management", "executive", "secretariat", "trustees"}


def _owner(token: Token) -> Token:
    """The body a subject's organ belongs to ("the Board of Directors of the Bank" → "Bank"),
    else the subject itself."""
    words = {t.lower_ for t in token.subtree if t.i <= token.i} | {token.lower_}
    if not words & _ORGANS:
        return token
    table = token.doc._.factex_token_actor or {}
    owner = token
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            if obj.lower_ not in _ORGANS and any(t.i in table for t in obj.subtree):
                owner = obj
    return owner


# Column headings of a table that say who pays or receives the amounts in its rows.
_PAYER_HEADINGS = re.compile(r"\b(donors?|funders?|lenders?|sources?|financiers?|investors?|payers?|"
                             r"contributors?|funded by|financed by|buyers?|acquirers?)\b", re.I)
_RECIPIENT_HEADINGS = re.compile(r"\b(recipients?|beneficiar(?:y|ies)|borrowers?|grantees?|"
                                 r"sellers?|targets?)\b", re.I)


def _line_of(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the line that holds text[start:end]."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _table_parties(doc: Doc, span: Span, mention: MoneyMention) -> None:
    """An amount in a table row ("MASE | European Union | 2013-2020 | €37.5m" under "Programme |
    Donor | Period | Amount"): the name in the column headed "Donor" (or "Lender", "Source",
    …) pays, the one under "Recipient" (or "Beneficiary", "Borrower", …) receives."""
    text = doc_text(doc)
    line_start, line_end = _line_of(text, span.start_char, span.end_char)
    row = text[line_start:line_end]
    if row.count("|") < 2:
        return
    # The heading: the first line of this run of table lines.
    start = line_start
    while start > 0:
        prev_start = text.rfind("\n", 0, start - 1) + 1
        prev = text[prev_start:start - 1]
        if prev.count("|") != row.count("|"):
            break
        start = prev_start
    if start == line_start:
        return
    heading = text[start:text.find("\n", start)].split("|")
    table = doc._.factex_token_actor or {}
    cells, pos = [], line_start
    for cell in row.split("|"):
        cells.append((pos, pos + len(cell)))
        pos += len(cell) + 1
    if len(cells) != len(heading):
        return
    for (a, b), head in zip(cells, heading):
        role = "payer" if _PAYER_HEADINGS.search(head) else (
            "recipient" if _RECIPIENT_HEADINGS.search(head) else None)
        if role is None or getattr(mention, role) is not None:
            continue
        cell_span = doc.char_span(a, b, alignment_mode="contract")
        name = next((table[t.i] for t in cell_span if t.i in table), None) if cell_span is not None else None
        if name is not None:
            setattr(mention, role, name)
            mention.roles[role] = f"the table column headed {head.strip()!r}"


# The opening of a list line: a dash, star or bullet.
_LIST_LINE = re.compile(r"[ \t]*[-*\u2022\u2013][ \t]")


def _from_lead_in(text: str, mentions: list[MoneyMention]) -> None:
    """The amounts of a list that breaks down a sum ("The EU … announced €207 million … The
    funding will be distributed as follows: - Chad: €47 million - Niger: …") are paid by whoever
    pays that sum and go to whoever receives it, where a line says neither. The list follows a
    line that ends in a colon; the sum is the last amount in that line or the paragraph before
    it."""
    for k, m in enumerate(mentions):
        if m.payer is not None and m.recipient is not None:
            continue
        line_start, _ = _line_of(text, m.start, m.end)
        if not _LIST_LINE.match(text, line_start):
            continue
        # Back over the list's earlier lines (and blank lines) to the line that leads in.
        pos = line_start
        while pos > 0:
            prev_start = text.rfind("\n", 0, pos - 1) + 1
            prev = text[prev_start:pos - 1]
            if prev.strip() and not _LIST_LINE.match(prev):
                break
            pos = prev_start
        lead_start = text.rfind("\n", 0, pos - 1) + 1 if pos > 0 else 0
        lead = text[lead_start:pos].rstrip()
        if not lead.endswith(":"):
            continue
        # The sum: the last amount of the lead-in line or of the paragraph before it.
        para_start = text.rfind("\n\n", 0, max(0, lead_start - 2))
        para_start = 0 if para_start < 0 else para_start
        before = [o for o in mentions[:k] if para_start <= o.start < lead_start + len(lead)
                  and not _LIST_LINE.match(text, _line_of(text, o.start, o.end)[0])]
        if not before:
            continue
        total = before[-1]
        for role in ("payer", "recipient"):
            name = getattr(total, role)
            other = m.recipient if role == "payer" else m.payer
            if getattr(m, role) is None and name is not None and name != other:
                setattr(m, role, name)
                m.roles[role] = "the sum the list breaks down"


def _labelled_recipient(doc: Doc, span: Span, mention: MoneyMention) -> None:
    """A list line that labels an amount with a place ("Chad: €47 million", "- Niger: €39
    million"): the allocation goes to that place."""
    text = doc_text(doc)
    line_start, _ = _line_of(text, span.start_char, span.end_char)
    label = text[line_start:span.start_char]
    m = re.fullmatch(r"\s*(?:[-*\u2022\u2013]\s*)?(?P<name>[^\W\d][^:|]{1,60}?)\s*:\s*", label)
    if m is None:
        return
    name_span = doc.char_span(line_start + m.start("name"), line_start + m.end("name"),
                              alignment_mode="contract")
    if name_span is None:
        return
    table = doc._.factex_token_actor or {}
    names = {table[t.i] for t in name_span if t.i in table}
    if len(names) == 1 and all(t.i in table or t.is_punct or t.is_space for t in name_span):
        name = names.pop()
        if _actor_type(doc, name) in ("GPE", "LOC") and name != mention.payer:
            mention.recipient = name
            mention.roles["recipient"] = "the place that labels the amount's list line"


def _frames_of(table, verb: Token) -> frozenset[str]:
    """The verb's frames by its lemma, or by its own form when the lemmatiser got it wrong
    ("fined" → "fin")."""
    frames = table.frames_of(verb.lemma_.lower())
    if frames:
        return frames
    w = verb.lower_
    for cut in ((w[:-1] if w.endswith("ed") else None), (w[:-2] if w.endswith("ed") else None),
                (w[:-1] if w.endswith("s") else None)):
        if cut and table.frames_of(cut):
            return table.frames_of(cut)
    return frames


def _parties(doc: Doc, span: Span, mention: MoneyMention) -> None:
    """Set payer and recipient: actors found by cues around the amount (prepositions, a name on
    a transfer noun, the verb's subject and objects) take the roles ``money_roles.jsonl``
    gives them for the verb's frame; for each role the first actor found wins."""
    table = active().money_roles
    path = _path_to_verb(span)
    verb = path[-1] if path[-1].pos_ in ("VERB", "AUX") else None
    frames = _frames_of(table, verb) if verb is not None else frozenset()
    if frames & table.direct and any(n.pos_ in ("NOUN", "PROPN") and not span.start <= n.i < span.end
                                     and not is_transfer_noun(n) for n in path[:-1]):
        frames = frames - table.direct  # "announced profits of US$5 million": no transfer
    if verb is not None and "measure" in frames:
        # "Brazilian credit lines to Angola totalled US$1 billion": the subject says what
        # the amount is, so its modifiers and prepositions count as the amount's own.
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            path[-1:-1] = [subj, *[c for c in subj.children if c.dep_ == "compound"]]
    found: dict[str, list[tuple[str, str]]] = {"payer": [], "recipient": []}
    transfer = bool(frames & {"buy", "sell"})
    for node in path:
        if is_transfer_noun(node):
            transfer = True  # "a loan", "a credit line"
        for child in node.children:
            if child.dep_ == "prep":
                if _prep_role(doc, table, frames, child, found) and node.i == path[0].i \
                        and child.lower_ in ("from", "by"):
                    transfer = True  # "USD 40 million from the Islamic Development Bank"
            elif child.dep_ in ("poss", "amod", "compound", "nmod") and is_transfer_noun(node):
                who = _actor_of(doc, child, deep=False)  # "Soviet aid", "Japan's loan"
                rule = table.first("modifier", frames) if who else None
                if rule:
                    found[rule.role].append((who, table.where(rule)))
    if verb is not None and frames & {"buy", "sell"}:
        # "bought a stake in the deposit from Ashdown for C$1.4 million": the parser hangs the
        # seller (or the buyer after "sold") on the thing sold, off the amount's path.
        on_path = {n.i for n in path}
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i not in on_path):
            for child in (c for c in obj.children if c.dep_ == "prep"):
                _prep_role(doc, table, frames, child, found)
    subj_actor = None
    if verb is not None:
        subj, passive = _subject(verb)
        subj_actor = _actor_of(doc, subj) if subj is not None and not passive else None
        if subj is None and not passive:
            subj_actor = _actor_before(doc, verb)
        rule = table.first("subject", frames, transfer=transfer)
        if rule is not None:
            transfer = transfer or rule.transfer
            if subj_actor:
                found[rule.role].append((subj_actor, table.where(rule)))
            obj_rule = table.first("object", frames)
            if obj_rule is not None and not found[obj_rule.role]:
                who = _object_actor(doc, verb, span, path)
                if who:
                    found[obj_rule.role].append((who, table.where(obj_rule)))
    if not transfer:
        return
    payer = _as_party(doc, found["payer"][0][0] if found["payer"] else None)
    recipient = _as_party(doc, found["recipient"][0][0] if found["recipient"] else None)
    roles = {role: found[role][0][1] for role in found if found[role]}
    completed = _complete_from_topic(doc, payer, recipient)
    for role, before, after in zip(("payer", "recipient"), (payer, recipient), completed):
        if after is not None and after != before:
            roles[role] = "the article's other party (factex_topic)"
    payer, recipient = completed
    subject = protagonist(doc)
    if (recipient is None and subject is not None and payer != subject
            and company_name(subject, COMPANY_NOUNS)
            and ((payer is not None and _actor_type(doc, payer) == "ORG")
                 or ("receive" in frames and not subj_actor))):
        # A company profile: a loan or investment from a bank or fund goes to the company the
        # text is about ("financed with a $150 million loan from the IFC"), and so does what
        # was raised or borrowed without a named taker ("The offering raised SEK 18 million").
        recipient = subject
        roles["recipient"] = "the text's protagonist (coref.protagonist)"
    if recipient is None and payer is not None and any(n.lemma_.lower() in PENALTY_NOUNS for n in path):
        # "the Bundeskartellamt concluded that …, and Kessler paid a fine of EUR 2.1 million":
        # a fine is paid to the one other organisation the sentence names.
        recipient = _one_other_organisation(doc, span, payer)
        if recipient is not None:
            roles["recipient"] = "a penalty goes to the sentence's one other organisation"
    if payer == recipient:
        recipient = None
    mention.payer, mention.recipient = payer, recipient
    mention.roles = {r: how for r, how in roles.items() if getattr(mention, r) is not None}


def _one_other_organisation(doc: Doc, span: Span, payer: str) -> str | None:
    """The one organisation other than ``payer`` named in the amount's sentence, or None."""
    table = doc._.factex_token_actor or {}
    types = actor_types(doc)
    sent = span.sent
    found = {table[t.i] for t in sent if t.i in table and table[t.i] != payer
             and types.get(table[t.i]) == "ORG"}
    return next(iter(found)) if len(found) == 1 else None


def _prep_role(doc: Doc, table, frames: frozenset[str], prep: Token,
               found: dict[str, list[tuple[str, str]]]) -> bool:
    """Record the actor a preposition names in the role ``money_roles.jsonl`` gives that
    preposition in these frames ("aid from India": payer); whether one was recorded."""
    who = _prep_object_actor(doc, prep)
    rule = table.first("prep", frames, word=prep.lower_) if who else None
    if rule:
        found[rule.role].append((who, table.where(rule)))
    return rule is not None


def _path_to_verb(span: Span) -> list[Token]:
    """The tokens from the amount up to its verb.

    "aid worth US$142 million from India" puts the preposition on "aid" or "million", "Japan
    lent US$50 million to Indonesia" on the verb. The parser may split an amount ("gave Rs 12
    lakh to …" with "Rs" a dative and "lakh" the object): every token of the span governed from
    outside it belongs to the path.
    """
    root = span.root
    path = [root, *[t for t in span if t.i != root.i and not span.start <= t.head.i < span.end]]
    t = root
    while t.head.i != t.i and len(path) < 8:
        t = t.head
        path.append(t)
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl"):
            break
    return path


def is_transfer_noun(node: Token) -> bool:
    """A noun of money changing hands ("loan", "grant", "aid"), or one compounded with it."""
    return (node.lemma_.lower() in TRANSFER_NOUNS or node.lower_ in TRANSFER_NOUNS
            or any(c.dep_ == "compound" and c.lower_ in TRANSFER_NOUNS for c in node.children))


def _prep_object_actor(doc: Doc, prep: Token) -> str | None:
    """The actor a preposition's object names: the object itself or a name on it ("to the
    Bangladeshi authorities", "for Angolan projects"), not any name deeper in its phrase
    ("equivalent to 40 per cent of PNG's revenue" names no recipient)."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None:
        return None
    # An apposition is the party itself ("from the Vancouver promoter Frederick Ashdown"), a
    # modifier only describes it: the apposition is tried first.
    named = sorted((c for c in obj.children if c.dep_ in ("amod", "compound", "poss", "nmod", "appos")),
                   key=lambda c: c.dep_ != "appos")
    return _actor_of(doc, obj, deep=False) or next(
        (_actor_of(doc, c, deep=False) for c in named if _actor_of(doc, c, deep=False)), None)


def _object_actor(doc: Doc, verb: Token, span: Span, path: list[Token]) -> str | None:
    """A dative or first object of the verb: "gave Tanzania SEK 40 million", "pledged Vietnam a
    grant" (parsed as two objects); the last one found wins."""
    on_path = {n.i for n in path}
    who = None
    for c in verb.children:
        if span.start <= c.i < span.end:
            # The amount's own token: only a name the parser hung on it ("gave Tanzania SEK 40
            # million", "Tanzania" a compound of "SEK").
            if c.dep_ in ("dative", "iobj", "dobj"):
                # Not a name inside its prepositional phrases ("R$ 3.2 million for … passengers
                # at Confins airport"): those say what the amount was for.
                who = next((_actor_of(doc, g, deep=False) for g in c.subtree
                            if not span.start <= g.i < span.end and not _under_prep(g, c)
                            and _actor_of(doc, g, deep=False)), who)
            continue
        if c.dep_ in ("dative", "iobj") or (c.dep_ == "dobj" and c.i not in on_path and c.i < span.start):
            who = _actor_of(doc, c, deep=c.dep_ != "dobj") or who
    return who


def _under_prep(token: Token, top: Token) -> bool:
    """Whether a token hangs under a preposition below ``top``."""
    t = token
    while t.i != top.i and t.head.i != t.i:
        if t.dep_ == "prep":
            return True
        t = t.head
    return False


def _actor_before(doc: Doc, verb: Token) -> str | None:
    """The actor just before a verb the parser left without a subject ("In the mid-1970s
    Sweden disbursed …", where the model attaches "Sweden" to the preposition)."""
    table = doc._.factex_token_actor or {}
    for i in range(verb.i - 1, max(verb.i - 5, -1), -1):
        if i in table:
            return table[i]
        if doc[i].pos_ in ("VERB", "PUNCT") or doc[i].is_sent_start:
            return None
    return None


def _overlaps_any(found: list[ScannedAmount], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps an amount of ``found`` (sorted by start, not nested)."""
    i = bisect.bisect_left(starts, end)
    return i > 0 and found[i - 1].end > start


def _actor_type(doc: Doc, name: str | None) -> str | None:
    return actor_types(doc).get(name)


def _person_state(doc: Doc, name: str) -> str | None:
    """The state a person acts for, when the text says so ("Japanese Prime Minister Shinzo
    Abe", "Sher Bahadur Deuba of Nepal"; see :func:`coref.affiliations`)."""
    states = affiliations(doc).get(name, set())
    return next(iter(states)) if len(states) == 1 else None

def _as_party(doc: Doc, name: str | None) -> str | None:
    """A city pays or receives on behalf of its state ("a college in Hanoi" → Vietnam), and so
    does a person whose state the text gives."""
    if name is None:
        return None
    gz = gazetteer()
    if _actor_type(doc, name) == "PERSON":
        return _person_state(doc, name) or name
    if name not in gz.states and _actor_type(doc, name) in ("GPE", "LOC"):
        state = gz.places.get(key(name))
        if state:
            return state
    return name


def _complete_from_topic(doc: Doc, payer: str | None, recipient: str | None):
    """In an article on two states, a transfer from one of them goes to the other."""
    topic = doc._.factex_topic or []
    if len(topic) != 2:
        return payer, recipient
    a, b = topic
    other = {a: b, b: a}

    def side(name: str | None) -> str | None:
        if name in other:
            return name
        if _actor_type(doc, name) in ("ORG", "PERSON"):
            # An agency or official of a state ("Japan International Cooperation Agency",
            # "Japan's Overseas Economic Cooperation Fund", "Japanese Prime Minister Abe").
            sides = [s for s in topic if s in affiliations(doc).get(name, ())]
            if len(sides) == 1:
                return sides[0]
        return None

    ps, rs = side(payer), side(recipient)
    if ps and (recipient is None or _actor_type(doc, recipient) == "PERSON"):
        recipient = other[ps]
    elif rs and (payer is None or _actor_type(doc, payer) == "PERSON"):
        payer = other[rs]
    return payer, recipient


def _calendar_dates(doc: Doc) -> tuple[list[DateMention], list[int], dict[int, list[DateMention]]]:
    """Calendar dates of the document, their end offsets, and the dates of each sentence."""
    cached = cache(doc).get("calendar_dates")
    if cached is None:
        # The dateline's date is when the report was written, not what an amount belongs to.
        dates = [d for d in doc._.factex_dates or [] if d.timex.is_calendar
                 and not in_dateline(doc, d.start, d.end)]
        by_sentence: dict[int, list[DateMention]] = {}
        for d in dates:
            by_sentence.setdefault(sentence_at(doc, d.start)[0], []).append(d)
        cached = cache(doc)["calendar_dates"] = (dates, [d.end for d in dates], by_sentence)
    return cached


def _date_for(doc: Doc, span: Span) -> DateMention | None:
    """The date an amount belongs to: in its sentence, else the latest one before it."""
    dates, ends, by_sentence = _calendar_dates(doc)
    same = by_sentence.get(sentence_at(doc, span.start_char)[0], [])
    if same:
        # The date nearest the amount in its sentence ("US$500 million in 1992, … US$80 billion
        # in 2022"); a date after the amount wins a tie, as "in 1992" follows what it dates.
        def distance(d: DateMention) -> tuple[int, int]:
            gap = span.start_char - d.end if d.end <= span.start_char else d.start - span.end_char
            return (max(gap, 0), 0 if d.start >= span.end_char else 1)
        return min(same, key=distance)
    i = bisect.bisect_right(ends, span.start_char)
    return dates[i - 1] if i else None
