"""Printing an evaluation :class:`~factex.evaluation.Report` as rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .evaluation import ACCURACY_KINDS, PRF_KINDS, Report


def print_report(report: Report, *, max_errors: int = -1, console: Console | None = None) -> None:
    """Figures first, then a row per document, then every error (one screen to fix from)."""
    console = console or Console(width=140)
    t = Table(title="factex evaluate (micro-averaged)")
    for col in ("measure", "P", "R", "F1", "tp", "fp", "fn"):
        t.add_column(col, justify="right" if col != "measure" else "left")
    for k in PRF_KINDS:
        s = report.total.prf[k]
        t.add_row(k, f"{s.p:.3f}", f"{s.r:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
    for k in ACCURACY_KINDS:
        a = report.total.acc[k]
        t.add_row(f"{k} (accuracy)", "", "", f"{a.accuracy:.3f}", str(a.correct), "", str(a.total - a.correct))
    console.print(t)

    d = Table(title="per document (F1)")
    d.add_column("doc_id")
    short = {"actors": "act", "actors_typed": "act-t", "money": "money", "events_strict": "ev-s",
             "events_lenient": "ev-l", "event_actors": "ev-act"}
    for k in PRF_KINDS:
        d.add_column(short[k], justify="right")
    for doc_id, s in report.documents.items():
        d.add_row(doc_id, *(f"{s.prf[k].f1:.2f}" for k in PRF_KINDS))
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
