"""factex.language.docutil: the per-Doc shortcuts give what spaCy's own attributes give."""

import pytest
import spacy

from factex.language.docutil import span_text, token_texts


@pytest.mark.parametrize("text", [
    "Bangladesh\u2013Russia relations began in 1972.",
    "  Two  spaces,\n\nthen a paragraph\tand a tab. ",
    "US$142 million (\u20ac120m) went to the Soviet Union's \u201cfriends\u201d.",
    "",
])
def test_span_text_and_token_texts_equal_spacy(text):
    doc = spacy.blank("en")(text)
    assert token_texts(doc) == [t.text for t in doc]
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            assert span_text(doc[start:end]) == doc[start:end].text
