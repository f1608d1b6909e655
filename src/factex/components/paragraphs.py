"""``factex_paragraphs``: a blank line ends a sentence.

The parser of the small English model runs a heading into the first sentence of the next
paragraph ("Norway–Mozambique relations\\n\\nIn 2001 the agency signed …"), which gives that
sentence the heading's names as participants. Placed before the parser, this component marks
the first token after a blank line as a sentence start; the parser keeps preset boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from factex.language.docutil import set_sentence_starts, token_texts


@Language.factory("factex_paragraphs", default_config={}, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> "ParagraphBoundaries":
    """Build the paragraph-boundary component."""
    return ParagraphBoundaries()


class ParagraphBoundaries:
    """Sets ``is_sent_start`` on the first token after a blank line."""

    def __call__(self, doc: Doc) -> Doc:
        texts = token_texts(doc)
        starts = [i + 1 for i, t in enumerate(texts[:-1])
                  if t.count("\n") >= 2 and not t.strip() and texts[i + 1].strip()]
        set_sentence_starts(doc, {i: 1 for i in starts})
        return doc
