"""factex view in a real browser (Debian's chromium driven by playwright): every record is one
highlight, clicking an event shows its record, one timeline mark per dated event, no console
errors; evaluate --html marks every missed and spurious record."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from factex.cli import app
from conftest import ROOT, SEED

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return page, errors


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    out = tmp_path_factory.mktemp("view") / "seed.html"
    r = runner.invoke(app, ["view", str(SEED), "-o", str(out)])
    assert r.exit_code == 0, r.output
    rec = json.loads(runner.invoke(app, ["extract", str(SEED)]).stdout)
    return out, rec


def test_every_record_is_one_highlight(browser, seed_page):
    out, rec = seed_page
    page, errors = _open(browser, out)
    count = lambda kind: page.locator(f'[data-kind="{kind}"]').count()
    assert count("actor") == sum(len(a["mentions"]) for a in rec["actors"])
    assert count("date") == len(rec["dates"])
    assert count("money") == len(rec["money"])
    assert count("event") == len(rec["events"])
    assert count("timeline-event") == len(rec["events"])  # every event is dated
    assert errors == []


def test_clicking_an_event_shows_its_record(browser, seed_page):
    out, rec = seed_page
    page, errors = _open(browser, out)
    marks = page.locator('[data-kind="event"]')
    for i in (0, marks.count() - 1):
        marks.nth(i).click()
        shown = json.loads(page.inner_text("#record"))
        want = rec["events"][int(marks.nth(i).get_attribute("data-idx"))]
        assert (shown["type"], shown["trigger"], shown["date"]["value"]) == \
            (want["type"], want["trigger"], want["date"]["value"])
    assert errors == []


def test_the_type_filter_hides_other_events(browser, seed_page):
    out, rec = seed_page
    page, _ = _open(browser, out)
    page.select_option("#ftype", "visit")
    visible = page.locator('[data-kind="timeline-event"]:visible').count()
    assert visible == sum(e["type"] == "visit" for e in rec["events"]) > 0


def test_several_documents_get_an_index(browser, tmp_path):
    out = tmp_path / "site"
    docs = sorted((ROOT / "corpus" / "relations").glob("*.txt"))[:2]
    r = runner.invoke(app, ["view", *map(str, docs), "-o", str(out)])
    assert r.exit_code == 0, r.output
    page, errors = _open(browser, out / "index.html")
    assert page.locator("a").count() == 2 and errors == []


def test_evaluate_html_marks_missed_and_spurious(browser, tmp_path):
    gold = ROOT / "tests" / "data" / "outside" / "kenya-germany-relations.json"
    text = gold.with_suffix(".txt")
    pred = tmp_path / "pred.jsonl"
    assert runner.invoke(app, ["extract", str(text), "--format", "jsonl", "-o", str(pred)]).exit_code == 0
    out, report = tmp_path / "eval", tmp_path / "r.json"
    r = runner.invoke(app, ["evaluate", str(gold), str(text.parent), "--pred", str(pred),
                            "--html", str(out), "--json", str(report), "--max-errors", "0"])
    assert r.exit_code == 0, r.output
    errors = json.loads(report.read_text())["errors"]
    page, console = _open(browser, out / "kenya-germany-relations.html")
    for kind, name in (("event", "event"), ("money", "money"), ("actor", "actor")):
        for verdict in ("spurious", "missed"):
            want = sum(e["kind"] == kind and e["error"] == verdict for e in errors)
            assert page.locator(f'[data-verdict="{verdict}"][data-kind="{name}"]').count() == want, (kind, verdict)
    assert console == []
