"""``factex_topic``: the parties a document is about, read from its title or first sentence
("Bangladesh–Russia relations", "relations between Canada and India"): money and events use
them for "both countries" and for bilateral happenings that name one party only."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from factex.components.base import RulesComponent
from factex.language.docutil import doc_text
from factex.language.gazetteer import key
from factex.language.rules import gazetteer


@Language.factory("factex_topic", default_config={}, assigns=["doc._.factex_topic"])
def make_topic(nlp: Language, name: str) -> "TopicComponent":
    """Build the topic component."""
    return TopicComponent()


class TopicComponent(RulesComponent):
    """Sets ``doc._.factex_topic``."""

    def __init__(self) -> None:
        super().__init__()

    def _process(self, doc: Doc) -> Doc:
        doc._.factex_topic = topic_states(doc)
        return doc


def topic_states(doc: Doc) -> list[str]:
    """The states a relations article is about, read from its title or first sentence."""
    gz = gazetteer()
    first = doc_text(doc)[:300].split("\n", 1)[0]
    m = re.match(r"\s*(.+?)\s*[\u2013\-\u2014/]\s*(.+?)\s+(?:relations|development|cooperation|"
                 r"co-operation|diplomacy|trade|ties|partnership)\b", first, re.I)
    if not m:
        m = re.search(r"[Rr]elations between (?:the )?(.+?) and (?:the )?([A-Z][\w ]+?)[\.,;]",
                      doc_text(doc)[:600])
    places: set[str] = set()
    if not m:
        # A history of a war between two: "Venice and Genoa fought four great wars …", "the
        # Eastern Roman Empire and Sasanian Persia fought a war …" (the first paragraph of
        # prose); a polity the gazetteer lacks counts when the model names it as a place.
        body = doc_text(doc)[:1500].split("\n\n", 3)
        opening = next((b for b in body if len(b.split()) > 8 and "." in b), "")
        m = _WAR_PARTIES.match(opening)
        places = {e.text.removeprefix("the ") for e in doc.ents if e.label_ in ("GPE", "NORP")}
    if m:
        # The parties may be states or organisations ("European Union–Morocco relations").
        parties = [gz.state_of(g.strip()) or gz.organisations.get(key(g.strip())) and g.strip()
                   or (g.strip() if g.strip() in places else None) for g in m.groups()]
        if all(parties) and parties[0] != parties[1]:
            return parties  # type: ignore[return-value]
    return []


_WAR_PARTIES = re.compile(r"\s*(?:For [^,]{1,80}, )?(?:the )?([A-Z][\w' ]+?) and (?:the )?"
                          r"([A-Z][\w' ]+?) (?:fought|waged|went to war|were at war)\b")
