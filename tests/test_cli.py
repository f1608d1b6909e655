"""The command line: output shapes, bad input, exit codes, atomic output."""

import json
import os

import pytest
from typer.testing import CliRunner

from factex.cli import app
from conftest import SEED

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _warm(extractor):
    """Load the model once before the CLI tests (the CLI makes its own Extractor)."""


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and r.stdout.startswith("factex 0.1.0")


def test_one_document_is_pretty_json():
    r = runner.invoke(app, ["extract", str(SEED)])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout)
    assert rec["doc_id"] == "bangladesh-russia-relations"
    assert {"actors", "money", "events", "dates", "text_sha256", "pipeline"} <= rec.keys()


def test_several_documents_are_jsonl(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(f"Japan gave {name} US$5 million in 1990.\n")
    r = runner.invoke(app, ["extract", str(tmp_path)])
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert [json.loads(x)["doc_id"] for x in lines] == ["a", "b"]


def test_stdin():
    r = runner.invoke(app, ["extract", "-"], input="Mujib visited Moscow in 1972.\n")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["doc_id"] == "stdin"


def test_schema_lists_contract_fields():
    r = runner.invoke(app, ["schema"])
    schema = json.loads(r.stdout)
    assert {"doc_id", "actors", "money", "events", "dates"} <= set(schema["properties"])


def _one_error_line(result, needle):
    err = result.stderr.strip().splitlines()
    assert any(needle in line for line in err), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "make, needle",
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: (p / "empty.txt").write_text("") and p / "empty.txt" or p / "empty.txt", "empty"),
        (lambda p: (p / "bin.txt").write_bytes(b"\x00\x01\x02abc") and p / "bin.txt", "binary"),
        (lambda p: (p / "sub").mkdir() or p / "sub", "no .txt files"),
    ],
)
def test_bad_input_alone_exits_2(tmp_path, make, needle):
    path = make(tmp_path)
    r = runner.invoke(app, ["extract", str(path)])
    assert r.exit_code == 2
    _one_error_line(r, needle)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_unreadable_file(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("text")
    p.chmod(0)
    r = runner.invoke(app, ["extract", str(p)])
    assert r.exit_code == 2
    _one_error_line(r, "cannot read")


def test_too_large_file(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("Japan gave US$5 million in 1990. " * 100)
    r = runner.invoke(app, ["extract", str(p), "--max-bytes", "100"])
    assert r.exit_code == 2
    _one_error_line(r, "too large")


def test_one_bad_document_does_not_lose_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Japan gave Indonesia US$5 million in 1990.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    out = tmp_path / "out.jsonl"
    r = runner.invoke(app, ["extract", str(good), str(tmp_path / "bad.txt"), "-o", str(out)])
    assert r.exit_code == 1
    _one_error_line(r, "binary")
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert [row["doc_id"] for row in rows] == ["good"]


def test_failed_run_leaves_no_output_file(tmp_path):
    out = tmp_path / "out.json"
    r = runner.invoke(app, ["extract", str(tmp_path / "missing.txt"), "-o", str(out)])
    assert r.exit_code == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either


def test_missing_model_is_one_line():
    r = runner.invoke(app, ["extract", str(SEED), "--model", "no_such_model_xyz"])
    assert r.exit_code == 2
    _one_error_line(r, "pip install")


def test_latin1_input_warns_and_works(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(("Caf\u00e9 diplomacy: Japan gave Indonesia US$5 million in 1990. " * 4).encode("latin-1"))
    r = runner.invoke(app, ["extract", str(p)])
    assert r.exit_code == 0
    assert "warning" in r.stderr
    rec = json.loads(r.stdout)
    assert rec["money"][0]["amount"] == 5e6
    # decoded, not replaced: the é survives in the evidence sentence
    assert rec["money"][0]["sentence"].startswith("Caf\u00e9 diplomacy")


@pytest.mark.parametrize(
    "args, code, needle",
    [(["extract", "/no/such/file.txt"], 2, "no such file"), (["extract"], 2, "Missing argument"),
     (["--version"], 0, "")],
)
def test_console_entry_point_exit_codes(args, code, needle):
    """Through ``main()`` as the installed ``factex`` script runs it (not typer's runner)."""
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-c", "from factex.cli import main; main()", *args],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == code
    assert needle in r.stderr and "Traceback" not in r.stderr


def test_outside_gold_scores_without_edits(tmp_path):
    """A gold file written to the contract by someone outside the team, with fields of its own."""
    from conftest import ROOT

    data = ROOT / "tests" / "data" / "outside"
    pred = tmp_path / "pred.jsonl"
    r = runner.invoke(app, ["extract", str(data / "kenya-germany-relations.txt"), "--format", "jsonl",
                            "-o", str(pred)])
    assert r.exit_code == 0, r.output
    report = tmp_path / "report.json"
    r = runner.invoke(app, ["evaluate", str(data / "kenya-germany-relations.json"), "--pred", str(pred),
                            "--json", str(report), "--max-errors", "0"])
    assert r.exit_code == 0, r.output
    figures = json.loads(report.read_text())
    assert figures["money"]["tp"] == 5 and figures["actors"]["f1"] > 0.7
    assert set(figures["documents"]) == {"kenya-germany-relations"}


def test_fail_under_exits_1(tmp_path):
    from conftest import ROOT

    data = ROOT / "tests" / "data" / "outside"
    pred = tmp_path / "pred.jsonl"
    runner.invoke(app, ["extract", str(data / "kenya-germany-relations.txt"), "--format", "jsonl", "-o", str(pred)])
    r = runner.invoke(app, ["evaluate", str(data / "kenya-germany-relations.json"), "--pred", str(pred),
                            "--fail-under", "money=0.5", "--max-errors", "0"])
    assert r.exit_code == 0, r.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text(json.dumps({"doc_id": "kenya-germany-relations", "text_sha256": "",
                                 "pipeline": {"factex": "0", "model": "none"}}) + "\n")
    r = runner.invoke(app, ["evaluate", str(data / "kenya-germany-relations.json"), "--pred", str(empty),
                            "--fail-under", "money=0.5", "--max-errors", "0"])
    assert r.exit_code == 1 and "below the floor: money 0.0000 < 0.5" in r.stderr


@pytest.mark.parametrize("floor, needle", [("money=90", "from 0 to 1"), ("money=x", "not a number"),
                                           ("bogus=0.5", "KIND one of"), ("money0.5", "KIND=NUMBER")])
def test_bad_floor_is_refused_before_any_work(floor, needle):
    r = runner.invoke(app, ["evaluate", "/no/such/gold", "--fail-under", floor])
    assert r.exit_code == 2
    _one_error_line(r, needle)


@pytest.mark.parametrize(
    "out, needle",
    [(lambda p: p / "no-such-folder" / "out.json", "does not exist"), (lambda p: p, "is a directory")],
)
def test_unwritable_output_is_one_line(tmp_path, out, needle):
    r = runner.invoke(app, ["extract", str(SEED), "-o", str(out(tmp_path))])
    assert r.exit_code == 2
    _one_error_line(r, needle)


def test_stdin_over_the_size_limit():
    r = runner.invoke(app, ["extract", "-", "--max-bytes", "10"], input="Mujib visited Moscow in 1972.\n")
    assert r.exit_code == 2
    _one_error_line(r, "too large")


def test_output_file_has_ordinary_permissions(tmp_path):
    out = tmp_path / "out.json"
    r = runner.invoke(app, ["extract", str(SEED), "-o", str(out)])
    assert r.exit_code == 0
    assert out.stat().st_mode & 0o044  # readable by others, like any file the user creates


def test_same_named_files_in_two_folders_keep_distinct_ids(tmp_path):
    for folder, state in (("a", "Japan"), ("b", "Laos")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.txt").write_text(f"{state} signed a treaty in 1990.\n")
    r = runner.invoke(app, ["extract", str(tmp_path)])
    assert r.exit_code == 0, r.output
    ids = [json.loads(x)["doc_id"] for x in r.stdout.strip().splitlines()]
    assert len(set(ids)) == 2 and all(i.endswith("notes") for i in ids)


def test_explain_names_real_rows_and_is_off_by_default(tmp_path):
    from conftest import ROOT

    p = tmp_path / "n.txt"
    p.write_text("In 1990 Japan signed a treaty with Indonesia and lent US$5 million to Indonesia.\n")
    plain = json.loads(runner.invoke(app, ["extract", str(p)]).stdout)
    assert all("explain" not in e for e in plain["events"]) and all("explain" not in m for m in plain["money"])
    rec = json.loads(runner.invoke(app, ["extract", str(p), "--explain"]).stdout)
    data = ROOT / "src" / "factex" / "data"
    for ev in rec["events"]:
        where = ev["explain"]["trigger"]
        if where.startswith("event_triggers.jsonl:"):
            row = json.loads((data / "event_triggers.jsonl").read_text().splitlines()[int(where.split(":")[1]) - 1])
            assert row["type"] == ev["type"]
        assert ev["explain"]["date"].startswith("factex_events")
    money = rec["money"][0]
    assert (money["payer"], money["recipient"]) == ("Japan", "Indonesia")
    for role in ("payer", "recipient"):
        row = json.loads((data / "money_roles.jsonl").read_text().splitlines()[int(money["explain"][role].split(":")[1]) - 1])
        assert row["role"] == role


def test_min_confidence_drops_weaker_records(tmp_path):
    p = tmp_path / "n.txt"
    p.write_text("In 1990 Japan signed a treaty with Indonesia. The 1991 agreement on trade followed.\n")
    everything = json.loads(runner.invoke(app, ["extract", str(p)]).stdout)
    confs = sorted(e["confidence"] for e in everything["events"])
    assert len(confs) >= 1
    cut = runner.invoke(app, ["extract", str(p), "--min-confidence", str(confs[-1])])
    kept = json.loads(cut.stdout)["events"]
    assert kept and all(e["confidence"] >= confs[-1] for e in kept)
    assert len(kept) == sum(c >= confs[-1] for c in confs)
    bad = runner.invoke(app, ["extract", str(p), "--min-confidence", "2"])
    assert bad.exit_code == 2


def test_wide_adds_other_happenings_for_that_run_only(tmp_path):
    p = tmp_path / "w.txt"
    p.write_text("India closed the Trombay reactor on 4 May 1961.\n")
    def others(*flags):
        out = runner.invoke(app, ["extract", str(p), *flags])
        assert out.exit_code == 0, out.output
        return [(e["type"], e["date"]["value"], e["confidence"]) for e in json.loads(out.stdout)["events"]]
    assert others() == []
    wide = others("--wide")
    assert [(t, v) for t, v, _ in wide] == [("other", "1961-05-04")] and wide[0][2] < 0.5
    assert others() == []  # the next run without --wide is as before
    assert others("--wide", "--min-confidence", "0.5") == []


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["extract", "--help"]])
def test_start_up_imports_nothing_heavy(args):
    """--version and --help load neither spaCy nor dateparser nor the rich tables (fast start)."""
    import subprocess
    import sys

    code = ("import sys\nfrom factex.cli import app\n"
            "try:\n    app(%r, standalone_mode=False)\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('spacy', 'dateparser', 'thinc', 'factex.pipeline') if m in sys.modules]\n"
            "print('HEAVY', heavy)\n") % (args,)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in r.stdout, r.stdout + r.stderr
