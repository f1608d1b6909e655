"""Markdown tables for docs/accuracy.md from `factex evaluate/agreement --json` reports.

    python scripts/accuracy_tables.py DEV.json HELDOUT.json AGREE_DEV.json AGREE_HELDOUT.json

Each cell is an F1 (an accuracy for money roles); "–" where there was nothing to score.
"""

from __future__ import annotations

import json
import sys

PRF = ("events_full", "events_strict", "events_lenient", "event_actors", "actors", "actors_typed", "money")
ACC = ("money_payer", "money_recipient", "money_date")


def cell(figs: dict | None, kind: str) -> str:
    if figs is None:
        return "–"
    f = figs[kind]
    if kind in ACC:
        return f"{f['accuracy']:.2f}" if f["total"] else "–"
    return f"{f['f1']:.2f}" if f["tp"] + f["fp"] + f["fn"] else "–"


def table(reports: list[tuple[str, dict]], kinds: tuple[str, ...]) -> str:
    genres = sorted({g for _, r in reports for g in r["genres"]})
    head = ["genre"] + [f"{k} {label}" for k in kinds for label, _ in reports]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for g in genres + ["all"]:
        row = [f"**{g}**" if g == "all" else g]
        for k in kinds:
            for _, r in reports:
                row.append(cell(r if g == "all" else r["genres"].get(g), k))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main(dev: str, held: str, adev: str, aheld: str) -> None:
    r = {name: json.load(open(p, encoding="utf-8")) for name, p in
         (("dev", dev), ("held-out", held), ("human dev", adev), ("human held-out", aheld))}
    trio = [("dev", r["dev"]), ("held-out", r["held-out"]), ("human", r["human held-out"])]
    print("Events (F1; human = agreement of two independent annotations of the held-out documents)\n")
    print(table(trio, ("events_full", "events_strict", "events_lenient")))
    print("\nParticipants, actors and money\n")
    print(table(trio, ("event_actors", "actors_typed", "money")))
    print("\nMoney roles (accuracy on matched amounts)\n")
    print(table(trio, ACC))
    print("\nHuman agreement on the dev documents that have a second annotation\n")
    print(table([("", r["human dev"])], PRF + ACC))


if __name__ == "__main__":
    main(*sys.argv[1:5])
