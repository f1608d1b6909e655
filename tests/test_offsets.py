"""Offsets that can fail: every record's span, read from the original text and repaired, must
be the very text the component found in the repaired text, and a shift of one character must be
caught. Property tests cover the repaired-text offset map on mojibake, CRLF, entities, control
and astral characters."""

import pytest
from hypothesis import given, settings, strategies as st

from factex.reading.text import RepairedText, repair_slice
from conftest import ROOT

DAMAGED = sorted((ROOT / "corpus" / "web").glob("*.txt"))[:4] + [
    ROOT / "corpus" / "wikipedia" / "bangladesh-russia-relations.txt"]


def component_spans(doc):
    """(start, end, text) in the repaired text, as the components left them on the Doc."""
    for c in doc._.factex_actors or []:
        for m in c.mentions:
            yield m.start, m.end, m.text
    for d in doc._.factex_dates or []:
        yield d.start, d.end, d.text
    for m in doc._.factex_money or []:
        yield m.start, m.end, m.text
    for e in doc._.factex_events or []:
        yield e.date.start, e.date.end, e.date.text


def violations(rt: RepairedText, doc, to_original=None) -> list:
    to_original = to_original or rt.to_original
    bad = []
    for start, end, text in component_spans(doc):
        assert rt.text[start:end] == text  # the components' own offsets
        s, e = to_original(start, end)
        if repair_slice(rt.original[s:e]) != text:
            bad.append((s, e, text, rt.original[s:e]))
    return bad


@pytest.fixture(scope="module")
def processed(nlp):
    out = []
    for path in DAMAGED:
        original = path.read_text(encoding="utf-8")
        # CRLF and an entity make the map do more than mojibake alone.
        original = original.replace("\n", "\r\n", 3).replace(" and ", " &amp; ", 2)
        rt = RepairedText.from_original(original)
        out.append((rt, nlp(rt.text)))
    return out


def test_damaged_documents_are_really_repaired(processed):
    assert sum(rt.text != rt.original for rt, _ in processed) >= 3
    assert sum(len(rt._segments) for rt, _ in processed) > 20


def test_every_span_maps_back_to_the_text_the_component_found(processed):
    total = 0
    for rt, doc in processed:
        assert violations(rt, doc) == []
        total += sum(1 for _ in component_spans(doc))
    assert total > 300


@pytest.mark.parametrize("shift", [1, -1, 2])
def test_a_shifted_offset_is_caught(processed, shift):
    caught = 0
    for rt, doc in processed:
        def shifted(start, end):
            s, e = rt.to_original(start, end)
            return max(s + shift, 0), max(e + shift, 0)
        caught += len(violations(rt, doc, shifted))
    assert caught > 100


# -- the offset map alone --------------------------------------------------------------------

PIECES = st.sampled_from([
    "Bangladeshâ€“Russia", "CÃ´te dâ€™Ivoire", "â‚¬30 million", "Â£5m", "SÃ£o Paulo", "naïve",
    "\r\n", "&amp;", "&lt;b&gt;", "\x07", "\x0c", "\U0001F600", "\U00020000", "Zürich", "  ", "\t",
    "plain words", "1972", ".", "—", "“quoted”",
])
WORDS = st.lists(PIECES, min_size=1, max_size=25).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_offset_map_is_monotonic_and_bounded(original):
    rt = RepairedText.from_original(original)
    last = 0
    for i in range(len(rt.text) + 1):
        s, _ = rt.to_original(i, i)
        assert 0 <= s <= len(original) and s >= last
        last = s


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_every_word_of_the_repaired_text_maps_back(original):
    """Each whitespace-separated word of the repaired text, sliced from the original through
    the map and repaired alone, is the same word."""
    import re

    rt = RepairedText.from_original(original)
    for m in re.finditer(r"\S+", rt.text):
        s, e = rt.to_original(m.start(), m.end())
        assert repair_slice(original[s:e]) == m.group(), (m.group(), original[s:e])
