"""The scorer on hand-built prediction/gold pairs whose figures are computed by hand."""

import pytest

from factex.evaluation import evaluate, interval, norm_name, overlaps
from factex.records.schema import DocumentRecord, GoldDocument


def pred(**kw):
    base = {"doc_id": "d", "text_sha256": "x", "pipeline": {"factex": "0", "model": "m"}}
    base.update(kw)
    return DocumentRecord.model_validate(base)


def gold(**kw):
    return GoldDocument.model_validate({"doc_id": "d", **kw})


def ev(type_, value, actors=(), modality=None):
    return {"type": type_, "trigger": "t", "date": {"text": value, "value": value},
            "actors": list(actors), "start": 0, "end": 1, "sentence": "s", "modality": modality}


def money(amount, cur, payer=None, recipient=None, date=None):
    m = {"text": "m", "start": 0, "end": 1, "amount": amount, "currency": cur, "payer": payer,
         "recipient": recipient, "sentence": "s"}
    if date:
        m["date"] = {"text": date, "value": date}
    return m


ACTORS_G = [{"name": "Soviet Union", "type": "GPE", "aliases": ["Soviet", "USSR"]},
            {"name": "Sheikh Hasina", "type": "PERSON", "aliases": ["Hasina"]},
            {"name": "India", "type": "GPE", "aliases": ["Indian"]}]


def test_perfect():
    g = gold(actors=ACTORS_G, money=[{"amount": 5e6, "currency": "USD", "payer": "India"}],
             events=[{"type": "visit", "date": "2009", "actors": ["Sheikh Hasina"]}])
    p = pred(actors=[{"name": a["name"], "type": a["type"]} for a in ACTORS_G],
             money=[money(5e6, "USD", "India")], events=[ev("visit", "2009", ["Sheikh Hasina"])])
    r = evaluate([p], [g])
    for k in ("actors", "actors_typed", "money", "events_strict", "events_lenient", "event_actors"):
        assert r.figure(k) == 1.0, k
    assert r.figure("money_payer") == 1.0 and r.errors == []


def test_empty_prediction_scores_zero_recall():
    g = gold(actors=ACTORS_G, events=[{"type": "visit", "date": "2009"}])
    r = evaluate([pred()], [g])
    assert r.total.prf["actors"].r == 0 and r.total.prf["actors"].fn == 3
    assert r.total.prf["events_strict"].fn == 1
    assert sum(e.error == "missed" for e in r.errors) == 4


def test_missing_document_counts_as_empty():
    r = evaluate([], [gold(actors=ACTORS_G)])
    assert r.missing_predictions == ["d"] and r.total.prf["actors"].fn == 3


def test_all_wrong():
    g = gold(actors=ACTORS_G[:1], events=[{"type": "visit", "date": "2009"}])
    p = pred(actors=[{"name": "Japan", "type": "GPE"}], events=[ev("trade", "2009")])
    r = evaluate([p], [g])
    assert r.figure("actors") == 0.0 and r.figure("events_lenient") == 0.0


def test_partial_actor_scores():
    # 2 of 3 gold found, 1 spurious: P = 2/3, R = 2/3.
    p = pred(actors=[{"name": "USSR", "type": "GPE"}, {"name": "India", "type": "ORG"},
                     {"name": "Japan", "type": "GPE"}])
    r = evaluate([p], [gold(actors=ACTORS_G)])
    assert r.total.prf["actors"].p == pytest.approx(2 / 3)
    assert r.total.prf["actors"].r == pytest.approx(2 / 3)
    # typed: India has the wrong type, so 1 of 3.
    assert r.total.prf["actors_typed"].tp == 1


def test_alias_and_demonym_matches_both_ways():
    p = pred(actors=[{"name": "Soviet", "type": "GPE"},
                     {"name": "Hasina Wazed", "type": "PERSON", "aliases": ["Sheikh Hasina"]}])
    r = evaluate([p], [gold(actors=ACTORS_G[:2])])
    assert r.total.prf["actors"].tp == 2


def test_one_to_one_actor_matching():
    p = pred(actors=[{"name": "Soviet Union", "type": "GPE"}, {"name": "the Soviet Union", "type": "GPE"}])
    r = evaluate([p], [gold(actors=ACTORS_G[:1])])
    assert (r.total.prf["actors"].tp, r.total.prf["actors"].fp) == (1, 1)


@pytest.mark.parametrize(
    "amount, currency, matched",
    [(100_400_000, "USD", True), (100_500_000, "USD", True), (100_600_000, "USD", False),
     (100_000_000, "EUR", False)],
)
def test_amount_tolerance_and_currency(amount, currency, matched):
    g = gold(money=[{"amount": 100_000_000, "currency": "USD"}])
    r = evaluate([pred(money=[money(amount, currency)])], [g])
    assert r.total.prf["money"].tp == int(matched)


def test_money_fields_resolved_through_actor_match():
    g = gold(actors=ACTORS_G, money=[{"amount": 6e6, "currency": "USD", "payer": "Soviet Union",
                                      "recipient": "India", "date": "1972"}])
    p = pred(actors=[{"name": "USSR", "type": "GPE"}, {"name": "India", "type": "GPE"}],
             money=[money(6e6, "USD", "USSR", None, "1972")])
    r = evaluate([p], [g])
    assert r.figure("money_payer") == 1.0
    assert r.figure("money_recipient") == 0.0
    assert r.figure("money_date") == 1.0


@pytest.mark.parametrize(
    "a, b, overlap",
    [("1975-04", "1975", True), ("197", "1978", True), ("2001/2004", "2003-06", True),
     ("2001/2004", "2005", False), ("1972-01-25", "1972-02", False), ("19", "1950", True),
     ("BC0490", "-0490", True), ("BC04", "BC0450", True), ("1989-SU", "1989-07", True),
     ("1989-SU", "1989-10", False), ("PRESENT_REF", "2009", False)],
)
def test_interval_overlap(a, b, overlap):
    assert overlaps(a, b) is overlap


def test_strict_and_lenient_events():
    g = gold(events=[{"type": "visit", "date": "1975-04", "actors": ["India"]},
                     {"type": "aid", "date": "197"}])
    p = pred(events=[ev("visit", "1975", ["India"]), ev("aid", "1978"), ev("visit", "1990")])
    r = evaluate([p], [g])
    assert r.total.prf["events_strict"].tp == 0
    assert r.total.prf["events_lenient"].tp == 2
    assert r.total.prf["events_lenient"].fp == 1
    assert r.figure("event_actors") == 1.0


def test_events_that_did_not_happen_are_not_scored():
    g = gold(events=[{"type": "visit", "date": "1963"}])
    p = pred(events=[ev("visit", "1963", modality="planned")])
    assert evaluate([p], [g]).total.prf["events_lenient"].tp == 0


def test_name_normalisation():
    assert norm_name("  The  Soviet\u00a0Union, ") == "soviet union"
    assert interval("2001/2004")[0] < interval("2004")[1]


def test_gold_names_written_as_aliases_resolve():
    g = gold(actors=ACTORS_G, money=[{"amount": 6e6, "currency": "USD", "payer": "USSR"}],
             events=[{"type": "aid", "date": "1972", "actors": ["USSR", "India"]}])
    p = pred(actors=[{"name": "Soviet Union", "type": "GPE"}, {"name": "India", "type": "GPE"}],
             money=[money(6e6, "USD", "Soviet Union")], events=[ev("aid", "1972", ["Soviet Union", "India"])])
    r = evaluate([p], [g])
    assert r.figure("money_payer") == 1.0 and r.figure("event_actors") == 1.0


def test_matching_is_maximal_not_just_greedy():
    g = gold(actors=[{"name": "Indian National Congress", "type": "ORG", "aliases": ["Congress", "INC"]},
                     {"name": "United States Congress", "type": "ORG", "aliases": ["Congress"]}])
    p = pred(actors=[{"name": "Congress", "type": "ORG"}, {"name": "INC", "type": "ORG"}])
    assert evaluate([p], [g]).total.prf["actors"].tp == 2


@pytest.mark.parametrize("raw, normal", [("\u00abMoscow\u00bb", "moscow"), ("\u201eBerlin\u201c", "berlin"),
                                         ("-USSR-", "ussr")])
def test_any_surrounding_punctuation_is_removed(raw, normal):
    assert norm_name(raw) == normal


def test_gold_with_null_lists_loads():
    g = GoldDocument.model_validate({"doc_id": "d", "actors": [{"name": "A", "type": "GPE", "aliases": None}],
                                     "events": None})
    assert g.actors[0].aliases == [] and g.events == []


@pytest.mark.parametrize("value, ok", [("1972/1975", True), ("BC0499/BC0493", True),
                                       ("1975/1972", False), ("2004-03/2004-01", False)])
def test_gold_interval_that_ends_before_it_starts_is_refused(tmp_path, value, ok):
    import json

    from factex.errors import DataError
    from factex.evaluation import load_gold

    f = tmp_path / "d.json"
    f.write_text(json.dumps({"doc_id": "d", "events": [{"type": "visit", "date": value}]}))
    if ok:
        assert load_gold(f)[0].events[0].date == value
    else:
        with pytest.raises(DataError, match="ends before it starts"):
            load_gold(f)


# -- contract v1.1 -----------------------------------------------------------------------------


def test_events_full_needs_the_participants():
    g = gold(actors=ACTORS_G, events=[{"type": "visit", "date": "2009", "actors": ["Sheikh Hasina", "India"]},
                                      {"type": "aid", "date": "1972", "actors": ["India"]}])
    p = pred(events=[ev("visit", "2009", ["Hasina", "Indian"]),       # names through aliases: full
                     ev("aid", "1972", ["Soviet Union", "Japan"])])   # Jaccard 0: strict only
    r = evaluate([p], [g])
    assert r.total.prf["events_strict"].tp == 2
    assert (r.total.prf["events_full"].tp, r.total.prf["events_full"].fp) == (1, 1)


@pytest.mark.parametrize("pred_actors, gold_actors, full", [
    ([], [], True),                                   # two empty sets agree
    (["India"], ["India", "Soviet Union"], True),     # Jaccard 1/2
    (["India"], ["India", "Soviet Union", "Sheikh Hasina"], False),  # 1/3
    (["India", "Japan"], ["India"], True),            # 1/2
])
def test_events_full_jaccard_threshold(pred_actors, gold_actors, full):
    g = gold(actors=ACTORS_G, events=[{"type": "meeting", "date": "1990", "actors": gold_actors}])
    r = evaluate([pred(events=[ev("meeting", "1990", pred_actors)])], [g])
    assert r.total.prf["events_full"].tp == int(full)


def test_events_full_requires_the_identical_date():
    g = gold(events=[{"type": "visit", "date": "1975-04"}])
    r = evaluate([pred(events=[ev("visit", "1975")])], [g])
    assert r.total.prf["events_lenient"].tp == 1 and r.total.prf["events_full"].tp == 0


def test_gold_events_with_modality_are_not_scored():
    g = gold(events=[{"type": "visit", "date": "1963", "modality": "planned"},
                     {"type": "visit", "date": "1964"}])
    r = evaluate([pred(events=[ev("visit", "1964")])], [g])
    assert (r.total.prf["events_strict"].tp, r.total.prf["events_strict"].fn) == (1, 0)
    # and the same event predicted as planned is neither spurious nor a hit
    r = evaluate([pred(events=[ev("visit", "1963", modality="planned"), ev("visit", "1964")])], [g])
    assert r.total.prf["events_strict"].fp == 0


@pytest.mark.parametrize("a, b, overlap", [
    ("BC026", "BC0269", True), ("BC026", "BC0260", True), ("BC026", "BC0270", False),
    ("BC026", "BC0259", False), ("BC02", "BC0299", True), ("BC02", "BC0200", True),
    ("BC02", "BC0300", False), ("BC0264/BC0241", "BC0250", True), ("BC0264/BC0241", "BC0240", False),
    ("BC0218-SP", "BC0218", True), ("BC0218-SP", "BC0217", False), ("BC0001", "0001", False),
])
def test_bc_values_as_intervals(a, b, overlap):
    assert overlaps(a, b) is overlap


def test_money_matching_prefers_pairs_that_agree_whatever_the_order():
    """Two equal amounts: the pairing that gets payer and recipient right wins, in any order."""
    g_money = [{"amount": 1e6, "currency": "USD", "payer": "India", "recipient": "Soviet Union"},
               {"amount": 1e6, "currency": "USD", "payer": "Soviet Union", "recipient": "India"}]
    p_money = [money(1e6, "USD", "Soviet Union", "India"), money(1e6, "USD", "India", "Soviet Union")]
    for gm in (g_money, g_money[::-1]):
        for pm in (p_money, p_money[::-1]):
            r = evaluate([pred(money=pm)], [gold(actors=ACTORS_G, money=gm)])
            assert r.figure("money_payer") == 1.0 and r.figure("money_recipient") == 1.0


def test_event_matching_prefers_the_pair_with_the_right_actors():
    g = gold(actors=ACTORS_G, events=[{"type": "visit", "date": "2009", "actors": ["India"]},
                                      {"type": "visit", "date": "2009", "actors": ["Soviet Union"]}])
    evs = [ev("visit", "2009", ["Soviet Union"]), ev("visit", "2009", ["India"])]
    for order in (evs, evs[::-1]):
        r = evaluate([pred(events=order)], [g])
        assert r.total.prf["events_full"].tp == 2 and r.figure("event_actors") == 1.0


def test_matching_is_maximum_before_it_is_agreeable():
    """A pair that agrees on every field must not cost another pair."""
    from factex.evaluation.score import max_matching

    edges = {(0, 0): 3.0, (0, 1): 0.0, (1, 0): 0.0}
    assert max_matching(edges, 2, 2) == [(0, 1), (1, 0)]
    assert max_matching({(0, 0): 1.0, (1, 0): 2.0}, 2, 1) == [(1, 0)]
    assert max_matching({}, 3, 3) == []


def test_report_per_genre_and_json_keys():
    g1 = gold(actors=ACTORS_G[:1])
    g2 = GoldDocument.model_validate({"doc_id": "e", "actors": ACTORS_G[1:]})
    p1 = pred(actors=[{"name": "Soviet Union", "type": "GPE"}])
    r = evaluate([p1], [g1, g2], genres={"d": "news", "e": "web"})
    assert r.figure("actors", "news") == 1.0 and r.figure("actors", "web") == 0.0
    assert r.total.prf["actors"].tp == 1 and r.total.prf["actors"].fn == 2
    out = r.as_dict()
    assert out["actors"]["tp"] == 1 and set(out["genres"]) == {"news", "web"}
    assert out["genres"]["news"]["events_full"]["f1"] == 1.0
    assert {e.genre for e in r.errors} == {"web"}


def test_agreement_scores_two_annotations_on_shared_documents():
    from factex.errors import DataError
    from factex.evaluation.agreement import agreement
    from factex.evaluation.corpus import GoldSet

    a1 = gold(actors=ACTORS_G, events=[{"type": "visit", "date": "2009", "actors": ["India"]}])
    b1 = gold(actors=ACTORS_G[:2], events=[{"type": "visit", "date": "2009", "actors": ["India"]},
                                           {"type": "visit", "date": "2010", "modality": "planned"}])
    a_only = GoldDocument.model_validate({"doc_id": "x", "actors": ACTORS_G})
    r = agreement(GoldSet([a1, a_only], {"d": "news", "x": "news"}), GoldSet([b1], {"d": None}))
    assert list(r.documents) == ["d"]
    assert r.total.prf["actors"].tp == 2 and r.total.prf["actors"].fn == 1
    assert r.figure("events_full") == 1.0 and r.genres.keys() == {"news"}
    with pytest.raises(DataError, match="share no document"):
        agreement(GoldSet([a_only], {"x": None}), GoldSet([b1], {"d": None}))
