"""Shared fixtures: one factex Extractor (model loaded once) for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "corpus" / "wikipedia" / "bangladesh-russia-relations.txt"


@pytest.fixture(scope="session")
def extractor():
    from factex import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(extractor, seed_text):
    return extractor.extract(seed_text, doc_id="bangladesh-russia-relations", source=str(SEED))
