"""Shared fixtures: one factex Extractor (model loaded once) for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples on every run (a failure there is a real
# regression, not a new draw); locally each run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

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
