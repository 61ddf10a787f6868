"""The Analysis of one article: schema `newsclaims/1` (see CONTRACT.md), to and from JSON.

Each list holds typed records; every `span` is `[start, end)` into `article.text`. Records may gain fields
(the contract allows adding); renaming or removing one needs schema `newsclaims/2`.
"""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from importlib import resources
from typing import Any

from newsclaims.article import Article
from newsclaims.record import Record, Span

SCHEMA = "newsclaims/1"


@dataclasses.dataclass
class Role(Record):
    """A title or function of a person: "spokesman" (for org E2), "Captain", "head of"."""

    title: str
    span: Span
    org: str | None = None


@dataclasses.dataclass
class Affiliation(Record):
    """A tie of an actor to another: "Turkey-backed" -> relation `backed_by`, entity = Turkey."""

    relation: str
    span: Span
    entity: str | None = None
    name: str | None = None


@dataclasses.dataclass
class Entity(Record):
    """An actor: all its mentions in the article grouped under one id."""

    id: str
    name: str
    type: str
    kind: str | None = None
    mentions: list[Span] = dataclasses.field(default_factory=list)
    roles: list[Role] = dataclasses.field(default_factory=list)
    affiliations: list[Affiliation] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Source(Record):
    """Who a statement is attributed to: an entity, a span naming no entity ("officials"), or both."""

    span: Span | None = None
    entity: str | None = None
    name: str | None = None
    """Who the source is when no span names it: the outlet or agency for the reporter's own voice."""


@dataclasses.dataclass
class Cue(Record):
    """The words that mark the attribution ("said", "according to", "denied")."""

    span: Span
    lemma: str


@dataclasses.dataclass
class Statement(Record):
    """A claim as someone states it: source, cue, content fragments, kind and stance."""

    id: str
    source: Source | None
    cue: Cue | None
    content: list[Span]
    kind: str
    stance: str = "assert"
    score: float = 1.0


@dataclasses.dataclass
class Place(Record):
    """A place mention resolved to a gazetteer entry (fields null when unresolved)."""

    span: Span
    name: str
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    literal: bool = True
    demonym: bool = False
    admin2: str | None = None
    population: int | None = None
    mention: str = "name"
    """How the place is named: `name`, `adjective` ("Syrian army"), `people` ("the Russians"), `embedded`
    (inside an organisation's name: "Free Syrian Army"), `phrase` (a descriptive name: "the Humaymat hilltops")."""
    qualifier: str | None = None
    """A word that narrows or types the place: "northern", "province", "border", "hilltops"."""
    phrase: Span | None = None
    """The whole expression around the name ("northern Hama", "Idlib province", "the Turkish border")."""
    score: float | None = None


@dataclasses.dataclass
class Time(Record):
    """A time expression with its TIMEX3 type, value and modifier."""

    span: Span
    type: str
    value: str | None
    mod: str | None = None
    text: str | None = None
    """The words of the expression, as they stand in the article."""


@dataclasses.dataclass
class Quantity(Record):
    """A count or amount: value (number or [low, high]), bound, unit or counted noun, concept."""

    span: Span
    value: float | int | list[float] | None
    bound: str = "="
    unit: str | None = None
    concept: str | None = None
    text: str | None = None
    """The words of the quantity, as they stand in the article."""


@dataclasses.dataclass
class Event(Record):
    """An event frame; `place`, `time` and `counts` index the places, times and quantities lists."""

    id: str
    type: str
    subtype: str
    trigger: Span
    plover: str | None = None
    agents: list[str] = dataclasses.field(default_factory=list)
    targets: list[str] = dataclasses.field(default_factory=list)
    place: int | None = None
    time: int | None = None
    counts: list[int] = dataclasses.field(default_factory=list)
    asserted_by: list[str] = dataclasses.field(default_factory=list)
    denied_by: list[str] = dataclasses.field(default_factory=list)
    mentions: list[Span] = dataclasses.field(default_factory=list)
    score: float = 1.0
    agent_spans: list[Span] = dataclasses.field(default_factory=list)
    """The phrases naming the agents ("Russian ground forces"), linked or not to an entity."""
    target_spans: list[Span] = dataclasses.field(default_factory=list)
    date: str | None = None
    """The event's date (TIMEX3 value of `time`, else the publication date)."""
    time_precision: int | None = None
    """ACLED's time precision: 1 the day, 2 the week, 3 the month or vaguer."""
    geo_precision: int | None = None
    """ACLED's geo precision: 1 the town, 2 part of a region, 3 a province or country."""
    fatalities: int = 0


@dataclasses.dataclass
class Analysis(Record):
    """Everything newsclaims extracted from one article."""

    article: Article
    schema: str = SCHEMA
    entities: list[Entity] = dataclasses.field(default_factory=list)
    statements: list[Statement] = dataclasses.field(default_factory=list)
    places: list[Place] = dataclasses.field(default_factory=list)
    times: list[Time] = dataclasses.field(default_factory=list)
    quantities: list[Quantity] = dataclasses.field(default_factory=list)
    events: list[Event] = dataclasses.field(default_factory=list)
    model: str | None = None
    warnings: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        # The schema tag first, as readers of the JSON expect to see it.
        return {"schema": data.pop("schema"), **data}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Analysis:
        data = json.loads(text)
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} analysis: schema={data.get('schema')!r}")
        return cls.from_dict(data)

    def text_of(self, span: Span) -> str:
        """The article text a span points at."""
        return self.article.text[span[0] : span[1]]


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema of `newsclaims/1`, shipped in the package."""
    return json.loads(resources.files("newsclaims.data").joinpath("analysis.schema.json").read_text())


def validate(data: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` when `data` is not a valid `newsclaims/1` analysis."""
    import jsonschema

    jsonschema.validate(data, json_schema())
