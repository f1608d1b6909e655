"""Tables other tools load, gold drafts, and the codes other tools join on."""

import json

import pytest
from typer.testing import CliRunner

from factex.cli import app
from factex.evaluation import load_gold
from conftest import ROOT, SEED

runner = CliRunner()
RELATIONS = ROOT / "corpus" / "relations"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables") / "tables"
    r = runner.invoke(app, ["extract", str(RELATIONS), str(SEED), "--format", "csv", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    jsonl = runner.invoke(app, ["extract", str(RELATIONS), str(SEED), "-q"]).stdout
    return out, [json.loads(x) for x in jsonl.splitlines()]


def test_csv_tables_load_in_pandas_with_every_record(tables):
    pd = pytest.importorskip("pandas", reason="pandas is not installed")
    out, records = tables
    events, money = pd.read_csv(out / "events.csv"), pd.read_csv(out / "money.csv")
    actors, mentions = pd.read_csv(out / "actors.csv"), pd.read_csv(out / "mentions.csv")
    assert len(events) == sum(len(r["events"]) for r in records)
    assert len(money) == sum(len(r["money"]) for r in records)
    assert len(actors) == sum(len(r["actors"]) for r in records)
    assert len(mentions) == sum(len(a["mentions"]) for r in records for a in r["actors"])
    assert set(events.doc_id) <= {r["doc_id"] for r in records}
    first = next(e for r in records for e in r["events"] if len(e["actors"]) > 1)
    row = events[(events.trigger == first["trigger"]) & (events.start == first["start"])].iloc[0]
    assert row.actors == "; ".join(first["actors"]) and str(row.date_value) == first["date"]["value"]
    assert {"date_value", "date_mod", "date_text"} <= set(money.columns)


def test_csv_needs_a_folder(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("")
    r = runner.invoke(app, ["extract", str(SEED), "--format", "csv", "-o", str(f)])
    assert r.exit_code == 2 and "not a folder" in r.stderr
    r = runner.invoke(app, ["extract", str(SEED), "--format", "csv"])
    assert r.exit_code == 2 and "give a folder" in r.stderr


def test_gold_drafts_are_valid_gold(tmp_path):
    out = tmp_path / "drafts"
    r = runner.invoke(app, ["extract", str(SEED), "--format", "gold", "-o", str(out)])
    assert r.exit_code == 0, r.output
    [gold] = load_gold(out)
    raw = json.loads((out / "bangladesh-russia-relations.json").read_text())
    assert raw["draft"].startswith("factex") and "held-out" in raw["draft"]
    assert gold.doc_id == "bangladesh-russia-relations" and gold.events and gold.actors
    names = {a.name for a in gold.actors}
    assert all(set(e.actors) <= names for e in gold.events)


@pytest.mark.parametrize("text, name, ids", [
    ("Bangladeshi troops left in 1972.", "Bangladesh", {"iso3166_alpha2": "BD", "iso3166_alpha3": "BGD"}),
    ("Soviet advisers arrived in 1972.", "Soviet Union", None),
    ("Japan signed the treaty in 1990.", "Japan", {"iso3166_alpha2": "JP", "iso3166_alpha3": "JPN"}),
])
def test_states_carry_iso_codes_from_pycountry(extractor, text, name, ids):
    actor = next(a for a in extractor.extract(text).actors if a.name == name)
    assert actor.ids == ids


def test_every_currency_code_is_iso_4217():
    pycountry = pytest.importorskip("pycountry")
    table = json.loads((ROOT / "src" / "factex" / "data" / "currencies.json").read_text())
    codes = {c for part in ("symbols", "words") for e in table[part].values()
             for c in [e["default"], *e.get("candidates", [])]}
    # Withdrawn ISO 4217 codes, kept for older texts (pycountry lists only current ones).
    withdrawn = {"BEF", "BGN", "DEM", "FRF", "SUR", "ZMK", "ZWL"}
    assert {c for c in codes if pycountry.currencies.get(alpha_3=c) is None} <= withdrawn
