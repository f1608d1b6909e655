"""Printing an evaluation :class:`~factex.evaluation.score.Report` as rich tables."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table

from factex.evaluation.score import ACCURACY_KINDS, PRF_KINDS, DocScores, Report

SHORT = {"actors": "act", "actors_typed": "act-t", "money": "money", "events_strict": "ev-s",
         "events_lenient": "ev-l", "events_full": "ev-f", "event_actors": "ev-act",
         "money_payer": "payer", "money_recipient": "recip", "money_date": "m-date"}


def _figures(scores: DocScores, title: str) -> Table:
    t = Table(title=title)
    for col in ("measure", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="right" if col != "measure" else "left")
    for k in PRF_KINDS:
        s = scores.prf[k]
        t.add_row(k, f"{s.p:.3f}", f"{s.r:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
    for k in ACCURACY_KINDS:
        a = scores.acc[k]
        t.add_row(f"{k} (accuracy)", "", "", f"{a.accuracy:.3f}", str(a.correct), "",
                  str(a.total - a.correct))
    return t


def print_report(report: Report, *, max_errors: int = -1, console: Console | None = None,
                 title: str = "factex evaluate") -> None:
    """Figures per genre and overall, then a row per document, then every error."""
    # On a terminal the terminal's width; piped, wide enough that no line is wrapped.
    console = console or (Console() if sys.stdout.isatty() else Console(width=400, soft_wrap=True))
    for genre, scores in report.genres.items():
        n = sum(1 for g in report.genre_of.values() if g == genre)
        console.print(_figures(scores, f"{title}: {genre} ({n} documents)"))
    if len(report.genres) > 1:
        g = Table(title="per genre (F1; accuracy for money roles)")
        g.add_column("genre")
        for k in PRF_KINDS + ACCURACY_KINDS:
            g.add_column(SHORT[k], justify="right")
        for genre, scores in report.genres.items():
            g.add_row(genre, *(f"{scores.figure(k):.2f}" for k in PRF_KINDS + ACCURACY_KINDS))
        console.print(g)
    console.print(_figures(report.total, f"{title}: all ({len(report.documents)} documents, "
                                         "micro-averaged)"))

    d = Table(title="per document (F1)")
    d.add_column("doc_id")
    if report.genres:
        d.add_column("genre")
    for k in PRF_KINDS:
        d.add_column(SHORT[k], justify="right")
    for doc_id, s in report.documents.items():
        genre = [report.genre_of.get(doc_id, "")] if report.genres else []
        d.add_row(doc_id, *genre, *(f"{s.prf[k].f1:.2f}" for k in PRF_KINDS))
    console.print(d)

    if report.missing_predictions:
        console.print(f"[yellow]no prediction for: {', '.join(report.missing_predictions)}[/]")
    errors = report.errors if max_errors < 0 else report.errors[:max_errors]
    if errors:
        console.print(f"[bold]errors[/] ({len(report.errors)}):")
        for e in errors:
            line = f"  {e.doc_id} | {e.kind} {e.error}: {e.text}"
            if e.sentence:
                line += f"\n      « {e.sentence.strip()[:200]} »"
            console.print(line, markup=False, highlight=False)
