"""Running extraction over a stream of documents: in this process, on N processes, or on a Dask
cluster. Every engine yields results in input order, one document at a time, so memory stays
flat however many documents there are, and a failing document never takes others with it.
"""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from factex.pipeline.extractor import Document, Extractor


@dataclass
class Result:
    """One document's outcome: its record as JSON, or the error that stopped it."""

    doc_id: str
    source: str | None
    json: str | None
    error: str | None = None


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` items."""
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def extract_batch(extractor: Extractor, docs: list[Document], options: "OutputOptions | None" = None) -> list[Result]:
    """Extract a batch through ``nlp.pipe``; if the batch fails, retry one document at a time so
    that only the document at fault is lost."""
    options = options or OutputOptions()
    # Set on every batch: one loaded Extractor serves runs with and without it.
    extractor.nlp.get_pipe("factex_events").fallback = options.wide
    try:
        records = list(extractor.pipe(docs))
        return [_ok(d, r, options) for d, r in zip(docs, records)]
    except Exception:  # noqa: BLE001 - isolate the failing document below
        out = []
        for d in docs:
            try:
                out.append(_ok(d, next(extractor.pipe([d])), options))
            except Exception as exc:  # noqa: BLE001 - reported per document
                out.append(Result(d.doc_id, d.source, None, f"{type(exc).__name__}: {exc}"))
        return out


@dataclass(frozen=True)
class OutputOptions:
    """What goes into each output record: ``explain`` keeps the rules behind each event and
    amount; ``min_confidence`` drops the events and amounts below it; ``wide`` adds each dated
    past-tense action verb with a named doer that no frame types, as an ``other`` event
    (the events component's ``fallback``)."""

    explain: bool = False
    min_confidence: float = 0.0
    progress: bool = False  # report each piece of a long document on stderr
    wide: bool = False


_NO_EXPLAIN = {"events": {"__all__": {"explain"}}, "money": {"__all__": {"explain"}}}


def _ok(d: Document, record, options: OutputOptions) -> Result:
    if options.min_confidence > 0:
        record.events = [e for e in record.events if (e.confidence or 0) >= options.min_confidence]
        record.money = [m for m in record.money if (m.confidence or 0) >= options.min_confidence]
    return Result(d.doc_id, d.source,
                  record.model_dump_json(exclude=None if options.explain else _NO_EXPLAIN))


# -- engines ----------------------------------------------------------------------------------


def load_extractor(model: str | None = None, batch_size: int = 16,
                   rules: list[str] | None = None) -> Extractor:
    """The Extractor a run uses, with the loaded model moved out of the garbage collector's view.

    The model is hundreds of thousands of long-lived Python objects that every full collection
    would walk again; ``gc.freeze`` exempts them (and, before a fork, keeps the collector from
    touching the pages the workers share). :func:`run_local` unfreezes when its run ends, so a
    program that calls it again and again keeps no garbage frozen; :class:`Extractor` itself
    never touches the collector.
    """
    extractor = shared_extractor(model, rules)
    extractor.batch_size = batch_size
    gc.collect()  # what is garbage now is freed, not frozen
    gc.freeze()
    return extractor


_LOADED: dict[tuple, Extractor] = {}


def shared_extractor(model: str | None = None, rules: list[str] | None = None) -> Extractor:
    """One Extractor per (model, rules) in this process: a program (or a test session) that
    runs several commands loads each pipeline once."""
    key = (model, tuple(rules or ()))
    if key not in _LOADED:
        _LOADED[key] = Extractor(model, rules=list(rules) if rules else None)
    return _LOADED[key]


def run_local(docs: Iterable[Document], *, model: str | None = None, jobs: int = 1,
              batch_size: int = 16, rules: list[str] | None = None,
              options: OutputOptions | None = None) -> Iterator[Result]:
    """Extract in this process (``jobs=1``) or on ``jobs`` worker processes, in input order.

    ``rules``: directories of rules files added to the pipeline's (see :mod:`factex.language.rules`);
    ``options``: what goes into each record (:class:`OutputOptions`).
    """
    options = options or OutputOptions()
    if jobs <= 1:
        extractor = load_extractor(model, batch_size, rules)
        extractor.on_piece = _piece_progress if options.progress else None
        try:
            for batch in batched(docs, batch_size):
                yield from extract_batch(extractor, batch, options)
        finally:
            gc.unfreeze()
        return
    import multiprocessing as mp

    if os.name == "posix":
        # Load once here: forked workers share the loaded model (copy-on-write) and a bad
        # model name fails here, with one clear error, not in every worker.
        _WORKER["x"] = load_extractor(model, batch_size, rules)
        ctx, init, args = mp.get_context("fork"), _quiet_worker, ()
    else:
        ctx, init, args = mp.get_context("spawn"), _init_worker, (model, batch_size, rules)
    try:
        with ctx.Pool(jobs, initializer=init, initargs=args) as pool:
            # imap keeps input order; a bounded chunk stream keeps memory flat.
            for results in pool.imap(_work, ((b, options) for b in batched(docs, batch_size))):
                yield from results
    finally:
        gc.unfreeze()


_WORKER: dict[str, Extractor] = {}


def _piece_progress(done: int, total: int, chars: int) -> None:
    """Progress within one long document, on stderr."""
    import sys

    sys.stderr.write(f"\rfactex: long document: piece {done}/{total} ({chars:,} characters)"
                     + ("\n" if done == total else ""))
    sys.stderr.flush()


def _quiet_worker() -> None:
    """Workers leave Ctrl-C to the parent, which stops them: no traceback from each."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _init_worker(model: str | None, batch_size: int, rules: list[str] | None) -> None:
    _quiet_worker()
    _WORKER["x"] = load_extractor(model, batch_size, rules)


def _work(job: tuple[list[Document], OutputOptions]) -> list[Result]:
    return extract_batch(_WORKER["x"], *job)


def run_dask(docs: Iterable[Document], *, scheduler: str, model: str | None = None,
             batch_size: int = 16, in_flight: int = 8,
             rules: list[str] | None = None, options: OutputOptions | None = None,
             connect_timeout: float = 10.0) -> Iterator[Result]:
    """Extract on a Dask distributed cluster; each worker loads the model once (and the
    ``rules`` directories, which must exist on the workers too).

    Batches are submitted a few at a time (``in_flight``) and yielded in input order.

    Raises:
        ImportError: when dask.distributed is not installed (``pip install "factex[dask]"``).
    """
    from distributed import Client

    from factex.errors import FactexError

    try:
        client = Client(scheduler, timeout=f"{connect_timeout}s")
    except (OSError, TimeoutError) as exc:
        raise FactexError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc.__class__.__name__})") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=connect_timeout)
        except (TimeoutError, OSError):
            raise FactexError(f"--scheduler {scheduler}: the Dask cluster has no workers") from None
        pending: list = []
        for batch in batched(docs, batch_size):
            pending.append(client.submit(dask_extract_batch, batch, model, batch_size, rules,
                                          options or OutputOptions(), pure=False))
            if len(pending) >= in_flight:
                yield from pending.pop(0).result()
        for fut in pending:
            yield from fut.result()


def dask_extract_batch(batch: list[Document], model: str | None, batch_size: int,
                       rules: list[str] | None = None,
                       options: OutputOptions | None = None) -> list[Result]:
    """Run on a Dask worker: the worker's Extractor is created once and kept on the worker."""
    from distributed import get_worker

    worker = get_worker()
    key = f"factex-extractor-{model}-{rules}"
    extractor = getattr(worker, "_factex_cache", {}).get(key)
    if extractor is None:
        extractor = Extractor(model, batch_size=batch_size, rules=rules or None)
        worker._factex_cache = {**getattr(worker, "_factex_cache", {}), key: extractor}
    return extract_batch(extractor, batch, options)
