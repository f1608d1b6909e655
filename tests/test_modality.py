"""The modality stage: rules in data/modality.jsonl decide whether a dated event happened."""

import pytest

from factex.language.rules import Rules


@pytest.mark.parametrize("text, trigger, modality", [
    ("Japan signed the treaty in 1990.", "signed", None),
    ("Japan did not sign the treaty in 1990.", "sign", "negated"),
    ("The minister will visit Hanoi in May 2024.", "visit", "planned"),
    ("Japan would sign the treaty in 1991 if the talks succeeded.", "sign", "hypothetical"),
    ("If Japan signed the treaty in 1991, the war was over.", "signed", "hypothetical"),
    ("The president planned to visit Moscow in 1963.", "visit", "planned"),
    ("Vietnam failed to ratify the accord in 1999.", "ratify", "negated"),
    ("A summit is planned for May 2020.", "summit", "planned"),
    ("Ethiopia denied that it attacked the border post in 2021.", "attacked", "negated"),
    ("The army nearly captured the city in 1915.", "captured", "negated"),
    # The parser may make "to say" an adverbial clause of "declined": the edge rule still holds.
    ("A spokesman declined on 11 April 2013 to say whether the plan would be revived.", "say", "negated"),
    # ... but a purpose clause is no refusal.
    ("In 1990 the minister went to Moscow to sign the treaty.", "sign", None),
    ("There was nothing signed on 29 May 2012, the negotiator said.", "signed", "negated"),
    ("The commission is due to hold its first meeting on 5 September 2017.", "hold", "planned"),
    ("If a commander decides to ambush a truck on 18 August 2017, the truce could unravel.", "ambush",
     "hypothetical"),
    ("On 22 August 2017 the spokesman denied reports that troops had burned villages.", "burned", "negated"),
])
def test_modality_of_an_event(nlp, text, trigger, modality):
    doc = nlp(text)
    events = [e for e in doc._.factex_events if e.trigger.split()[-1] == trigger]
    assert events, [(e.trigger, e.type) for e in doc._.factex_events]
    assert events[0].modality == modality
    if modality:  # the row that decided is kept for --explain
        rule = Rules.bundled().modality[events[0].modality_rule - 1]
        assert rule.category == modality


def test_denial_of_something_else_leaves_the_event_alone(nlp):
    doc = nlp("The minister denied that the agreements signed in 2016 broke the rules.")
    signed = [e for e in doc._.factex_events if e.trigger == "signed"]
    assert signed and signed[0].modality is None


def test_a_users_modality_row_applies(tmp_path):
    from factex import Extractor

    text = "The Senate shelved the proposal to ratify the treaty in 1920.\n"
    (tmp_path / "modality.jsonl").write_text(
        '{"category": "negated", "scope": "governor", "dep": ["acl", "pobj", "dobj"], '
        '"lemmas": ["shelve", "proposal"]}\n')
    plain = [e.modality for e in Extractor().extract(text).events if e.type == "agreement"]
    ruled = [e.modality for e in Extractor(rules=tmp_path).extract(text).events if e.type == "agreement"]
    assert plain == [None] and ruled == ["negated"]
