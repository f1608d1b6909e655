"""The seed document end to end: the facts of the issue, and the offset invariant."""

from factex.reading.text import repair


def test_seed_facts(seed_record):
    evs = {(e.type, e.date.value, tuple(sorted(e.actors))) for e in seed_record.events}
    assert ("diplomatic_relations", "1972-01-25", ("Bangladesh", "Soviet Union")) in evs
    visits = {(e.date.value, tuple(e.actors)) for e in seed_record.events if e.type == "visit"}
    assert ("2009", ("Sheikh Hasina", "Russia")) in visits
    assert ("2013", ("Sheikh Hasina", "Russia")) in visits
    assert any(e.type == "founding" and e.date.value == "1985" and "Soviet Cultural Centre" in e.actors
               for e in seed_record.events)
    money = {(m.amount, m.currency, m.payer, m.recipient) for m in seed_record.money}
    assert (142e6, "USD", "India", "Bangladesh") in money
    assert any(a == 6e6 and c == "USD" and p == "Soviet Union" for a, c, p, _ in money)


def test_every_offset_satisfies_the_contract_invariant(seed_record, seed_text):
    spans = []
    for a in seed_record.actors:
        spans += [(m.start, m.end, m.text) for m in a.mentions]
    spans += [(m.start, m.end, m.text) for m in seed_record.money]
    spans += [(d.start, d.end, d.text) for d in seed_record.dates]
    spans += [(e.date.start, e.date.end, e.date.text) for e in seed_record.events]
    assert len(spans) > 50
    for start, end, text in spans:
        assert repair(seed_text[start:end]) == text, (start, end, text)


def test_title_with_mojibake_is_repaired_in_evidence(seed_record, seed_text):
    assert "\u00e2\u20ac" in seed_text  # the file keeps its real-world damage
    assert seed_record.text_sha256 and len(seed_record.text_sha256) == 64
    bd = next(a for a in seed_record.actors if a.name == "Bangladesh")
    assert bd.mentions[0].start == 0
