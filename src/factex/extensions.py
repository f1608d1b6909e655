"""The one table of Doc extensions factex registers, and the function that registers them."""

from __future__ import annotations

from spacy.tokens import Doc

# name -> what it holds; every component reads and writes only these.
DOC_EXTENSIONS = {
    "factex_actors": "list[ActorCluster]: actors with their mentions",
    "factex_token_actor": "dict[int, str]: token index -> canonical actor name",
    "factex_dates": "list[DateMention]: temporal expressions in document order",
    "factex_money": "list[MoneyMention]: money amounts",
    "factex_events": "list[EventMention]: dated events",
    "factex_topic": "list[str]: the states the document is about (from its title)",
}


def register_extensions() -> None:
    """Register every factex Doc extension (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
