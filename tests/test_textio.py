"""Reading, mojibake repair and the offset map (contract invariant)."""

import pytest

from factex.errors import InputError
from factex.reading.text import RepairedText, decode_bytes, repair, repair_slice


def test_mojibake_is_repaired():
    assert repair("Bangladesh\u00e2\u20ac\u201cRussia relations") == "Bangladesh\u2013Russia relations"


def test_curly_quotes_are_kept():
    assert repair("\u201cEast Pakistan\u201d") == "\u201cEast Pakistan\u201d"


@pytest.mark.parametrize("text", [
    "Bangladesh\u00e2\u20ac\u201cRussia",  # mojibake: repaired
    "S\u00e3o Tom\u00e9",  # already right: unchanged
    "\u201cEast Pakistan\u201d",  # curly quotes kept
    "caf\u00c3\u00a9 " * 60,  # longer than the memo's limit
])
def test_memoised_slice_repair_equals_repair(text):
    first, again = repair_slice(text), repair_slice(text)
    assert first == again == repair(text)
    assert (first != text) == ("\u00c3" in text or "\u00e2\u20ac" in text)


@pytest.mark.parametrize("word", ["Bangladesh", "Russia", "relations", "Dhaka"])
def test_offsets_map_back_to_original(word):
    original = "Bangladesh\u00e2\u20ac\u201cRussia relations\nIn Dhaka caf\u00c3\u00a9 life.\n"
    rt = RepairedText.from_original(original)
    i = rt.text.index(word)
    s, e = rt.to_original(i, i + len(word))
    assert repair(original[s:e]) == word


def test_span_over_a_repaired_character_satisfies_invariant():
    original = "x Bangladesh\u00e2\u20ac\u201cRussia y"
    rt = RepairedText.from_original(original)
    i = rt.text.index("Bangladesh")
    j = rt.text.index("Russia") + len("Russia")
    s, e = rt.to_original(i, j)
    assert repair(original[s:e]) == rt.text[i:j] == "Bangladesh\u2013Russia"


def test_utf8_bom_is_dropped():
    text, warning = decode_bytes("\ufeffHello 1972".encode("utf-8"), "f")
    assert text == "Hello 1972" and warning is None


def test_other_encodings_are_detected_with_a_warning():
    data = ("Relations between Bangladesh and Russia were established in 1972. "
            "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e9t\u00e9 ann\u00e9e. " * 5).encode("latin-1")
    text, warning = decode_bytes(data, "f.txt")
    assert "Caf\u00e9" in text and warning and "f.txt" in warning


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b"  \n", "empty"), (b"ab\x00cd", "binary")])
def test_bad_bytes(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_bytes(data, "f")


def test_utf16_with_bom_is_decoded():
    text, warning = decode_bytes("Mujib visited Moscow in 1972.".encode("utf-16"), "f")
    assert text == "Mujib visited Moscow in 1972." and "UTF-16" in warning


def test_bom_only_file_is_empty():
    with pytest.raises(InputError, match="empty"):
        decode_bytes(b"\xef\xbb\xbf", "f")


def test_utf8_with_a_stray_byte_keeps_its_curly_quotes():
    data = "The \u201cSoviet Union\u201d gave US$6 million in 1972 ".encode("utf-8") + b"\xff."
    text, warning = decode_bytes(data, "f")
    assert "\u201cSoviet Union\u201d" in text and "replaced" in warning


def test_control_characters_keep_the_invariant():
    from factex import extract_text

    original = "Japan\x07 gave Nepal US$260 million in aid on 25\x7f June 2015.\n"
    rec = extract_text(original)
    spans = [(m.start, m.end, m.text) for a in rec.actors for m in a.mentions]
    spans += [(d.start, d.end, d.text) for d in rec.dates] + [(m.start, m.end, m.text) for m in rec.money]
    assert spans
    for s, e, t in spans:
        assert repair(original[s:e]) == t


@pytest.mark.parametrize(
    "damaged, repaired",
    [("the port of Valpara\u00c3so, in Chile", "the port of Valpara\u00edso, in Chile"),
     ("at 08:14\u00c2 local time", "at 08:14 local time"),
     # Nothing is lost when no byte was: a real "Â" or "â" inside a word stays.
     ("Ch\u00e2tillon and K\u00e2z\u0131m", "Ch\u00e2tillon and K\u00e2z\u0131m")],
)
def test_mojibake_that_lost_a_byte_is_repaired(damaged, repaired):
    assert repair(damaged) == repaired
    rt = RepairedText.from_original(damaged)
    assert rt.text == repaired


def test_a_non_breaking_space_is_read_as_a_space_and_offsets_still_map(extractor):
    text = "In 2019 President Hage\u00a0Geingob opened the terminal at Walvis Bay."
    rec = extractor.extract(text)
    person = next(a for a in rec.actors if a.type == "PERSON")
    assert person.name == "Hage Geingob"
    m = person.mentions[0]
    assert text[m.start:m.end] == "Hage\u00a0Geingob"
