"""``factex_lemmas``: the verb lemmas the rule lemmatizer gets wrong by spelling.

spaCy's English rule lemmatizer strips "-ed"/"-ing" and takes the first form its verb index
knows, so "staged" becomes "stag", "fined" "fin", "waged" "wag", "hoped" "hop" (the index has
those verbs too). English spelling settles it: a one-syllable stem of consonant, vowel,
consonant doubles its last letter before "-ed"/"-ing" ("stagged", "finned", "hopped"), so an
undoubled form of such a stem is the stem plus "e" when the index knows that verb. The frame
rows match on lemmas ("stage" is a light verb, "fine" a penalty); this component, placed after
the lemmatizer, corrects the lemma before anything reads it.
"""

from __future__ import annotations

from spacy.attrs import TAG
from spacy.language import Language
from spacy.tokens import Doc

_VOWELS = frozenset("aeiou")
# Consonants English does not double ("boxed", "rowed", "played").
_UNDOUBLED = frozenset("wxy")
_VERB_TAGS = ("VBD", "VBN", "VBG")


@Language.factory("factex_lemmas", default_config={}, requires=["token.lemma", "token.tag"],
                  assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str) -> "VerbLemmas":
    """Build the verb-lemma repair component."""
    return VerbLemmas(nlp)


def lemma_index(nlp: Language, *parts_of_speech: str) -> frozenset[str]:
    """The lemmas the pipeline's rule lemmatizer knows for those parts of speech ("verb",
    "noun", "adj"); empty without a rule lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(w for pos in parts_of_speech for w in table.get(pos, ()))


def needs_e(stem: str) -> bool:
    """Whether a stem the lemmatizer cut from an undoubled "-ed"/"-ing" form is shaped like one
    that would have doubled its last consonant (consonant, vowel, consonant)."""
    return (len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-1] not in _UNDOUBLED
            and stem[-2] in _VOWELS and stem[-3] not in _VOWELS)


class VerbLemmas:
    """Replaces a verb lemma "stag" of "staged" by "stage" (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._verbs: frozenset[str] | None = None
        self._tags: tuple[int, ...] = ()

    def _verb_index(self) -> frozenset[str]:
        # Read on first use: a saved pipeline loads the lemmatizer's tables after building us.
        if self._verbs is None:
            self._verbs = lemma_index(self._nlp, "verb")
            self._tags = tuple(self._nlp.vocab.strings.add(t) for t in _VERB_TAGS)
        return self._verbs

    def __call__(self, doc: Doc) -> Doc:
        verbs = self._verb_index()
        if not verbs:
            return doc
        tags = doc.to_array([TAG])
        for i in [k for k, tag in enumerate(tags.tolist()) if tag in self._tags]:
            tok = doc[i]
            lemma, word = tok.lemma_, tok.lower_
            if word in (lemma + "ed", lemma + "ing") and needs_e(lemma) and lemma + "e" in verbs:
                tok.lemma_ = lemma + "e"
        return doc
