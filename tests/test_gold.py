"""The corpus and its gold: layout by genre, splits, and every gold file valid against the contract."""

import json

import pytest

from factex.records.schema import GoldDocument
from conftest import ROOT

CORPUS, GOLD, ANNOTATIONS = ROOT / "corpus", ROOT / "gold", ROOT / "annotations"
GENRES = sorted(d.name for d in CORPUS.iterdir() if d.is_dir())
SPLITS = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
NEW_GENRES = {"wikipedia", "news", "business", "reports", "web", "history"}


def test_genres_and_sizes():
    assert set(GENRES) >= NEW_GENRES | {"relations"}
    docs = list(CORPUS.glob("*/*.txt"))
    assert len(docs) >= 60
    for genre in NEW_GENRES:
        assert len(SPLITS[genre]["dev"]) >= 6 and len(SPLITS[genre]["heldout"]) >= 3, genre


@pytest.mark.parametrize("genre", GENRES)
def test_every_document_has_gold_and_one_split(genre):
    docs = {p.stem for p in (CORPUS / genre).glob("*.txt")}
    assert docs == {p.stem for p in (GOLD / genre).glob("*.json")}
    split = SPLITS[genre]
    assert set(split["dev"]) | set(split["heldout"]) == docs
    assert not set(split["dev"]) & set(split["heldout"])


def test_doc_ids_are_unique_across_genres():
    stems = [p.stem for p in CORPUS.glob("*/*.txt")]
    assert len(stems) == len(set(stems))


GOLD_FILES = sorted(GOLD.glob("*/*.json")) + sorted(ANNOTATIONS.glob("*/*/*.json"))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_gold_file_is_valid(path):
    g = GoldDocument.model_validate_json(path.read_text(encoding="utf-8"))
    assert g.doc_id == path.stem
    names = {a.name for a in g.actors}
    for m in g.money:
        assert {m.payer, m.recipient} - {None} <= names
    for e in g.events:
        assert set(e.actors) <= names


def test_second_annotations_cover_heldout_and_a_third():
    """Every held-out document and at least one in three has a second, independent annotation."""
    second = {p.stem for p in (ANNOTATIONS / "second").glob("*/*.json")}
    heldout = {d for s in SPLITS.values() for d in s["heldout"]}
    assert heldout <= second
    assert len(second) * 3 >= len(list(CORPUS.glob("*/*.txt")))
    for doc_id in second:  # each was adjudicated, with its reasons
        assert list((ANNOTATIONS / "adjudication").glob(f"*/{doc_id}.md")), doc_id


@pytest.mark.parametrize("path", sorted(p for g in sorted(NEW_GENRES - {"wikipedia"})
                                        for p in (CORPUS / g).glob("*.txt")),
                         ids=lambda p: p.stem)
def test_written_document_length(path):
    words = len(path.read_text(encoding="utf-8").split())
    assert 300 <= words <= 800
