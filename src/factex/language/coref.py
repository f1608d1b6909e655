"""Pronouns and definite descriptions that stand for a named party, resolved conservatively.

Not a coreference model: a relative pronoun takes the noun its clause modifies; a subject
"he"/"she" continues the latest clause subject that was a person or the same pronoun, and
otherwise a personal pronoun takes the person named before it in its own or the previous
sentence only when exactly one person is named there (or the last one named as a subject), so
an ambiguous pronoun names nobody, and never a person the text marks as of the other sex. "It" as the
subject of a verb takes the one organisation named as a subject just before it, else the
document's protagonist; "the commission", "the court" as a subject take the one
organisation whose name has that word (``_BODIES``); "the company" (and the other nouns of
``COMPANY_NOUNS``), when no name has it, the protagonist: the organisation the text names
most often, at least three times and twice as often as any other. A "the <noun>" of a built
work or undertaking ("the railway", "the station", ``_FACILITY_NOUNS``) as a subject, object or
prepositional object takes the one actor named before it whose name ends in that noun ("the
Tanzania–Zambia Railway").
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from factex.language.docutil import QUOTES, actor_types, cache, doc_text, quoted, sentence_at
from factex.language.lexicon import COMPANY_NOUNS, FEATURE_NOUNS, FORCE_NOUNS, ROLE_NOUNS
from factex.language.rules import gazetteer

_PERSONAL = {"he", "she", "him", "her"}
# Bodies a text goes on naming by their head noun once it has named them in full ("the
# Independent Electoral Commission … the commission declared").
_BODIES = {"commission", "court", "council", "bank", "agency", "ministry", "authority",
           "tribunal", "parliament", "assembly", "committee", "senate", "board"}
_POSSESSIVE = {"his", "her"}
# Nouns of built works and undertakings whose name a text shortens to "the <noun>" ("the
# Tanzania-Zambia Railway ... the railway"); not everyday nouns like "union" or "party".
_FACILITY_NOUNS = FEATURE_NOUNS | frozenset("""railway railroad bridge station dam airport port
    mine plant factory mill terminal centre center hospital school university college stadium
    museum pipeline refinery project group""".split())
# A person's armed force (FORCE_NOUNS) or rule: "his army was defeated", "his regime was
# overthrown" happened to that person's side.
_FORCES = FORCE_NOUNS | {"regime", "government", "administration"}
# A person's side for a possessive only ("a spokesman for his movement"), not for "which"
# after "Kenya's opposition movement".
_SIDES = _FORCES | {"movement", "party", "faction"}
_RELATIVE = {"who", "whom"}
# "which" and "that" stand for a named party only as a clause's subject or object ("the
# Hallworth Family Foundation, which disbursed …"); elsewhere they stand for a thing.
_RELATIVE_THING = {"which", "that"}


def _ready_to(verb: Token) -> bool:
    """A copula whose adjective takes an infinitive ("it was ready to provide", "it is willing
    to lend"): "it" is the doer of that infinitive, not the dummy subject of "it was clear"."""
    return any(c.dep_ == "acomp" and any(g.dep_ == "xcomp" for g in c.children)
               for c in verb.children)


def antecedent(doc: Doc, token: Token) -> str | None:
    """The actor name a pronoun stands for, or None (never a person the text marks as of the
    other sex than a "he" or "she").

    Examples: "Kishi broke the deadlock when he travelled to Jakarta" (he → Kishi);
    "Alfred Ilg, who arrived in Ethiopia in 1879" (who → Alfred Ilg).
    """
    found = _antecedent(doc, token)
    sex = _SEX_OF_PRONOUN.get(token.lower_)
    if found is not None and sex is not None and _gender(doc).get(found, sex) != sex:
        return None
    return found


_SEX_OF_PRONOUN = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she"}


def _antecedent(doc: Doc, token: Token) -> str | None:
    """The actor name a pronoun stands for, or None (see :func:`antecedent`)."""
    word = token.lower_
    if token.head.dep_ == "relcl" and (word in _RELATIVE or (
            word in _RELATIVE_THING and token.tag_ == "WDT"
            and token.dep_ in ("nsubj", "nsubjpass", "dobj"))):
        table = doc._.factex_token_actor or {}
        owner = token.head.head
        if owner.i in table:
            return table[owner.i]
        if word in _RELATIVE:
            # "Annemarie's son Thomas Kessler, who became …": the clause hangs on the noun the
            # name stands in apposition to.
            named = [c for c in owner.children if c.dep_ == "appos" and c.i in table]
            if len(named) == 1:
                return table[named[0].i]
        if owner.lemma_.lower() in _FORCES or owner.lower_ in _FORCES:
            # "Iranian troops who attacked …": the troops' state.
            return next((table[c.i] for c in owner.children
                         if c.dep_ in ("amod", "compound", "poss") and c.i in table), None)
        return None
    if word == "it" and token.dep_ in ("nsubj", "nsubjpass") and (
            token.head.lemma_ != "be" or _ready_to(token.head)):
        return _organisation_before(doc, token) or protagonist(doc)
    if (token.pos_ == "NOUN" and token.tag_ == "NN"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
            and not any(c.dep_ in ("compound", "amod", "prep", "relcl", "acl") for c in token.children)):
        # "the commission", "the court", "the bank": the one organisation the text names with
        # that word; "the company" and its kin, failing that, the text's protagonist.
        named = _organisations_by_word(doc).get(token.lower_, ())
        if len(named) == 1 and token.lower_ in _BODIES and token.dep_ in ("nsubj", "nsubjpass"):
            return next(iter(named))
        if token.lemma_.lower() in COMPANY_NOUNS and not named:
            return protagonist(doc)
        if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and token.lower_ in _FACILITY_NOUNS:
            # "the railway", "the bridge", "the centre": the one actor named before whose name
            # ends in that noun ("the Tanzania–Zambia Railway … the railway opened").
            return _named_by_head_noun(doc, token)
    if word not in _PERSONAL and word not in _POSSESSIVE:
        return None
    if token.tag_ == "PRP$" and (token.head.lemma_.lower() not in _SIDES and token.head.lower_ not in _SIDES
                                 or any(c.dep_ == "case" for c in token.head.children)):
        return None  # only "his army", "her fleet": the person's side (not "his party's rivals")
    offsets, names, subjects = _people(doc)
    prev, start = window(doc, token)
    lo = bisect.bisect_left(offsets, prev)
    hi = bisect.bisect_left(offsets, token.idx)
    if word in ("him", "her") and token.dep_ in ("dobj", "dative"):
        # An object pronoun is never its own clause's subject ("he defeated the commander
        # Rhahzadh, killing him", "his son Kavad overthrew him"): the last other person named.
        # A subject before it is the likelier antecedent than a name inside a phrase.
        doer = _subject_name(doc, token.head)
        others = [k for k in range(hi - 1, lo - 1, -1) if names[k] != doer]
        return next((names[k] for k in others if subjects[k]), None) or (
            names[others[0]] if others else None)
    if token.dep_ in ("nsubj", "nsubjpass") and word in ("he", "she"):
        # A subject pronoun continues the latest subject that was a person or the same
        # pronoun ("On 12 December 627 he defeated the commander Rhahzadh … He did not try to
        # take Ctesiphon": Heraclius again, not the commander).
        found = _latest_subject(doc, token, prev, offsets, names, subjects)
        if found is not None:
            return found
    seen = set(names[lo:hi])
    if hi > lo and len(seen) == 1:
        return names[hi - 1]
    mine = set(names[bisect.bisect_left(offsets, start):hi])
    if len(mine) == 1:
        return names[hi - 1]  # "Sweyn's triumph lasted only weeks; he died": its own sentence's
    if token.dep_ in ("nsubj", "nsubjpass"):
        # A subject pronoun continues the subject before it ("Æthelred was invited back …,
        # but he died"): the last person named as a subject in the window, if one was.
        for k in range(hi - 1, lo - 1, -1):
            if subjects[k]:
                return names[k]
        # Nobody named as a subject in the window: "He was stopped at the border … He died
        # in 1916" goes on with the person the previous sentence's subject pronoun stood for.
        found = _previous_subject_pronoun(doc, token, prev, start)
        text = doc_text(doc)
        if found is None and hi == lo and QUOTES.search(text, prev, token.idx):
            # Nobody named in reach, a quotation between ('"Parties talk to each other all the
            # time. There is nothing signed," he said'): the last person named as a subject in
            # the two sentences before, if no one else (named or not) was a subject since
            # outside the quotation ("Critics said …").
            far = prev
            for _ in range(2):
                if far > 0:
                    far = sentence_at(doc, far - 1)[0]
            k0 = bisect.bisect_left(offsets, far)
            if lo > k0 and subjects[lo - 1] and _gender(doc).get(names[lo - 1], word) == word \
                    and not _other_subject(doc, text, sentence_at(doc, offsets[lo - 1])[1], token):
                return names[lo - 1]
        return found
    return None


# Common nouns for people who speak or act in a report ("Critics said …", "A lawyer for the
# protesters condemned …"): a subject that is one of them is a speaker the text did not name.
_SPEAKERS = ROLE_NOUNS | frozenset("""critic official officer spokesperson activist analyst
    observer diplomat lawmaker legislator opponent supporter resident witness source expert
    economist aide adviser advisor negotiator mediator minister director chief head""".split())


def _other_subject(doc: Doc, text: str, since: int, token: Token) -> bool:
    """Whether an unnamed person ("critics", "a lawyer") is a clause subject between ``since``
    (the end of the named person's sentence) and the pronoun, outside quotation marks ("A
    lawyer for the protesters condemned …")."""
    table = doc._.factex_token_actor or {}
    for j in range(token.i - 1, -1, -1):
        t = doc[j]
        if t.idx <= since:
            return False
        if t.dep_ in ("nsubj", "nsubjpass") and t.i not in table and t.lemma_.lower() in _SPEAKERS \
                and not quoted(text, sentence_at(doc, t.idx)[0], t.idx):
            return True
    return False


def _latest_subject(doc: Doc, token: Token, prev: int, offsets: list[int], names: list[str],
                    subjects: list[bool]) -> str | None:
    """The person named by the latest clause subject before a subject pronoun, back to the
    start of the sentence before: a name, or the same pronoun (resolved in turn). None when
    that subject is neither, or names someone of the other sex (the plainer rules decide)."""
    for t in reversed(doc[:token.i]):
        if t.idx < prev:
            break
        if t.dep_ not in ("nsubj", "nsubjpass") or t.head.i == token.head.i:
            continue
        if t.lower_ == token.lower_:
            lo, hi = bisect.bisect_right(offsets, t.idx), bisect.bisect_left(offsets, token.idx)
            if any(subjects[lo:hi]):
                return None  # another subject named since: the plainer rules weigh them
            return _chained(doc, t)
        k = bisect.bisect_left(offsets, t.idx)
        if k < len(offsets) and offsets[k] == t.idx and subjects[k] \
                and _gender(doc).get(names[k], token.lower_) == token.lower_:
            return names[k]  # "Heraclius marched south … he defeated …"
        return None
    return None


# Words before a person's name that tell "he" from "she" ("the founder's grandson Eduardo
# Prado", "Queen Elizabeth II").
_MALE = frozenset("""son grandson brother father king emperor prince duke mr sir husband
    nephew uncle lord baron sultan tsar czar pope shah earl count""".split())
_FEMALE = frozenset("""daughter granddaughter sister mother queen empress princess duchess mrs
    ms miss lady wife niece aunt baroness countess dame""".split())


def _gender(doc: Doc) -> dict[str, str]:
    """Persons the text marks as male ("he") or female ("she") by a word just before one of
    their mentions; a person marked both ways is left out."""
    found = cache(doc).get("gender")
    if found is None:
        table = doc._.factex_token_actor or {}
        persons = {c.name for c in doc._.factex_actors or [] if c.type == "PERSON"}
        marks: dict[str, set[str]] = {}
        for i, name in table.items():
            if name not in persons or (i > 0 and table.get(i - 1) == name):
                continue
            # Only the word right before the name, as its title or description ("the
            # founder's grandson Eduardo Prado", "Queen Elizabeth"), not one of another phrase
            # ("the wife of Henry Tudor", "the queen appointed John Carter").
            w = doc[i - 1].lower_.rstrip(".") if i > 0 else ""
            if (w in _MALE or w in _FEMALE) and doc[i - 1].pos_ in ("NOUN", "PROPN"):
                marks.setdefault(name, set()).add("he" if w in _MALE else "she")
        found = cache(doc)["gender"] = {n: next(iter(g)) for n, g in marks.items() if len(g) == 1}
    return found


def _chained(doc: Doc, pronoun: Token) -> str | None:
    """The referent of an earlier subject pronoun, following at most three links."""
    depth = cache(doc).get("pronoun_chain", 0)
    if depth >= 3:
        return None
    cache(doc)["pronoun_chain"] = depth + 1
    try:
        return antecedent(doc, pronoun)
    finally:
        cache(doc)["pronoun_chain"] = depth


def _previous_subject_pronoun(doc: Doc, token: Token, prev: int, start: int) -> str | None:
    """The referent of the same subject pronoun in the sentence before, chained over at most
    three sentences (each link is a sentence without a person's name)."""
    depth = cache(doc).get("pronoun_chain", 0)
    if depth >= 3:
        return None
    for t in reversed(doc[:token.i]):
        if t.idx < prev:
            break
        if t.idx < start and t.lower_ == token.lower_ and t.dep_ in ("nsubj", "nsubjpass"):
            cache(doc)["pronoun_chain"] = depth + 1
            try:
                return antecedent(doc, t)
            finally:
                cache(doc)["pronoun_chain"] = depth
    return None


def _subject_name(doc: Doc, verb: Token) -> str | None:
    """The person a verb's subject names (through a conjunction or participle clause to the
    verb it hangs on, and through a subject pronoun)."""
    table = doc._.factex_token_actor or {}
    v = verb
    for _ in range(3):
        for c in v.children:
            if c.dep_ == "nsubj":
                if c.lower_ in ("he", "she"):
                    return antecedent(doc, c)
                # "his son Kavad II overthrew him": the name may hang on the subject's noun.
                return next((table[t.i] for t in c.subtree if t.i in table), None)
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.i != v.i:
            v = v.head
        else:
            break
    return None


def _people(doc: Doc) -> tuple[list[int], list[str], list[bool]]:
    """Character offsets and names of the tokens that name persons, and whether each is (part
    of) a clause's subject, built once per document."""
    people = cache(doc).get("people")
    if people is None:
        table = doc._.factex_token_actor or {}
        persons = {c.name for c in doc._.factex_actors or [] if c.type == "PERSON"}
        rows = []
        for i, n in table.items():
            if n not in persons:
                continue
            t = doc[i]
            while t.head.i != t.i and table.get(t.head.i) == n:
                t = t.head  # the name's own head word carries its role
            # "An LCD spokesman, Teboho Sekata, denied …": a subject's apposition is one too.
            rows.append((doc[i].idx, n, t.dep_ in ("nsubj", "nsubjpass") or (
                t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass"))))
        rows.sort()
        people = cache(doc)["people"] = ([r[0] for r in rows], [r[1] for r in rows],
                                         [r[2] for r in rows])
    return people


def protagonist(doc: Doc) -> str | None:
    """The organisation a text is about: named at least three times and at least twice as often
    as any other organisation (None when no organisation stands out)."""
    found = cache(doc).get("protagonist", False)
    if found is False:
        counts = sorted(((len(c.mentions), c.name) for c in doc._.factex_actors or []
                         if c.type == "ORG"), reverse=True)
        found = None
        if counts and counts[0][0] >= 3 and (len(counts) == 1 or counts[0][0] >= 2 * counts[1][0]):
            found = counts[0][1]
        cache(doc)["protagonist"] = found
    return found


def window(doc: Doc, token: Token) -> tuple[int, int]:
    """Character offsets where the sentence before the token's starts and where the token's
    own sentence starts: the reach of a pronoun or a "the two …"."""
    start, _ = sentence_at(doc, token.idx)
    return (sentence_at(doc, start - 1)[0] if start > 0 else 0), start


def named_before(doc: Doc, token: Token, keep) -> list[str]:
    """The distinct actor names of the tokens before ``token`` in its sentence and the one
    before, most recent first, of those ``keep(token, name)`` accepts."""
    table = doc._.factex_token_actor or {}
    prev, _ = window(doc, token)
    found: list[str] = []
    for t in reversed(doc[:token.i]):
        if t.idx < prev:
            break
        name = table.get(t.i)
        if name is not None and name not in found and keep(t, name):
            found.append(name)
    return found


def _organisation_before(doc: Doc, token: Token) -> str | None:
    """The one organisation named as the subject of a clause in the pronoun's sentence before
    it, or in the sentence before that."""
    orgs = {c.name for c in doc._.factex_actors or [] if c.type == "ORG"}
    seen = named_before(doc, token, lambda t, name: name in orgs
                        and t.dep_ in ("nsubj", "nsubjpass", "compound"))
    return seen[0] if len(seen) == 1 else None


def _named_by_head_noun(doc: Doc, token: Token) -> str | None:
    """The one non-person actor named before ``token`` whose name's last word is the token's
    noun ("Railway" for "the railway"), or None when none or several are."""
    heads = cache(doc).get("actors_by_head")
    if heads is None:
        heads = {}
        for c in doc._.factex_actors or []:
            words = c.name.split()
            if c.type == "PERSON" or len(words) < 2 or not words[-1][:1].isupper():
                continue
            first = min(m.start for m in c.mentions) if c.mentions else 0
            heads.setdefault(words[-1].lower(), []).append((first, c.name))
        cache(doc)["actors_by_head"] = heads
    before = {name for first, name in heads.get(token.lower_, ()) if first < token.idx}
    return next(iter(before)) if len(before) == 1 else None


def _organisations_by_word(doc: Doc) -> dict[str, set[str]]:
    """Lower-case word -> the organisations whose names contain it ("commission" ->
    {"Independent Electoral Commission"}), built once per document."""
    found = cache(doc).get("orgs_by_word")
    if found is None:
        found = {}
        for c in doc._.factex_actors or []:
            if c.type != "ORG":
                continue
            for w in c.name.split():
                if w[:1].isupper() and len(w) > 2:
                    found.setdefault(w.lower(), set()).add(c.name)
        cache(doc)["orgs_by_word"] = found
    return found


def affiliations(doc: Doc) -> dict[str, set[str]]:
    """The states people and organisations are of, as the text says it: a state or its
    demonym inside the name ("Japan International Cooperation Agency", "Canadian International
    Development Agency") or before a mention ("Japanese Prime Minister Shinzo Abe", "Japan's
    Overseas Economic Cooperation Fund"), or "of" a state after it ("Sher Bahadur Deuba of
    Nepal")."""
    found = cache(doc).get("affiliations")
    if found is not None:
        return found
    found = {}
    gz = gazetteer()
    table = doc._.factex_token_actor or {}
    types = actor_types(doc)
    for name, typ in types.items():
        if typ != "ORG":
            continue  # a person's name may be a state's ("Israel Asper", "Chad Smith")
        words = name.split()
        taken: set[int] = set()
        for n in (3, 2, 1):  # the longest piece: "North Korea", not "Korea"
            for k in range(len(words) - n + 1):
                if taken & set(range(k, k + n)):
                    continue
                st = gz.state_of(" ".join(words[k:k + n]))
                if st is not None and st != name:
                    found.setdefault(name, set()).add(st)
                    taken.update(range(k, k + n))
    for i, name in table.items():
        if types.get(name) not in ("PERSON", "ORG") or (i > 0 and table.get(i - 1) == name):
            continue
        end = i
        while end + 1 < len(doc) and table.get(end + 1) == name:
            end += 1
        for j in range(i - 1, max(-1, i - 5), -1):
            t = doc[j]
            other = table.get(j)
            if other is not None and other in gz.states:
                st = other  # "the United Kingdom's Department for International Development"
            else:
                st = gz.state_of(t.text) if other is None else None
            # Only a word that modifies the name ("Japanese Prime Minister Shinzo Abe"), not
            # one that ends a phrase before it ("a state visit to Japan Prime Minister …").
            if st is not None and t.dep_ in ("compound", "amod", "poss", "nmod", "case") \
                    and j < t.head.i <= end:
                found.setdefault(name, set()).add(st)
                break
            if (other is not None and other not in gz.states) or not (
                    t.is_title or t.pos_ in ("NOUN", "ADJ", "PROPN") or t.lower_ == "'s"):
                break
        if types[name] == "PERSON" and end + 2 < len(doc) and doc[end + 1].lower_ == "of" \
                and table.get(end + 2) in gz.states:
            found.setdefault(name, set()).add(table[end + 2])
    cache(doc)["affiliations"] = found
    return found
