"""The one table of Doc extensions factex registers, and how their values serialise.

Every value a factex component leaves on a Doc is plain data: numbers, strings, lists, dicts,
and the small dataclasses of :mod:`factex.records.mentions` (and :class:`factex.language.timex.Timex`,
:class:`factex.language.timex.Anchor`). Those dataclasses are written by msgpack through the codec
registered here with srsly (also as an entry point, so a process that reads a ``DocBin`` gets
them back without importing factex first): ``Doc.to_bytes()``, ``DocBin(store_user_data=True)``
and ``nlp.pipe(n_process=2)`` carry factex's results. Caches are not on the Doc at all (see
:mod:`factex.language.docutil`).
"""

from __future__ import annotations

import dataclasses
import importlib

# name -> what it holds; every component reads and writes only these.
DOC_EXTENSIONS = {
    "factex_actors": "list[ActorCluster]: actors with their mentions",
    "factex_token_actor": "dict[int, str]: token index -> canonical actor name",
    "factex_dates": "list[DateMention]: temporal expressions in document order",
    "factex_money": "list[MoneyMention]: money amounts",
    "factex_events": "list[EventMention]: dated events",
    "factex_topic": "list[str]: the states the document is about (from its title)",
    "factex_amounts": "list[ScannedAmount]: amounts found by factex_money_guard for factex_money",
    "factex_anchor": "Anchor | None: the narrative date carried in from the text before this Doc",
    "factex_anchor_out": "Anchor | None: the narrative date at the end of this Doc",
    "factex_doctime": "dict | None: the document's date {value, source, start, end} (dateline or user)",
    "factex_person_cues": "list[int]: end tokens of the names a person cue made PERSON",
}

# The classes the codec writes, by the name it writes them under.
_CODEC_CLASSES = {
    "ActorMention": "factex.records.mentions",
    "ActorCluster": "factex.records.mentions",
    "DateMention": "factex.records.mentions",
    "MoneyMention": "factex.records.mentions",
    "EventMention": "factex.records.mentions",
    "ScannedAmount": "factex.records.mentions",
    "Timex": "factex.language.timex",
    "Anchor": "factex.language.timex",
}
_TAG = "__factex__"


def register_extensions() -> None:
    """Register every factex Doc extension and the codec of their values (idempotent)."""
    from spacy.tokens import Doc  # not at import: srsly loads this module while spaCy imports

    register_codec()
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def msgpack_encode(obj, chain=None):
    """srsly msgpack encoder: a factex dataclass as a tagged dict of its fields."""
    name = type(obj).__name__
    if dataclasses.is_dataclass(obj) and _CODEC_CLASSES.get(name) == type(obj).__module__:
        out = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        out[_TAG] = name
        return out
    return obj if chain is None else chain(obj)


def msgpack_decode(obj, chain=None):
    """srsly msgpack decoder: the inverse of :func:`msgpack_encode`."""
    if isinstance(obj, dict) and _TAG in obj:
        fields = dict(obj)
        name = fields.pop(_TAG)
        cls = getattr(importlib.import_module(_CODEC_CLASSES[name]), name)
        # DocBin reads arrays back as tuples; the dataclasses hold lists.
        return cls(**{k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()})
    return obj if chain is None else chain(obj)


def register_codec() -> None:
    """Register the codec with srsly in this process (the entry point does it on lookup)."""
    import srsly

    srsly.msgpack_encoders.register("factex", func=msgpack_encode)
    srsly.msgpack_decoders.register("factex", func=msgpack_decode)
