"""Building the contract records (``CONTRACT.md`` §1) from processed Docs.

Offsets of the repaired text are mapped back to the original text here, once, so that every
``start``/``end`` in the output satisfies ``repair(original[start:end]) == text``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from factex.language.docutil import doc_text, sentence_at
from factex.records.mentions import DateMention
from factex.records.schema import (
    Actor,
    DateRecord,
    DocumentDate,
    DocumentRecord,
    EventRecord,
    Mention,
    MoneyRecord,
    Pipeline,
)
from factex.reading.text import RepairedText, may_need_repair, repair_slice


# --explain: which stage set an event's date and participants, in words.
_DATE_HOW = {"clause": "factex_events: a date in the trigger's own clause",
             "governing": "factex_events: the date of the clause governing the trigger's",
             "carried": "factex_events: carried over to a dateless happening told in the sentence before",
             "narrative": "factex_events: the date of the episode this undated sentence continues (the dated sentence before it in the same paragraph)",
             "table": "factex_events: the year that begins the table row"}
_ACTORS_HOW = {"clause": "factex_events: the named participants of the trigger's clause",
               "clause+topic": "factex_events: the clause's participants and the article's two parties (factex_topic)",
               "table heading": "factex_events: the names in the table column's heading"}


def build_record(pieces: list[tuple[int, Doc]], rt: RepairedText, *, doc_id: str,
                 source: str | None, sha: str, pipeline: dict, warnings: list[str]) -> DocumentRecord:
    """Turn processed Docs (one, or the pieces of a long text) into a :class:`DocumentRecord`.

    Args:
        pieces: (offset of the piece in the repaired text, its processed Doc).
        rt: the original and repaired text with their offset map.
    """
    def span(start: int, end: int, offset: int) -> tuple[int, int]:
        return rt.to_original(start + offset, end + offset)

    def checked(start: int, end: int, text: str) -> str:
        # ftfy's repair of a line can depend on the rest of the line; the contract's invariant
        # is about the slice alone, so the slice's own repair is the record's text.
        piece = rt.original[start:end]
        if piece == text and not may_need_repair(piece):
            return text
        fixed = repair_slice(piece)
        return text if fixed == text else fixed

    def date_record(d: DateMention, offset: int) -> DateRecord:
        s, e = span(d.start, d.end, offset)
        return DateRecord(text=checked(s, e, d.text), start=s, end=e, value=d.timex.value, mod=d.timex.mod,
                          type=d.timex.type, anchored=d.timex.anchored or None)

    actors: dict[str, Actor] = {}
    money: list[MoneyRecord] = []
    events: list[EventRecord] = []
    dates: list[DateRecord] = []
    document_date = None
    for offset, doc in pieces:
        text = doc_text(doc)
        dt = doc._.factex_doctime
        if dt and document_date is None:
            if dt.get("start") is not None and dt["source"] != "user":
                s, e = span(dt["start"], dt["end"], offset)
                document_date = DocumentDate(value=dt["value"], source=dt["source"], start=s, end=e,
                                             text=checked(s, e, text[dt["start"]:dt["end"]]))
            else:
                document_date = DocumentDate(value=dt["value"], source=dt["source"])
        for c in doc._.factex_actors or []:
            actor = actors.get(c.name)
            if actor is None:
                actor = actors[c.name] = Actor(name=c.name, type=c.type, ids=c.ids)
            for m in c.mentions:
                s, e = span(m.start, m.end, offset)
                actor.mentions.append(Mention(start=s, end=e, text=checked(s, e, m.text)))
                if m.text != actor.name and m.text not in actor.aliases:
                    actor.aliases.append(m.text)
        for d in doc._.factex_dates or []:
            dates.append(date_record(d, offset))
        for m in doc._.factex_money or []:
            s, e = span(m.start, m.end, offset)
            ss, se = sentence_at(doc, m.start)
            money.append(MoneyRecord(
                text=checked(s, e, m.text), start=s, end=e, amount=m.amount, currency=m.currency,
                qualifier=m.qualifier, payer=m.payer, recipient=m.recipient,
                date=date_record(m.date, offset) if m.date else None,
                sentence=text[ss:se].strip(), confidence=m.confidence,
                explain={"amount": "money scanner (currencies.json)", "currency": m.currency_how,
                         **{role: m.roles[role] for role in ("payer", "recipient") if role in m.roles}}))
        for ev in doc._.factex_events or []:
            s, e = span(ev.start, ev.end, offset)
            ts, te = span(ev.trigger_start, ev.trigger_end, offset)
            events.append(EventRecord(
                type=ev.type, trigger=ev.trigger, trigger_start=ts, trigger_end=te,
                date=date_record(ev.date, offset),
                actors=ev.actors, location=ev.location, start=s, end=e,
                sentence=text[ev.sent_start:ev.sent_end].strip(), modality=ev.modality,
                confidence=ev.confidence,
                explain={"trigger": ev.trigger_rule, "date": _DATE_HOW.get(ev.date_how, ev.date_how),
                         "actors": _ACTORS_HOW.get(ev.actors_how, ev.actors_how),
                         **({"modality": f"modality.jsonl:{ev.modality_rule}"} if ev.modality_rule else {})}))
    return DocumentRecord(
        doc_id=doc_id, source=source, text_sha256=sha, pipeline=Pipeline(**pipeline),
        actors=list(actors.values()), money=money, events=events, dates=dates,
        document_date=document_date, warnings=warnings)
