"""``factex_doctime``: the document's own date, from its dateline or date line, unless the user
gave one (``Extractor.extract(..., dct=...)``, ``factex extract --dct``), which is set on the Doc
before the pipeline runs. The dates component resolves deictic expressions against it; events
and money do not take their date from the dateline itself."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factex.language.docutil import doc_text
from factex.language.doctime import find_doctime
from factex.records.extensions import register_extensions


@Language.factory("factex_doctime", default_config={"find_dateline": True},
                  assigns=["doc._.factex_doctime"])
def make_doctime(nlp: Language, name: str, *, find_dateline: bool) -> "DocTimeComponent":
    """Build the document-time component."""
    return DocTimeComponent(find_dateline=find_dateline)


class DocTimeComponent:
    """Sets ``doc._.factex_doctime`` = ``{"value", "source", "start", "end"}`` or None."""

    def __init__(self, *, find_dateline: bool = True) -> None:
        register_extensions()
        self.find_dateline = find_dateline

    def __call__(self, doc: Doc) -> Doc:
        given = doc._.factex_doctime
        if not self.find_dateline or (given is not None and given.get("start") is not None):
            return doc
        found = find_doctime(doc_text(doc))
        if found is None:
            return doc
        if given is None:
            doc._.factex_doctime = {"value": found.value, "source": found.source,
                                    "start": found.start, "end": found.end}
        else:
            # The user's date wins, but the dateline is still where the report was filed: its
            # place and date are no participant or date of what the report tells.
            doc._.factex_doctime = {**given, "start": found.start, "end": found.end}
        return doc


def dateline_span(doc: Doc) -> tuple[int, int] | None:
    """Where the dateline ("NAIROBI, 14 March 2023 (AFP) -") or date line ("Date: 12 May 2020")
    stands, if the document has one."""
    dt = doc._.factex_doctime
    if dt and dt.get("start") is not None:
        return dt["start"], dt["end"]
    return None


def in_dateline(doc: Doc, start: int, end: int | None = None) -> bool:
    """Whether the characters [start, end) (one character without ``end``) lie in the
    document's dateline: its place and date are no participant or date of what it reports."""
    span = dateline_span(doc)
    return span is not None and span[0] <= start and (start + 1 if end is None else end) <= span[1]
