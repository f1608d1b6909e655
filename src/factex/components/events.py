"""``factex_events``: dated happenings from a trigger lexicon and the dependency parse.

Triggers (``data/event_triggers.jsonl``) are matched on lemma and part of speech, with
optional argument constraints ("establish" is ``diplomatic_relations`` only with "relations",
"ties", "embassy" among its arguments). Each trigger is bound to the dates of its own clause;
a clause with none inherits the date of the clause that governs it ("In 1986 X visited Dhaka,
and later Y visited Moscow"), and a sentence that only gives dates ("The first time was in
2009 and then in 2013") dates the undated main trigger of the sentence before. Coordinated
dates give one event each. Actors are the named participants of the clause, demonyms resolved;
"both countries" stands for the two states of a relations article, and a state that had a
predecessor on the event's date is named as that predecessor (Russia in 1972: Soviet Union).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factex.language.lexicon import (BOTH_SIDES, FORCE_NOUNS, PENALTY_NOUNS, PERSON_SUBJECT_VERBS,
                                     POST_NOUNS, ROLE_NOUNS, SOLITARY_VERBS, TITLES, YEAR_WORD,
                                     company_name)
from factex.language.coref import affiliations, antecedent, named_before, protagonist
from factex.language.docutil import actor_types, cache, doc_text, line_at, quoted, sentence_at
from factex.language.timex import MONTHS
from factex.language.rules import Rules, TriggerEntry, active, gazetteer
from factex.components.base import RulesComponent, require
from factex.components.doctime import dateline_span, in_dateline
from factex.records.mentions import DateMention, EventMention
from factex.components.money import is_transfer_noun

# Verbs whose infinitive complement names the happening ("agreed to lend", "decided to open").
_DEFER_TO_COMPLEMENT = {"agree", "decide", "resolve", "vote"}
# Nouns whose "of" phrase names a field, not a happening ("treaties of trade").
_QUALIFIED_NOUNS = {"treaty", "agreement", "accord", "convention", "pact", "protocol", "programme",
                    "program", "policy", "ministry", "minister", "agency", "department", "office",
                    "committee", "relation", "field", "area", "sector", "volume", "value", "level",
                    "terms", "term", "balance", "bill", "law", "act", "conference", "council",
                    # "the fiftieth anniversary of independence": an earlier happening recalled.
                    "anniversary", "celebration", "commemoration", "jubilee", "centenary",
                    "centennial", "memory", "legacy", "history"}
# Event types that, in an article on two parties, are between those two unless said otherwise.
_BILATERAL_TYPES = {"diplomatic_relations", "agreement", "trade", "aid"}
# Verbs that only carry a noun trigger ("made visits", "held talks", "paid a visit").
_LIGHT_VERBS = {"make", "pay", "hold", "conduct", "undertake", "carry", "stage", "launch", "begin",
                "start", "host", "attend", "join", "complete", "lead"}
# Verbs of moving: the crossing or the voyage comes with the happening an annotator records
# (the conquest, the battle, the visit), typed by its own frame; the fallback leaves them.
_MOTION = {"cross", "sail", "march", "move", "travel", "enter", "anchor", "escort", "transport",
           "ride", "fly", "drive", "proceed", "head", "cruise", "row", "ship"}
# Verbs of state, quantity, reporting position or aspect: no happening of their own.
_NOT_HAPPENINGS = {"be", "have", "remain", "stay", "continue", "seem", "appear", "include",
                   "contain", "consist", "total", "amount", "number", "stand", "lie", "keep",
                   "exist", "belong", "depend", "know", "call", "name", "describe", "consider",
                   "regard", "see", "use", "follow", "mark", "accompany", "base", "locate",
                   "situate", "estimate", "report", "record", "note", "begin", "start", "go",
                   "come", "take", "make", "do", "get", "give", "reach", "rise", "fall", "grow",
                   "increase", "decrease", "decline", "drop", "double", "triple", "exceed",
                   "average", "range", "vary", "account", "represent", "make up", "comprise",
                   "last", "span", "cover", "live", "work", "serve", "hold",
                   # attitude, effort, cause and comparison: no happening of their own
                   "treat", "concentrate", "focus", "help", "become", "overtake", "seek", "try",
                   "attempt", "want", "hope", "plan", "expect", "need", "allow", "enable",
                   "cause", "result", "mean", "reflect", "show", "prove", "face", "enjoy",
                   "feature", "involve", "require", "intend", "aim", "manage", "fail",
                   "let", "leave", "put", "set", "bring", "turn", "find", "think",
                   "believe", "feel", "like", "love", "prefer", "wish", "choose", "tend",
                   # aspect: "the war ended", "talks ceased" name no happening of their own
                   "end", "finish", "cease", "stop", "complete",
                   # speech: a statement is typed by the lexicon's frames or not at all
                   "tell", "confirm", "deny", "claim", "argue", "indicate", "explain", "add",
                   "insist", "assert", "allege", "reply", "respond", "comment", "stress",
                   "acknowledge", "admit", "suggest", "speak", "write", "ask"}
# Prepositions of an absolute phrase with a happening of its own ("with Edward III besieging
# Calais", "after crossing the Alps").
_ABSOLUTE_PREPS = frozenset(("with", "after", "before", "while", "since", "following"))
# Prepositions that attach a happening as the circumstance of another ("during a visit").
_ADJUNCT_PREPS = {"during", "after", "before", "following", "amid", "despite", "since", "until"}
# Dependency labels of a verb that heads a clause of its own (not a participle modifier).
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl"}
# Verbs of moving money that give no aid, and the type their happening takes.
_PAYMENT_TYPES = {"pay": "other", "invest": "trade", "raise": "other"}
# Particles of phrasal verbs, whatever the parser calls them.
_PARTICLES = frozenset("out over off up down back away".split())
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "prep", "compound", "amod", "acomp", "prt",
             "agent", "dative", "oprd", "xcomp", "conj", "npadvmod", "appos", "poss", "nmod"}


@dataclass
class _Trigger:
    token: Token
    entry: TriggerEntry
    clause: Token | None
    fallback: bool = False


@Language.factory("factex_events", default_config={"carry_over": True, "fallback": False,
                                                    "narrative": 0},
                  requires=["doc._.factex_actors", "doc._.factex_dates", "doc._.factex_money",
                            "doc._.factex_topic",
                            "token.dep", "token.lemma", "token.tag"],
                  assigns=["doc._.factex_events"])
def make_events(nlp: Language, name: str, *, carry_over: bool, fallback: bool,
                narrative: int) -> "EventsComponent":
    """Build the events component (the lexicon is read and validated once, here)."""
    return EventsComponent(carry_over=carry_over, fallback=fallback, narrative=narrative)


class EventsComponent(RulesComponent):
    """Sets ``doc._.factex_events``; needs actors and dates before it."""

    def __init__(self, *, carry_over: bool = True, fallback: bool = True,
                 narrative: int = 0) -> None:
        self.carry_over = carry_over
        self.fallback = fallback
        # How many undated sentences after a dated one, in the same paragraph, continue its
        # episode and take its date (0: none).
        self.narrative = narrative
        super().__init__()

    def _compile(self) -> None:
        self.lexicon: dict[str, list[TriggerEntry]] = {}
        # Where each entry stands (--explain): rows count the user's files first, then ours.
        self._row = {id(e): f"event_triggers.jsonl:{n}" for n, e in enumerate(self.rules.triggers, 1)}
        for entry in self.rules.triggers:
            self.lexicon.setdefault(entry.lemma, []).append(entry)
        for entries in self.lexicon.values():
            # Entries with argument constraints are more specific: try them first.
            entries.sort(key=lambda e: e.args is None)
        # Most tokens trigger nothing: a set of words rules them out before any string work.
        roles = self.rules.money_roles
        # The verbs of giving and receiving money name aid, of buying and selling trade (the
        # frames of money_roles.jsonl, one list for both components).
        self._aid_verbs = roles.lemmas_of("give", "receive", "announce") | {"ship"}
        # Verbs that give an amount only when it is their own object (money_roles "direct").
        self._direct_verbs = roles.lemmas_of(*roles.direct)
        self._trade_verbs = roles.lemmas_of("buy", "sell")
        self._words = frozenset(self.lexicon) | self._aid_verbs | self._trade_verbs
        self._hashes: dict[int, numpy.ndarray] = {}

    # -- triggers ---------------------------------------------------------------------------

    def match(self, token: Token, money_tokens: frozenset[int] = frozenset()) -> TriggerEntry | None:
        """The lexicon entry a token triggers, if any."""
        lemma = token.lemma_.lower()
        if lemma not in self._words and token.lower_ not in self._words:
            return None
        entries = self.lexicon.get(lemma) or self.lexicon.get(token.lower_)
        if not entries:
            return self._money_transfer(token, money_tokens)
        if token.lemma_.lower() in _DEFER_TO_COMPLEMENT and any(
                c.dep_ == "xcomp" and c.pos_ == "VERB" for c in token.children):
            return None
        words = None  # read only for an entry with argument constraints (most have none)
        for e in entries:
            if token.pos_ not in e.pos:
                continue
            if words is None and (e.args or e.exclude_args):
                words = _argument_words(token)
            if e.args and not words & set(e.args):
                continue
            if e.exclude_args and words & set(e.exclude_args):
                continue
            if e.type in ("other", "statement"):
                # "handed over Tk 50 lakh", "announced €207 million in humanitarian funding": a
                # transfer of money says more than the bare verb.
                return self._money_transfer(token, money_tokens) or e
            return e
        return self._money_transfer(token, money_tokens)

    def _candidates(self, doc: Doc) -> list[int]:
        """Indices of the tokens whose lemma or lower-case form is a lexicon word, found once
        per Doc by comparing hashes (most tokens trigger nothing)."""
        found = cache(doc).get("trigger_candidates")
        if found is None:
            strings = doc.vocab.strings
            hashes = self._hashes.get(id(strings))
            if hashes is None:
                # The lemmatiser keeps the case of some words ("Talks" at a sentence start).
                hashes = self._hashes[id(strings)] = numpy.array(sorted(
                    {strings.add(v) for w in self._words for v in (w, w.capitalize(), w.upper())}),
                    dtype="uint64")
            rows = doc.to_array([LEMMA, LOWER])
            # A binary search in the sorted hashes: numpy.isin would sort them again per Doc.
            at = numpy.minimum(numpy.searchsorted(hashes, rows), len(hashes) - 1)
            hit = hashes[at] == rows
            found = numpy.nonzero(hit[:, 0] | hit[:, 1])[0].tolist()
            cache(doc)["trigger_candidates"] = found
        return found

    def _money_transfer(self, token: Token, money_tokens: frozenset[int]) -> TriggerEntry | None:
        """A giving or receiving verb whose object is an amount of money is aid ("Canada
        allotted $35 million to India"); buying and selling it is trade."""
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or not money_tokens:
            return None
        kind = ("aid" if lemma in self._aid_verbs
                else "trade" if lemma in self._trade_verbs else None)
        if kind is None:
            return None
        direct = lemma in self._direct_verbs
        if direct and any(c.dep_ == "dobj" and c.i not in money_tokens and not is_transfer_noun(c)
                          for c in token.children):
            return None  # "announced a loss of CHF 15 million" (the parser may hang "million" on the verb)
        for c in token.children:
            if c.dep_ in ("dobj", "dative", "prep", "attr") and any(
                    t.i in money_tokens for t in c.subtree):
                if direct and not (c.i in money_tokens or is_transfer_noun(c)):
                    continue  # "announced a loss of CHF 15 million", "announced plans …"
                if any(t.lower_ in PENALTY_NOUNS or t.lemma_.lower() in PENALTY_NOUNS for t in c.subtree):
                    # "paid a fine of C$3.5 million", "paid €2 million in damages": a penalty
                    # settled, not aid given (the gold guide's `other`).
                    return TriggerEntry(type="other", lemma=lemma, pos=["VERB"], confidence=0.7)
                if lemma in _PAYMENT_TYPES:
                    # A payment is no grant or loan: the price of something bought is trade
                    # ("paid US$185 million … for the deposit"), tribute or wages are `other`;
                    # an investment is trade, money raised `other` (the gold guide's types).
                    bought = lemma == "pay" and any(
                        c2.dep_ == "prep" and c2.lower_ == "for" for c2 in token.children)
                    return TriggerEntry(type="trade" if bought else _PAYMENT_TYPES[lemma],
                                        lemma=lemma, pos=["VERB"], confidence=0.7)
                return TriggerEntry(type=kind, lemma=lemma, pos=["VERB"], confidence=0.75)
        return None

    def triggers(self, sent: Span, money_tokens: frozenset[int] = frozenset()) -> list[_Trigger]:
        """Triggers of one sentence, without noun triggers that are arguments of a verb one."""
        found = []
        doc = sent.doc
        cands = self._candidates(doc)
        for k in range(bisect.bisect_left(cands, sent.start), bisect.bisect_left(cands, sent.end)):
            tok = doc[cands[k]]
            entry = self.match(tok, money_tokens)
            if entry is not None:
                found.append(_Trigger(tok, entry, _clause(tok)))
        verbs = {t.token.i: t for t in found if t.token.pos_ in ("VERB", "AUX")}
        kept = []
        for t in found:
            if (t.token.pos_ not in ("VERB", "AUX") and t.clause is not None and t.clause.i in verbs
                    and not _adjunct(t.token)):
                continue  # "signed an agreement": the verb is the trigger
            if _modifier_noun(t.token):
                continue  # "treaties of trade", "trade agreement": a noun describing another
            kept.append(t)
        if self.fallback:
            kept.extend(self._fallback_triggers(sent, kept))
        return kept

    def _fallback_triggers(self, sent: Span, found: list[_Trigger]) -> list[_Trigger]:
        """Past-tense action verbs of clauses without a lexicon trigger, typed ``other``.

        The gold guide calls every dated happening an event, and no lexicon lists every verb
        of happening ("the reactor was brought into operation", "bombs exploded"); the caller
        keeps these only when their own clause carries a date and names a participant.
        """
        taken = {t.token.i for t in found} | {t.clause.i for t in found if t.clause is not None}
        out = []
        for tok in sent:
            if (tok.pos_ != "VERB" or tok.i in taken or tok.lemma_.lower() in _NOT_HAPPENINGS
                    or tok.lemma_.lower() in _MOTION):
                continue
            finite = tok.tag_ == "VBD" or (tok.tag_ == "VBN" and any(
                c.dep_ in ("aux", "auxpass") for c in tok.children))
            if not finite or tok.dep_ not in _CLAUSE_DEPS:
                continue
            if tok.lemma_.lower() in _DEFER_TO_COMPLEMENT and any(
                    c.dep_ == "xcomp" for c in tok.children):
                continue  # "agreed to lend": the complement is the happening
            if tok.lemma_.lower() in _CAUSING_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
                continue  # "ordered that all Danish men … be killed": so is the killing
            told = _told(tok)
            entry = TriggerEntry(type="statement" if told else "other", lemma=tok.lemma_.lower(),
                                 pos=["VERB"], confidence=0.4)
            if not _named_doer(tok):
                continue  # "Brazilian diplomacy treated …": nobody named did it
            out.append(_Trigger(tok, entry, tok, fallback=True))
        return out

    # -- main -------------------------------------------------------------------------------

    def _process(self, doc: Doc) -> Doc:
        require(doc, "factex_events", ("actors", "dates", "money", "topic"), parse=True)
        # The dateline's date is when the report was written, not when anything in it happened.
        dates = [d for d in doc._.factex_dates or [] if d.timex.is_calendar
                 and not in_dateline(doc, d.start, d.end)]
        events: list[EventMention] = []
        # The dateless sentence just before, whose main happening a following sentence of
        # dates alone may take ("…visited Russia twice. The first time was in 2009").
        pending: Span | None = None
        money_tokens = frozenset(i for m in doc._.factex_money or []
                                 for i in range(m.token_start, m.token_end))
        by_sentence: dict[int, list[DateMention]] = {}
        for d in dates:
            by_sentence.setdefault(sentence_at(doc, d.start)[0], []).append(d)
        # The narrative's date: the last date of the last dated sentence of this paragraph,
        # and how many undated sentences have followed it.
        episode: tuple[DateMention, int] | None = None
        text = doc_text(doc)
        for sent in doc.sents:
            if _citation(text, sent):
                continue  # a reference list's entry: a source's title and date, no happening
            sent_dates = by_sentence.get(sent.start_char, [])
            if episode is not None and _paragraph_break(text, sent):
                episode = None
            if not sent_dates:
                if episode is not None and episode[1] < self.narrative:
                    events.extend(self._narrative_events(doc, sent, episode[0], money_tokens))
                    episode = (episode[0], episode[1] + 1)
                # No event without a date: its triggers are looked for only if the next
                # sentence needs them.
                pending = sent
                continue
            if self.narrative:
                # Only kept when it is used: the headings test is not free on every sentence.
                episode = None if _heading(text, sent) else (_collapse_ranges(sent_dates)[-1], 0)
            triggers = [t for t in self.triggers(sent, money_tokens)
                        if not _title_line(doc, t.token.idx)]
            lexical = [t for t in triggers if not t.fallback]
            for trig in triggers:
                mine = self._dates_for(doc, trig, sent_dates, triggers)
                if trig.fallback:
                    # Only a verb with a date of its own and a named participant is reported.
                    mine = [(d, how) for d, how in mine if how == "clause"]
                for d, how in mine:
                    ev = self._event(doc, sent, trig, d, how)
                    if ev is not None and not (trig.fallback and not ev.actors):
                        events.append(ev)
            main = None
            if self.carry_over and pending is not None and not lexical and not _laid_out(text, sent):
                main = _main_trigger([t for t in self.triggers(pending, money_tokens)
                                      if not t.fallback])
            if main is not None:
                # "…visited Russia twice. The first time was in 2009 and then in 2013."
                for d in _collapse_ranges(sent_dates):
                    ev = self._event(doc, sent, main, d, "carried")
                    if ev is not None:
                        events.append(ev)
            pending = None
        events = _without_bare_occurrences(doc, events)
        tables, headings = self._table_events(doc, dates, money_tokens)
        if headings:
            # A table of years tells its heading's happenings year by year; a reading of the
            # heading as prose (its sentence runs into the first row) is dropped.
            events = [e for e in events
                      if not any(a <= e.trigger_start < b for a, b in headings)]
        doc._.factex_events = sorted(_dedupe(doc, events) + tables,
                                     key=lambda e: (e.start, e.trigger_start))
        return doc

    def _table_events(self, doc: Doc, dates: list[DateMention], money_tokens: frozenset[int]
                      ) -> tuple[list[EventMention], list[tuple[int, int]]]:
        """Events of a table of years: a column whose heading names a happening ("Finnish
        exports to Uruguay (€m)", "Imports") gives one event per row that has a value in it,
        dated by the row's year; its participants are the names in the heading. The evidence
        runs from the heading line to the row's. Also returns the spans of the tables' heading
        lines."""
        text = doc_text(doc)
        if "\t" not in text and "|" not in text:
            return [], []
        by_start = {d.start: d for d in dates}
        table = doc._.factex_token_actor or {}
        out: list[EventMention] = []
        spans: list[tuple[int, int]] = []
        for heading, rows in _year_tables(text):
            spans.append((heading[0][0], heading[-1][1]))
            for j, (hs, he) in enumerate(heading[1:], start=1):
                cell = doc.char_span(hs, he, alignment_mode="expand")
                if cell is None:
                    continue
                # A noun that names a happening ("exports", "trade"); a heading's verb-like
                # word is a label ("Vessel calls"), not a telling.
                trig = next((_Trigger(t, e, _clause(t)) for t in cell if t.pos_ == "NOUN"
                             and (e := self.match(t, money_tokens)) is not None), None)
                if trig is None:
                    continue
                names = list(dict.fromkeys(table[t.i] for t in cell if t.i in table))
                for row_start, row_end, cells in rows:
                    if j >= len(cells) or not re.search(r"\d", text[cells[j][0]:cells[j][1]]):
                        continue  # no value for that year
                    d = by_start.get(cells[0][0])
                    if d is None:
                        continue
                    date = d.whole(text)
                    value = date.timex.value
                    tok = trig.token
                    out.append(EventMention(
                        type=trig.entry.type, trigger=text[hs:he].strip(), trigger_start=tok.idx,
                        trigger_end=tok.idx + len(tok.text), date=date,
                        actors=_as_of(doc, names, value), location=None,
                        # The evidence runs from the heading to the row: the column's
                        # happening and the row's year.
                        start=hs, end=date.end, sent_start=heading[0][0], sent_end=row_end,
                        modality=None, confidence=round(trig.entry.confidence * 0.8, 3),
                        trigger_i=tok.i, trigger_rule=self._row.get(id(trig.entry), ""),
                        date_how="table", actors_how="table heading"))
        return out, spans

    def _narrative_events(self, doc: Doc, sent: Span, date: DateMention,
                          money_tokens: frozenset[int]) -> list[EventMention]:
        """Events of an undated sentence that continues a dated one's episode ("In 1013 Sweyn
        landed at Sandwich. The north submitted quickly, and London held out."): each
        happening of it takes the narrative's date. Only happenings with a named participant."""
        out = []
        for trig in self.triggers(sent, money_tokens):
            if trig.token.pos_ not in ("VERB", "AUX") and not _light_object(trig):
                continue  # a noun names a happening only with its own date
            ev = self._event(doc, sent, trig, date, "narrative")
            if ev is not None and ev.actors:
                out.append(ev)
        return out

    def _dates_for(self, doc: Doc, trig: _Trigger, sent_dates: list[DateMention],
                   triggers: list[_Trigger]) -> list[tuple[DateMention, str]]:
        """Dates bound to a trigger: its clause's, else its governing clause's."""
        noun = trig.token.pos_ not in ("VERB", "AUX")
        if trig.entry.type == "statement":
            # The words quoted date what they tell, not the telling ("the results were
            # expected \"by Thursday at the latest,\" and said …").
            text = doc_text(doc)
            start = trig.token.sent.start_char
            if not quoted(text, start, trig.token.idx):
                sent_dates = [d for d in sent_dates if not quoted(text, start, d.start)]
        own = [d for d in sent_dates if (_inside(doc, d, trig.token)
               or (_same(_date_clause(doc, d), trig.clause) and not _copular(trig))
               or _aspect_of(_date_clause(doc, d), trig.clause))
               and not _object_of(doc, d, trig.token)]
        if own:
            return [(d, "clause") for d in _collapse_ranges(_coordinated(doc, own, trig))]
        if noun and not _light_object(trig):
            return []  # a noun names a happening only with its own date ("the 1958 agreement")
        # A clause without a date takes that of the clause governing it.
        clause = trig.clause
        seen = 0
        while clause is not None and clause.head.i != clause.i and seen < 4:
            clause = _clause(clause.head)
            seen += 1
            if clause is None:
                break
            gov = [d for d in sent_dates if _same(_date_clause(doc, d), clause)]
            if gov:
                before = [d for d in gov if d.start < trig.token.idx] or gov
                return [(d, "governing") for d in _collapse_ranges(before[-1:])]
        # A conjoined clause after a dated one ("In 1986 …, and later … visited Moscow").
        if trig.token.dep_ == "conj":
            before = [d for d in sent_dates if d.end <= trig.token.idx]
            if before:
                return [(before[-1], "governing")]
        return []

    def _event(self, doc: Doc, sent: Span, trig: _Trigger, d: DateMention,
               how: str) -> EventMention | None:
        date = d.whole(doc_text(doc))
        value = date.timex.value
        date_start, date_end = date.start, date.end
        actors, location, actors_how = self._actors(doc, trig, value)
        tok = trig.token
        trigger_text = tok.text
        if tok.pos_ == "NOUN":
            comp = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")
                    and c.i == tok.i - 1 and c.ent_type_ == ""]
            if comp:
                trigger_text = doc_text(doc)[comp[0].idx:tok.idx + len(tok.text)]
        start = min(tok.idx, date_start)
        end = max(tok.idx + len(tok.text), date_end)
        conf = trig.entry.confidence * {"clause": 1.0, "governing": 0.85, "carried": 0.75,
                                         "narrative": 0.6}[how]
        source = self._row.get(id(trig.entry)) or (
            "fallback: a past-tense action verb with its own date" if trig.fallback
            else "money_roles.jsonl frames: a verb of giving, receiving, buying or selling an amount")
        return EventMention(
            type=trig.entry.type, trigger=trigger_text, trigger_start=tok.idx,
            trigger_end=tok.idx + len(tok.text), date=date, actors=actors, location=location,
            start=start, end=end, sent_start=sent.start_char, sent_end=sent.end_char,
            modality=None, confidence=round(conf, 3), trigger_i=tok.i, trigger_rule=source,
            date_how=how, actors_how=actors_how)

    def _actors(self, doc: Doc, trig: _Trigger, value: str) -> tuple[list[str], str | None, str]:
        """Named participants of the trigger's clause (and how they were found); the place it
        happened goes to location."""
        table = doc._.factex_token_actor or {}
        gz = gazetteer()
        etype = trig.entry.type
        names: list[str] = []
        location = None
        tokens = _clause_tokens(trig)
        if trig.token.pos_ not in ("VERB", "AUX") and not any(
                t.i in table and not _place_of(t, table) for t in tokens):
            # "declared independence", "the proclamation of independence by the MPLA": a noun
            # trigger without a participant of its own takes those of the phrase governing it;
            # so does one that names only where it happened ("At talks in Dar es Salaam,
            # Swedish and Tanzanian officials reviewed …").
            gov = _clause(trig.token)
            if gov is not None:
                own = tokens
                tokens = _clause_tokens(_Trigger(gov, trig.entry, gov))
                seen = {u.i for u in tokens}
                tokens += [t for t in own if t.i not in seen]
        nested = self._other_happenings(trig, tokens) | _circumstance_names(trig, table)
        types = actor_types(doc)
        # Read once, not per token (each read of a Doc extension builds its accessor anew).
        filed = dateline_span(doc)
        for t in tokens:
            if t.i in nested:
                continue  # "during Hasina's visit to Tokyo": that visit's participants
            if filed is not None and filed[0] <= t.idx < filed[1]:
                continue  # "NAIROBI, 14 March 2023 -": where the report was filed
            name = table.get(t.i) or antecedent(doc, t)
            if name is None or name in names or _title_demonym(doc, t):
                continue
            root = _name_root(t, table)
            where = _place_of(t, table)
            if where and location is None:
                location = name
            if where and etype not in ("visit", "founding", "diplomatic_relations") \
                    and name not in gz.states:
                continue  # "signed in Brussels": where it happened, not who took part
            if where and etype == "founding" and _has_subject(trig):
                continue  # "OCG opened a terminal at Tema in Ghana": where, not who founded
            if name not in gz.states and types.get(name) in ("GPE", "LOC") and _describes(t, trig):
                continue  # "a plant on the Trishuli River, north-west of Kathmandu"
            if root.dep_ == "pobj" and root.head.lower_ == "of" and _person_token(root.head.head) \
                    and table.get(root.head.head.i) != name:
                continue  # "Prime Minister Sher Bahadur Deuba of Nepal": whose minister he is
            if _in_persons_apposition(t, trig, table):
                continue  # "said Elena Moreau, WFP Country Director": her post, not a party
            if root.dep_ == "poss" and table.get(root.head.i) not in (None, name) \
                    and types.get(table[root.head.i]) == "ORG":
                continue  # "Tanzania's National Electoral Commission": the body takes part
            names.append(name)
        topic = doc._.factex_topic or []
        text = " ".join(w.lower_ for w in tokens)
        how = "clause"
        subject = protagonist(doc)
        if (subject is not None and subject not in names and etype in _PROTAGONIST_TYPES
                and company_name(subject, _COMPANY_NOUNS)
                and not any(types.get(n) in ("ORG", "GPE") for n in names)
                and not _personal_happening(trig)):
            # A company profile's happenings are the company's: "the grinders walked out",
            # "she signed a joint venture with Wuxi Huadong" (the text's protagonist, see coref).
            names.append(subject)
            how = "clause+the text's protagonist"
        if any(p in text for p in BOTH_SIDES) or (etype in _BILATERAL_TYPES and len(names) < 2
                                                  and _only_topic(names, topic)):
            # "both countries", "bilateral trade", or a relations event naming at most one
            # participant in a two-party article: the article's two parties took part. Two named
            # participants ("JICA … to Bangladesh", "Rudd and O'Neill") already say who.
            # A party already there in its own person or agency ("JICA approved …", "Japanese
            # Prime Minister Shinzo Abe pledged …") is not added again as its state.
            sides = affiliations(doc)
            represented = {st for n in names if types.get(n) in ("PERSON", "ORG")
                           for st in sides.get(n, ())}
            missing = [s for s in topic if s not in names and s not in represented]
            if missing:
                how = "clause+topic"
            names.extend(missing)
            if len(topic) != 2 and any(p in text for p in BOTH_SIDES) and len(names) < 2:
                # No two-party article: "the two governments" are the last two states named.
                pair = _last_two_states(doc, trig.token)
                if pair:
                    how = "clause+the two states named before"
                    names.extend(n for n in pair if n not in names)
        if len(names) < 2 and any(p in text for p in _BOTH_FIRMS):
            # "the companies said": the two organisations named just before.
            pair = named_before(doc, trig.token, lambda t, name: types.get(name) == "ORG")
            if len(pair) == 2:
                how = "clause+the two organisations named before"
                names.extend(n for n in pair if n not in names)
        return _as_of(doc, names, value), location, how

    def _other_happenings(self, trig: _Trigger, tokens: list[Token]) -> set[int]:
        """Tokens inside adjunct phrases that name a happening of their own ("during a state
        visit to Canada by Manmohan Singh", "after the 1971 war"), other than the trigger's."""
        out: set[int] = set()
        for t in tokens:
            if (t.i == trig.token.i or t.pos_ != "NOUN" or t.dep_ != "pobj"
                    or t.head.lower_ not in _ADJUNCT_PREPS):
                continue
            if t.left_edge.i <= trig.token.i <= t.right_edge.i:
                continue
            if self.match(t) is not None:
                out.update(range(t.left_edge.i, t.right_edge.i + 1))
        head = trig.clause
        for t in tokens:
            # "with Edward III besieging Calais, David invaded England": a participle naming a
            # happening of its own inside a "with" or adverbial phrase; the whole phrase is its.
            if (t.i == trig.token.i or t.tag_ not in ("VBG", "VBN") or head is None
                    or t.left_edge.i <= trig.token.i <= t.right_edge.i or self.match(t) is None):
                continue
            c = t
            for _ in range(6):
                if c.head.i == head.i or c.head.i == c.i:
                    break
                c = c.head
            if c.head.i == head.i and c.i != trig.token.i and (
                    c.dep_ == "advcl" or (c.dep_ == "prep" and c.lower_ in _ABSOLUTE_PREPS)) \
                    and not (c.left_edge.i <= trig.token.i <= c.right_edge.i):
                out.update(range(c.left_edge.i, c.right_edge.i + 1))
        return out


# Nouns whose "of" phrase names the place itself ("the protectorate of Togoland", "the city
# of Capua"), not a place that describes it.
# Two organisations named together before ("… said Nordhav and Vestkyst. The companies said").
_BOTH_FIRMS = ("both companies", "the two companies", "the companies", "both firms",
               "the two firms", "the firms")
_PLACE_KINDS = frozenset("""protectorate colony city town village port island islands province
    region kingdom republic state territory district county emirate principality duchy
    fortress""".split())
# Nouns whose "of" phrase names the place whose people they are, who act for it.
_PLACE_PEOPLE = frozenset("""garrison garrisons residents inhabitants citizens people population
    townspeople defenders""".split())
# Event types a text's protagonist takes part in when no organisation is named (not conflict,
# visit or diplomatic relations, which are states' and persons').
_PROTAGONIST_TYPES = frozenset(("other", "trade", "agreement", "founding", "statement", "aid"))
_COMPANY_NOUNS = frozenset(("corporation", "company"))
# Capitalised words of a happening's name whose "of" names the place it is called after.
_NAMED_BY_PLACE = frozenset("""treaty peace battle siege convention congress accord accords
    agreement declaration conference sack massacre""".split())
# Prepositions whose object says where a happening took place, not who took part in it.
_PLACE_PREPS = {"in", "at", "near", "off", "outside", "around", "inside", "beside", "within"}


def _circumstance_names(trig: _Trigger, table: dict[int, str]) -> set[int]:
    """Tokens deep inside a prepositional phrase of a verb that happens to its subject alone
    ("he died in London …, in the middle of a renewed war with Sweyn's son Cnut"): the phrase
    says when or how, and its names are not parties to the death or resignation. A name that is
    the preposition's own object stays (where it happened: "died in London")."""
    verb = trig.token
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in SOLITARY_VERBS:
        return set()
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ in ("from", "as", "by"):
            continue  # "resigned from the board of X", "retired as chairman of X": X's post
        for t in c.subtree:
            if t.i in table and _name_root(t, table).head.i != c.i:
                out.add(t.i)
    return out


def _in_persons_apposition(token: Token, trig: _Trigger, table: dict[int, str]) -> bool:
    """Whether a name stands in an appositive describing a named person ("Martin Griffiths,
    the UN relief chief"; "Elena Moreau, WFP Country Director"), on its way to the trigger."""
    name = table.get(token.i)
    t = token
    for _ in range(8):
        if t.i == trig.token.i or t.head.i == t.i:
            return False
        if (t.dep_ == "appos" and _person_token(t.head) and table.get(t.head.i) != name
                and any(w.lower_.rstrip(".") in TITLES or w.lemma_.lower() in ROLE_NOUNS
                        or w.lower_ in POST_NOUNS for w in t.subtree)):
            return True  # (a post is named: not a misparsed "Nkrumah, whose Party …")
        t = t.head
    return False


def _place_of(token: Token, table: dict[int, str]) -> bool:
    """Whether a name token says only where something happened: its name is the object of a
    place preposition ("in Dar es Salaam"), or in apposition to or coordinated with one ("in
    Penang, Malaysia", "in Penang and Ayutthaya")."""
    place = _name_root(token, table)
    while place.dep_ in ("appos", "conj") and place.head.i in table and place.head.i != place.i:
        place = place.head
    if (place.dep_ == "pobj" and place.head.lower_ == "of" and place.head.head.is_title
            and place.head.head.lower_ in _NAMED_BY_PLACE):
        return True  # "the Peace of Turin", "the Battle of Cannae": where, in the event's name
    return place.dep_ == "pobj" and place.head.lower_ in _PLACE_PREPS


def _name_root(token: Token, table: dict[int, str]) -> Token:
    """The token of a multi-word name that attaches it to the clause ("Hill" of "Halidon
    Hill", whose "at" says where)."""
    name = table.get(token.i)
    t = token
    for _ in range(8):
        if t.head.i == t.i or table.get(t.head.i) != name:
            return t
        t = t.head
    return t


def _describes(token: Token, trig: _Trigger) -> bool:
    """True when a name sits in a phrase describing a thing rather than in an argument of
    the happening: on the way up to the trigger it passes a preposition, apposition or
    possessive hanging off a common noun ("a plant on the river", "a café in Dhaka's quarter")."""
    t = token
    for _ in range(12):
        if t.i == trig.token.i or t.head.i == t.i:
            return False
        head = t.head
        if t.dep_ == "pobj" and head.lower_ == "of" and (
                head.head.lemma_.lower() in _PLACE_KINDS or head.head.lower_ in _PLACE_PEOPLE):
            # "the German protectorate of Togoland": the name is the place itself; "the
            # garrison of Chioggia surrendered", "the residents of Itoko": its people
            t = head.head
            continue
        if t.dep_ in ("prep", "appos", "poss", "acl", "relcl") and head.pos_ == "NOUN" \
                and head.i != trig.token.i:
            return True
        if t.dep_ == "prep" and t.lower_ == "of" and head.pos_ == "PROPN" and _person_token(head):
            return True  # "Ealdorman Byrhtnoth of Essex": where the person is from
        if head.i == (trig.clause.i if trig.clause is not None else -1):
            return False
        t = head
    return False


def _person_token(token: Token) -> bool:
    """Whether a token belongs to the name of an actor of type PERSON."""
    table = token.doc._.factex_token_actor or {}
    return token.i in table and actor_types(token.doc).get(table[token.i]) == "PERSON"


def _named_doer(verb: Token) -> bool:
    """True when a verb's subject (or its conjunct head's, or its passive's "by" agent) is a
    named party or a pronoun that stands for one."""
    doc = verb.doc
    table = doc._.factex_token_actor or {}
    v = verb
    for _ in range(3):
        for ch in v.children:
            if ch.dep_ in ("nsubj", "nsubjpass"):
                return any(t.i in table for t in ch.subtree if t.dep_ != "relcl") \
                    or antecedent(doc, ch) is not None
            if ch.dep_ == "agent" and any(g.i in table for g in ch.subtree):
                return True
        if v.dep_ != "conj" or v.head.i == v.i:
            return False
        v = v.head  # "Villa crossed the border and raided Columbus": the first verb's subject
    return False


def _personal_happening(trig: _Trigger) -> bool:
    """A verb only a person does, with a person as its subject ("Gustav Lindahl died in 1937",
    "Ekdahl resigned"): it happened to that person, not to the company the text is about."""
    verb = trig.token
    return verb.lemma_.lower() in PERSON_SUBJECT_VERBS and any(
        c.dep_ == "nsubj" and (_person_token(c) or antecedent(verb.doc, c) is not None)
        for c in verb.children)


def _last_two_states(doc: Doc, token: Token) -> list[str]:
    """The last two distinct states named before a token, in its sentence or the one before
    ("Tashkent opposed the Rogun dam …, and the two governments signed": the two are Uzbekistan
    and Tajikistan); empty unless there are exactly two."""
    states = gazetteer().states
    found = named_before(doc, token, lambda t, name: name in states)
    return found if len(found) == 2 else []


def _has_subject(trig: _Trigger) -> bool:
    """True when the trigger's clause names who acted or what was acted on (a subject, a
    passive subject or a "by" agent; see :func:`_named_doer`)."""
    c = trig.clause if trig.token.pos_ not in ("VERB", "AUX") else trig.token
    return c is not None and _named_doer(c)


def _only_topic(names: list[str], topic: list[str]) -> bool:
    """True when the actors name no state or organisation beyond the article's two parties."""
    if len(topic) != 2:
        return False
    gz = gazetteer()
    others = [n for n in names if n not in topic and (n in gz.states)]
    return not others and len([n for n in names if n in topic]) < 2


# -- helpers ---------------------------------------------------------------------------------


def _argument_words(token: Token) -> set[str]:
    """Lemmas near a trigger that constraints look at: its arguments to depth two."""
    words: set[str] = set()
    for c in token.children:
        if c.dep_ in _ARG_DEPS:
            words.add(c.lemma_.lower())
            words.add(c.lower_)
            for g in c.children:
                if g.dep_ in _ARG_DEPS:
                    words.add(g.lemma_.lower())
                    words.add(g.lower_)
    if token.dep_ in ("conj", "xcomp") and token.head.pos_ in ("VERB", "AUX"):
        # "Relations improved in 1984 and regained …": the subject is the first verb's.
        for c in token.head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                words.add(c.lemma_.lower())
    if token.pos_ == "NOUN" and token.head.i != token.i:
        words.add(token.head.lemma_.lower())
    if token.pos_ == "VERB":
        # The type of an actor named as the thing acted on ("ORG" for "X was founded"), and
        # "THAT" for a clause as the object ("concluded that …" is a finding, not a treaty).
        table = token.doc._.factex_token_actor or {}
        types = actor_types(token.doc)
        for c in token.children:
            dep = c.dep_
            if c.tag_ in ("WDT", "WP") and token.dep_ == "relcl" and dep in ("dobj", "nsubjpass"):
                # "The DC, which Mosisili founded in February": the relative pronoun is the
                # noun its clause hangs on.
                c = token.head
                words.add(c.lemma_.lower())
            typ = types.get(table[c.i]) if c.i in table else None
            if dep in ("dobj", "nsubjpass") and typ:
                words.add(typ)
            elif dep == "nsubj" and typ:
                words.add("SUBJECT:" + typ)  # "Damascus fell"
            elif dep == "ccomp" and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children):
                words.add("THAT")
            elif dep == "advmod" and c.lower_ in _PARTICLES:
                words.add(c.lower_)  # "walked out": the parser may call the particle an adverb
    return words


def _clause(token: Token) -> Token | None:
    """The verb heading the clause a token belongs to."""
    doc = token.doc
    i = _clause_heads_of(doc)[token.i]
    return doc[i] if i >= 0 else None


def _clause_heads_of(doc: Doc) -> list[int]:
    heads = cache(doc).get("clause_heads")
    if heads is None:
        heads = cache(doc)["clause_heads"] = _clause_heads(doc)
    return heads


def _clause_heads(doc: Doc) -> list[int]:
    """For every token, the index of the verb heading its clause (-1 for none), in one pass
    over plain integer arrays: the event rules ask this of most tokens several times."""
    verb, aux = doc.vocab.strings["VERB"], doc.vocab.strings["AUX"]
    not_heads = {doc.vocab.strings[d] for d in ("amod", "aux", "auxpass")}
    arr = doc.to_array([POS, DEP, HEAD]).tolist()
    n = len(arr)
    out = [-2] * n
    for start in range(n):
        path, t = [], start
        result = -1
        for _ in range(40):
            if out[t] != -2:
                result = out[t]
                break
            path.append(t)
            pos, dep, rel = arr[t]
            if (pos == verb or pos == aux) and dep not in not_heads:
                result = t
                break
            if rel == 0:
                result = t
                break
            t += rel if rel < 2**63 else rel - 2**64
        for p in path:
            out[p] = result
    return out


def _paragraph_break(text: str, sent: Span) -> bool:
    """True when a line break stands before the sentence: a new paragraph or a heading ends
    the episode of the sentences before it."""
    before = text[max(0, sent.start_char - 64):sent.start_char]
    return "\n" in before[len(before.rstrip()):] or sent.start_char == 0


# A reference list's entry: "^ “India joins …”. The Hindu. 7 March 2020.", "↑ …", "[3] …", or
# a sentence saying when a source was read: "Retrieved 3 May 2021", "Archived from the original".
_CITATION_MARK = re.compile(r"\s*(?:\d{1,3}\.\s*)?(?:\^|↑|\[\d+\])")
_CITATION_WORDS = re.compile(r"\b(?:Retrieved|Accessed)\s+(?:on\s+)?(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\s+"
                             r"\d{1,2},?)\s+\d{4}\b|\bArchived from the original\b")


def _citation(text: str, sent: Span) -> bool:
    """Whether a sentence is an entry of a reference list: its line opens with a reference mark,
    or the sentence itself says when a source was retrieved."""
    if _CITATION_WORDS.search(text, sent.start_char, sent.end_char):
        return True
    # Only the stretch of the line before the sentence is read (a long one-line text stays linear).
    line_start = text.rfind("\n", max(0, sent.start_char - 200), sent.start_char) + 1
    if line_start == 0 and sent.start_char > 200:
        return False
    return _CITATION_MARK.match(text, line_start) is not None


# A wiki section heading ("Since independence [edit]") and a numbered table-of-contents entry
# ("3 Soviet period and the 1988 earthquake"): a title over the text, not a happening.
_EDIT_MARK = re.compile(r"\[\s*edit\s*\]", re.IGNORECASE)
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_CONTENTS_ENTRY = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z][^.!?:;]*")


def _title_line(doc: Doc, i: int) -> bool:
    """Whether character ``i`` stands on a section heading or a table-of-contents line (a
    line of its own, at most 12 words, and a contents entry has no finite verb: "1 September
    1939 Germany invaded Poland" is a timeline's happening; a text without line breaks has
    none)."""
    text = doc_text(doc)
    bounds = line_at(text, i)
    if bounds is None:
        return False
    start, end = bounds
    line = text[start:end]
    if len(line.split()) > 12:
        return False
    if _EDIT_MARK.search(line) is not None:
        return True
    if _CONTENTS_ENTRY.fullmatch(line) is None or line.split()[1].lower() in MONTHS:
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(t.tag_ in _FINITE_TAGS for t in span)


def _heading(text: str, sent: Span) -> bool:
    """A line of its own without closing punctuation ("Eastern front 1941-1944"): it never
    dates the sentences under it."""
    body = text[sent.start_char:sent.end_char].strip()
    after = text[sent.end_char:sent.end_char + 2]
    return not body.endswith((".", "!", "?", '"', "'", ")", ":", ";")) and (
        "\n" in after or sent.end_char >= len(text.rstrip()))


def _same(a: Token | None, b: Token | None) -> bool:
    """Token identity (spaCy makes a new Token object on every access)."""
    return a is not None and b is not None and a.i == b.i


def _date_clause(doc: Doc, d: DateMention) -> Token | None:
    span = doc[d.token_start:d.token_end]
    if not len(span):
        return None
    root = span.root
    for c in root.children:
        # "…, and the following year the PNG Defence Force imposed a blockade": the parser
        # hangs the clause after a fronted date on the date as a relative clause; the date
        # is that clause's, not the one the date is conjoined to.
        if c.dep_ == "relcl" and c.i > root.i and c.pos_ in ("VERB", "AUX") \
                and root.dep_ == "conj" and not any(g.tag_.startswith("W") for g in c.children) \
                and any(g.dep_ in ("nsubj", "nsubjpass") and root.i < g.i < c.i for g in c.children):
            return c
    return _clause(root)


# Verbs of a happening's phase whose participle dates the happening it hangs on.
_PHASE_VERBS = frozenset(("begin", "start", "commence", "end", "conclude", "culminate", "last",
                          "continue", "finish"))


def _aspect_of(clause: Token | None, head: Token | None) -> bool:
    """True when a participle clause of phase ("…, beginning on 12 August", "lasting until
    1916") hangs on ``head``: its date is the happening's."""
    return (clause is not None and head is not None and clause.head.i == head.i
            and clause.i != head.i and clause.dep_ in ("advcl", "xcomp", "conj")
            and clause.tag_ == "VBG" and clause.lemma_.lower() in _PHASE_VERBS)


# Verbs whose object can be a time spent or marked, not when they happened.
_SPENDING_VERBS = frozenset(("spend", "pass", "devote", "celebrate", "mark", "commemorate"))
# Nouns of a stretch of time spent ("the rest of the decade", "most of 1990").
_PORTIONS = frozenset(("rest", "remainder", "most", "part", "bulk", "whole", "balance"))


def _object_of(doc: Doc, d: DateMention, verb: Token) -> bool:
    """True when the date is the object of a verb of spending or marking time ("spent the
    following decade building …", "celebrated the year 2000"): not when it happened."""
    span = doc[d.token_start:d.token_end]
    if not len(span):
        return False
    t = span.root
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lower_ in _PORTIONS:
        t = t.head.head  # "spent the rest of the decade"
    # Only a verb of spending or marking time has a time for object: the parser also calls
    # "attacked the following day" an object.
    return (t.head.i == verb.i and t.dep_ == "dobj" and verb.lemma_.lower() in _SPENDING_VERBS
            and not any(c.dep_ == "auxpass" for c in verb.children))


def _inside(doc: Doc, d: DateMention, token: Token) -> bool:
    """True when the date is an argument of a noun trigger ("independence in 1971")."""
    if token.pos_ in ("VERB", "AUX"):
        return False
    span = doc[d.token_start:d.token_end]
    return len(span) > 0 and token.left_edge.i <= span.root.i <= token.right_edge.i


def _modifier_noun(token: Token) -> bool:
    """A noun that only qualifies another noun ("treaties of trade", "the aid programme")."""
    if token.pos_ in ("VERB", "AUX"):
        return False
    if token.dep_ in ("compound", "amod", "nmod", "poss"):
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "of":
        owner = token.head.head  # "treaties of trade", "minister of trade": not a happening
        return owner.pos_ in ("NOUN", "PROPN") and owner.lemma_.lower() in _QUALIFIED_NOUNS
    return False


def _light_object(trig: _Trigger) -> bool:
    """A noun trigger carried by a light verb ("made a state visit", "held talks"), or the
    subject of a verb of measure ("Bilateral trade reached US$5 billion in 2011")."""
    c = trig.clause
    if trig.token.pos_ in ("VERB", "AUX") or c is None:
        return False
    lemma = c.lemma_.lower()
    return ((trig.token.dep_ in ("dobj", "nsubjpass") and lemma in _LIGHT_VERBS)
            or (trig.token.dep_ == "nsubj" and lemma in _measure_verbs()))


def _adjunct(token: Token) -> bool:
    """A noun naming a happening of its own as the circumstance of a clause ("during
    Hasina's visit to Tokyo in May 2014, relations were raised …")."""
    return token.dep_ == "pobj" and token.head.lower_ in _ADJUNCT_PREPS


def _copular(trig: _Trigger) -> bool:
    """A noun trigger that is the subject of "be" describes a state of affairs."""
    c = trig.clause
    return (trig.token.pos_ not in ("VERB", "AUX") and c is not None and c.lemma_ == "be"
            and trig.token.dep_ in ("nsubj", "nsubjpass"))


def _collapse_ranges(dates: list[DateMention]) -> list[DateMention]:
    """Both sides of one range count once."""
    out, seen = [], set()
    for d in dates:
        k = (d.range_start, d.range_end) if d.range_value else id(d)
        if k in seen:
            continue
        seen.add(k)
        out.append(d)
    return out


def _coordinated(doc: Doc, dates: list[DateMention], trig: _Trigger) -> list[DateMention]:
    """Several dates in one clause: all if coordinated ("in 2009 and in 2013"), else nearest."""
    if len(dates) <= 1:
        return dates
    dates = sorted(dates, key=lambda d: d.start)
    joined = all(re.fullmatch(r"[\s,]*(?:and|or)?[\s,]*(?:then|again|later)?\s*(?:in|on|during)?\s*",
                              doc_text(doc)[a.end:b.start], re.I) or a.range_value and a.range_value == b.range_value
                 for a, b in zip(dates, dates[1:]))
    if joined:
        # "in 1011, on 8 September": one happening dated twice, the second date inside the
        # first; the finer one is its date.
        text = doc_text(doc)
        inner = {a.start for a, b in zip(dates, dates[1:])
                 if b.timex.value.startswith(a.timex.value + "-")
                 and re.fullmatch(r"[\s,]*(?:on|in)?\s*", text[a.end:b.start], re.I)}
        return [d for d in dates if d.start not in inner]
    pos = trig.token.idx
    return [min(dates, key=lambda d: min(abs(d.start - pos), abs(d.end - pos)))]


_LAYOUT = re.compile(r"\t|\||\[\s*edit\s*\]|\n\s*[\u203a\u2022*^\u2013-]", re.IGNORECASE)


# The separators of a table line's cells.
_CELL_SEP = re.compile(r"\t|\|")
# The line under a markdown table's heading.
_RULE_LINE = re.compile(r"\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of a table line as stripped character spans, an empty cell kept in its
    place ("2021\t\t95": no value in the second column); the empty piece before a leading or
    after a trailing "|" is no cell."""
    seps = list(_CELL_SEP.finditer(text, start, end))
    bounds = [start] + [m.end() for m in seps]
    ends = [m.start() for m in seps] + [end]
    out = []
    for a, b in zip(bounds, ends):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    if out and out[0][0] == out[0][1] and text[start:end].lstrip().startswith("|"):
        out = out[1:]
    if out and out[-1][0] == out[-1][1] and text[start:end].rstrip().endswith("|"):
        out = out[:-1]
    return out


def _year_tables(text: str):
    """Tables whose rows begin with a year, each with its heading line: (heading cells, [(row
    start, row end, row cells), …]). A line is a table row only when it has a tab or a "|"."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1

    def cells_of(k: int) -> list[tuple[int, int]]:
        a, b = lines[k]
        return _cells(text, a, b) if ("\t" in text[a:b] or "|" in text[a:b]) else []

    def year_row(cells: list[tuple[int, int]]) -> bool:
        return len(cells) >= 2 and YEAR_WORD.fullmatch(text[cells[0][0]:cells[0][1]]) is not None

    i = 0
    while i < len(lines):
        first = i
        rows = []
        while i < len(lines) and year_row(cells := cells_of(i)):
            rows.append((*lines[i], cells))
            i += 1
        h = first - 1
        if h >= 0 and _RULE_LINE.fullmatch(text[lines[h][0]:lines[h][1]]):
            h -= 1  # a markdown table's "|---|---|" under its heading
        if len(rows) >= 2 and h >= 0:
            heading = cells_of(h)
            # The heading names the columns: not a row of years itself (a table without one).
            if (len(heading) >= 2 and not year_row(heading)
                    and all(len(r[2]) <= len(heading) for r in rows)):
                yield heading, rows
        i = max(i, first + 1)


def _laid_out(text: str, sent: Span) -> bool:
    """A "sentence" that runs across table cells or list lines ("Past editions[edit]\nYear\t
    Director …", "Related stories\n› …"): the dates of a table or list, not a sentence that
    says when the happening told before it took place. (A plain line break is no layout: hard-
    wrapped prose breaks its sentences too.)"""
    return _LAYOUT.search(text, sent.start_char, sent.end_char) is not None


def _main_trigger(triggers: list[_Trigger]) -> _Trigger | None:
    for t in triggers:
        if t.token.dep_ == "ROOT":
            return t
    return triggers[0] if triggers else None


def _clause_tokens(trig: _Trigger) -> list[Token]:
    """Tokens of the trigger's clause, without nested clauses of their own."""
    head = trig.clause
    # A relative clause on a noun trigger tells a happening of its own ("a state visit to
    # Tokyo, during which the two governments signed …", "where he and Lula signed …").
    # ("… riots, in which Indonesian students …" still tell the riots' own.)
    told = {t.i for c in trig.token.children if c.dep_ == "relcl" and _nested_time_or_place(c)
            for t in c.subtree} if trig.token.pos_ not in ("VERB", "AUX") else set()
    if (trig.token.pos_ not in ("VERB", "AUX") and not _light_object(trig)) or head is None:
        # A noun trigger's participants are in its own phrase ("Bangladesh's independence").
        return [t for t in trig.token.subtree if t.i not in told]
    doc = head.doc
    table = doc._.factex_token_actor or {}
    heads = _clause_heads_of(doc)
    noun = trig.token.pos_ not in ("VERB", "AUX")
    lo, hi = trig.token.left_edge.i, trig.token.right_edge.i
    out = [doc[i] for i in range(head.left_edge.i, head.right_edge.i + 1)
           if heads[i] == head.i or (noun and lo <= i <= hi and i not in told)]
    # A conjoined verb shares its head's subject ("X visited A and met B", "it besieged and
    # took Canterbury … and captured Ælfheah"), and so does the complement of an aspect or
    # control verb ("the PLA started shelling Quemoy").
    # So does a participle's adverbial clause ("He kept that promise, returning to Norway",
    # "after murdering his rival John Comyn").
    v = head
    for _ in range(3):
        if any(c.dep_.startswith("nsubj") for c in v.children):
            break
        if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.dep_ == "prep" \
                and v.head.lower_ in _ADVERBIAL_PREPS and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head  # "raised US$300 million by selling a stream", "after murdering his rival"
        elif v.dep_ == "advcl" and v.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            # "travelled to Turin to sign a licence": the purpose shares the subject, unless
            # the verb names whom it is for ("gave Pakistan US$1 billion to fight …").
            if any(c.dep_ in ("dative", "dobj") and c.i in table for c in v.head.children):
                break
        elif not (v.dep_ in ("conj", "xcomp") or (v.dep_ == "advcl" and v.tag_ in ("VBG", "VBN"))):
            break
        v = v.head
        if v.dep_ == "acomp" and v.pos_ == "ADJ":
            v = v.head  # "it was ready to provide …": the copula's subject
        subjects = [c for c in v.children if c.dep_.startswith("nsubj")]
        for c in subjects:
            out.extend(c.subtree)
        if subjects:
            break
    # Who ordered a happening took part in it ("Æthelred ordered that all Danish men … be
    # killed", "had Phocas put to death").
    if head.dep_ == "ccomp" and head.head.lemma_ in _CAUSING_VERBS:
        for c in head.head.children:
            if c.dep_ == "nsubj":
                out.extend(c.subtree)
    # An armed force's commander took part in what it did ("a Roman army under Heraclius",
    # "troops led by Suleiman").
    for t in list(out):
        if t.head.i == head.i and t.dep_ in ("nsubj", "nsubjpass", "dobj") \
                and t.lemma_.lower() in FORCE_NOUNS:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "under":
                    out.extend(c.subtree)
                elif c.dep_ == "acl" and c.lemma_ in ("lead", "command"):
                    out.extend(g for a in c.children if a.dep_ == "agent" for g in a.subtree)
    # A past participle describing a name happened to it ("President Keiko Sawada, appointed
    # in June 2018", "Dara, besieged since 603").
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ == "PROPN":
        owner = head.head
        out.extend(c for c in owner.children if c.dep_ == "compound")
        out.append(owner)
    # Two verbs joined before one object share it ("besieged and took Canterbury", "defeated
    # and killed Byrhtnoth").
    if (head.pos_ == "VERB" and trig.entry.type in _PATIENT_TYPES
            and not any(c.dep_ in ("dobj", "nsubjpass", "prt") for c in head.children)):
        nxt = next((c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"
                    and c.i == head.i + 2 and doc[head.i + 1].dep_ == "cc"), None)
        if nxt is not None:
            for c in nxt.children:
                if c.dep_ == "dobj":
                    out.extend(c.subtree)
    return out


# Nouns of a telling: what is done in one, or to the press, is a statement ("defended the
# programme in a speech", "presented the project to the press").
_TELLINGS = frozenset("""speech speeches statement statements interview interviews address
    letter letters broadcast communique communiqué message press reporters journalists media
    conference briefing op-ed article declaration""".split())


def _told(verb: Token) -> bool:
    """True when a verb is done in a speech, a letter or an interview, or to the press."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "to", "at", "during"):
            for g in c.children:
                if g.dep_ == "pobj" and g.lower_ in _TELLINGS:
                    return True
    return False


# Prepositions of a gerund that tells what the subject did ("by selling", "after murdering");
# not "for", "of", "from", whose gerund may be the object's doing ("praised India for signing").
_ADVERBIAL_PREPS = frozenset(("by", "after", "before", "while", "without", "despite", "upon",
                              "on", "since", "in", "through"))


# Verbs whose subject has a happening done ("ordered that …", "had Phocas put to death").
_CAUSING_VERBS = frozenset(("order", "command", "have", "decree"))


def _nested_time_or_place(relcl: Token) -> bool:
    """A relative clause set in the time or place of its noun ("during which …", "where …",
    "when …", "at which …")."""
    for c in relcl.children:
        if c.dep_ == "advmod" and c.lower_ in ("where", "when"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("during", "at", "after") and any(
                g.lower_ == "which" for g in c.children):
            return True
    return False


# Types whose verbs take what they are done to as an object ("besieged and took Canterbury");
# "resigned and joined Microsoft" shares no object.
_PATIENT_TYPES = frozenset(("conflict", "aid", "trade", "founding"))


def _title_demonym(doc: Doc, token: Token) -> bool:
    """A demonym describing another named party: a person's title ("Bangladeshi Prime
    Minister Sheikh Hasina") or a company's description ("the Norwegian salmon producer
    Nordhav Seafood ASA", "its Finnish rival Turun Laakeri Oy")."""
    if token.ent_type_ != "NORP" and not gazetteer().demonym_state(token.text):
        return False
    table = doc._.factex_token_actor or {}
    types = actor_types(doc)
    own = table.get(token.i)

    def other_party(t: Token) -> bool:
        name = table.get(t.i)
        return name is not None and name != own and types.get(name) in ("PERSON", "ORG")

    head = token.head
    if head.pos_ == "NOUN" and not other_party(head):
        for t in (*head.children, head.head):
            if t.i != token.i and other_party(t) and t.dep_ in ("appos", "compound", "poss") \
                    or t.i == head.head.i and head.dep_ in ("appos", "compound") and other_party(t):
                return True
    nxt = token.i + 1
    # Up to the end of the noun phrase: a run of lower-case descriptors and title-case words.
    while nxt < len(doc) and nxt - token.i <= 5 and not other_party(doc[nxt]) and (
            doc[nxt].is_title or doc[nxt].pos_ in ("NOUN", "ADJ")):
        nxt += 1
    return nxt < len(doc) and nxt - token.i <= 5 and other_party(doc[nxt])


def _year_of(value: str) -> int | None:
    m = re.match(r"(BC)?(\d{4})", value)
    if not m:
        m2 = re.match(r"(BC)?(\d{2,3})$", value)
        if not m2:
            return None
        y = int(m2.group(2)) * (10 if len(m2.group(2)) == 3 else 100)
        return -y if m2.group(1) else y
    y = int(m.group(2))
    return -y if m.group(1) else y


def _as_of(doc: Doc, names: list[str], value: str) -> list[str]:
    """Name a state by its predecessor when the event falls in the predecessor's years
    (Russia in 1972: the Soviet Union; Germany in 1914 is no East Germany)."""
    year = _year_of(value)
    if year is None or not any(n in _predecessors() for n in names):
        return names
    present = {c.name for c in doc._.factex_actors or []}
    out = []
    for n in names:
        repl = n
        for name, since, until in _predecessors().get(n, ()):
            if name in present and year < until and (since is None or year >= since):
                repl = name
        if repl not in out:
            out.append(repl)
    return out


def _measure_verbs() -> frozenset[str]:
    """Verbs of measure ("trade reached", "aid grew"), without the copula: money_roles.jsonl."""
    return _measure_verbs_in(active())


@functools.lru_cache(maxsize=8)
def _measure_verbs_in(rules: Rules) -> frozenset[str]:
    return rules.money_roles.lemmas_of("measure") - {"be"}


def _predecessors() -> dict[str, tuple[tuple[str, int | None, int], ...]]:
    """State name -> (predecessor, its first year or None, its last year), from the gazetteer."""
    return _predecessors_in(active())


@functools.lru_cache(maxsize=8)
def _predecessors_in(rules: Rules) -> dict[str, tuple[tuple[str, int | None, int], ...]]:
    out: dict[str, list[tuple[str, int | None, int]]] = {}
    for st in rules.gazetteer.states.values():
        m = re.match(r"(-?\d+)", st.until or "")
        if m:
            s = re.match(r"(-?\d+)", st.since or "")
            for successor in st.predecessor_of:
                out.setdefault(successor, []).append(
                    (st.name, int(s.group(1)) if s else None, int(m.group(1))))
    return {k: tuple(v) for k, v in out.items()}


def _when_clause(a: Token, b: Token) -> bool:
    """One happening told twice: "Relations were restored in 1947, when Switzerland opened a
    consulate-general" (same type and date, one clause a "when" clause of the other)."""
    ca, cb = _clause(a), _clause(b)
    if ca is None or cb is None:
        return False
    for x, y in ((ca, cb), (cb, ca)):
        # "when" heads an adverbial clause, or a relative clause on the date ("in 1947, when").
        if x.dep_ in ("advcl", "relcl") and _same(_clause(x.head), y) and any(
                c.dep_ in ("advmod", "mark") and c.lower_ == "when" for c in x.children):
            return True
    return False


def _without_bare_occurrences(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """"took place" only says that something happened: where its sentence tells another
    happening of the same date ("One notable success took place on 5 February 1782, when
    the Spanish captured Minorca"), that one is the event."""
    def bare(e: EventMention) -> bool:
        t = doc[e.trigger_i]
        return t.lemma_.lower() == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "place" for c in t.children)
    told = {(e.sent_start, e.date.timex.value) for e in events if not bare(e)}
    return [e for e in events if not (bare(e) and (e.sent_start, e.date.timex.value) in told)]


def _dedupe(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """One event per happening: same type and date in one sentence, with one trigger inside the
    other's phrase ("The Kosi Agreement, signed on …"), is one event."""
    kept: dict[tuple, list[EventMention]] = {}
    out: list[EventMention] = []
    for e in sorted(events, key=lambda e: -e.confidence):
        same = kept.setdefault((e.type, e.date.timex.value, e.sent_start), [])
        a = doc[e.trigger_i]
        dup = False
        for o in same:
            b = doc[o.trigger_i]
            verbs = {a.pos_, b.pos_} <= {"VERB", "AUX"}
            if _when_clause(a, b):
                # The two clauses tell one happening: its participants are both clauses'.
                o.actors.extend(n for n in e.actors if n not in o.actors)
                dup = True
                break
            if a.i == b.i or (not verbs and (
                    a.is_ancestor(b) or b.is_ancestor(a) or a.head.i == b.head.i)):
                dup = True
                break
        if not dup:
            same.append(e)
            out.append(e)
    return sorted(out, key=lambda e: (e.start, e.trigger_start))
