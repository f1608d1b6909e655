"""Reliability: what a demanding user or an adversarial tester tries (the reliability issue's
numbered failures), each reproduced and now handled."""

import json
import os
import random
import signal
import stat
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from factex.cli import app
from factex.language.timex import normalise
from factex.reading.text import decode_bytes
from conftest import SEED

runner = CliRunner()

# -- 2: Windows-1252 text is decoded as Windows-1252 -----------------------------------------

_WESTERN = ["The \u201cagreement\u201d \u2013 a \u00a3500 million deal for C\u00f4te d\u2019Ivoire.",
            "The \u20ac20 million grant \u2014 announced in 2004 \u2014 went to Ghana.",
            "Caf\u00e9 owners in S\u00e3o Paulo and Z\u00fcrich na\u00efvely paid \u00a512,000.",
            "\u2018Quoted\u2019 words, an ellipsis\u2026 and a dagger \u2020 for Fran\u00e7ois.",
            "Se\u00f1or Mu\u00f1oz met the minister on 3 March 1998 in Bogot\u00e1."]


def test_300_cp1252_texts_decode_exactly():
    rng = random.Random(15)
    for i in range(300):
        text = " ".join(rng.sample(_WESTERN, rng.randint(1, 4))) + f" Line {i}.\n"
        got, warning = decode_bytes(text.encode("cp1252"), f"t{i}.txt")
        assert got == text, (i, got)
        assert "cp1252" in warning


def test_the_reported_cp1252_text_keeps_its_money_and_actors(extractor):
    raw = (b"The \x93agreement\x94 \x96 a \xa3500 million deal for C\xf4te d\x92Ivoire. The \x8020 "
           b"million grant \x97 announced in 2004 \x97 went to Ghana.\n")
    text, _ = decode_bytes(raw, "x.txt")
    rec = extractor.extract(text)
    assert {(m.currency, m.amount) for m in rec.money} == {("GBP", 5e8), ("EUR", 2e7)}
    assert "Ghana" in {a.name for a in rec.actors}


# -- 3 and 7: no value from the clock; impossible dates refused -------------------------------

@pytest.mark.parametrize("text, value, kind", [
    ("100 seconds", "PT100S", "DURATION"), ("45 minutes", "PT45M", "DURATION"),
    ("three hours", "PT3H", "DURATION"), ("2020-02-29", "2020-02-29", "DATE"),
    ("15 March 44 BC", "BC0044-03-15", "DATE"),
])
def test_values_come_from_the_text(text, value, kind):
    t = normalise(text)
    assert (t.value, t.type) == (value, kind)


@pytest.mark.parametrize("text", ["2020-02-30", "31 February 1972", "1999-13-01"])
def test_impossible_calendar_dates_are_refused(text):
    assert normalise(text) is None


def test_no_date_depends_on_the_clock(extractor, monkeypatch):
    text = "The talks lasted 100 seconds. On the 5th the envoy left, and the late 1980s.[1] saw more.\n"
    first = extractor.extract(text).model_dump()
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        again = extractor.extract(text).model_dump()
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert first == again
    assert not any("T" in d["value"] and ":" in d["value"] for d in first["dates"])
