"""Scale: worker processes, a Dask cluster, and documents longer than spaCy's max_length."""


import pytest
from typer.testing import CliRunner

from factex.cli import app
from factex.reading.split import split_text
from factex.pipeline.extractor import Document
from factex.pipeline.run import run_local
from factex.reading.text import repair
from conftest import ROOT

runner = CliRunner()
CORPUS = sorted((ROOT / "corpus" / "relations").glob("*.txt"))


def _docs(n):
    texts = [p.read_text(encoding="utf-8") for p in CORPUS]
    return [Document(f"d{i:03d}", texts[i % len(texts)]) for i in range(n)]


@pytest.fixture(scope="module")
def local_lines(extractor):
    return [r.json for r in run_local(_docs(6), jobs=1)]


def test_two_jobs_give_the_same_output_in_order(local_lines):
    assert [r.json for r in run_local(_docs(6), jobs=2, batch_size=2)] == local_lines


def test_runs_leave_the_garbage_collector_unfrozen():
    # A run freezes the loaded model out of the collector's view, and thaws it when it ends.
    import gc

    before = gc.get_freeze_count()
    for jobs in (1, 2):
        assert len(list(run_local(_docs(2), jobs=jobs))) == 2
        assert gc.get_freeze_count() == before


def test_dask_cluster_output_equals_local_run(local_lines):
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    from factex.pipeline.run import run_dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        lines = [r.json for r in run_dask(_docs(6), scheduler=cluster.scheduler_address, batch_size=2)]
    assert lines == local_lines


def test_cli_jobs_flag(tmp_path):
    for i, p in enumerate(CORPUS[:3]):
        (tmp_path / f"{i}-{p.name}").write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    r1 = runner.invoke(app, ["extract", str(tmp_path), "-q"])
    r2 = runner.invoke(app, ["extract", str(tmp_path), "-q", "--jobs", "2"])
    assert r1.exit_code == r2.exit_code == 0
    assert r1.stdout == r2.stdout and len(r1.stdout.splitlines()) == 3


def test_dask_engine_needs_a_scheduler(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Japan gave US$5 million in 1990.")
    r = runner.invoke(app, ["extract", str(p), "--engine", "dask"])
    assert r.exit_code == 2 and "--scheduler" in r.stderr


def test_split_text_cuts_at_paragraphs_and_rejoins():
    text = ("A sentence here. Another one.\n\n" * 50)
    pieces = split_text(text, 200)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 200 for _, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])


def test_document_longer_than_max_length(extractor):
    """Longer than nlp.max_length: processed in pieces, offsets exact, dates still anchored.

    The same path a multi-megabyte text takes, with ``max_length`` lowered so the test is
    quick (the multi-megabyte case is timed in ``benchmarks/profile_components.py --long``)."""
    para = ("In March 1920 the army advanced. The following year Japan lent US$5 million to "
            "Indonesia. Mujib visited Moscow in 1972.\n\n")
    head = "The treaty was signed in 1950.\n\n"
    filler = para * 60
    tail = "Three years later Sweden gave Tanzania SEK 40 million.\n"
    text = head + filler + tail
    nlp = extractor.nlp
    saved = nlp.max_length
    nlp.max_length = 1_000
    progress = []
    extractor.on_piece = lambda done, total, chars: progress.append((done, total, chars))
    try:
        assert len(text) > 7 * nlp.max_length
        rec = extractor.extract(text, doc_id="long")
    finally:
        nlp.max_length = saved
        extractor.on_piece = None
    # progress within the document: every piece reported, in order, up to the whole text
    assert [p[0] for p in progress] == list(range(1, progress[0][1] + 1)) and progress[0][1] > 7
    assert progress[-1][2] == len(text)
    last = rec.money[-1]
    assert text[last.start:last.end] == last.text == "SEK 40 million"
    assert len(rec.money) == 61
    # The relative date in the last piece is anchored on the narrative of the piece before it.
    assert rec.dates[-1].text == "Three years later" and rec.dates[-1].value == "1975"
    for d in rec.dates:
        assert repair(text[d.start:d.end]) == d.text
