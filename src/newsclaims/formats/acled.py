"""ACLED-style CSV: one row per event with ACLED's columns, plus who asserts and who denies it.

`acled_rows(analysis)` builds the rows of one Analysis (the store's `export` reuses it);
`write_acled_csv(items, out)` is the `--format acled-csv` writer.

Columns: event_date, event_type, sub_event_type, actor1, assoc_actor_1, actor2, country, admin1, location,
latitude, longitude, geo_precision, time_precision, fatalities, notes, source (ACLED's names and meaning), then
claimant, denials (the sources of the statements asserting and denying the event), plover, event_id,
article_id.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

from newsclaims.analysis import Analysis, Entity, Event, Statement
from newsclaims.extract.event_claims import name_keys
from newsclaims.pipeline import Failure

ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "fatalities",
    "notes",
    "source",
)
EXTRA_COLUMNS = ("claimant", "denials", "plover", "event_id", "article_id")
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def _entity(analysis: Analysis, entity_id: str) -> Entity | None:
    return next((e for e in analysis.entities if e.id == entity_id), None)


def actor_names(analysis: Analysis, ids: list[str], spans: list[tuple[int, int]]) -> list[str]:
    """Names of an event's actors: its linked entities, else the text of its argument phrases."""
    names = [e.name for i in ids if (e := _entity(analysis, i)) is not None]
    if not names:
        names = [analysis.text_of(s) for s in spans]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def associated_actors(analysis: Analysis, event: Event) -> list[str]:
    """ACLED's assoc_actor_1: the agents after the first, and the first agent's affiliations."""
    agents = actor_names(analysis, event.agents, event.agent_spans)
    first_keys = name_keys(agents[0]) if agents else set()
    # Other names of actor1 ("Russians", "Moscow") are not associated actors.
    assoc = [a for a in agents[1:] if not (name_keys(a) & first_keys)]
    first = _entity(analysis, event.agents[0]) if event.agents else None
    if first is not None:
        for affiliation in first.affiliations:
            other = _entity(analysis, affiliation.entity) if affiliation.entity else None
            name = other.name if other else affiliation.name
            if name:
                assoc.append(name)
    return list(dict.fromkeys(assoc))


def statement_source(analysis: Analysis, statement: Statement) -> str:
    """Who a statement is attributed to: the entity's name, the source phrase, or the outlet's own voice."""
    if statement.source is not None:
        if statement.source.entity and (entity := _entity(analysis, statement.source.entity)) is not None:
            return entity.name
        if statement.source.span:
            return analysis.text_of(statement.source.span).strip()
    if statement.kind == "reporter":
        return analysis.article.outlet or "reporter"
    return "unattributed"


def sources_of(analysis: Analysis, statement_ids: list[str]) -> list[str]:
    """The distinct sources of the statements with these ids, in order."""
    by_id = {s.id: s for s in analysis.statements}
    return list(dict.fromkeys(statement_source(analysis, by_id[i]) for i in statement_ids if i in by_id))


def sentence_at(text: str, offset: int, limit: int = 400) -> str:
    """The sentence of `text` holding `offset` (for ACLED's notes)."""
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= offset]
    start = starts[-1]
    end_match = _SENTENCE_END.search(text, offset)
    end = end_match.start() if end_match else len(text)
    return " ".join(text[start:end].split())[:limit]


def _country_name(analysis: Analysis, code: str | None) -> str | None:
    if not code:
        return None
    for place in analysis.places:
        if place.country == code and (place.feature or "").startswith("PCL"):
            return place.name
    return code


def acled_row(analysis: Analysis, event: Event) -> dict[str, Any]:
    """One event as an ACLED row (a dict keyed by `COLUMNS`)."""
    place = (
        analysis.places[event.place]
        if event.place is not None and event.place < len(analysis.places)
        else None
    )
    agents = actor_names(analysis, event.agents, event.agent_spans)
    targets = actor_names(analysis, event.targets, event.target_spans)
    article = analysis.article
    return {
        "event_date": event.date or article.published or "",
        "event_type": event.type,
        "sub_event_type": event.subtype,
        "actor1": agents[0] if agents else "",
        "assoc_actor_1": "; ".join(associated_actors(analysis, event)),
        "actor2": targets[0] if targets else "",
        "country": _country_name(analysis, place.country) if place else "",
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": event.geo_precision or "",
        "time_precision": event.time_precision or "",
        "fatalities": event.fatalities,
        "notes": sentence_at(article.text, event.trigger[0]),
        "source": article.outlet or article.url or article.id,
        "claimant": "; ".join(sources_of(analysis, event.asserted_by)),
        "denials": "; ".join(sources_of(analysis, event.denied_by)),
        "plover": event.plover or "",
        "event_id": event.id,
        "article_id": article.id,
    }


def acled_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """The ACLED rows of one Analysis, one per event, main event first."""
    return [acled_row(analysis, event) for event in analysis.events]


def write_acled_csv(items: Iterable[Analysis | Failure], out: TextIO) -> None:
    """Write the events of all analyses as one CSV with a header; failures have no events and are skipped."""
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for item in items:
        if isinstance(item, Failure):
            continue
        writer.writerows(acled_rows(item))
        out.flush()
