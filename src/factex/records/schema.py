"""Pydantic models of the output records and of gold files (``CONTRACT.md`` §1 and §2).

Fields named in the contract keep its names and types; everything factex adds is optional.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ActorType = Literal["PERSON", "ORG", "GPE", "LOC"]
EventType = Literal[
    "diplomatic_relations",
    "visit",
    "meeting",
    "agreement",
    "aid",
    "trade",
    "conflict",
    "founding",
    "statement",
    "other",
]
Mod = Literal["START", "MID", "END", "APPROX", "BEFORE", "AFTER"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Modality = Literal["planned", "negated", "hypothetical"]


class Mention(BaseModel):
    """One place in the text where an actor is named."""

    start: int
    end: int
    text: str


class Actor(BaseModel):
    """A person, organisation, state or place, with every mention in the document."""

    name: str
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    ids: dict[str, str] | None = Field(
        default=None, description="(factex) codes other tools join on: ISO 3166 alpha-2/alpha-3 of a current state")


class DateRecord(BaseModel):
    """A temporal expression normalised to TIMEX3."""

    text: str
    start: int | None = None
    end: int | None = None
    value: str
    mod: Mod | None = None
    type: TimexType = "DATE"
    anchored: bool | None = Field(
        default=None, description="True when the value was resolved against the narrative."
    )


class MoneyRecord(BaseModel):
    """An amount of money with its currency, the parties and the date it belongs to."""

    text: str
    start: int
    end: int
    amount: float
    currency: str
    qualifier: str | None = None
    payer: str | None = None
    recipient: str | None = None
    date: DateRecord | None = None
    sentence: str
    confidence: float | None = None
    explain: dict | None = Field(default=None, description="(factex, --explain) the rules behind it")


class EventRecord(BaseModel):
    """A dated happening: its type, trigger, date and participants."""

    type: EventType
    trigger: str
    trigger_start: int | None = Field(default=None, description="(factex) where the trigger word stands")
    trigger_end: int | None = None
    date: DateRecord
    actors: list[str] = Field(default_factory=list)
    location: str | None = None
    start: int
    end: int
    sentence: str
    modality: str | None = Field(
        default=None, description="null for an asserted happening; 'negated', 'planned', ..."
    )
    confidence: float | None = None
    explain: dict | None = Field(default=None, description="(factex, --explain) the rules behind it")


class DocumentDate(BaseModel):
    """*(factex)* The document's own date: deictic expressions are resolved against it."""

    value: str
    source: Literal["dateline", "date line", "user"]
    text: str | None = None
    start: int | None = None
    end: int | None = None


class Pipeline(BaseModel):
    """Versions of what produced the record."""

    model_config = ConfigDict(extra="allow")
    factex: str
    model: str


class DocumentRecord(BaseModel):
    """Everything factex extracts from one document."""

    doc_id: str
    source: str | None = None
    text_sha256: str
    pipeline: Pipeline
    actors: list[Actor] = Field(default_factory=list)
    money: list[MoneyRecord] = Field(default_factory=list)
    events: list[EventRecord] = Field(default_factory=list)
    dates: list[DateRecord] = Field(default_factory=list)
    document_date: DocumentDate | None = None
    warnings: list[str] = Field(default_factory=list)


# --- gold files (CONTRACT.md §2) -------------------------------------------------------------


def _none_as_empty(value):
    return [] if value is None else value


class GoldActor(BaseModel):
    """A gold actor: canonical name, type and other surface forms."""

    name: str
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    _aliases = field_validator("aliases", mode="before")(_none_as_empty)


class GoldMoney(BaseModel):
    """A gold money amount; ``date`` is a plain TIMEX3 value."""

    text: str | None = None
    amount: float
    currency: str
    payer: str | None = None
    recipient: str | None = None
    date: str | None = None


class GoldEvent(BaseModel):
    """A gold event; ``date`` is a plain TIMEX3 value."""

    type: EventType
    date: str
    actors: list[str] = Field(default_factory=list)
    trigger: str | None = None
    mod: Mod | None = None
    location: str | None = None
    modality: Modality | None = Field(
        default=None, description="planned, negated or hypothetical: kept, never scored")
    _actors = field_validator("actors", mode="before")(_none_as_empty)


class GoldDocument(BaseModel):
    """One gold file, ``gold/<genre>/<doc_id>.json``."""

    doc_id: str
    dct: str | None = Field(default=None, description="the document's own date (dateline), TIMEX3")
    actors: list[GoldActor] = Field(default_factory=list)
    money: list[GoldMoney] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)
    _lists = field_validator("actors", "money", "events", mode="before")(_none_as_empty)
