"""Actors: demonyms resolved to states, clustering of mentions, titles kept out of names."""

import pytest


def _actor(rec, name):
    return next((a for a in rec.actors if a.name == name), None)


@pytest.mark.parametrize(
    "text, demonym, state",
    [
        ("The Soviet Navy sent a ship. Soviet aid was small.", "Soviet", "Soviet Union"),
        ("Bangladeshi officials met in Dhaka.", "Bangladeshi", "Bangladesh"),
        ("Indian troops crossed the border.", "Indian", "India"),
        ("The Soviets supported the plan.", "Soviets", "Soviet Union"),
        ("Swiss diplomats arrived in Addis Ababa.", "Swiss", "Switzerland"),
        ("Japanese engineers built the bridge.", "Japanese", "Japan"),
    ],
)
def test_demonym_is_a_mention_of_its_state(extractor, text, demonym, state):
    rec = extractor.extract(text)
    actor = _actor(rec, state)
    assert actor is not None and actor.type == "GPE"
    assert demonym in [m.text for m in actor.mentions]
    assert _actor(rec, demonym) is None


def test_hyphenated_demonyms_split_into_two_states(extractor):
    rec = extractor.extract("Bangladeshi-Soviet relations improved in 1984.")
    assert _actor(rec, "Bangladesh") and _actor(rec, "Soviet Union")


def test_surname_clusters_with_full_name_and_title_is_dropped(extractor):
    rec = extractor.extract("Prime Minister Lester B. Pearson visited India in 1950. "
                            "Pearson met Nehru in Delhi.")
    pearson = _actor(rec, "Lester B. Pearson")
    assert pearson is not None and pearson.type == "PERSON"
    assert "Pearson" in pearson.aliases
    assert not any(a.name.startswith("Prime") for a in rec.actors)


def test_acronym_clusters_with_expansion(extractor):
    rec = extractor.extract("The Canadian International Development Agency funded schools. "
                            "In 1975 CIDA opened an office in Delhi.")
    cida = _actor(rec, "Canadian International Development Agency")
    assert cida is not None and "CIDA" in cida.aliases


def test_gazetteer_corrects_model_labels(extractor, seed_record):
    dhaka = _actor(seed_record, "Dhaka")
    assert dhaka.type == "GPE"
    assert len(dhaka.mentions) == 4  # every mention, including the one the model tags ORG


def test_state_alias_clusters(extractor):
    rec = extractor.extract("The USSR signed the treaty. The Soviet Union kept it.")
    su = _actor(rec, "Soviet Union")
    assert su is not None and "USSR" in su.aliases


def test_parenthesised_acronym_joins_its_name_whatever_its_letters(extractor):
    rec = extractor.extract("In 2005 the Brazilian Development Bank (BNDES) opened a credit line. "
                            "In 2014 the BNDES disbursed more.")
    bank = _actor(rec, "Brazilian Development Bank")
    assert bank is not None and "BNDES" in bank.aliases
    assert _actor(rec, "BNDES") is None


@pytest.mark.parametrize(
    "text, name, type_",
    [("In 412 BC the satrap Tissaphernes concluded a treaty with Sparta.", "Tissaphernes", "PERSON"),
     ("The Mahakali River flows south.", "Mahakali River", "LOC"),
     ("The Export-Import Bank of China lent money.", "Export-Import Bank of China", "ORG")],
)
def test_type_corrected_from_name_and_context(extractor, text, name, type_):
    actor = _actor(extractor.extract(text), name)
    assert actor is not None and actor.type == type_


def test_hyphenated_compound_keeps_only_its_states(extractor):
    rec = extractor.extract("The Greco-Persian wars lasted decades.")
    assert _actor(rec, "Greco-Persian") is None
