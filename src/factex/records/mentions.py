"""What the pipeline components leave on a Doc: plain dataclasses over character offsets.

Offsets here are into the *repaired* text the pipeline runs on; :mod:`factex.records.build` maps
them back to the original text when it builds the contract records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factex.language.timex import Timex


@dataclass
class ActorMention:
    """One mention of an actor."""

    start: int
    end: int
    text: str
    label: str  # the entity label the mention came from (GPE, NORP, PERSON, ...)
    token_start: int
    token_end: int


@dataclass
class ActorCluster:
    """An actor and every mention the document makes of it."""

    name: str
    type: str
    mentions: list[ActorMention] = field(default_factory=list)
    ids: dict | None = None  # ISO 3166 codes of a current state

    @property
    def aliases(self) -> list[str]:
        """Distinct mention texts other than the canonical name, in order of appearance."""
        seen: list[str] = []
        for m in self.mentions:
            if m.text != self.name and m.text not in seen:
                seen.append(m.text)
        return seen


@dataclass
class DateMention:
    """A temporal expression with its TIMEX3 normalisation."""

    start: int
    end: int
    text: str
    timex: Timex
    token_start: int
    token_end: int
    range_value: str | None = None  # "1972/1975" when this side belongs to a stated range
    range_start: int | None = None
    range_end: int | None = None

    def whole(self, text: str) -> "DateMention":
        """This mention, or the whole range it is one side of ("from 1972 until 1975")."""
        if not self.range_value:
            return self
        return DateMention(self.range_start, self.range_end, text[self.range_start:self.range_end],
                           Timex(self.range_value, None, "DATE", self.timex.anchored),
                           self.token_start, self.token_end)


@dataclass
class ScannedAmount:
    """An amount found by the money scanner, before its currency is settled by context."""

    start: int
    end: int
    value: float
    currency: str  # the sign's or word's default ISO 4217 code
    candidates: list[str] = field(default_factory=list)  # other codes the sign may stand for


@dataclass
class MoneyMention:
    """An amount of money with its resolved parties and date."""

    start: int
    end: int
    text: str
    amount: float
    currency: str
    qualifier: str | None
    token_start: int
    token_end: int
    payer: str | None = None
    recipient: str | None = None
    date: DateMention | None = None
    confidence: float = 0.5
    roles: dict = field(default_factory=dict)  # role -> "money_roles.jsonl:N (cue)" that set it
    currency_how: str = ""  # "explicit" or "context"


@dataclass
class EventMention:
    """A dated happening."""

    type: str
    trigger: str
    trigger_start: int
    trigger_end: int
    date: DateMention
    actors: list[str]
    location: str | None
    start: int
    end: int
    sent_start: int
    sent_end: int
    modality: str | None = None
    confidence: float = 0.5
    trigger_i: int = -1  # token index of the trigger in its Doc
    modality_rule: int | None = None  # the row of modality.jsonl that set ``modality``
    trigger_rule: str = ""  # what made the trigger: "event_triggers.jsonl:12", a money verb, …
    date_how: str = ""  # how the date was bound: "clause", "governing" or "carried"
    actors_how: str = ""  # "clause", or "clause+topic" when the article's parties were added
