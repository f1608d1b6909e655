"""``factex_entity_repair``: one entity layer for everything after it.

The statistical model's entities, after ``factex_gazetteer_ruler``'s corrections, are repaired
here and written back to ``doc.ents``, so that actors, dates, money and events all read the same
entities:

- an entity that runs across a line break or a breadcrumb separator is cut there ("Lavaux\nMontreux"
  is two names, "Vaud\nJump" one; the layout of a damaged page, not a name);
- persons split by a name particle are joined ("Vasco da Gama");
- acronyms are tied to the names they abbreviate, and organisation names the model missed are
  added from a parenthesised acronym ("Tanzania-Zambia Railway Authority (TAZARA)");
- places the model took for persons or organisations are relabelled by context (a place cue:
  "in Kabul", "the port of Walvis Bay");
- personal names the model missed or mislabelled are made PERSON by a person cue (a title, a
  role noun, a verb only people do); ``doc._.factex_person_cues`` keeps the end tokens of the
  names a cue settled, so that the actors component does not retype them.
"""

from __future__ import annotations

import functools
import re

from spacy.attrs import POS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from factex.components.base import RulesComponent, require
from factex.language.docutil import cache, doc_text, head_indices, line_bounds, span_text, token_texts
from factex.language.gazetteer import key, known_town
from factex.language.lexicon import (
    BODY_HEADS,
    COMPANY_NOUNS,
    CORPORATE_FORMS,
    DISASTER_NOUNS,
    FORCE_NOUNS,
    GPE_WORD_PLURALS,
    GPE_WORDS,
    KIN_NOUNS,
    LOC_OF_WORDS,
    FEATURE_NOUNS,
    LOC_WORDS,
    LOCATIVE_PREPS,
    NAME_PARTICLES,
    ORG_WORDS,
    PERSON_PRONOUNS,
    PLACE_PREPS_PROPER,
    ROLE_NOUNS,
    TITLES,
)
from factex.language.rules import Rules, active, gazetteer

_ACRONYM_STOP = {"of", "and", "the", "for", "de", "du", "des", "la", "le", "in", "on", "to"}


@Language.factory("factex_entity_repair", default_config={},
                  requires=["doc.ents", "token.dep", "token.tag"],
                  assigns=["doc.ents", "doc._.factex_person_cues"])
def make_entity_repair(nlp: Language, name: str) -> "EntityRepair":
    """Build the entity repair component."""
    return EntityRepair()


class EntityRepair(RulesComponent):
    """Writes the repaired entities to ``doc.ents`` (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()

    def _process(self, doc: Doc) -> Doc:
        require(doc, "factex_entity_repair", parse=True)
        ents = _merged_ents(doc)
        for repair in _REPAIRS:
            ents = repair(doc, ents)
        ents, cued = _person_cues(doc, ents)
        if [(e.start, e.end, e.label) for e in ents] != [(e.start, e.end, e.label) for e in doc.ents]:
            doc.ents = ents
        doc._.factex_person_cues = sorted(cued)
        return doc


# Tokens no name runs across: a line break, and the separators of menus and breadcrumbs.
_NAME_LABELS = frozenset(("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART",
                          "EVENT", "LAW", "LANGUAGE"))
_LAYOUT_BREAKS = frozenset(">|•·»")


# A word that closes a quotation and a sentence ("… in Uruguay”. Reuters"): the title of a
# cited article ends there, and the publisher's name begins after it.
_QUOTE_STOP = re.compile(r".*(?:[\"\u201d\u2019]|\u00e2\u20ac)\.")


def _layout_break(tok) -> bool:
    return ((tok.is_space and "\n" in tok.text) or tok.text in _LAYOUT_BREAKS
            or _QUOTE_STOP.fullmatch(tok.text) is not None)


def _cut_at_layout(doc: Doc, ents) -> list[Span]:
    """Entities cut where the page's layout breaks them, or a quotation and sentence end. A piece beside a menu or breadcrumb
    separator is navigation ("Home > Culture"), not a mention, and is dropped; so is a piece
    without a proper noun. The other pieces keep the label."""
    out = []
    for e in ents:
        if e.label_ not in _NAME_LABELS or not any(_layout_break(t) for t in e):
            out.append(e)
            continue
        pieces, start = [], e.start
        for k in range(e.start, e.end + 1):
            if k == e.end or _layout_break(doc[k]):
                pieces.append((start, k))
                start = k + 1
        for s, t in pieces:
            words = [tok for tok in doc[s:t] if not tok.is_space]
            if not words or not any(tok.pos_ == "PROPN" for tok in words):
                continue
            if any(0 <= k < len(doc) and doc[k].text in _LAYOUT_BREAKS for k in (s - 1, t)):
                continue
            out.append(Span(doc, words[0].i, words[-1].i + 1, label=e.label_))
    return out


_INITIAL = re.compile(r"[A-Z]\.")


def _initial_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A person's name that the model ended at a middle initial ("Richard G." + "Hovannisian")
    runs on over the capitalised words right after the initial."""
    new = []
    for e in ents:
        if e.label_ != "PERSON" or not _INITIAL.fullmatch(doc[e.end - 1].text):
            continue
        k = e.end
        while (k < len(doc) and k - e.end < 3 and doc[k].is_title and doc[k].is_alpha
               and doc[k].pos_ == "PROPN" and not doc[k].is_stop and not doc[k].is_sent_start):
            k += 1  # not "Hovannisian, Richard G. The Republic of Armenia"
        if k > e.end:
            new.append(Span(doc, e.start, k, label="PERSON"))
    return _in_place_of(ents, new) if new else ents


def _merged_ents(doc: Doc) -> list[Span]:
    """The model's entities, cut at layout breaks, with persons split by a name particle
    joined again."""
    ents = _cut_at_layout(doc, doc.ents)
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
# Titles no organisation's name begins with: "Archbishop Ælfheah" is a person whatever the
# model called it (unlike "General Motors" or "Secretary of State").
_PERSONAL_TITLES = frozenset("""king queen prince princess emperor empress tsar czar sultan shah
    emir amir pope cardinal bishop archbishop ealdorman mr mrs ms dr sir dame""".split())
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


def _person_cue(doc: Doc, start: int, end: int, titled: bool, org: bool = False) -> bool:
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
    # The appositions of the parse; not for a firm the model named as one ("Lazard, the
    # investment banker").
    root = _root(doc, start, end)
    if not org and root.dep_ == "appos" and root.head.i < start and root.head.is_lower \
            and _role_noun(root.head):
        # "one consul, Publius Cornelius Scipio"; not an office's title ("the Minister of
        # Agriculture, Food Sovereignty and Livestock").
        return True
    if end < len(doc) and doc[end].lower_ in ("himself", "herself"):
        return True  # "an army under Heraclius himself"
    if (root.dep_ == "pobj" and root.head.lower_ == "under" and root.head.head.lemma_.lower() in FORCE_NOUNS
            and not gazetteer().state_of(span_text(doc[start:end]))):
        return True  # "a French army under Napoleon Bonaparte": a force's commander
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in PERSON_PRONOUNS:
        return True
    return _appositive_role(doc, start, end, org)


def _parsed_appositive_role(doc: Doc, start: int, end: int, nouns=None) -> bool:
    """Whether the parse hangs an appositive naming a role or kin on doc[start:end]."""
    nouns = _APPOSITIVE_NOUNS if nouns is None else nouns
    root = _root(doc, start, end)
    return any(c.dep_ == "appos" and c.i >= end and c.pos_ == "NOUN"
               and c.lemma_.lower() in nouns for c in root.children)


def _appositive_role(doc: Doc, start: int, end: int, org: bool) -> bool:
    """Whether an appositive after doc[start:end] names a role or kin ("Adaeze Okafor, a
    former investment banker,"; "Xerxes, the son of Darius"). For a name the model took for a
    firm only kin counts ("Lazard, the investment banker" is a firm; nobody's son is)."""
    nouns = KIN_NOUNS if org else _APPOSITIVE_NOUNS
    if _parsed_appositive_role(doc, start, end, nouns):
        return True
    if end + 1 < len(doc) and doc[end].text == ",":
        nxt = doc[end + 1]
        if nxt.lower_ in ("the", "a", "an", "his", "her", "its") and end + 2 < len(doc):
            nxt = doc[end + 2]
        return nxt.lower_.rstrip(".") in nouns and nxt.pos_ in ("NOUN", "PROPN")
    return False


def _role_noun(tok) -> bool:
    """A common noun naming a role a person holds, singular or plural ("the satrap", "the
    consuls")."""
    return tok.lower_ in ROLE_NOUNS or (tok.pos_ == "NOUN" and tok.lemma_.lower() in ROLE_NOUNS)


def _kin_before(texts: list[str], start: int) -> bool:
    """A kin noun owned by someone just before a name ("his son Theodosius", "Maurice's son
    Theodosius", "his son-in-law Hasdrubal"): the name is a person's."""
    k = start - 1
    if k >= 4 and texts[k] == "law" and texts[k - 1] == "-" and texts[k - 2] == "in" and texts[k - 3] == "-":
        k -= 4
    if k < 1 or texts[k].lower() not in KIN_NOUNS:
        return False
    owner = texts[k - 1].lower()
    return owner in ("his", "her", "their", "'s", "’s")


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
        kin = _kin_before(texts, start)
        titled = bool(titles) or (start > 0 and (_role_noun(doc[start - 1]) or kin)
                                  and ent_at.get(start - 1) is None)
        # "the consuls Lucius Aemilius Paullus and Gaius Terentius Varro": the second name of
        # a pair shares the first one's cue.
        titled = titled or (start > 1 and texts[start - 1] == "and" and start - 1 in cued)
        byline = _in_byline(doc, start)
        titled = titled or byline
        if titles and ent_at.get(titles[-1]) is not None and ent_at[titles[-1]].label_ != "PERSON" \
                and (texts[titles[-1]].lower().rstrip(".") not in _PERSONAL_TITLES
                     or ent_at[titles[-1]].label_ in ("GPE", "LOC")):
            # "General Motors", "General Assembly", "Port-au-Prince": the title word is part of
            # a name (but the model's "Archbishop Ælfheah" organisation is a person).
            continue
        if titled and b < len(doc) and texts[b] == "I" and b not in ent_at:
            b += 1  # "King Artaxerxes I": the tagger reads "I" as a pronoun
        span = doc[start:b]
        inside = {ent_at[i] for i in range(start, b) if i in ent_at}
        # After "his son" even a name the model took for a place is a person ("his son-in-law
        # Hasdrubal"); the gazetteer's places are kept out below.
        # So after a lower-case role noun ("the centurion Phocas", "the Persian commander
        # Rhahzadh"): a place is not a centurion.
        role = start > 0 and doc[start - 1].is_lower and _role_noun(doc[start - 1])
        relabellable = _RELABELLABLE | {"GPE", "LOC"} if kin or role or byline else _RELABELLABLE
        if any(e.label_ not in relabellable or e.end > b or e.start < a for e in inside):
            # So with an appositive naming a role after it ("Adaeze Okafor, a former
            # investment banker,"): a place is not a banker. (Parsed only when a place's label
            # is all that stands in the way.)
            if not (all(e.label_ in _RELABELLABLE | {"GPE", "LOC"} and a <= e.start and e.end <= b
                        for e in inside) and _parsed_appositive_role(doc, start, b)):
                continue
        text = span_text(span)
        words = text.lower().split()
        if (gz.state_of(text) or gz.organisations.get(key(text)) or gz.places.get(key(text))
                or words[-1] in ORG_WORDS | GPE_WORDS | LOC_WORDS):
            continue
        if _person_cue(doc, start, b, titled, org=any(e.label_ == "ORG" for e in inside)
                       or key(text) in gz.organisations):
            new.append(Span(doc, start, b, label="PERSON"))
            cued.add(b)
            continue
        people = [e for e in inside if e.label_ == "PERSON"]
        if (len(people) == 1 and people[0].end == b and people[0].start > start
                and all(i not in ent_at for i in range(start, people[0].start))):
            new.append(Span(doc, start, b, label="PERSON"))
    if not new:
        return ents, set()
    return _in_place_of(ents, new), cued


def _in_place_of(ents: list[Span], new: list[Span]) -> list[Span]:
    """The entities with ``new`` spans in place of those they overlap, in text order."""
    covered = {i for s in new for i in range(s.start, s.end)}
    rest = [e for e in ents if covered.isdisjoint(range(e.start, e.end))]
    return sorted(rest + new, key=lambda s: s.start)


def _in_byline(doc: Doc, start: int) -> bool:
    """Whether a name stands in a news byline: a short line that opens with "By" ("By Farrukh
    Nazarov in Dushanbe and Elena Costa in Milan"), whose names are the reporters'."""
    text = doc_text(doc)
    bounds = line_bounds(text, doc[start].idx, reach=200)
    return bounds is not None and text.startswith("By ", bounds[0]) \
        and len(text[bounds[0]:bounds[1]].split()) <= 16


def _root(doc: Doc, start: int, end: int):
    """The token of doc[start:end] attached outside it, climbed over conjuncts ("Mara" in
    "the Kagera and Mara regions" stands where "Kagera" does)."""
    heads = head_indices(doc)
    tok = doc[next((k for k in range(start, min(end, len(doc))) if not start <= heads[k] < end), end - 1)]
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
        # Asia Minor" are in a region, not the region. "the outskirts of Forchheim", "the
        # siege of Calais": only a town has outskirts or is besieged.
        coordinated = any(c.dep_ == "conj" for c in root.children)
        return head.head.lower_ in GPE_WORDS or head.head.lower_ in _TOWN_PARTS or (
            coordinated and head.head.lower_ in GPE_WORD_PLURALS)
    if root.dep_ == "dobj" and head.lemma_.lower() in _SIEGE_VERBS:
        return True  # "besieging Calais": a town
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.pos_ == "VERB" and prev.lemma_.lower() in _SIEGE_VERBS:
        return True  # the same where the parser took the verb for a modifier of the name
    return False


# Nouns whose "of" phrase names a town ("the outskirts of Forchheim"), and verbs done only to
# towns and fortresses.
_TOWN_PARTS = frozenset("""outskirts suburbs streets walls gates mayor siege sack ruins garrison
    residents inhabitants bombardment shelling department""".split())
_SIEGE_VERBS = frozenset("besiege blockade garrison fortify raze shell bombard annex cede".split())


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
        if _place_cue(doc, a, b) or _located_by_neighbour(doc, a, b, ent_at) or (
                a > 0 and doc[a - 1].lower_ in PLACE_PREPS_PROPER
                and known_town(span_text(doc[a:b]))):
            # "… in Dumfries": a known town after a place preposition
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



# Feature nouns that end a place's name; not those that are as often verbs or other things
# ("springs", "falls", "range", "channel", "waters").
_FEATURE_HEADS = FEATURE_NOUNS - frozenset("springs falls range channel waters".split())


def _feature_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A proper name followed by a lower-case feature noun it modifies is one place, the noun
    included ("Vakhsh river", "Lake Victoria basin"), and one followed by "administration" or
    "movement" one organisation ("the Bush administration"); the model's entities inside it
    give way (its "Vakhsh" and "Congonhas" as persons)."""
    texts = token_texts(doc)
    ent_at = {i: e for e in ents for i in range(e.start, e.end)}
    new: list[Span] = []
    gz = gazetteer()
    for k in range(1, len(doc)):
        # Lower case only ("River" is already in the name), and a noun ("Ukraine springs a
        # surprise" has a verb).
        if (texts[k] not in _FEATURE_HEADS and texts[k] not in BODY_HEADS) or doc[k].pos_ != "NOUN":
            continue
        start = k
        while start > 0 and not doc[start].is_sent_start and (
                (doc[start - 1].pos_ == "PROPN" and texts[start - 1][:1].isupper()
                 and not texts[start - 1].endswith(("'s", "\u2019s")))
                or (texts[start - 1] in ("-", "\u2013") and start - 1 > 0
                    and doc[start - 2].pos_ == "PROPN")):
            start -= 1
        if start == k or not texts[start][:1].isupper() or doc[k - 1].head.i != k:
            continue  # no name, or the name is not a modifier of the noun
        inside = {ent_at[i] for i in range(start, k) if i in ent_at}
        if any(e.start < start or e.end > k for e in inside) or any(
                e.label_ in ("NORP", "DATE") for e in inside):
            continue  # an entity reaching out of the name, or a people's or a date's
        name = span_text(doc[start:k])
        if gz.state_of(name) or key(name) in gz.organisations:
            continue  # "the Kenya coast", "Al Jazeera channel": the state or body, described
        new.append(Span(doc, start, k + 1, label="ORG" if texts[k] in BODY_HEADS else "LOC"))
    return _in_place_of(ents, new) if new else ents


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


# Labels of the names a legal form can end: a place's or people's name never does ("US AG
# William Barr": an attorney general).
_NAMED_LABELS = frozenset(("PERSON", "ORG", "FAC", "PRODUCT"))


# Legal forms that end nothing but a company's name: not "SE" ("Galaxy Note SE"), "SA", "AS",
# "AB", "NV" or "Co", which also end editions, places and words.
_UNAMBIGUOUS_FORMS = CORPORATE_FORMS - frozenset("SE SA AS AB NV Co".split())


def _legal_forms(doc: Doc, ents: list[Span]) -> list[Span]:
    """A name followed by a legal form is a company's, the form included: the model leaves
    the form out and may take the rest for a person ("Nordhav Seafood ASA")."""
    ent_at = {k for e in ents for k in range(e.start, e.end)}
    out: list[Span] = []
    changed = False

    def joined(j: int) -> bool:
        """Token ``j`` is free and on the same line as the one before it."""
        return j < len(doc) and j not in ent_at and "\n" not in doc[j - 1].whitespace_

    for e in ents:
        end = e.end
        if e.label_ in _NAMED_LABELS or (e.label_ == "NORP" and len(e) > 1):
            # Words of the name the model left out before the form ("Krause Bräu GmbH"); a
            # name of two words or more the model took for a people's ("Turun Laakeri Oy").
            j = end
            while joined(j) and j - end < 3 and doc[j].pos_ == "PROPN" and doc[j].is_title \
                    and doc[j].text not in CORPORATE_FORMS:
                j += 1
            while joined(j) and doc[j].text.rstrip(".") in CORPORATE_FORMS:
                j += 1
            if j > e.end and doc[j - 1].text.rstrip(".") in CORPORATE_FORMS and not (
                    j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_title):
                end = j  # not a title before a name ("AG William Barr")
        if end > e.end:
            out.append(Span(doc, e.start, end, label="ORG"))
            changed = True
        else:
            out.append(e)
    # A run of capitalised words the model left untagged that ends in a legal form is a
    # company's name too ("bought its Finnish rival Turun Laakeri Oy").
    free = []
    taken = {k for e in out for k in range(e.start, e.end)}
    for s, t in _name_runs(doc):
        if (t - s >= 2 and doc[t - 1].text.rstrip(".") in _UNAMBIGUOUS_FORMS
                and taken.isdisjoint(range(s, t))
                and not any("\n" in doc[k].whitespace_ for k in range(s, t - 1))
                and doc[t - 2].text not in CORPORATE_FORMS):
            free.append(Span(doc, s, t, label="ORG"))
    if free:
        return sorted(out + free, key=lambda s_: s_.start)
    return out if changed else ents


def _joined_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """One organisation's name with "and" inside it, which the model cut in two ("the Namibia
    Transport and Allied Workers Union"): "the" before both pieces, the second ends in an
    organisation's word, the first does not and is no person, acronym, state, place or
    organisation known or named on its own elsewhere ("Kenya Airways and Air France Group",
    "the World Bank and International Monetary Fund" stay two)."""
    texts = token_texts(doc)
    new = []
    for a, b in zip(ents, ents[1:]):
        if (b.start != a.end + 1 or texts[a.end] != "and" or b.label_ != "ORG"
                or a.label_ not in _NAMED_LABELS or a.label_ == "PERSON"
                or not (texts[a.start].lower() == "the"
                        or a.start > 0 and texts[a.start - 1].lower() == "the")
                or len(b) < 2 or not texts[b.start].istitle()
                or texts[b.start].lower() == "the"
                or texts[b.end - 1].lower() not in ORG_WORDS
                or texts[a.end - 1].lower() in ORG_WORDS or texts[a.end - 1].isupper()
                or "\n" in doc[a.end - 1].whitespace_ + doc[a.end].whitespace_):
            continue
        name = span_text(a)
        gz = gazetteer()
        if (gz.state_of(name) or key(name) in gz.places or key(name) in gz.regions
                or key(name) in gz.organisations):
            continue
        if sum(1 for e in ents if span_text(e) == name) > 1:
            continue  # named on its own too: two bodies ("Kenya Airways and Air France Group")
        new.append(Span(doc, a.start, b.end, label="ORG"))
    return _in_place_of(ents, new) if new else ents


def _definite_short_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """"The League", "the Community": a capitalised word after "the" that the model left
    untagged and that is a word of exactly one organisation's name the text gave in full
    before ("League of Nations", "European Economic Community") names that organisation."""
    ent_at = {k for e in ents for k in range(e.start, e.end)}
    words: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for e in ents:
        if e.label_ != "ORG" or len(e) < 2:
            continue
        for t in e:
            if t.is_title and t.is_alpha and t.lower_ not in _ACRONYM_STOP:
                words.setdefault(t.text, set()).add(span_text(e))
                first.setdefault(t.text, e.start)
    new = []
    texts = token_texts(doc)
    # Only a word in a full name can be one: look at those (a Token per word is costly).
    for i in range(1, len(doc)):
        if texts[i] not in words or texts[i - 1].lower() != "the":
            continue
        t = doc[i]
        if (t.i in ent_at or not t.is_title
                or t.i + 1 < len(doc) and (doc[t.i + 1].is_title or doc[t.i + 1].lower_ == "of")):
            continue  # "the League of …", "the Bank Group": a name of its own
        names = words.get(t.text)
        if names is not None and len(names) == 1 and first[t.text] < t.i:
            new.append(Span(doc, t.i, t.i + 1, label="ORG"))
    return sorted(ents + new, key=lambda s_: s_.start) if new else ents


# Common nouns that describe an organisation the text then names by its acronym ("the civil
# aviation agency ANAC", "the state development bank KfW", "the food workers' union NNN").
_DESCRIBING_NOUNS = ORG_WORDS | COMPANY_NOUNS | frozenset("""regulator watchdog broker utility
    broadcaster newspaper daily distributor""".split())
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,7}")
# Abbreviated posts, which follow such nouns too ("the company CEO John Smith", "the party MP").
_POST_ACRONYMS = frozenset("""CEO CFO COO CTO CIO MD GM VP SVP EVP MP MEP MSP MLA PM DG SG AG
    GC""".split())


def _described_acronyms(doc: Doc, ents: list[Span]) -> list[Span]:
    """An acronym right after a lower-case noun that describes an organisation is the
    organisation's name: the model misses it ("the civil aviation agency ANAC") or takes the
    description into the name ("state development bank KfW")."""
    ent_at = {k: e for e in ents for k in range(e.start, e.end)}
    drop: set[tuple[int, int]] = set()
    new: list[Span] = []
    texts = token_texts(doc)
    for i in range(1, len(doc)):
        # The cheap tests first, on the words alone (a Token per word is costly).
        if texts[i - 1].lower() not in _DESCRIBING_NOUNS or not _ACRONYM.fullmatch(texts[i]):
            continue
        t = doc[i]
        prev = doc[t.i - 1]
        if (t.pos_ != "PROPN" or not _ACRONYM.fullmatch(t.text)
                or sum(ch.isupper() for ch in t.text) < 2 or _REGNAL.fullmatch(t.text)
                or prev.lower_ not in _DESCRIBING_NOUNS or not prev.is_lower
                or t.text in _POST_ACRONYMS or _not_a_name(t.text)):
            continue
        e = ent_at.get(t.i)
        if e is None:
            end = t.i + 1
            while (end < len(doc) and end not in ent_at and doc[end].pos_ == "PROPN"
                   and doc[end].is_title and doc[end].head.i != t.i - 1):
                end += 1
            new.append(Span(doc, t.i, end, label="ORG"))
        elif e.start < t.i and all(w.is_lower for w in doc[e.start:t.i] if w.is_alpha):
            drop.add((e.start, e.end))
            new.append(Span(doc, t.i, e.end, label="ORG"))
    if not new:
        return ents
    rest = [e for e in ents if (e.start, e.end) not in drop]
    covered = {k for s_ in new for k in range(s_.start, s_.end)}
    rest = [e for e in rest if covered.isdisjoint(range(e.start, e.end))]
    return sorted(rest + filter_spans(new), key=lambda s_: s_.start)


def _not_a_name(text: str) -> bool:
    """Era markers and currency codes the model tags as organisations ("BC", "CHF")."""
    return _not_a_name_in(text, active())


@functools.lru_cache(maxsize=1 << 16)
def _not_a_name_in(text: str, rules: Rules) -> bool:
    t = text.strip()
    return (t.upper().replace(".", "") in ("BC", "BCE", "AD", "CE", "NAN", "INF")
            or t in rules.currencies.symbols or re.fullmatch(r"BC\s.*", t) is not None)


def _names_head(doc: Doc, start: int, end: int, nouns: frozenset, via_of: bool = False) -> bool:
    """The name modifies one of ``nouns`` ("the Sarinah department store") or, with ``via_of``,
    is its "of" object ("the plain of Marathon")."""
    root = _root(doc, start, end)
    head = root.head
    if via_of:
        return root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in nouns
    return root.dep_ in ("compound", "nmod", "amod") and head.i >= end and head.lower_ in nouns


# The repairs in the order they apply, each ``(doc, ents) -> ents`` (person cues come last).
# Capitalised heads of an institution named by the state or place it belongs to ("Embassy of
# Finland", "the Port of Walvis Bay"), a port a place. Not "Government": the model tags "the
# Government of X" whole in prose, and the repair of its other cases cost more than it found.
_INSTITUTION_OF = {"Embassy": "ORG", "Ministry": "ORG", "Office": "ORG", "Department": "ORG",
                   "Consulate": "ORG", "Secretariat": "ORG", "Port": "LOC"}
# Lower-case words inside such a name ("Ministry for Foreign Affairs of Finland", "Office of
# the President of Tajikistan").
_INSIDE_NAME = frozenset(("of", "for", "and", "the", "&"))


def _institution_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """A place or state after "of" that ends the name of an institution it belongs to is part
    of that name: "Embassy of Finland", "Ministry for Foreign Affairs of Finland", "Office of
    the President of Tajikistan" (organisations), "the Port of Walvis Bay" (a place); the
    model's pieces of it ("Embassy" as a place, "Ministry for Foreign Affairs of") give way."""
    texts = token_texts(doc)
    new: list[Span] = []
    for e in ents:
        if e.label_ not in ("GPE", "LOC") or e.start < 2 or texts[e.start - 1] != "of":
            continue
        k = e.start - 1  # "of"
        head = None
        while k > 0 and not doc[k - 1].is_space and (
                texts[k - 1][:1].isupper() or texts[k - 1] in _INSIDE_NAME):
            k -= 1
            if texts[k] in _INSTITUTION_OF:
                head = k
                break
        if head is None or texts[e.start - 2] in _INSIDE_NAME:
            continue  # no institution, or "Ministry of the" + a name split oddly
        new.append(Span(doc, head, e.end, label=_INSTITUTION_OF[texts[head]]))
    return _in_place_of(ents, new) if new else ents


_REPAIRS = (_initial_names, _acronym_names, _joined_names, _legal_forms, _described_acronyms,
            _definite_short_names, _feature_names, _institution_names, _place_cues)
