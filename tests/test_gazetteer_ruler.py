"""factex_entity_ruler: spaCy's SpanRuler with the gazetteer's patterns, pattern ids as
canonical names, and the registered ents filter."""

import pytest
import spacy
from spacy.tokens import Span

from factex.components.gazetteer_ruler import gazetteer_ents_filter, gazetteer_patterns
from factex.language.rules import Rules


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("factex_entity_ruler")
    return nlp


@pytest.mark.parametrize("text, expected", [
    ("Relations with the USSR improved.", [("USSR", "GPE", "Soviet Union")]),
    ("Bangladeshi troops left Dhaka.", [("Bangladeshi", "NORP", "Bangladesh"), ("Dhaka", "GPE", "Dhaka")]),
    ("The UN sent us a letter.", [("UN", "ORG", "United Nations")]),
])
def test_gazetteer_names_become_entities_with_their_canonical_id(blank, text, expected):
    doc = blank(text)
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == expected


def test_a_longer_organisation_entity_stays_whole(blank):
    doc = blank.make_doc("The Communist Party of Bangladesh met in Dhaka.")
    party = Span(doc, 1, 5, label="ORG")
    soviet = doc.char_span(len("The Communist Party of "), len("The Communist Party of Bangladesh"), label="GPE")
    kept = gazetteer_ents_filter([party], [soviet])
    assert kept == [party]


def test_a_match_replaces_the_model_entity_it_cuts(blank):
    doc = blank.make_doc("Dhaka Bangladesh talks")
    model = Span(doc, 0, 2, label="PERSON")   # a shorter-than-needed model guess
    dhaka = Span(doc, 0, 1, label="GPE")
    assert gazetteer_ents_filter([model], [dhaka]) == [dhaka]


def test_patterns_come_from_the_rules():
    patterns = gazetteer_patterns(Rules.bundled().gazetteer)
    ids = {(p["pattern"], p["id"]) for p in patterns}
    assert ("Soviet", "Soviet Union") in ids and ("Dhaka", "Dhaka") in ids
    assert ("Pyrenees", "Pyrenees") in ids and ("Adriatic", "Adriatic Sea") in ids
    assert all(p["label"] in ("GPE", "NORP", "ORG", "LOC") for p in patterns)


@pytest.mark.parametrize("text, name, label", [
    ("Hannibal crossed the Pyrenees in 218 BC.", "Pyrenees", "LOC"),
    ("The fleet sailed into the Adriatic that summer.", "Adriatic", "LOC"),
    # a model entity that only adds "the" is no longer name
    ("In 1982 the Arabian states of the Persian Gulf agreed to pay reparations.", "Persian Gulf", "LOC"),
])
def test_untagged_regions_become_entities(nlp, text, name, label):
    doc = nlp(text)
    assert (name, label) in {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize("text, part", [
    ("Floods hit Upper Nile state in October.", "Nile"),
    ("The Jamuna River burst its banks.", "Jamuna"),
])
def test_region_names_inside_longer_names_are_left(nlp, text, part):
    doc = nlp(text)
    assert part not in {e.text for e in doc.ents}
