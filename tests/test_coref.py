"""Pronoun resolution (factex.language.coref) on real prose: the corpus and made-up sentences."""

from pathlib import Path

import pytest

from factex.language.coref import antecedent
from factex.reading.text import RepairedText

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _pronoun(doc, before: str, word: str):
    """The token ``word`` that starts the text ``before``."""
    at = doc.text.index(before)
    return next(t for t in doc if t.idx == at and t.text == word)


def test_a_speakers_pronoun_reaches_past_the_quotation(nlp):
    doc = nlp('Leaders of the three parties held talks in Maseru on Monday night. An LCD '
              'spokesman, Teboho Sekata, denied that any agreement had been reached. "Parties '
              'talk to each other all the time. There is nothing signed and nothing to '
              'announce," he said on Tuesday.')
    assert antecedent(doc, _pronoun(doc, "he said", "he")) == "Teboho Sekata"


def test_she_is_never_a_person_the_text_calls_a_grandson(nlp):
    # "the founder's grandson Eduardo Vasconcellos Prado hired … Luciana Rezende … She
    # replaced …": the latest subject is the grandson, and "she" is not him.
    path = CORPUS / "business" / "planalto-linhas-aereas-airline-history.txt"
    doc = nlp(RepairedText.from_original(path.read_text(encoding="utf-8")).text)
    she = _pronoun(doc, "She replaced the ageing", "She")
    assert antecedent(doc, she) not in ("Eduardo Vasconcellos Prado", "Eduardo Vasconcellos")


@pytest.mark.parametrize("text, before, word, expected", [
    # A sex word of another phrase says nothing of the name after it.
    ("The queen appointed John Carter governor of the colony in 1850. He died in 1860.",
     "He died", "He", "John Carter"),
    ("John Carter founded the firm in 1990. He hired Maria Lopez in 1995. Maria Lopez ran the "
     "firm until she retired in 2010.", "she retired", "she", "Maria Lopez"),
])
def test_only_a_title_or_description_of_the_name_marks_its_sex(nlp, text, before, word, expected):
    doc = nlp(text)
    assert antecedent(doc, _pronoun(doc, before, word)) == expected


def test_a_speakers_pronoun_does_not_skip_an_unnamed_speaker(nlp):
    # "Critics said …" is the subject since the president: "he" after the quotation is not him.
    doc = nlp('President Uhuru Kenyatta signed the bill on 12 May 2018. Critics said on 13 May '
              '2018 that it would muzzle the press. "This is a dark day for Kenya. We will '
              'challenge it in court," he said on 14 May 2018.')
    assert antecedent(doc, _pronoun(doc, "he said", "he")) is None


@pytest.mark.parametrize("text, before, word", [
    ("Kenya's opposition movement, which boycotted the election in October 2017, lost seats.",
     "which boycotted", "which"),
    ("Nawaz Sharif was in London in May 2018, and his party's rivals met Imran Khan in Lahore.",
     "his party", "his"),
])
def test_a_party_or_movement_is_no_ones_side_beyond_a_plain_possessive(nlp, text, before, word):
    doc = nlp(text)
    assert antecedent(doc, _pronoun(doc, before, word)) is None


@pytest.mark.parametrize("text, before, word, expected", [
    ("In 627 the emperor Heraclius marched south into Mesopotamia. On 12 December 627 he "
     "defeated the Persian general Rhahzadh near Nineveh. He did not try to take Ctesiphon.",
     "He did not", "He", "Heraclius"),
    ("Victoriano Huerta fled to Spain in 1914. He died in 1916.", "He died", "He",
     "Victoriano Huerta"),
])
def test_a_subject_pronoun_continues_the_latest_subject(nlp, text, before, word, expected):
    doc = nlp(text)
    assert antecedent(doc, _pronoun(doc, before, word)) == expected


@pytest.mark.parametrize("text, name, states", [
    ("In 2010 North Korea's Foreign Trade Bank received US$5 million.", "Foreign Trade Bank",
     {"North Korea"}),
    ("In 2010 the United Kingdom's Department for International Development gave £5 million.",
     "Department for International Development", {"United Kingdom"}),
    ("In 2008 the Japan International Cooperation Agency approved a loan.",
     "Japan International Cooperation Agency", {"Japan"}),
    # A state that ends a phrase before the name is not the name's.
    ("In 2014, during a state visit to Japan Prime Minister Sheikh Hasina signed an agreement.",
     "Sheikh Hasina", set()),
    # A person's name that is also a state's says nothing of the person.
    ("In 2005 the Winnipeg businessman Israel Asper pledged C$10 million.", "Israel Asper", set()),
])
def test_the_states_of_agencies_and_officials(nlp, text, name, states):
    from factex.language.coref import affiliations
    doc = nlp(text)
    assert affiliations(doc).get(name, set()) == states


def test_his_movement_is_that_persons_side(nlp):
    doc = nlp("Riek Machar has lived in exile in South Africa since July 2016. A spokesman for "
              "his movement said on Monday that it had not been consulted.")
    assert antecedent(doc, _pronoun(doc, "his movement", "his")) == "Riek Machar"
