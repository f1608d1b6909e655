"""The TimeML benchmark: reader and scorer on a small built file, WikiWars when present."""


import pytest

from factex.evaluation.timebench import Scores, Timex3, read_timeml, score

from conftest import SHARED

TML = """<?xml version="1.0" ?>
<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2009-12-19" functionInDocument="CREATION_TIME">2009-12-19</TIMEX3></DCT>
<TEXT>
 <TIMEX3 tid="t0" type="TIME" value="2009-12-19T17:00:00">2009-12-19T17:00:00</TIMEX3>
On <TIMEX3 tid="t1" type="DATE" value="1939-09-01">September 1, 1939</TIMEX3>, Germany attacked Poland &amp; <TIMEX3 tid="t2" type="DURATION" value="P2M">two months</TIMEX3> later it fell.
</TEXT></TimeML>"""


def test_read_timeml(tmp_path):
    p = tmp_path / "x.tml"
    p.write_text(TML)
    text, gold, skip = read_timeml(p)
    assert [g.text for g in gold] == ["September 1, 1939", "two months"]
    assert all(text[g.start:g.end] == g.text for g in gold)
    assert "&" in text and len(skip) == 1


def test_score_strict_relaxed_value():
    gold = [Timex3(0, 10, "", "DATE", "1939"), Timex3(20, 30, "", "DATE", "1940")]
    pred = [Timex3(0, 10, "", "DATE", "1939"), Timex3(22, 30, "", "DATE", "1941"),
            Timex3(40, 45, "", "DATE", "1942")]
    s = Scores()
    score(pred, gold, s)
    assert (s.strict, s.relaxed, s.value, s.n_pred, s.n_gold) == (1, 2, 1, 3, 2)


WIKIWARS = SHARED / "data" / "wikiwars"


@pytest.mark.skipif(not WIKIWARS.is_dir(), reason="../shared/data/wikiwars is absent (shared data not mounted)")
def test_factex_on_one_wikiwars_document(extractor):
    text, gold, skip = read_timeml(WIKIWARS / "01_WW2.tml")
    rec = extractor.extract(text)
    pred = [Timex3(d.start, d.end, d.text, d.type, d.value) for d in rec.dates
            if not any(d.start < e and s < d.end for s, e in skip)]
    s = Scores()
    score([p for p in pred if p.type == "DATE"], [g for g in gold if g.type == "DATE"], s)
    f = s.figures()
    assert f["relaxed_f1"] > 0.8 and f["value_f1"] > 0.6, f
