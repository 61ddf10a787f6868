"""What the article page shows beside the highlighted text: statements, events, actors, places, times, counts."""

from __future__ import annotations

from typing import Any

from newsclaims.analysis import Analysis, Place
from newsclaims.web.highlight import _quantity_label, highlight_article, source_name

SNIPPET = 220


def _clip(text: str, size: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def place_meta(place: Place) -> str:
    """ "Idlib, SY · 35.93, 36.63" (and "metonym" when the name stands for its government or people)."""
    parts = [", ".join(x for x in (place.admin1, place.country) if x)]
    if place.lat is not None and place.lon is not None:
        parts.append(f"{place.lat:.2f}, {place.lon:.2f}")
    if not place.literal:
        parts.append("metonym")
    return " · ".join(p for p in parts if p)


def statement_views(analysis: Analysis) -> list[dict[str, Any]]:
    """Each statement as the side panel lists it: who, the cue, the stance, the quoted words."""
    views = []
    for st in analysis.statements:
        content = " … ".join(analysis.text_of(span) for span in st.content)
        views.append(
            {
                "id": st.id,
                "source": source_name(analysis, st),
                "source_entity": st.source.entity if st.source else None,
                "cue": analysis.text_of(st.cue.span) if st.cue else None,
                "cue_lemma": st.cue.lemma if st.cue else None,
                "kind": st.kind,
                "stance": st.stance,
                "score": st.score,
                "content": _clip(content),
                "start": st.content[0][0] if st.content else None,
            }
        )
    return views


def event_views(analysis: Analysis) -> list[dict[str, Any]]:
    """Each event with its actors, place, time, counts, and the statements asserting and denying it."""
    names = {e.id: e.name for e in analysis.entities}
    statements = {s["id"]: s for s in statement_views(analysis)}
    views = []
    for ev in analysis.events:
        place = (
            analysis.places[ev.place]
            if ev.place is not None and 0 <= ev.place < len(analysis.places)
            else None
        )
        time = analysis.times[ev.time] if ev.time is not None and 0 <= ev.time < len(analysis.times) else None
        counts = [analysis.quantities[i] for i in ev.counts if 0 <= i < len(analysis.quantities)]
        views.append(
            {
                "id": ev.id,
                "type": ev.type,
                "subtype": ev.subtype,
                "plover": ev.plover,
                "trigger": analysis.text_of(ev.trigger),
                "agents": [names.get(a, a) for a in ev.agents],
                "targets": [names.get(t, t) for t in ev.targets],
                "place": place.name if place else None,
                "time": (time.value or analysis.text_of(time.span)) if time else None,
                "counts": [_quantity_label(q) for q in counts],
                "asserted_by": [statements[s] for s in ev.asserted_by if s in statements],
                "denied_by": [statements[s] for s in ev.denied_by if s in statements],
            }
        )
    return views


def article_context(
    info: dict[str, Any], analysis: Analysis | None, claims: list[dict[str, Any]]
) -> dict[str, Any]:
    """Everything the article template needs."""
    if analysis is None:
        return {"article": info, "analysis": None, "claims": claims}
    return {
        "article": info,
        "analysis": analysis,
        "body": highlight_article(analysis),
        "statements": statement_views(analysis),
        "events": event_views(analysis),
        "entities": sorted(analysis.entities, key=lambda e: -len(e.mentions)),
        "places": [(p.name, place_meta(p)) for p in analysis.places],
        "times": analysis.times,
        "quantities": [(i, q, _quantity_label(q)) for i, q in enumerate(analysis.quantities)],
        "claims": claims,
    }
