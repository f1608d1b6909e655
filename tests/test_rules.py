"""Rules as data: user rules directories, validation with line numbers, and pipelines saved
with their rules (nlp.to_disk → spacy.load / --model DIR reproduce the records)."""

import json

import pytest
from typer.testing import CliRunner

from factex.cli import app
from factex.errors import DataError
from factex.language.rules import Rules
from conftest import ROOT, SEED

runner = CliRunner()
EXAMPLE = ROOT / "docs" / "examples" / "rules"
TEXT = "On 4 March 2003 the ZRA blacklisted two contractors at Kariba.\n"


def _events(stdout):
    return [(e["type"], e["trigger"], e["date"]["value"]) for e in json.loads(stdout)["events"]]


def test_a_rules_directory_adds_a_trigger(tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text(TEXT)
    plain = runner.invoke(app, ["extract", str(doc)])
    ruled = runner.invoke(app, ["extract", str(doc), "--rules", str(EXAMPLE)])
    assert plain.exit_code == ruled.exit_code == 0, ruled.output
    assert ("conflict", "blacklisted", "2003-03-04") not in _events(plain.stdout)
    assert ("conflict", "blacklisted", "2003-03-04") in _events(ruled.stdout)


def test_user_rows_come_first_and_bundled_rows_stay():
    rules = Rules.bundled().extended(EXAMPLE)
    assert rules.gazetteer.organisations["zra"] == "Zambezi River Authority"
    assert rules.triggers[0].lemma == "blacklist"
    assert len(rules.triggers) == len(Rules.bundled().triggers) + 1
    assert "blacklist" not in {t.lemma for t in Rules.bundled().triggers}  # bundled untouched


@pytest.mark.parametrize("name, line, needle", [
    ("event_triggers.jsonl", '{"type": "battle", "lemma": "x", "pos": ["VERB"]}', "unknown event type"),
    ("event_triggers.jsonl", '{"type": "conflict", "lemma": "x"}', "pos"),
    ("organisations.jsonl", '{"name": "X", "aliases": [], "colour": "red"}', "colour"),
    ("states.jsonl", "not json", "states.jsonl:2"),
])
def test_an_invalid_row_names_file_and_line(tmp_path, name, line, needle):
    good = {"event_triggers.jsonl": '{"type": "other", "lemma": "y", "pos": ["VERB"]}',
            "organisations.jsonl": '{"name": "Y", "aliases": []}',
            "states.jsonl": (ROOT / "src/factex/data/states.jsonl").read_text().splitlines()[0]}[name]
    (tmp_path / name).write_text(good + "\n" + line + "\n")
    with pytest.raises(DataError, match=f"{name}:2") as err:
        Rules.bundled().extended(tmp_path)
    assert needle in str(err.value)


def test_cli_refuses_bad_rules_before_loading_the_model(tmp_path):
    (tmp_path / "triggers.jsonl").write_text("{}\n")
    doc = tmp_path / "d.txt"
    doc.write_text(TEXT)
    r = runner.invoke(app, ["extract", str(doc), "--rules", str(tmp_path)])
    assert r.exit_code == 2
    assert "not a rules file" in r.stderr and "Traceback" not in r.stderr
    r = runner.invoke(app, ["extract", str(doc), "--rules", str(tmp_path / "nowhere")])
    assert r.exit_code == 2 and "rules directory not found" in r.stderr


def test_saved_pipeline_reproduces_the_records(extractor, tmp_path, seed_text):
    import spacy

    extractor.nlp.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / "factex_events" / "rules" / "event_triggers.jsonl").is_file()
    nlp = spacy.load(tmp_path / "p")
    assert [n for n in nlp.pipe_names if n.startswith("factex")] == \
        [n for n in extractor.nlp.pipe_names if n.startswith("factex")]
    from factex import Extractor

    again = Extractor(model=str(tmp_path / "p"))
    a = extractor.extract(seed_text, doc_id="seed").model_dump()
    b = again.extract(seed_text, doc_id="seed").model_dump()
    assert a == b
    r = runner.invoke(app, ["extract", str(SEED), "--model", str(tmp_path / "p")])
    assert r.exit_code == 0, r.output
    c = json.loads(r.stdout)
    api_events = [{k: v for k, v in e.items() if k != "explain"} for e in a["events"]]
    assert c["events"] == json.loads(json.dumps(api_events)) and c["actors"] == json.loads(json.dumps(a["actors"]))


def test_saved_pipeline_keeps_user_rules(tmp_path):
    from factex import Extractor

    ex = Extractor(rules=EXAMPLE)
    ex.nlp.to_disk(tmp_path / "p")
    again = Extractor(model=str(tmp_path / "p"))
    events = again.extract(TEXT).events
    assert [(e.type, e.date.value) for e in events] == [("conflict", "2003-03-04")]


def test_components_declare_what_they_need(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    summary = analysis["summary"]
    assert "doc._.factex_actors" in summary["factex_events"]["requires"]
    assert "doc._.factex_events" in summary["factex_events"]["assigns"]
    assert "doc.ents" in summary["factex_entity_ruler"]["assigns"]


def test_money_roles_are_data_a_user_can_extend(tmp_path):
    """A verb outside the bundled frames names no transfer; a user's frame row makes it one."""
    from factex import Extractor

    text = "In 2010 Kenya remitted US$5 million to Uganda.\n"
    plain = Extractor().extract(text).money[0]
    assert (plain.payer, plain.recipient) == (None, None)
    (tmp_path / "money_roles.jsonl").write_text(
        '{"cue": "frame", "frame": "give", "lemmas": ["remit"]}\n')
    ruled = Extractor(rules=tmp_path).extract(text).money[0]
    assert (ruled.payer, ruled.recipient) == ("Kenya", "Uganda")


@pytest.mark.parametrize("row, needle", [
    ('{"cue": "prep", "role": "payer"}', "needs a 'word'"),
    ('{"cue": "subject", "frames": ["give"]}', "needs a 'role'"),
    ('{"cue": "frame", "frame": "give"}', "needs 'frame' and 'lemmas'"),
    ('{"cue": "prep", "word": "from", "role": "donor"}', "money_roles.jsonl:1"),
])
def test_invalid_role_rows_are_refused(tmp_path, row, needle):
    (tmp_path / "money_roles.jsonl").write_text(row + "\n")
    with pytest.raises(DataError, match="money_roles.jsonl:1") as err:
        Rules.bundled().extended(tmp_path)
    assert needle in str(err.value)
