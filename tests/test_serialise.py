"""factex's results travel with the Doc: to_bytes, DocBin and nlp.pipe(n_process=2) give the
same records as a Doc processed in place."""

import pytest
from spacy.tokens import Doc, DocBin

from factex.pipeline.extractor import Document
from factex.reading.text import RepairedText
from conftest import ROOT

TEXTS = [p for p in sorted((ROOT / "corpus" / "relations").glob("*.txt"))][:3]


@pytest.fixture(scope="module")
def documents():
    return [Document(p.stem, p.read_text(encoding="utf-8"), str(p)) for p in TEXTS]


@pytest.fixture(scope="module")
def expected(extractor, documents):
    return [r.model_dump() for r in extractor.pipe(documents)]


def _repaired(documents):
    return [RepairedText.from_original(d.text).text for d in documents]


def test_doc_to_bytes_round_trip(extractor, documents, expected):
    docs = extractor.nlp.pipe(_repaired(documents))
    got = [extractor.record_of(Doc(extractor.nlp.vocab).from_bytes(doc.to_bytes()), d).model_dump()
           for doc, d in zip(docs, documents)]
    assert got == expected


def test_docbin_round_trip(extractor, documents, expected):
    bin_ = DocBin(store_user_data=True)
    for doc in extractor.nlp.pipe(_repaired(documents)):
        bin_.add(doc)
    docs = DocBin().from_bytes(bin_.to_bytes()).get_docs(extractor.nlp.vocab)
    got = [extractor.record_of(doc, d).model_dump() for doc, d in zip(docs, documents)]
    assert got == expected


def test_user_data_holds_only_extension_values(extractor, documents):
    doc = extractor.nlp(_repaired(documents)[0])
    assert all(isinstance(k, tuple) and k[0] == "._." for k in doc.user_data), list(doc.user_data)


def test_nlp_pipe_with_two_processes(extractor, documents, expected):
    docs = extractor.nlp.pipe(_repaired(documents), n_process=2, batch_size=1)
    got = [extractor.record_of(doc, d).model_dump() for doc, d in zip(docs, documents)]
    assert got == expected


def test_record_of_refuses_another_text(extractor, documents):
    doc = extractor.nlp("Japan gave US$5 million in 1990.")
    with pytest.raises(ValueError, match="not this document"):
        extractor.record_of(doc, documents[0])
