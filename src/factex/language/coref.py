"""Pronouns that stand for a named person, resolved conservatively.

Not a coreference model: a relative pronoun takes the noun its clause modifies, and a
personal pronoun takes the person named before it in its own or the previous sentence only
when exactly one person is named there, so an ambiguous pronoun names nobody.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from factex.language.docutil import cache, sentence_at

_PERSONAL = {"he", "she", "him", "her"}
_RELATIVE = {"who", "whom"}


def antecedent(doc: Doc, token: Token) -> str | None:
    """The actor name a pronoun stands for, or None.

    Examples: "Kishi broke the deadlock when he travelled to Jakarta" (he → Kishi);
    "Alfred Ilg, who arrived in Ethiopia in 1879" (who → Alfred Ilg).
    """
    word = token.lower_
    if word in _RELATIVE and token.head.dep_ == "relcl":
        return (doc._.factex_token_actor or {}).get(token.head.head.i)
    if word not in _PERSONAL or token.tag_ == "PRP$":
        return None
    offsets, names = _people(doc)
    start, _ = sentence_at(doc, token.idx)
    prev = sentence_at(doc, start - 1)[0] if start > 0 else 0
    lo = bisect.bisect_left(offsets, prev)
    hi = bisect.bisect_left(offsets, token.idx)
    seen = set(names[lo:hi])
    return names[hi - 1] if hi > lo and len(seen) == 1 else None


def _people(doc: Doc) -> tuple[list[int], list[str]]:
    """Character offsets and names of the tokens that name persons, built once per document."""
    people = cache(doc).get("people")
    if people is None:
        table = doc._.factex_token_actor or {}
        persons = {c.name for c in doc._.factex_actors or [] if c.type == "PERSON"}
        pairs = sorted((doc[i].idx, n) for i, n in table.items() if n in persons)
        people = cache(doc)["people"] = ([p[0] for p in pairs], [p[1] for p in pairs])
    return people
