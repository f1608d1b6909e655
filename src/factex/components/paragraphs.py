"""``factex_paragraphs``: a blank line ends a sentence.

The parser of the small English model runs a heading into the first sentence of the next
paragraph ("Norway–Mozambique relations\\n\\nIn 2001 the agency signed …"), which gives that
sentence the heading's names as participants. Placed before the parser, this component marks
the first token after a blank line as a sentence start; the parser keeps preset boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("factex_paragraphs")
def make_paragraphs(nlp: Language, name: str) -> "ParagraphBoundaries":
    """Build the paragraph-boundary component."""
    return ParagraphBoundaries()


class ParagraphBoundaries:
    """Sets ``is_sent_start`` on the first token after a blank line."""

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if tok.is_space and tok.text.count("\n") >= 2:
                nxt = tok.nbor()
                if not nxt.is_space:
                    nxt.is_sent_start = True
        return doc
