"""``factex_actors``: people, organisations, states and places, clustered per document.

Mentions come from the entity recogniser (after ``factex_entity_ruler``'s corrections). Each is
trimmed (a leading "the", a trailing "'s", titles before a person's name), demonyms are
resolved to their state through the gazetteer ("Soviet", "Bangladeshi-Soviet" → two states), and
mentions are clustered: same name, gazetteer alias ("USSR" → Soviet Union), surname → full name,
acronym ↔ expansion.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.attrs import POS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from factex.language.lexicon import (
    DISASTER_NOUNS,
    GPE_WORD_PLURALS,
    INSTITUTION_NOUNS,
    LOC_OF_WORDS,
    GPE_WORDS,
    KIN_NOUNS,
    LOC_WORDS,
    LOCATIVE_PREPS,
    NAME_PARTICLES,
    NON_ACTOR_HEADS,
    NON_ACTOR_MODIFIED,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PERSON_VERBS,
    ROLE_NOUNS,
    STORM_WORDS,
    TITLE_MODIFIERS,
    TITLES,
)
from factex.language.docutil import cache, doc_text, span_text, token_texts
from factex.records.extensions import register_extensions
from factex.language.gazetteer import key
from factex.records.mentions import ActorCluster, ActorMention
from factex.language.rules import Rules, active, gazetteer
from factex.components.base import RulesComponent

LABEL_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "ORG",
               "NORP": "GPE"}
# The mention label of a name that a person cue made PERSON (see _person_cues).
PERSON_CUE = "PERSON_CUE"
_ACRONYM_STOP = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "in", "on", "to"}


def _trim_name(span: Span) -> Span | None:
    """Drop "the", possessive endings and leading titles from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    texts = token_texts(doc)
    while start < end and texts[start].lower() == "the":
        start += 1
    while end > start and texts[end - 1] in ("'s", "\u2019s", "'", "\u2019", "-", "\u2013"):
        end -= 1
    for i in range(start, end):
        if texts[i] in ("(", "[") and i > start:
            end = i  # "Swiss Agency for Development and Cooperation (SDC": the name ends here
            break
    while end > start and texts[end - 1] in (")", "]", ",", "-", "\u2013"):
        end -= 1
    if span.label_ == "PERSON":
        while start < end - 1 and (doc[start].lower_.rstrip(".") in TITLES or
                                   doc[start].lower_ in TITLE_MODIFIERS):
            start += 1
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


def _not_a_name(text: str) -> bool:
    """Era markers and currency codes the model tags as organisations ("BC", "CHF")."""
    return _not_a_name_in(text, active())


@functools.lru_cache(maxsize=1 << 16)
def _not_a_name_in(text: str, rules: Rules) -> bool:
    t = text.strip()
    return (t.upper().replace(".", "") in ("BC", "BCE", "AD", "CE")
            or t in rules.currencies.symbols or re.fullmatch(r"BC\s.*", t) is not None)


def _names_no_actor(span: Span) -> bool:
    """A document, event or scheme named like an organisation ("Euro-Mediterranean Association
    Agreement", "Ionian Revolt", "Cyclone Sidr"), not a person, organisation or place."""
    words = span_text(span).lower().split()
    return len(words) > 1 and (words[-1] in NON_ACTOR_HEADS or words[0] in STORM_WORDS)


def _common_head(span: Span) -> bool:
    """A name that ends in a lower-case common noun ("the Persian navy") is no proper name."""
    last = span[-1]
    return (len(span) > 1 and last.is_alpha and last.is_lower and last.lower_ not in NAME_PARTICLES
            and span[-2].text not in ("-", "–"))


def _modifies_happening(doc: Doc, m: ActorMention) -> bool:
    """The mention modifies a common noun for a happening or scheme ("the Malari riots",
    "the MEDA programme", "the Atlantic slave trade")."""
    last = doc[m.token_end - 1]
    head = last.head
    return (last.dep_ in ("compound", "amod", "nmod") and head.i >= m.token_end and head.is_lower
            and head.lower_ in NON_ACTOR_MODIFIED)


def _merged_ents(doc: Doc) -> list[Span]:
    """The model's entities with persons split by a name particle joined again."""
    ents = list(doc.ents)
    out: list[Span] = []
    for e in ents:
        if (out and e.label_ == "PERSON" and out[-1].label_ == "PERSON" and e.start - out[-1].end == 1
                and doc[out[-1].end].lower_ in NAME_PARTICLES):
            out[-1] = Span(doc, out[-1].start, e.end, label="PERSON")
        else:
            out.append(e)
    return out


# A regnal number after a name ("Artaxerxes II", "Mohammed VI"); a bare "I" only after a title,
# where it cannot be the pronoun.
_REGNAL = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})")
_APPOSITIVE_NOUNS = TITLES | ROLE_NOUNS | KIN_NOUNS
# Model labels a personal name can hide under; a cue may turn these into PERSON.
_RELABELLABLE = frozenset(("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC"))


def _is_title(tok) -> bool:
    return _is_title_lower(tok.lower_)


def _is_title_lower(low: str) -> bool:
    """Whether a word's lower-case form is a title, with or without a full stop."""
    return low.rstrip(".") in TITLES or low in TITLES


def _name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns (with inner particles and a final numeral).

    Computed once per Doc over plain lists (two cue passes ask for them)."""
    runs = cache(doc).get("name_runs")
    if runs is not None:
        return runs
    texts = token_texts(doc)
    propn = doc.vocab.strings["PROPN"]
    is_propn = [p == propn for p in doc.to_array([POS]).tolist()]
    name = [is_propn[k] and texts[k][:1].isupper() and not _not_a_name(texts[k])
            for k in range(len(texts))]
    runs = []
    i, n = 0, len(texts)
    while i < n:
        if not name[i]:
            i += 1
            continue
        j = i + 1
        while j < n:
            if name[j]:
                j += 1
            elif (texts[j].lower() in NAME_PARTICLES and j + 1 < n and is_propn[j + 1]
                  and texts[j + 1][:1].isupper()):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    cache(doc)["name_runs"] = runs
    return runs


def _person_cue(doc: Doc, start: int, end: int, titled: bool) -> bool:
    """Whether the text marks doc[start:end] as a person's name, whatever the model said.

    Cues: a title or role noun before it ("King Mohammed VI", "the satrap Artaphernes"), a
    regnal number ("Artaxerxes II"), an appositive naming a role or kin ("Xerxes, the son and
    successor of Darius"; "Mitchell Sharp, the Secretary of State") or a relative "who".
    """
    last = doc[end - 1].text
    if end - start >= 2 and _REGNAL.fullmatch(last) and (last != "I" or titled):
        return True
    if titled:
        return True
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = doc[end + 1]
        if nxt.lower_ in PERSON_PRONOUNS:
            return True
        if nxt.lower_ in ("the", "a", "an", "his", "her", "its") and end + 2 < len(doc):
            nxt = doc[end + 2]
        return nxt.lower_.rstrip(".") in _APPOSITIVE_NOUNS and nxt.pos_ in ("NOUN", "PROPN")
    return False


def _person_cues(doc: Doc, ents: list[Span]) -> tuple[list[Span], set[int]]:
    """The entities with personal names the model missed or mislabelled made PERSON.

    A name run with a person cue (see :func:`_person_cue`) becomes one PERSON entity; a PERSON
    entity that the model started inside a run of untagged proper nouns is extended to the
    run's start ("Sheikh Mujibur Rahman", where the model saw only "Mujibur Rahman"). Names the
    gazetteer knows, or that end in an organisation or place word, are left alone.

    Returns:
        The entities, and the end tokens of the names a cue made PERSON (their type is then
        settled: "In 387 BC Artaxerxes II" parses the name as the object of "In").
    """
    gz = gazetteer()
    texts = token_texts(doc)
    ent_at = {i: e for e in ents for i in range(e.start, e.end)}
    new: list[Span] = []
    cued: set[int] = set()
    for a, b in _name_runs(doc):
        titles = [k for k in range(a, b) if _is_title_lower(texts[k].lower())]
        start = titles[-1] + 1 if titles else a
        if start >= b or not texts[start][:1].isupper():
            continue
        titled = bool(titles) or (start > 0 and texts[start - 1].lower() in ROLE_NOUNS
                                  and ent_at.get(start - 1) is None)
        if titles and ent_at.get(titles[-1]) is not None and ent_at[titles[-1]].label_ != "PERSON":
            continue  # "General Motors", "General Assembly": the title word is part of a name
        if titled and b < len(doc) and texts[b] == "I" and b not in ent_at:
            b += 1  # "King Artaxerxes I": the tagger reads "I" as a pronoun
        span = doc[start:b]
        inside = {ent_at[i] for i in range(start, b) if i in ent_at}
        if any(e.label_ not in _RELABELLABLE or e.end > b or e.start < a for e in inside):
            continue
        text = span_text(span)
        words = text.lower().split()
        if (gz.state_of(text) or gz.organisations.get(key(text)) or gz.places.get(key(text))
                or words[-1] in ORG_WORDS | GPE_WORDS | LOC_WORDS):
            continue
        if _person_cue(doc, start, b, titled):
            new.append(Span(doc, start, b, label="PERSON"))
            cued.add(b)
            continue
        people = [e for e in inside if e.label_ == "PERSON"]
        if (len(people) == 1 and people[0].end == b and people[0].start > start
                and all(i not in ent_at for i in range(start, people[0].start))):
            new.append(Span(doc, start, b, label="PERSON"))
    if not new:
        return ents, set()
    covered = {i for s in new for i in range(s.start, s.end)}
    rest = [e for e in ents if covered.isdisjoint(range(e.start, e.end))]
    return sorted(rest + new, key=lambda s: s.start), cued


def _root(doc: Doc, start: int, end: int):
    """The token of doc[start:end] attached outside it, climbed over conjuncts ("Mara" in
    "the Kagera and Mara regions" stands where "Kagera" does)."""
    tok = next((t for t in doc[start:end] if not start <= t.head.i < end), doc[end - 1])
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _place_cue(doc: Doc, start: int, end: int) -> bool:
    """Whether the text calls doc[start:end] a place whatever its name: it modifies a place
    word or a disaster ("the Kagera and Mara regions", "the Al Haouz earthquake") or follows
    one ("the northern provinces of Tigray and Wollo")."""
    root = _root(doc, start, end)
    head = root.head
    if root.dep_ in ("compound", "nmod", "amod") and head.i >= end and head.is_lower:
        return head.lower_ in GPE_WORDS or head.lower_ in GPE_WORD_PLURALS or head.lower_ in DISASTER_NOUNS
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.is_lower:
        # "the province of Kandahar", "the provinces of Tigray and Wollo"; but "the cities of
        # Asia Minor" are in a region, not the region.
        coordinated = any(c.dep_ == "conj" for c in root.children)
        return head.head.lower_ in GPE_WORDS or (coordinated and head.head.lower_ in GPE_WORD_PLURALS)
    return False


def _located_by_neighbour(doc: Doc, start: int, end: int, ent_at: dict) -> bool:
    """"at Ghorasal, near Dhaka", "at Phong Nhi in Quang Nam Province": the object of a place
    preposition placed by a following "near ..." or "in <place>"."""
    if not (start > 0 and doc[start - 1].lower_ in LOCATIVE_PREPS):
        return False
    i = end + 1 if end < len(doc) and doc[end].text == "," else end
    if i + 1 >= len(doc):
        return False
    nxt = ent_at.get(i + 1)
    return doc[i].lower_ == "near" or (doc[i].lower_ == "in" and nxt is not None and nxt.label_ in ("GPE", "LOC"))


def _place_cues(doc: Doc, ents: list[Span]) -> list[Span]:
    """The entities with places the model missed, merged or cut made GPE.

    "Tigray and Wollo" tagged as one organisation after "the provinces of" becomes two places;
    an untagged proper noun with a place cue ("at Ghorasal, near Dhaka") becomes one (a LOC
    after "the plain of", "the island of"); a place
    followed by its capitalised place word ("Madras State", "Quang Nam Province") takes it in.
    """
    texts = token_texts(doc)
    ent_at = {i: e for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for e in ents:
        ands = [i for i in range(e.start, e.end) if texts[i].lower() in ("and", "&")]
        if (len(ands) == 1 and e.label_ in ("ORG", "PERSON", "LOC", "FAC", "GPE") and ands[0] > e.start
                and _place_cue(doc, e.start, e.end) and not gazetteer().state_of(span_text(e))):
            out += [Span(doc, e.start, ands[0], label="GPE"), Span(doc, ands[0] + 1, e.end, label="GPE")]
            continue
        nxt = texts[e.end] if e.end < len(doc) else None
        if (nxt is not None and e.label_ in ("GPE", "LOC", "ORG", "PERSON") and nxt[:1].isupper()
                and nxt.lower() in GPE_WORDS and e.end not in ent_at
                and not (e.end + 1 < len(doc) and doc[e.end + 1].pos_ == "PROPN")):
            out.append(Span(doc, e.start, e.end + 1, label="GPE"))
            continue
        out.append(e)
    for a, b in _name_runs(doc):
        if any(i in ent_at for i in range(a, b)) or _is_title(doc[a]):
            continue
        if _place_cue(doc, a, b) or _located_by_neighbour(doc, a, b, ent_at):
            out.append(Span(doc, a, b, label="GPE"))
        elif _names_head(doc, a, b, LOC_OF_WORDS, via_of=True):
            out.append(Span(doc, a, b, label="LOC"))  # "the plain of Marathon"
    return sorted(out, key=lambda s: s.start)


def _letters_match(acro: str, words: list[str]) -> bool:
    """Whether an acronym is made of a leading piece of every word, in order: initials
    ("ZCCM") or syllables ("TAZARA", Tanzania–Zambia Railway)."""
    if not words:
        return not acro
    w = words[0].upper()
    return any(acro.startswith(w[:k]) and _letters_match(acro[k:], words[1:])
               for k in range(1, min(len(w), len(acro)) + 1))


_PAREN_ACRONYM = re.compile(r"\([A-Z]{3,8}\)")


def _acronym_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """Names the text defines with a parenthesised acronym, made one entity.

    "Zambia Consolidated Copper Mines (ZCCM)", "the Tanzania–Zambia Railway (TAZARA)", "the
    Inter-Governmental Group on Indonesia (IGGI)": the model misses the name, cuts it, or tags
    its states; the capitalised words before "(" whose leading letters spell the acronym are
    the name. An organisation unless its last word says otherwise. An ORG entity the parser
    attaches to the proper noun right after it ("BTG" in "BTG Pactual") also takes that noun in.
    """
    gz = gazetteer()
    new: list[Span] = []
    bounds = {(e.start, e.end) for e in ents}
    opening = []
    for m in _PAREN_ACRONYM.finditer(doc_text(doc)):
        paren = doc.char_span(m.start(), m.end())
        if paren is not None and len(paren) == 3:
            opening.append(paren.start)
    for i in opening:
        acro, words, start = doc[i + 1].text, [], None
        j = i - 1
        while j >= 0 and len(words) < len(acro):
            t = doc[j]
            if t.text[:1].isupper() and t.is_alpha:
                words.insert(0, t.text)
                if _letters_match(acro, words):
                    start = j
            elif t.lower_ not in _ACRONYM_STOP and t.text not in ("-", "\u2013", "'s", "\u2019s"):
                break
            j -= 1
        if start is None or i - start < 2:
            continue
        span = doc[start:i]
        if gz.state_of(span_text(span)) or (start, i) in bounds:
            continue
        last = span[-1].lower_
        label = "GPE" if last in GPE_WORDS else "LOC" if last in LOC_WORDS else "ORG"
        new.append(Span(doc, start, i, label=label))
    ent_at = {k: e for e in ents for k in range(e.start, e.end)}
    for e in ents:
        if e.label_ != "ORG" or e.end >= len(doc):
            continue
        last, nxt = doc[e.end - 1], doc[e.end]
        if (last.dep_ == "compound" and last.head.i == e.end
                and nxt.pos_ == "PROPN" and nxt.is_title and e.end not in ent_at and not _is_title(nxt)):
            new.append(Span(doc, e.start, e.end + 1, label="ORG"))
    if not new:
        return ents
    new = filter_spans(new)
    covered = {k for s_ in new for k in range(s_.start, s_.end)}
    rest = [e for e in ents if covered.isdisjoint(range(e.start, e.end))]
    return sorted(rest + new, key=lambda s_: s_.start)


def _office_of(span: Span) -> bool:
    """An organisation-like name that completes an office title ("Secretary of State for
    External Affairs", where the model tags "State for External Affairs")."""
    s = span.start
    return s >= 2 and span.doc[s - 1].lower_ in ("of", "for") and _is_title(span.doc[s - 2])


def collect_mentions(doc: Doc) -> list[tuple[str | None, str, ActorMention]]:
    """Every actor mention: (gazetteer canonical name or None, type, mention)."""
    gz = gazetteer()
    found: list[tuple[str | None, str, ActorMention]] = []
    ents, cued = _person_cues(doc, _place_cues(doc, _acronym_names(doc, _merged_ents(doc))))
    for ent in ents:
        if ent.label_ not in LABEL_TYPES:
            continue
        span = _trim_name(ent)
        if span is None:
            continue
        text = span_text(span)
        if _not_a_name(text) or text.islower():
            continue
        if ent.label_ == "ORG" and _office_of(span) and not gz.organisations.get(key(text)):
            continue
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
        state = gz.state_of(text)
        if state:
            label = "NORP" if gz.demonym_state(text) else "GPE"
            found.append((state, "GPE", ActorMention(span.start_char, span.end_char, text, label,
                                                     span.start, span.end)))
            continue
        org = gz.organisations.get(key(text))
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
        if ent.label_ == "NORP" and not parts and _looks_like_name(span):
            # The model's NORP for an unknown single proper name ("the Mujib government").
            found.append((None, "PERSON", ActorMention(span.start_char, span.end_char, text,
                                                       "PERSON", span.start, span.end)))
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
        label = PERSON_CUE if ent.end in cued and ent.label_ == "PERSON" else ent.label_
        found.append((None, LABEL_TYPES[ent.label_],
                      ActorMention(span.start_char, span.end_char, span_text(span), label,
                                   span.start, span.end)))
    return found


_ADJECTIVAL = re.compile(r"(an|ian|ese|ish|ic|ist|ists|ans|ians|ite|ites|i|is)$")


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
            if texts[i:i + len(words)] == words and taken.isdisjoint(range(i, i + len(words))):
                cand = doc[i:i + len(words)]
                c.mentions.append(ActorMention(cand.start_char, cand.end_char, span_text(cand), "PROPAGATED",
                                               cand.start, cand.end))
                taken.update(range(cand.start, cand.end))
                break
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _ACRONYM_STOP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def cluster(doc: Doc, found: list[tuple[str | None, str, ActorMention]]) -> list[ActorCluster]:
    """Group mentions into actors and choose each actor's canonical name and type."""
    groups: dict[str, dict] = {}
    order: list[str] = []

    def group(gid: str) -> dict:
        if gid not in groups:
            groups[gid] = {"canonical": None, "types": Counter(), "mentions": []}
            order.append(gid)
        return groups[gid]

    for canonical, typ, m in found:
        gid = f"gz:{canonical}" if canonical else f"k:{key(m.text)}"
        g = group(gid)
        if canonical:
            g["canonical"] = canonical
        g["types"][typ] += 1
        g["mentions"].append(m)

    _merge_partial_names(groups, order)
    _merge_acronyms(doc, groups, order)

    clusters = []
    for gid in order:
        g = groups.get(gid)
        if g is None or not g["mentions"]:
            continue
        if not g["canonical"] and all(_modifies_happening(doc, m) for m in g["mentions"]):
            continue  # only ever names a happening or scheme
        typ = g["types"].most_common(1)[0][0]
        if not g["canonical"]:
            typ = _retype(doc, g["mentions"], typ)
        if g["canonical"] and typ == "GPE":
            name = g["canonical"]
        else:
            candidates = [m.text for m in g["mentions"] if m.label != "NORP"]
            name = max(candidates or [g["mentions"][0].text], key=lambda t: (len(t.split()), len(t)))
        mentions = sorted(g["mentions"], key=lambda m: m.start)
        clusters.append(ActorCluster(name=name, type=typ, mentions=mentions))
    return clusters


def _retype(doc: Doc, mentions: list[ActorMention], typ: str) -> str:
    """Correct the model's type from the name itself and from how the text uses it."""
    words = {w.lower() for m in mentions for w in m.text.split()}
    last = {m.text.split()[-1].lower() for m in mentions}
    if last & LOC_WORDS:
        return "LOC"
    if words & ORG_WORDS:
        return "ORG"
    if last & GPE_WORDS or any(m.text.lower().startswith(("territory of", "province of", "state of"))
                               for m in mentions):
        return "GPE"
    if typ == "PERSON" and any(m.label == PERSON_CUE for m in mentions):
        return typ  # the text itself says it is a person (see _person_cues)
    spans = [(m.token_start, m.token_end) for m in mentions if m.token_end > m.token_start]
    if not any(key(m.text) in gazetteer().places for m in mentions):
        if any(_names_head(doc, s, e, LOC_OF_WORDS, via_of=True) for s, e in spans):
            return "LOC"  # "the plain of Marathon", "the island of Delos"
        if any(_names_head(doc, s, e, INSTITUTION_NOUNS) for s, e in spans):
            return "ORG"  # "the Sarinah department store"
    if any(_place_cue(doc, m.token_start, m.token_end) for m in mentions if m.token_end > m.token_start):
        return "GPE"  # "the Kagera and Mara regions", "the Al Haouz earthquake"
    if typ in ("PERSON", "ORG"):
        heads = [_locative_head(doc, m) for m in mentions if m.token_end > m.token_start]
        # An acronym among the names marks an organisation even after "from"/"to" ("from
        # Zambia Consolidated Copper Mines (ZCCM)", "to the bank BTG Pactual").
        acronym = any(re.fullmatch(r"[A-Z]{2,}", w) for m in mentions for w in m.text.split()) or any(
            m.token_end + 1 < len(doc) and doc[m.token_end].text == "("
            and re.fullmatch(r"[A-Z]{2,}", doc[m.token_end + 1].text) for m in mentions)
        if heads and not acronym and all(_locative(h) for h in heads):
            return "GPE"  # only ever "in X", "at X", "to X": a place
        if any(m.token_start > 0 and doc[m.token_start - 1].lower_ in ROLE_NOUNS for m in mentions):
            return "PERSON"  # "the satrap Tissaphernes", "the historian Thucydides"
    if typ == "ORG" and all(len(m.text.split()) == 1 and not m.text.isupper() for m in mentions):
        heads = [doc[m.token_start] for m in mentions]
        if any(h.dep_ == "nsubj" and h.head.lemma_.lower() in PERSON_VERBS for h in heads):
            return "PERSON"
    return typ


def _names_head(doc: Doc, start: int, end: int, nouns: frozenset, via_of: bool = False) -> bool:
    """The name modifies one of ``nouns`` ("the Sarinah department store") or, with ``via_of``,
    is its "of" object ("the plain of Marathon")."""
    root = _root(doc, start, end)
    head = root.head
    if via_of:
        return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in nouns
    return root.dep_ in ("compound", "nmod", "amod") and head.i >= end and head.lower_ in nouns


def _locative_head(doc: Doc, m: ActorMention):
    """The token that shows how a mention is used: its last word for an "X of Y" name ("in the
    House of Commons" is not "in X"), else the word attached outside it ("at Phong Nhi in",
    where "Nhi" hangs elsewhere)."""
    span = doc[m.token_start:m.token_end]
    if any(t.is_lower for t in span):
        return span[-1]
    return _root(doc, m.token_start, m.token_end)


def _locative(tok) -> bool:
    """The object of a place preposition, or a conjunct of one ("around Tangier and Kenitra")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _merge_into(groups: dict, order: list[str], src: str, dst: str) -> None:
    g = groups.pop(src)
    groups[dst]["mentions"].extend(g["mentions"])
    groups[dst]["types"].update(g["types"])
    order.remove(src)


def _merge_partial_names(groups: dict, order: list[str]) -> None:
    """A person named by one part of a longer name elsewhere ("Pearson") is that person."""
    people = [gid for gid in order if groups[gid]["types"].most_common(1)[0][0] == "PERSON"]
    full = {gid: max((m.text for m in groups[gid]["mentions"]), key=len) for gid in order}
    # A one-word name of any type the model guessed ("Nkrumah" as GPE) can be a surname.
    singles = [gid for gid in order if not groups[gid]["canonical"]
               and (len(full[gid].split()) == 1 or gid in people)]
    for gid in singles:
        if gid not in groups:
            continue
        name = full[gid]
        words = name.split()
        # "Pearson" in "Lester B. Pearson"; "Mujibur Rahman" ending "Sheikh Mujibur Rahman".
        targets = [o for o in people if o != gid and o in groups
                   and len(full[o].split()) > len(words)
                   and (name in full[o].replace("-", " ").split() if len(words) == 1
                        else full[o].split()[-len(words):] == words)]
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
    for gid, name in list(names.items()):
        if gid not in groups or not re.fullmatch(r"[A-Z][A-Z&.]{1,9}", name):
            continue
        acro = name.replace(".", "")
        targets = [o for o, full in names.items()
                   if o != gid and o in groups and len(full.split()) > 1 and _initials(full) == acro]
        if len(targets) != 1:
            # "Brazilian Development Bank (BNDES)": a parenthesised acronym right after a
            # name is that name's, whatever its letters.
            targets = _parenthesised_owner(doc, groups, gid)
        if len(targets) == 1 and targets[0] != gid:
            _merge_into(groups, order, gid, targets[0])


def _parenthesised_owner(doc: Doc, groups: dict, gid: str) -> list[str]:
    """The group whose name the text writes just before "(ACRONYM)", if any."""
    text = doc_text(doc)
    acronyms = {m.text for m in groups[gid]["mentions"]}
    found = []
    for o, g in groups.items():
        if o == gid or g["types"].most_common(1)[0][0] not in ("ORG", "GPE"):
            continue
        names = {m.text for m in g["mentions"] if len(m.text.split()) > 1}
        if any(f"{n} ({a})" in text for n in names for a in acronyms):
            found.append(o)
    return found


def topic_states(doc: Doc) -> list[str]:
    """The states a relations article is about, read from its title or first sentence."""
    gz = gazetteer()
    first = doc_text(doc)[:300].split("\n", 1)[0]
    m = re.match(r"\s*(.+?)\s*[\u2013\-\u2014/]\s*(.+?)\s+(?:relations|development|cooperation|"
                 r"co-operation|diplomacy|trade|ties|partnership)\b", first, re.I)
    if not m:
        m = re.search(r"[Rr]elations between (?:the )?(.+?) and (?:the )?([A-Z][\w ]+?)[\.,;]",
                      doc_text(doc)[:600])
    if m:
        # The parties may be states or organisations ("European Union–Morocco relations").
        parties = [gz.state_of(g.strip()) or gz.organisations.get(key(g.strip())) and g.strip()
                   for g in m.groups()]
        if all(parties):
            return parties  # type: ignore[return-value]
    return []


@Language.factory("factex_actors", default_config={},
                  requires=["doc.ents", "token.dep", "token.tag", "token.is_sent_start"],
                  assigns=["doc._.factex_actors", "doc._.factex_token_actor", "doc._.factex_topic"])
def make_actors(nlp: Language, name: str) -> "ActorsComponent":
    """Build the actors component."""
    return ActorsComponent()


class ActorsComponent(RulesComponent):
    """Sets ``doc._.factex_actors`` and ``doc._.factex_token_actor``."""

    def __init__(self) -> None:
        register_extensions()
        super().__init__()

    def _compile(self) -> None:
        self.rules.gazetteer  # built once per rules, not on the first document

    def _process(self, doc: Doc) -> Doc:
        found = collect_mentions(doc)
        clusters = cluster(doc, found)
        propagate(doc, clusters)
        token_actor: dict[int, str] = {}
        # Longest mention first: "Norwegian" inside "the Norwegian Agency for Development
        # Cooperation" belongs to the agency there, not to Norway.
        spans = sorted(((m, c.name) for c in clusters for m in c.mentions),
                       key=lambda mc: mc[0].token_start - mc[0].token_end)
        for m, name in spans:
            for i in range(m.token_start, m.token_end):
                token_actor.setdefault(i, name)
        doc._.factex_actors = clusters
        doc._.factex_token_actor = token_actor
        doc._.factex_topic = topic_states(doc)
        return doc
