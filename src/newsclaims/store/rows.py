"""From an Analysis to table rows, and back: the flat, queryable copy of each record list.

Pure functions: each takes the Analysis and returns plain dicts ready for a bulk insert.
"""

from __future__ import annotations

import json
from typing import Any

from newsclaims.analysis import Analysis
from newsclaims.article import Article, canonical_url

CONTENT_JOINER = " … "


def article_row(article: Article) -> dict[str, Any]:
    """The `articles` columns of an Article (the dedup columns are added by the store)."""
    return {
        "id": article.id,
        "url": article.url,
        "canonical_url": canonical_url(article.url) if article.url else None,
        "title": article.title,
        "outlet": article.outlet,
        "byline": "; ".join(article.byline) if article.byline else None,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "source": article.source,
        "format": article.format,
    }


def analysis_json(analysis: Analysis) -> str:
    """The Analysis JSON without the article text, which the `articles` row holds once."""
    data = analysis.to_dict()
    data["article"] = {k: v for k, v in data["article"].items() if k != "text"}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def analysis_from_json(stored: str, text: str) -> Analysis:
    """Rebuild the Analysis from `analysis_json` output and the article text."""
    data = json.loads(stored)
    data["article"]["text"] = text
    return Analysis.from_dict(data)


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def entity_rows(analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for entity in analysis.entities:
        first = min(entity.mentions) if entity.mentions else (None, None)
        rows.append(
            {
                "entity_id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "kind": entity.kind,
                "n_mentions": len(entity.mentions),
                "start": first[0],
                "end": first[1],
            }
        )
    return rows


def source_name(analysis: Analysis, statement: Any, names: dict[str, str]) -> str | None:
    """Who a statement is attributed to, as text: the entity's name, else the words of the source span."""
    source = statement.source
    if source is None:
        return None
    if source.entity and source.entity in names:
        return names[source.entity]
    if source.span:
        return analysis.text_of(source.span)
    return None


def statement_rows(analysis: Analysis) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in analysis.entities}
    rows = []
    for statement in analysis.statements:
        content = CONTENT_JOINER.join(analysis.text_of(span) for span in statement.content)
        starts = [s[0] for s in statement.content]
        ends = [s[1] for s in statement.content]
        rows.append(
            {
                "statement_id": statement.id,
                "source_entity": statement.source.entity if statement.source else None,
                "source_name": source_name(analysis, statement, names),
                "cue_lemma": statement.cue.lemma if statement.cue else None,
                "kind": statement.kind,
                "stance": statement.stance,
                "score": statement.score,
                "content": content,
                "start": min(starts) if starts else None,
                "end": max(ends) if ends else None,
            }
        )
    return rows


def place_rows(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {
            "idx": i,
            "name": p.name,
            "geonames_id": p.geonames_id,
            "lat": p.lat,
            "lon": p.lon,
            "country": p.country,
            "admin1": p.admin1,
            "feature": p.feature,
            "literal": bool(p.literal),
            "start": p.span[0],
            "end": p.span[1],
        }
        for i, p in enumerate(analysis.places)
    ]


def time_rows(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"idx": i, "type": t.type, "value": t.value, "mod": t.mod, "start": t.span[0], "end": t.span[1]}
        for i, t in enumerate(analysis.times)
    ]


def quantity_rows(analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for i, q in enumerate(analysis.quantities):
        low, high = (q.value[0], q.value[1]) if isinstance(q.value, list | tuple) else (q.value, None)
        rows.append(
            {
                "idx": i,
                "value": _number(low),
                "value_high": _number(high),
                "bound": q.bound,
                "unit": q.unit,
                "concept": q.concept,
                "start": q.span[0],
                "end": q.span[1],
            }
        )
    return rows


def _fatalities(analysis: Analysis, counts: list[int]) -> float | None:
    total = None
    for i in counts:
        if 0 <= i < len(analysis.quantities) and analysis.quantities[i].concept == "killed":
            value = analysis.quantities[i].value
            value = value[0] if isinstance(value, list | tuple) else value
            if _number(value) is not None:
                total = (total or 0.0) + float(value)
    return total


def event_rows(analysis: Analysis) -> list[dict[str, Any]]:
    rows = []
    for event in analysis.events:
        place = (
            analysis.places[event.place]
            if event.place is not None and event.place < len(analysis.places)
            else None
        )
        time = (
            analysis.times[event.time]
            if event.time is not None and event.time < len(analysis.times)
            else None
        )
        rows.append(
            {
                "event_id": event.id,
                "type": event.type,
                "subtype": event.subtype,
                "plover": event.plover,
                "trigger": analysis.text_of(event.trigger) if event.trigger else None,
                "place_name": place.name if place else None,
                "time_value": time.value if time else None,
                "fatalities": _fatalities(analysis, event.counts),
                "score": event.score,
                "start": event.trigger[0] if event.trigger else None,
                "end": event.trigger[1] if event.trigger else None,
            }
        )
    return rows


ROW_BUILDERS = {
    "entities": entity_rows,
    "statements": statement_rows,
    "places": place_rows,
    "times": time_rows,
    "quantities": quantity_rows,
    "events": event_rows,
}
"""Table name -> function from an Analysis to that table's rows (without `article_id`)."""
