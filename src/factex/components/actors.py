"""``factex_actors``: people, organisations, states and places, clustered per document.

Mentions come from the entity recogniser (after ``factex_entity_ruler``'s corrections). Each is
trimmed (a leading "the", a trailing "'s", titles before a person's name), demonyms are
resolved to their state through the gazetteer ("Soviet", "Bangladeshi-Soviet" → two states), and
mentions are clustered: same name, gazetteer alias ("USSR" → Soviet Union), surname → full name,
acronym ↔ expansion.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from factex.language.lexicon import (
    BODY_HEADS,
    KIN_NOUNS,
    SHIP_PREFIXES,
    COMPANY_NOUNS,
    FEATURE_NOUNS,
    INSTITUTION_NOUNS,
    LOC_OF_WORDS,
    GPE_WORDS,
    LOC_WORDS,
    company_name,
    LOCATIVE_PREPS,
    NAME_PARTICLES,
    NON_ACTOR_HEADS,
    NON_ACTOR_MODIFIED,
    ORG_WORDS,
    PERSON_VERBS,
    PERSON_SUBJECT_VERBS,
    PLACE_PREPS_PROPER,
    POST_NOUNS,
    ROLE_NOUNS,
    OPERATION_WORDS,
    STORM_WORDS,
    TITLE_MODIFIERS,
    TITLES,
)
from factex.components.lemmas import lemma_index
from factex.language.docutil import cache, doc_text, line_bounds, span_text, token_texts
from factex.language.countries import iso_codes
from factex.language.gazetteer import key, known_town
from factex.records.mentions import ActorCluster, ActorMention
from factex.language.rules import currency_table, gazetteer
from factex.components.base import RulesComponent, require
from factex.components.entity_repair import _is_title, _names_head, _not_a_name, _place_cue, _root

LABEL_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "ORG",
               "NORP": "GPE"}
# The mention label of a name that a person cue made PERSON (see _person_cues).
PERSON_CUE = "PERSON_CUE"
# The mention label of a demonym the gazetteer does not know ("Venetian", "Carthaginians").
UNRESOLVED_DEMONYM = "NORP?"
_ACRONYM_STOP = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "in", "on", "to"}


class VerbForms:
    """``word -> bool``: is the word an inflected English verb ("renamed", "leaving")? Read
    from a pipeline's rule lemmatiser tables (plain sets: it pickles with the pipeline)."""

    def __init__(self, nlp: Language) -> None:
        self.index: set[str] = set()
        self.rules: list[tuple[str, str]] = []
        self.exceptions: set[str] = set()
        # Every noun, verb and adjective the lemmatiser knows: the common words of English.
        self.common: set[str] = set(lemma_index(nlp, "noun", "verb", "adj"))
        try:
            lookups = nlp.get_pipe("lemmatizer").lookups
            self.index = set(lookups.get_table("lemma_index")["verb"])
            self.rules = [(o, n) for o, n in lookups.get_table("lemma_rules")["verb"]
                          if o in ("ed", "ing")]
            self.exceptions = {w for w in lookups.get_table("lemma_exc")["verb"]
                               if w.endswith(("ed", "ing"))}
        except (AttributeError, KeyError, ValueError):
            pass  # no rule lemmatiser: no word is known as a verb

    def __call__(self, word: str) -> bool:
        w = word.lower()
        return w in self.exceptions or any(w.endswith(o) and w[:len(w) - len(o)] + n in self.index
                                           for o, n in self.rules)


def _trim_name(span: Span, verb_form=None) -> Span | None:
    """Drop "the", possessive endings, leading titles and a sentence-initial verb from an
    entity span."""
    start, end = span.start, span.end
    doc = span.doc
    texts = token_texts(doc)
    while start < end and (texts[start].lower() == "the" or texts[start] in ("a", "an") or (
            texts[start] in ("BC", "BCE", "AD", "CE") and end - start > 1)):
        start += 1  # "the", "an", and an era marker run into the name ("218 BC Rome")
    while end > start and texts[end - 1] in ("'s", "\u2019s", "'", "\u2019", "-", "\u2013"):
        end -= 1
    for i in range(start + 1, end - 1):
        if texts[i] in ("'s", "\u2019s") and gazetteer().state_of(span_text(doc[start:i])):
            start = i + 1  # "Tajikistan's Rogun dam": the state owns the place, it is not in its name
            break
    for i in range(start, end):
        if texts[i] in ("(", "[") and i > start:
            end = i  # "Swiss Agency for Development and Cooperation (SDC": the name ends here
            break
    while end > start and (texts[end - 1] in (")", "]", ",", "-", "\u2013") or texts[end - 1].isspace()):
        end -= 1
    if span.label_ == "PERSON":
        while start < end - 1 and (doc[start].lower_.rstrip(".") in TITLES or
                                   doc[start].lower_ in TITLE_MODIFIERS):
            start += 1
    if span.label_ in ("ORG", "GPE", "LOC", "FAC"):
        # "the state development bank KfW": a common-noun description (two words or more,
        # a noun among them) before the name.
        k = start
        while k < end - 1 and doc[k].is_lower and doc[k].is_alpha and doc[k].lower_ not in NAME_PARTICLES:
            k += 1
        described = sum(1 for j in range(start, k) if doc[j].pos_ == "NOUN")
        if described and k - start >= 2 and doc[k].text[:1].isupper() and not any(
                doc[j].is_lower and doc[j].lower_ not in ("of", "and", "for", "de", "du", "des", "la", "the")
                for j in range(k, end)):
            start = k
    # "Renamed Leninakan", "Leaving Atlanta": a capitalised verb that opened the sentence or a
    # cell of a table ("1924 | Renamed Leninakan"), not the "United" of a known name.
    opens = doc[start].is_sent_start or (start > 0 and (
        doc[start - 1].text in ("|", ">", "•", "·", "»", ":") or "\n" in doc[start - 1].text))
    if (start < end - 1 and doc[start].is_title and opens and verb_form
            and verb_form(texts[start]) and not gazetteer().state_of(span_text(span))
            and not gazetteer().organisations.get(key(span_text(span)))):
        start += 1
    # "Richard G. The": a determiner of the next sentence run into the name.
    while end - 1 > start and texts[end - 1] in ("The", "A", "An"):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _demonym_parts(span: Span) -> list[tuple[int, int, str, str]]:
    """Demonyms inside a span, split at hyphens: (start_char, end_char, text, state)."""
    gz = gazetteer()
    out = []
    for tok in span:
        for m in re.finditer(r"[^\-\u2013/]+", tok.text):
            state = gz.demonym_state(m.group(0))
            if state:
                s = tok.idx + m.start()
                out.append((s, s + len(m.group(0)), m.group(0), state))
    return out


def _char_span_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


def _names_no_actor(span: Span) -> bool:
    """A document, event or scheme named like an organisation ("Euro-Mediterranean Association
    Agreement", "Ionian Revolt", "Cyclone Sidr"), not a person, organisation or place."""
    text = span_text(span)
    words = text.lower().split()
    if _MODEL_PLURAL.search(text):
        return True  # "Boeing 737s", "Douglas DC-3s": aircraft or machines of a model
    # "Treaty of Alexandropol", "Battle of Celaya": the head comes before "of".
    heads = {words[-1], words[words.index("of") - 1] if "of" in words[1:] else words[-1]}
    if len(words) == 1:
        # "the Treaty", "the Resolution" named by its head (not an acronym such as "PACT").
        return words[0] in NON_ACTOR_HEADS and span.label_ != "PERSON" and not text.isupper()
    return len(words) > 1 and ((heads & NON_ACTOR_HEADS and span.label_ != "PERSON")
                               or words[0] in STORM_WORDS or words[0] in OPERATION_WORDS)


# The plural of a model designation: a word with a digit ending in "s" ("737s", "DC-3s").
_MODEL_PLURAL = re.compile(r"(?:^|\s)[A-Z]*-?\d+[A-Za-z]?s$")


def _common_head(span: Span) -> bool:
    """A name that ends in a lower-case common noun ("the Persian navy") is no proper name."""
    last = span[-1]
    return (len(span) > 1 and last.is_alpha and last.is_lower and last.lower_ not in NAME_PARTICLES
            and last.lower_ not in FEATURE_NOUNS and last.lower_ not in BODY_HEADS
            and span[-2].text not in ("-", "–"))


def _modifies_happening(doc: Doc, m: ActorMention) -> bool:
    """The mention modifies a common noun for a happening or scheme ("the Malari riots",
    "the MEDA programme", "the Atlantic slave trade")."""
    last = doc[m.token_end - 1]
    head = last.head
    return (last.dep_ in ("compound", "amod", "nmod") and head.i >= m.token_end and head.is_lower
            and head.lower_ in NON_ACTOR_MODIFIED)


def _ship_tokens(doc: Doc) -> set[int]:
    """Tokens of ships' names: the capitalised words after a ship's prefix ("the USS Maddox"),
    and those of a name joined to such a one ("the USS Turner Joy and Maddox")."""
    texts = token_texts(doc)
    out: set[int] = set()

    def name_end(j: int) -> int:
        while j < len(texts) and texts[j][:1].isupper() and texts[j].isalpha():
            j += 1
        return j

    for i, w in enumerate(texts):
        if w not in SHIP_PREFIXES:
            continue
        start, end = i + 1, name_end(i + 1)
        while end > start:
            out.update(range(start, end))
            if end + 1 < len(texts) and texts[end] == "and" and texts[end + 1] not in SHIP_PREFIXES:
                start, end = end + 1, name_end(end + 1)
            else:
                break
    return out


def _currency_name(text: str) -> bool:
    """Whether a name of two or more words is a currency's ("Deutsche Mark", "Swiss francs"),
    from the rules' currency words, or a historical mark ("Reichsmark")."""
    low = " ".join(text.lower().split())
    if low in _OLD_CURRENCIES or low.rstrip("s") in _OLD_CURRENCIES:
        return True
    if " " not in low:
        return False  # "Mark", "Franc": a person's name as often as money
    table = currency_table()
    return table.plurals.get(low, low) in table.words or (
        low.endswith("s") and low[:-1] in table.words)


# Currencies of the past that no amount is written in any more, so the rules have no code.
_OLD_CURRENCIES = frozenset(("reichsmark", "rentenmark", "papiermark", "reichsthaler"))


def _office_of(span: Span) -> bool:
    """An organisation-like name that completes an office title ("Secretary of State for
    External Affairs", where the model tags "State for External Affairs")."""
    s = span.start
    return s >= 2 and span.doc[s - 1].lower_ in ("of", "for") and _is_title(span.doc[s - 2])


def collect_mentions(doc: Doc, verb_form=None) -> list[tuple[str | None, str, ActorMention]]:
    """Every actor mention: (gazetteer canonical name or None, type, mention).

    Args:
        doc: a parsed Doc with entities.
        verb_form: ``str -> bool`` for English verb forms (see :class:`VerbForms`); a
            sentence-initial "Renamed" or "Leaving" is then trimmed from a name.
    """
    gz = gazetteer()
    found: list[tuple[str | None, str, ActorMention]] = []
    ents, cued = list(doc.ents), set(doc._.factex_person_cues or ())
    amounts = [(a.start, a.end) for a in (doc._.factex_amounts or [])]
    for ent in ents:
        if ent.label_ not in LABEL_TYPES:
            continue
        span = _trim_name(ent, verb_form)
        if span is None:
            continue
        text = span_text(span)
        if _not_a_name(text) or text.islower():
            continue
        if ent.label_ == "ORG" and _office_of(span) and not gz.organisations.get(key(text)):
            continue
        if len(span) > 1 and _office_words(span) and not gz.organisations.get(key(text)):
            continue  # "WFP Country Director", "the EU Commissioner": an office, not a party
        if any(a < span.end_char and span.start_char < b for a, b in amounts) or _CODED_AMOUNT.fullmatch(text):
            continue  # "HTG 1,350", "EUR 60,000": an amount, not a name (whether or not the
            # currency table knows the code)
        if _currency_name(text):
            continue  # "the Deutsche Mark replaced the Reichsmark": money, not a party
        if _names_no_actor(span) and not gz.organisations.get(key(text)):
            continue
        if ent.label_ != "PERSON" and _common_head(span) and not gz.state_of(text):
            # "the Persian navy": only its demonym is a name (a mention of the state).
            for s_, e_, t_, st in _demonym_parts(span):
                ts, te = _char_span_tokens(doc, s_, e_)
                found.append((st, "GPE", ActorMention(s_, e_, t_, "NORP", ts, te)))
            continue
        if "-" in text and ent.label_ not in ("PERSON",) and not gz.state_of(text):
            parts = _demonym_parts(span)
            if parts and len(text.split()) == 1:
                # "Greco-Persian", "Indo-Soviet": the known demonyms, nothing else.
                for s_, e_, t_, st in parts:
                    ts, te = _char_span_tokens(doc, s_, e_)
                    found.append((st, "GPE", ActorMention(s_, e_, t_, "NORP", ts, te)))
                continue
        # The gazetteer ruler's canonical name, read back from the entity when the mention is
        # the whole entity; a trimmed mention ("the USSR's" → "USSR") is looked up.
        whole = span.start == ent.start and span.end == ent.end and ent.ent_id_
        state = (ent.ent_id_ if whole and ent.ent_id_ in gz.states else None) or gz.state_of(text)
        if state:
            label = "NORP" if gz.demonym_state(text) else "GPE"
            found.append((state, "GPE", ActorMention(span.start_char, span.end_char, text, label,
                                                     span.start, span.end)))
            continue
        org = (ent.ent_id_ if whole and ent.label_ == "ORG" else None) or gz.organisations.get(key(text))
        if org:
            found.append((org, "ORG", ActorMention(span.start_char, span.end_char, text, "ORG",
                                                   span.start, span.end)))
            continue
        region = gz.regions.get(key(text))
        if region and ent.label_ in ("ORG", "PERSON", "GPE", "LOC", "FAC"):
            # "the Hellespont" (tagged GPE), "Thrace" (ORG): a place without a government.
            found.append((region.name, region.type, ActorMention(span.start_char, span.end_char, text,
                                                                 region.type, span.start, span.end)))
            continue
        place = gz.places.get(key(text))
        if place and ent.label_ in ("ORG", "PERSON", "GPE", "LOC", "FAC", "NORP"):
            found.append((None, "GPE", ActorMention(span.start_char, span.end_char, text, "GPE",
                                                    span.start, span.end)))
            continue
        parts = _demonym_parts(span)
        if ent.label_ == "NORP" and not parts:
            # "the Kurds", "the Venetians": a people, never a person's name.
            people = (len(span) == 1 and text.endswith("s") and span.start > 0
                      and token_texts(doc)[span.start - 1].lower() == "the")
            if not people and _looks_like_name(span):
                # The model's NORP for an unknown single proper name ("the Mujib government").
                found.append((None, "PERSON", ActorMention(span.start_char, span.end_char, text,
                                                           "PERSON", span.start, span.end)))
                continue
            if people or (len(span) == 1 and text[:1].isupper()):
                # A demonym the gazetteer does not know ("the Venetians", "English"): it stands
                # for a place the text names, if one fits (see _resolve_demonyms), else for nobody.
                found.append((None, "GPE", ActorMention(span.start_char, span.end_char, text,
                                                        UNRESOLVED_DEMONYM, span.start, span.end)))
                continue
        if ent.label_ == "NORP" or (parts and ent.label_ in ("GPE", "LOC")):
            # "Early Soviet", "Bangladeshi-Soviet": keep the demonyms, drop the rest.
            for s, e, t, st in parts:
                ts, te = _char_span_tokens(doc, s, e)
                found.append((st, "GPE", ActorMention(s, e, t, "NORP", ts, te)))
            continue
        if ent.label_ == "PERSON" and parts and parts[0][0] == span.start_char:
            # "Bangladeshi Sheikh Hasina": the demonym is its own mention.
            s, e, t, st = parts[0]
            ts, te = _char_span_tokens(doc, s, e)
            found.append((st, "GPE", ActorMention(s, e, t, "NORP", ts, te)))
            span = Span(doc, te, span.end, label="PERSON")
            span = _trim_name(span)
            if span is None:
                continue
        if ent.label_ in ("ORG", "FAC") and span.start > 0:
            prev = doc[span.start - 1]
            if prev.dep_ == "compound" and gz.demonym_state(prev.text) and prev.head.i in range(span.start, span.end):
                # "Soviet" + "Navy": the organisation is the "Soviet Navy".
                span = Span(doc, span.start - 1, span.end, label=ent.label_)
                found[:] = [f for f in found if f[2].token_start != prev.i]
        if (ent.label_ == "PERSON" and len(span) == 1 and _PLURAL_NAME.fullmatch(span.text)
                and span[0].dep_ not in ("compound", "nmod", "amod") and ent.end not in cued
                and _people_before(doc, span[0])):
            # "the Gauls", "local Gauls", "the Avars and Slavs": a person's name is not
            # plural, so the model's person is a people, standing for a place the text names
            # if one fits, else for nobody (not "the Karas region", a name modifying a noun).
            found.append((None, "GPE", ActorMention(span.start_char, span.end_char, text,
                                                    UNRESOLVED_DEMONYM, span.start, span.end)))
            continue
        label = PERSON_CUE if ent.end in cued and ent.label_ == "PERSON" else ent.label_
        found.append((None, LABEL_TYPES[ent.label_],
                      ActorMention(span.start_char, span.end_char, span_text(span), label,
                                   span.start, span.end)))
    return found


def _of_a_person(doc: Doc, m: ActorMention) -> bool:
    """The mention is the "of" phrase of a person's name ("Sumanguru of Sosso", "Louis of
    Hungary"): where the person ruled or came from."""
    if m.token_end <= m.token_start:
        return False
    root = _root(doc, m.token_start, m.token_end)
    prep = root.head
    return (root.dep_ == "pobj" and prep.lower_ == "of" and prep.i == m.token_start - 1
            and prep.head.i < prep.i and prep.head.ent_type_ == "PERSON")


def _people_before(doc: Doc, tok) -> bool:
    """What comes before a plural name makes it a people's: "the", a lower-case adjective
    ("local Gauls"), or a plural it is coordinated with ("the Avars and Slavs")."""
    if tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    if prev.lower_ == "the" or (prev.pos_ == "ADJ" and prev.is_lower):
        return True
    head = tok.head
    return (tok.dep_ == "conj" and head.i < tok.i and _PLURAL_NAME.fullmatch(head.text) is not None
            and head.i > 0 and doc[head.i - 1].lower_ == "the")


# A capitalised plural: not "Marcus", "Pausanias", "Dumas".
_PLURAL_NAME = re.compile(r"[A-Z][a-z]+[^suiaeo\W]s")
_ADJECTIVAL = re.compile(r"(an|ian|ese|ish|ic|ist|ists|ans|ians|ite|ites|i|is)$")


# Last words of an office, not of a party ("Uganda Country Director", "Commissioner").
OFFICE_WORDS = frozenset("""director commissioner secretary spokesperson spokesman spokeswoman
    chairman chairwoman chairperson coordinator representative officer manager""".split())


def _office_words(span: Span) -> bool:
    """A name made of an office: its last word is one ("WFP Country Director"), "Board of
    Directors", or its first is an office followed by "of" or "for" ("Minister of Public
    Health")."""
    last = span[-1].lower_
    if last in OFFICE_WORDS or (last == "directors" and span[0].lower_ == "board"):
        return True
    # (Only an organisation-tagged one, and only offices: "the Duke of Wellington" is a
    # person's name, "Prince of Wales Hospital" a hospital.)
    first = span[0].lower_
    return len(span) > 2 and span.label_ == "ORG" and span[1].lower_ in ("of", "for") and (
        first in OFFICE_WORDS or first in _OFFICE_TITLES)


# Offices named "<office> of/for …" ("Minister of Public Health", "Governor of the Central Bank").
_OFFICE_TITLES = frozenset(("minister", "president", "governor", "ambassador", "consul"))


def _common_word(doc: Doc, mentions: list[ActorMention]) -> bool:
    """A one-word name that only ever opens a sentence, a heading or a menu line, and that the
    text also writes in lower case: a capitalised common word, not a proper name."""
    if any(len(m.text.split()) != 1 or not m.text[:1].isupper() or m.text.isupper()
           for m in mentions):
        return False
    text = doc_text(doc)
    if not all(m.token_end > m.token_start and (doc[m.token_start].is_sent_start or m.start == 0
                                                or text[m.start - 1] in "\n>|•·")
               for m in mentions):
        return False  # capitalised where nothing forces it: a name ("the Allies", "Villa")
    word = mentions[0].text.lower()
    if word in ORG_WORDS or word in _BODIES:
        return False  # "the Senate", "the Bank": a body named by its common noun
    return _written_lower(doc, word)


_BC_YEAR = re.compile(r"\b(\d{1,4})\s*(?:BC|BCE|B\.C\.)(?![A-Za-z])")
_AD_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b|\b(?:[Ii]n|[Oo]f|[Bb]y|[Ff]rom|[Uu]ntil|[Aa]fter|[Bb]efore)\s+(\d{3})\b")
_CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)[\s-]+century(\s+(?:BC|BCE))?", re.I)


# Before this year a text is set before the modern state system.
_PRE_MODERN = 1500


def narrative_year(text: str) -> int | None:
    """The median of the years a text names (BC negative; a century counts as its middle), or
    None when it names fewer than three: the time the text is set in."""
    # The BC and century patterns run only on a text with their word ("BC" or "B.C.";
    # "century", which no character but the ASCII letters matches case-insensitively): most
    # texts have neither, and a scan of the whole text is what this function costs.
    bc = list(_BC_YEAR.finditer(text)) if "BC" in text or "B.C." in text else []
    years = [-int(m.group(1)) for m in bc]
    bc_spans = [m.span() for m in bc]
    for m in _AD_YEAR.finditer(text):
        at = m.start(1) if m.group(1) else m.start(2)
        if any(a <= at < b for a, b in bc_spans):
            continue  # "in 216 BC" is a BC year, counted above
        years.append(int(m.group(1) or m.group(2)))
    for m in _CENTURY.finditer(text) if "century" in text.lower() else ():
        mid = (int(m.group(1)) - 1) * 100 + 50
        years.append(-mid if m.group(2) else mid)
    if len(years) < 3:
        return None
    years.sort()
    return years[len(years) // 2]


# Tags of a finite verb: a line with one, ending as a sentence ends, is prose.
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))


# The tag line a saved encyclopedia page opens with.
_SITE_TAGLINE = re.compile(r"[ \t]*From [^,\n]{1,40}, the free encyclopedia[ \t.]*")


def _in_site_tagline(doc: Doc, m: ActorMention) -> bool:
    """The mention stands in a page's tag line ("From Wikipedia, the free encyclopedia")."""
    text = doc_text(doc)
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    return _SITE_TAGLINE.fullmatch(text, start, len(text) if end < 0 else end) is not None


def _boilerplate_word(doc: Doc, mentions: list[ActorMention], common) -> bool:
    """A one-word name that is a common English word and only ever stands outside prose: a
    label ("Genre: Wine festival"), a run-in heading ("Background. In 590 …"), or the head of a
    menu or table line or a cell ("Jump to navigation", "Share: Facebook | X | Print", "Cargo
    handled (million tonnes) | …", "Media contacts"), or a word of a short line that is no
    sentence: no proper name. (The lemmatiser's word list also holds "england" and "bush", so
    a name inside a phrase of a longer line is kept.)"""
    if not common or any(len(m.text.split()) != 1 or m.text.isupper() or m.label == PERSON_CUE
                         for m in mentions):
        return False
    word = mentions[0].text.lower()
    if not (word in common or (word.endswith("s") and word[:-1] in common)):
        return False
    if word in _BODIES or word in ORG_WORDS or key(mentions[0].text) in gazetteer().places:
        return False
    text = doc_text(doc)
    for m in mentions:
        line_start = m.start == 0 or text[m.start - 1] == "\n"
        if line_start and text[m.end:m.end + 1] in (":", "."):
            continue  # a label or a run-in heading
        bounds = line_bounds(text, m.start)
        if bounds is None or _prose_line(doc, text, *bounds):
            return False
        before = text[bounds[0]:m.start].rstrip()
        line = text[bounds[0]:bounds[1]]
        if not (line_start or before.endswith(("|", ">", "•", "·"))
                or len(line.split()) <= 6 or (_title_cased(line) and _written_lower(doc, word))):
            return False  # "charity in England and Wales": a name inside a phrase
    return True


def _written_lower(doc: Doc, word: str) -> bool:
    """Whether the text also writes a word (or its singular) in lower case: a common word, not
    only a name ("Oracle" in a headline)."""
    lower = cache(doc).get("lower_words")
    if lower is None:
        lower = cache(doc)["lower_words"] = {w for w in token_texts(doc) if w.islower()}
    return word in lower or (word.endswith("s") and word[:-1] in lower)


def _title_cased(line: str) -> bool:
    """A title or heading written in title case ("Paying the Danes: Æthelred and the Tributes
    of 991-1018"): every word of four letters or more capitalised, at least three of them."""
    words = [w for w in line.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(words) >= 3 and all(w[:1].isupper() for w in words)


def _prose_line(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether a line reads as prose: it has a finite verb and ends as a sentence ends."""
    line = text[start:end].rstrip()
    if not line.endswith((".", "!", "?", '"', "\u201d", ")", ";")):
        return False
    span = doc.char_span(start, start + len(line), alignment_mode="expand")
    return span is not None and any(t.tag_ in _FINITE_TAGS for t in span)


# Bodies a text names by a capitalised common noun ("the Senate", "the Diet", "the Crown").
_BODIES = frozenset("senate parliament diet duma crown church legislature cabinet".split())


def _looks_like_name(span: Span) -> bool:
    """A single proper noun that is no adjective or group name: a person's name."""
    return (len(span) == 1 and span[0].pos_ == "PROPN" and span[0].is_title
            and not _ADJECTIVAL.search(span[0].lower_))


def propagate(doc: Doc, clusters: list[ActorCluster]) -> None:
    """Add untagged occurrences of a known person or organisation name as mentions."""
    taken = {i for c in clusters for m in c.mentions for i in range(m.token_start, m.token_end)}
    forms: dict[str, ActorCluster] = {}
    for c in clusters:
        if c.type not in ("PERSON", "ORG"):
            continue
        for m in c.mentions:
            if m.text[:1].isupper() and len(m.text) > 2 and m.label != "NORP":
                forms.setdefault(m.text, c)
        if c.type == "PERSON":
            # A surname alone is a later mention of the person ("Pearson").
            last = c.name.split()[-1]
            if len(c.name.split()) > 1 and len(last) > 2 and last[:1].isupper():
                forms.setdefault(last, c)
    # A given name alone is a later mention of the one person named with it ("Edmund" for
    # Edmund Ironside, "Æthelred" for Æthelred II); not when two people share it ("Edward I",
    # "Edward III"), and only where the tagger reads it as a proper noun.
    given: dict[str, set[int]] = {}
    for k, c in enumerate(clusters):
        words = c.name.split()
        if c.type == "PERSON" and len(words) > 1 and len(words[0]) > 2 and words[0][:1].isupper() \
                and words[0].lower().rstrip(".") not in TITLES:
            given.setdefault(words[0], set()).add(k)
    first_names = {w: clusters[next(iter(ks))] for w, ks in given.items()
                   if len(ks) == 1 and w not in forms}
    forms.update(first_names)
    if not forms:
        return
    # Index the forms by their first word so that each token costs one dictionary look-up.
    by_first: dict[str, list[tuple[list[str], ActorCluster]]] = {}
    for form, c in sorted(forms.items(), key=lambda kv: -len(kv[0].split())):
        words = form.split()
        by_first.setdefault(words[0], []).append((words, c))
    texts = token_texts(doc)
    for i, text in enumerate(texts):
        cands = by_first.get(text)
        if not cands or i in taken:
            continue
        for words, c in cands:
            if len(words) == 1 and text in first_names and (
                    doc[i].pos_ != "PROPN" or (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN")):
                continue  # "Will" the verb; "Edward Balliol", another man of that name
            if texts[i:i + len(words)] == words and taken.isdisjoint(range(i, i + len(words))):
                cand = doc[i:i + len(words)]
                c.mentions.append(ActorMention(cand.start_char, cand.end_char, span_text(cand), "PROPAGATED",
                                               cand.start, cand.end))
                taken.update(range(cand.start, cand.end))
                break
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)


def _river_key(text: str) -> str:
    """A name's clustering key, "River Uruguay" and "the Uruguay River" alike."""
    k = key(text)
    return k[len("river "):] + " river" if k.startswith("river ") else k


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _ACRONYM_STOP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def cluster(doc: Doc, found: list[tuple[str | None, str, ActorMention]],
            common: frozenset[str] | set[str] = frozenset()) -> list[ActorCluster]:
    """Group mentions into actors and choose each actor's canonical name and type (``common``:
    the common English words, see :func:`_boilerplate_word`)."""
    groups: dict[str, dict] = {}
    order: list[str] = []

    def group(gid: str) -> dict:
        if gid not in groups:
            groups[gid] = {"canonical": None, "types": Counter(), "mentions": []}
            order.append(gid)
        return groups[gid]

    regions = gazetteer().regions
    for canonical, typ, m in found:
        if not canonical and m.text.startswith("River "):
            region = regions.get(_river_key(m.text))  # "River Uruguay": the Uruguay River
            if region is not None:
                canonical, typ = region.name, region.type
        gid = f"gz:{canonical}" if canonical else f"k:{_river_key(m.text)}"
        g = group(gid)
        if canonical:
            g["canonical"] = canonical
        g["types"][typ] += 1
        g["mentions"].append(m)

    _resolve_demonyms(groups, order, doc)
    _merge_name_prefixes(groups, order)
    _merge_definite_short(doc, groups, order)
    _merge_partial_names(groups, order)
    _merge_acronyms(doc, groups, order)

    clusters = []
    for gid in order:
        g = groups.get(gid)
        if g is None or not g["mentions"]:
            continue
        if not g["canonical"] and all(_modifies_happening(doc, m) for m in g["mentions"]):
            continue  # only ever names a happening or scheme
        if not g["canonical"] and _common_word(doc, g["mentions"]):
            continue  # "Trade", "Cargo", "Print": a word the text also writes in lower case
        if not g["canonical"] and _boilerplate_word(doc, g["mentions"], common):
            continue  # "Background", "Jump", "Print": a common word outside prose
        if all(_in_site_tagline(doc, m) for m in g["mentions"]):
            continue  # "From Wikipedia, the free encyclopedia": the page's source, no party
        typ = g["types"].most_common(1)[0][0]
        if not g["canonical"]:
            typ = _retype(doc, g["mentions"], typ)
        if g["canonical"] and typ == "GPE":
            name = _state_name(g["canonical"], g["mentions"])
        else:
            candidates = [m.text for m in g["mentions"] if m.label not in ("NORP", UNRESOLVED_DEMONYM)]
            name = max(candidates or [g["mentions"][0].text], key=lambda t: (len(t.split()), len(t)))
        mentions = sorted(g["mentions"], key=lambda m: m.start)
        clusters.append(ActorCluster(name=name, type=typ, mentions=mentions))
    return clusters


def _retype(doc: Doc, mentions: list[ActorMention], typ: str) -> str:
    """Correct the model's type from the name itself and from how the text uses it."""
    words = {w.lower() for m in mentions for w in m.text.split()}
    last = {m.text.split()[-1].lower() for m in mentions}
    if _corporate(mentions) or any(
            m.token_start > 0 and doc[m.token_start - 1].lemma_.lower() in _COMPANY_BEFORE
            and doc[m.token_start - 1].pos_ == "NOUN" for m in mentions):
        return "ORG"  # "Vestkyst Laks AS", "the Japanese smelter Hokuyo Metals"
    if any(_organisation_appositive(doc, m) for m in mentions):
        return "ORG"  # "the Bundeskartellamt, Germany's competition authority,"
    if typ == "PERSON" and all(_CAMEL.fullmatch(m.text) for m in mentions):
        return "ORG"  # "RusAl", "SwissInfo": a capital inside a word is a brand's, not a name's
    if last & LOC_WORDS or any(m.text.split()[-1] in FEATURE_NOUNS for m in mentions) \
            or any(m.text.startswith(("River ", "Mount ", "Lake ", "Gulf of ", "Bay of ", "Sea of ",
                                      "Rue ", "Place ", "Avenue ", "Boulevard ", "Plaza ", "Piazza "))
                   for m in mentions):
        return "LOC"  # "the River Uruguay", "Lake Trasimene", "the Place du Marché"
    if words & ORG_WORDS:
        return "ORG"
    if last & GPE_WORDS or any(m.text.lower().startswith(("territory of", "province of", "state of"))
                               for m in mentions):
        return "GPE"
    if any(m.label == PERSON_CUE for m in mentions):
        # The text itself says it is a person (see _person_cues), whatever the model called
        # its other mentions ("Heraclius, son of the exarch of Africa, sailed …").
        return "PERSON"
    if any(_EPITHET.fullmatch(m.text) for m in mentions):
        return "PERSON"  # "Thorkell the Tall", "Alfred the Great": a name and its epithet
    spans = [(m.token_start, m.token_end) for m in mentions if m.token_end > m.token_start]
    if not any(key(m.text) in gazetteer().places for m in mentions):
        if any(_names_head(doc, s, e, LOC_OF_WORDS, via_of=True) for s, e in spans):
            return "LOC"  # "the plain of Marathon", "the island of Delos"
        if any(_names_head(doc, s, e, INSTITUTION_NOUNS) for s, e in spans):
            return "ORG"  # "the Sarinah department store"
    if any(_place_cue(doc, m.token_start, m.token_end) for m in mentions if m.token_end > m.token_start):
        return "GPE"  # "the Kagera and Mara regions", "the Al Haouz earthquake"
    if typ == "PERSON" and any(_of_a_person(doc, m) for m in mentions):
        return "GPE"  # "the sorcerer-king Sumanguru of Sosso": no person is of a person
    if typ in ("PERSON", "ORG"):
        heads = [_locative_head(doc, m) for m in mentions if m.token_end > m.token_start]
        # An acronym among the names marks an organisation even after "from"/"to" ("from
        # Zambia Consolidated Copper Mines (ZCCM)", "to the bank BTG Pactual").
        acronym = any(re.fullmatch(r"[A-Z]{2,}", w) for m in mentions for w in m.text.split()) or any(
            m.token_end + 1 < len(doc) and doc[m.token_end].text == "("
            and re.fullmatch(r"[A-Z]{2,}", doc[m.token_end + 1].text) for m in mentions)
        if heads and not acronym and 3 * sum(map(_locative, heads)) >= 2 * len(heads):
            return "GPE"  # mostly "in X", "at X", "to X": a place
        if any(m.token_start > 0 and doc[m.token_start - 1].lower_ in ROLE_NOUNS for m in mentions):
            return "PERSON"  # "the satrap Tissaphernes", "the historian Thucydides"
        if (heads and not acronym and any(_locative(h, PLACE_PREPS_PROPER) for h in heads)
                and not any(h.dep_ in ("nsubj", "nsubjpass", "poss") for h in heads)
                and any(known_town(m.text) for m in mentions)):
            return "GPE"  # "besieging Calais … the siege of Calais … in Calais": a known town
            # the text also uses as a place, whatever the model called it
    if typ == "ORG" and all(len(m.text.split()) == 1 and not m.text.isupper() for m in mentions):
        heads = [doc[m.token_start] for m in mentions]
        if any(h.dep_ == "nsubj" and h.head.lemma_.lower() in PERSON_VERBS for h in heads):
            return "PERSON"
    if typ in ("ORG", "GPE") and not any(m.text.isupper() for m in mentions) \
            and not any(key(m.text) in gazetteer().places for m in mentions) \
            and _person_evidence(doc, mentions):
        return "PERSON"  # "Hannibal's brother", "Phocas died"
    return typ




# A three-letter code and a number, or a two-letter one, a space and a number: an amount in a
# currency, known to the table or not ("HTG 12,000", "DM 85,000"; not "MI6").
_CODED_AMOUNT = re.compile(r"(?:[A-Z]{3}\s?|[A-Z]{2}\s)\d[\d.,]*(?:\s?(?:million|billion|bn|m|k))?")
# One word with a capital after a lower-case letter, not a surname's prefix (McDonald,
# MacArthur, DeSantis, LeBron, DiCaprio, VanDyke).
_CAMEL = re.compile(r"(?!Mc|Mac|De|Le|La|Di|Du|Van|Von|Fitz)[A-Z][a-z]+[A-Z][A-Za-z]*")
# A name and its epithet: "Thorkell the Tall", "Ivan the Terrible".
_EPITHET = re.compile(r"[A-Z][\w'’-]+ the [A-Z][a-z]+")
# Last words of the names of writings, which "say" and "record" as people do.
_WRITINGS = frozenset("chronicle chronicles annals report gazette herald journal times post review".split())


_NOT_PERSONAL_LAST = _WRITINGS | ORG_WORDS | GPE_WORDS | LOC_WORDS
# Kin nouns whose possessor is a person ("Hannibal's brother"); a state has a successor too.
_KIN = KIN_NOUNS - {"successor", "heir"}


def _personal_name(text: str) -> bool:
    """Shaped like a personal name: two or three capitalised words, no lower-case word, not
    the name of a writing ("Anglo-Saxon Chronicle") or an office ("Commissioner for …")."""
    words = text.split()
    return (2 <= len(words) <= 3 and all(w[:1].isupper() for w in words)
            and words[-1].lower() not in _NOT_PERSONAL_LAST)


def _person_evidence(doc: Doc, mentions: list[ActorMention]) -> bool:
    """Whether the text uses a name as a person's: the possessor of a kin noun ("Hannibal's
    brother"), the subject of a verb only people do ("Phocas died", "Heraclius fled") or a
    two- or three-word name that speaks ("Martín Irazábal said"), and never as a place ("in
    X"). (Being killed or captured is no evidence: cities are captured too.)"""
    votes = 0
    for m in mentions:
        if m.token_end <= m.token_start:
            continue
        root = _root(doc, m.token_start, m.token_end)
        if _locative(root):
            return False
        head = root.head
        if root.dep_ == "poss" and head.lemma_.lower() in _KIN:
            votes += 1
        elif root.dep_ == "nsubj" and head.lemma_.lower() in PERSON_SUBJECT_VERBS:
            votes += 1
        elif root.dep_ == "nsubj" and head.lemma_.lower() in PERSON_VERBS and _personal_name(m.text):
            votes += 1  # "Martín Irazábal said": a two- or three-word name that speaks
        elif root.dep_ in ("dobj", "nsubjpass") and any(
                c.dep_ == "prep" and c.lower_ == "as" and any(
                    g.dep_ == "pobj" and g.lemma_.lower() in ROLE_NOUNS | POST_NOUNS
                    for g in c.children) for c in head.children):
            votes += 1  # "appointing Quintus Fabius Maximus as dictator", "X is remembered
            # as the founder": what the verb makes of the name is a person's role
    return votes > 0


def _locative_head(doc: Doc, m: ActorMention):
    """The token that shows how a mention is used: its last word for an "X of Y" name ("in the
    House of Commons" is not "in X"), else the word attached outside it ("at Phong Nhi in",
    where "Nhi" hangs elsewhere)."""
    span = doc[m.token_start:m.token_end]
    if any(t.is_lower for t in span):
        return span[-1]
    return _root(doc, m.token_start, m.token_end)


def _locative(tok, preps: frozenset = LOCATIVE_PREPS) -> bool:
    """The object of a place preposition (one of ``preps``), or a conjunct of one ("around
    Tangier and Kenitra")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in preps


def _merge_into(groups: dict, order: list[str], src: str, dst: str) -> None:
    g = groups.pop(src)
    groups[dst]["mentions"].extend(g["mentions"])
    groups[dst]["types"].update(g["types"])
    order.remove(src)


# Common nouns that, right before a name, say it is a company ("the royalty company Aurelian
# Streaming", "the smelter Hokuyo Metals"); not those a person can be ("rival", "partner").
ORG_ROLE_NOUNS = frozenset("""smelter subsidiary importer distributor supplier bank lender
    insurer startup utility""".split())
_COMPANY_BEFORE = COMPANY_NOUNS | ORG_ROLE_NOUNS


# Head nouns of an appositive that says a name is an organisation's.
_ORG_APPOSITIVES = (ORG_WORDS | COMPANY_NOUNS | ORG_ROLE_NOUNS | frozenset(
    """newspaper daily broadcaster regulator watchdog outlet network website publisher
    manufacturer maker producer""".split())) - frozenset(("army", "navy", "force", "forces"))


def _organisation_appositive(doc: Doc, m: ActorMention) -> bool:
    """Whether the parse hangs on a mention an appositive, set off by a comma on the same line,
    whose head is an organisation noun ("Andritz, the Austrian equipment maker", "the
    Treuhandanstalt, the agency privatising …")."""
    if m.token_end <= m.token_start:
        return False
    root = _root(doc, m.token_start, m.token_end)
    text = doc_text(doc)
    return any(c.dep_ == "appos" and c.left_edge.i == m.token_end + 1 and doc[m.token_end].text == ","
               and c.pos_ in ("NOUN", "PROPN")
               and (c.lower_ in _ORG_APPOSITIVES or c.lemma_.lower() in _ORG_APPOSITIVES)
               and "\n" not in text[m.end:c.idx] for c in root.children)


def _corporate(mentions: list[ActorMention]) -> bool:
    """Whether any mention is a company's name (see :func:`factex.language.lexicon.company_name`)."""
    return any(company_name(m.text) for m in mentions)


def _merge_name_prefixes(groups: dict, order: list[str]) -> None:
    """A short form of a company's name is that company: "Kestrel Bay" after "Kestrel Bay
    Mining Corporation", "Kosei" after "Kosei Optical Co., Ltd.", "Southern Cross" after
    "Southern Cross Resources". The long name must read as an organisation's (a company word,
    or the model's ORG), and exactly one name may extend the short one."""
    gz = gazetteer()
    full = {gid: max((m.text for m in groups[gid]["mentions"]), key=len) for gid in order}
    words = {gid: re.findall(r"[\w'’&.-]+", full[gid]) for gid in order}
    orgs = [gid for gid in order if (_corporate(groups[gid]["mentions"])
                                     or groups[gid]["types"].most_common(1)[0][0] == "ORG")
            and len(words[gid]) > 1]
    for gid in list(order):
        g = groups.get(gid)
        if g is None or g["canonical"] or not words[gid] or gid in orgs and len(words[gid]) > 2:
            continue
        short = words[gid]
        if not short[0][:1].isupper() or key(full[gid]) in gz.places or gz.state_of(full[gid]):
            continue
        targets = [o for o in orgs if o != gid and o in groups and len(words[o]) > len(short)
                   and words[o][:len(short)] == short]
        if len(targets) != 1:
            continue
        target = targets[0]
        if not full[target].startswith(full[gid] + " "):
            continue  # "Villa" and "Villa, Pershing": a list, not a longer name
        if groups[gid]["types"].most_common(1)[0][0] != "ORG" and not _corporate(
                groups[target]["mentions"]):
            continue  # "Toronto" is not short for "Toronto Stock Exchange", nor "Kenneth
            # Kaunda" for "Kenneth Kaunda International Airport"
        _merge_into(groups, order, gid, target)
        groups[target]["types"] = Counter({"ORG": 1})


_DEMONYM_ENDINGS = re.compile(r"(?:ians?|ans?|ese|ites?|ish|ic|i|s)$")


def demonym_fits(demonym: str, word: str) -> bool:
    """True when a demonym is formed from a place name ("Venetian" / "Venice", "Genoese" /
    "Genoa", "Roman" / "Rome", "Carthaginians" / "Carthage", "English" / "England"): they
    share a stem of four letters, or of three with a demonym ending ("Ven|etian") and at most
    three letters of the name left; a name that merely extends the demonym ("Indian" /
    "Indiana", "Roman" / "Romania") is another place."""
    d, w = demonym.lower(), word.lower()
    if d == w:
        return True
    if w.startswith(d) or len(w) < 3:
        return False
    n = 0
    while n < min(len(d), len(w)) and d[n] == w[n]:
        n += 1
    return n >= 4 or (n >= 3 and len(w) - n <= 3 and _DEMONYM_ENDINGS.search(d) is not None)


def _resolve_demonyms(groups: dict, order: list[str], doc: Doc | None = None) -> None:
    """Demonyms stand for the place the text names from the same stem: an unknown demonym
    ("the Venetians") for the text's "Venice"; a known one whose state the text never names
    ("Roman" with "Rome" in the text, "Persian" with "Sasanian Persia") for that name rather
    than for the gazetteer's ("Roman Empire", "Persian Empire"). An unknown demonym that fits
    no named place is an ethnic or religious group: no actor."""
    gz = gazetteer()
    places = [gid for gid in order
              if groups[gid]["types"].most_common(1)[0][0] in ("GPE", "LOC")
              and any(m.label not in ("NORP", UNRESOLVED_DEMONYM) for m in groups[gid]["mentions"])]
    words = {gid: [w for m in groups[gid]["mentions"] if m.label not in ("NORP", UNRESOLVED_DEMONYM)
                   for w in re.findall(r"[A-Z][\w'’-]+", m.text)] for gid in places}
    for gid in list(order):
        g = groups.get(gid)
        if g is None or gid in places:
            continue
        ms = g["mentions"]
        unknown = all(m.label == UNRESOLVED_DEMONYM for m in ms)
        # Only a historical state's: "Portuguese" stays Portugal beside "Portuguese Angola".
        known_only_demonym = g["canonical"] and all(m.label == "NORP" for m in ms) \
            and g["canonical"] in gz.states and gz.states[g["canonical"]].historical
        # Or a modern state's in a text set before it, and before the modern states: "the
        # Turks" in a text on 626 are a people, not Turkey.
        people = bool(g["canonical"]) and doc is not None and all(m.label == "NORP" for m in ms) \
            and g["canonical"] in gz.states and not gz.states[g["canonical"]].historical \
            and _before_its_time(doc, gz.states[g["canonical"]].since)
        known_only_demonym = known_only_demonym or people
        if not unknown and not known_only_demonym:
            continue
        # One-word forms only: "South Vietnamese" is not formed from "Southeast Asia".
        forms = {f for f in (m.text.removeprefix("the ").strip() for m in ms) if " " not in f}
        # A known demonym whose state had ended before the time the text is set in stands for
        # a later state the text names with it ("Roman" in a text on 626 is the "Eastern Roman
        # Empire", not the Roman Empire of 476).
        ended = bool(known_only_demonym and doc is not None) and _ended_before_text(
            doc, gz.states[g["canonical"]].until)
        targets = [o for o in places if o in groups and o != gid
                   and (groups[o]["canonical"] is None or (
                       groups[o]["canonical"] in gz.states and (not known_only_demonym or ended)
                       and gz.states[groups[o]["canonical"]].historical))
                   and any(demonym_fits(f, w) for f in forms for w in words[o])]
        if len(targets) == 1:
            _merge_into(groups, order, gid, targets[0])
        elif unknown or people:
            groups.pop(gid)
            order.remove(gid)


def _state_name(canonical: str, mentions: list[ActorMention]) -> str:
    """A state's name as the text writes it. A current state keeps its usual name (the text
    may call it only "Soviet" or "USSR"); a historical one the text never calls by the
    gazetteer's name takes the text's fullest name for it ("Eastern Roman Empire", "Persia"),
    never an invented one; so does an ancient state that a modern one succeeded ("Persian
    Empire", the gazetteer's row for Iran's predecessors, is "Sasanian Persia" in a text on
    the 7th century)."""
    st = gazetteer().states.get(canonical)
    if st is None or not st.historical or (st.predecessor_of and _until_year(st.until) >= _PRE_MODERN):
        return canonical  # "Soviet Union" for "USSR": the modern usual name
    forms = [m.text for m in mentions if m.label not in ("NORP", UNRESOLVED_DEMONYM)]
    if not forms or any(key(f) == key(canonical) for f in forms):
        return canonical
    return max(forms, key=lambda t: (len(t.split()), len(t))).removeprefix("the ")


def _text_year(doc: Doc) -> int | None:
    """The year the text is set in (see :func:`narrative_year`), read once per document and
    only when something needs it."""
    year = cache(doc).get("narrative_year", False)
    if year is False:
        year = cache(doc)["narrative_year"] = narrative_year(doc_text(doc))
    return year


def _before_its_time(doc: Doc, since: str | int | None) -> bool:
    """Whether the text is set before the modern state system and before a state's founding
    year (see the LOC rule in ActorsComponent._process)."""
    year = _text_year(doc)
    return bool(since) and year is not None and year < _PRE_MODERN and year < int(since)


def _ended_before_text(doc: Doc, until: str | None) -> bool:
    """Whether a state had ended before the time the text is set in."""
    year = _text_year(doc)
    return year is not None and _until_year(until) < year


def _until_year(until: str | None) -> int:
    """The year a state ended ("-0329" is 329 BC), or a far future year when it has not."""
    m = re.match(r"(-?\d+)", until or "")
    return int(m.group(1)) if m else 10_000


def _merge_definite_short(doc: Doc, groups: dict, order: list[str]) -> None:
    """"The Bank", "the Commission": one capitalised word after "the" that is a word of exactly
    one organisation's name in the text ("African Development Bank Group") is that one."""
    texts = token_texts(doc)
    orgs = [gid for gid in order if groups[gid]["types"].most_common(1)[0][0] == "ORG"
            and len(max((m.text for m in groups[gid]["mentions"]), key=len).split()) > 1]
    for gid in list(order):
        g = groups.get(gid)
        if g is None or g["canonical"] or gid in orgs:
            continue
        ms = g["mentions"]
        if not all(len(m.text.split()) == 1 and m.text[:1].isupper() and m.token_start > 0
                   and texts[m.token_start - 1].lower() == "the" for m in ms):
            continue
        word = ms[0].text
        targets = [o for o in orgs if o in groups and any(
            word in m.text.split() for m in groups[o]["mentions"])]
        if len(targets) == 1:
            _merge_into(groups, order, gid, targets[0])


def _merge_partial_names(groups: dict, order: list[str]) -> None:
    """A person named by one part of a longer name elsewhere ("Pearson") is that person."""
    people = [gid for gid in order if groups[gid]["types"].most_common(1)[0][0] == "PERSON"]
    full = {gid: max((m.text for m in groups[gid]["mentions"]), key=len) for gid in order}
    # A one-word name of any type the model guessed ("Nkrumah" as GPE) can be a surname.
    singles = [gid for gid in order if not groups[gid]["canonical"]
               and (len(full[gid].split()) == 1 or gid in people)]
    # Each person's name split once, not once per candidate surname.
    split_words = {o: full[o].split() for o in people}
    dash_words = {o: set(full[o].replace("-", " ").split()) for o in people}
    for gid in singles:
        if gid not in groups:
            continue
        name = full[gid]
        words = name.split()
        # "Pearson" in "Lester B. Pearson"; "Mujibur Rahman" ending "Sheikh Mujibur Rahman".
        targets = [o for o in people if o != gid and o in groups
                   and len(split_words[o]) > len(words)
                   and (name in dash_words[o] if len(words) == 1
                        else split_words[o][-len(words):] == words)]
        if len(targets) > 1:
            # "Artaxerxes" after "Artaxerxes I" and before "Artaxerxes II": the namesake
            # mentioned last before it.
            first = min(m.start for m in groups[gid]["mentions"])
            before = [(max((m.start for m in groups[o]["mentions"] if m.start < first), default=-1), o)
                      for o in targets]
            latest = max(before)
            targets = [latest[1]] if latest[0] >= 0 else targets
        if len(targets) == 1:
            _merge_into(groups, order, gid, targets[0])
            groups[targets[0]]["types"] = Counter({"PERSON": 1})


def _merge_acronyms(doc: Doc, groups: dict, order: list[str]) -> None:
    """An acronym whose letters are the initials of another actor's name is that actor."""
    names = {gid: max((m.text for m in groups[gid]["mentions"]), key=len) for gid in order}
    by_initials: dict[str, list[str]] = {}  # built once: per acronym a scan was quadratic
    for o, full in names.items():
        if len(full.split()) > 1:
            by_initials.setdefault(_initials(full), []).append(o)
    for gid, name in list(names.items()):
        if gid not in groups or not re.fullmatch(r"[A-Z][A-Z&.]{1,9}", name):
            continue
        acro = name.replace(".", "")
        targets = [o for o in by_initials.get(acro, []) if o != gid and o in groups]
        if len(targets) != 1:
            # "Brazilian Development Bank (BNDES)": a parenthesised acronym right after a
            # name is that name's, whatever its letters.
            targets = _parenthesised_owner(doc, groups, gid)
        if len(targets) == 1 and targets[0] != gid:
            _merge_into(groups, order, gid, targets[0])


def _parenthesised_owner(doc: Doc, groups: dict, gid: str) -> list[str]:
    """The group whose name the text writes just before "(ACRONYM)", if any."""
    text = doc_text(doc)
    # Where each "(ACRONYM)" stands, found once: searching the whole text for every
    # "name (ACRONYM)" pair made a long document's actors quadratic.
    where = cache(doc).setdefault("parenthesised", {})
    starts = []
    for a in {m.text for m in groups[gid]["mentions"]}:
        if a not in where:
            where[a] = _occurrences(text, f"({a})")
        starts.extend(where[a])
    if not starts:
        return []
    found = []
    for o, g in groups.items():
        if o == gid or g["types"].most_common(1)[0][0] not in ("ORG", "GPE"):
            continue
        names = {m.text for m in g["mentions"] if len(m.text.split()) > 1}
        if any(i > len(n) and text[i - len(n) - 1:i] == f"{n} " for n in names for i in starts):
            found.append(o)
    return found


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


@Language.factory("factex_actors", default_config={},
                  requires=["doc.ents", "token.dep", "token.tag", "token.is_sent_start"],
                  assigns=["doc._.factex_actors", "doc._.factex_token_actor"])
def make_actors(nlp: Language, name: str) -> "ActorsComponent":
    """Build the actors component."""
    return ActorsComponent()


class ActorsComponent(RulesComponent):
    """Sets ``doc._.factex_actors`` and ``doc._.factex_token_actor``."""

    def __init__(self) -> None:
        #: ``word -> bool`` for English verb forms; factex's loader sets it from the
        #: pipeline's lemmatiser (:class:`VerbForms`), none are known otherwise.
        self.verb_form = None
        super().__init__()

    def _compile(self) -> None:
        self.rules.gazetteer  # built once per rules, not on the first document

    def _process(self, doc: Doc) -> Doc:
        require(doc, "factex_actors", parse=True)
        found = collect_mentions(doc, self.verb_form)
        clusters = cluster(doc, found, getattr(self.verb_form, "common", frozenset()))
        propagate(doc, clusters)
        # A name the text once gives a ship's prefix names that ship wherever it stands ("the
        # USS Maddox … the Turner Joy and Maddox"): a vessel takes part in nothing as an actor.
        ships = _ship_tokens(doc)
        if ships:
            for c in clusters:
                kept = [m for m in c.mentions if not (
                    m.token_start in ships or m.text.split(maxsplit=1)[0] in SHIP_PREFIXES)]
                if kept and len(kept) < len(c.mentions) and c.name not in {m.text for m in kept}:
                    # "President Ronald Reagan visited the USS Ronald Reagan": the person
                    # keeps a name of their own.
                    c.name = Counter(m.text for m in kept).most_common(1)[0][0]
                c.mentions = kept
            clusters = [c for c in clusters if c.mentions]
        token_actor: dict[int, str] = {}
        # Longest mention first: "Norwegian" inside "the Norwegian Agency for Development
        # Cooperation" belongs to the agency there, not to Norway.
        spans = sorted(((m, c.name) for c in clusters for m in c.mentions),
                       key=lambda mc: mc[0].token_start - mc[0].token_end)
        for m, name in spans:
            for i in range(m.token_start, m.token_end):
                token_actor.setdefault(i, name)
        states = gazetteer().states
        for c in clusters:
            if c.type == "GPE" and c.name in states:
                c.ids = iso_codes(states[c.name])  # also for a state reached by its demonym
                if not states[c.name].historical and _before_its_time(doc, states[c.name].since):
                    # "Italy" in a text on 218 BC or 1378 is the peninsula, not the state
                    # founded in 1861: a region. (Only in a text set before the modern
                    # states: "India" in 1857 is British India, a polity.)
                    c.type = "LOC"
        doc._.factex_actors = clusters
        doc._.factex_token_actor = token_actor
        return doc
