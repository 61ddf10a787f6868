"""Article text with its extractions highlighted: spans of an Analysis -> nested, escaped HTML.

Every highlight is a `Mark` over `[start, end)` of `article.text`. Marks may overlap in any way (a place inside a
quote, an entity mention crossing a quote's end); HTML needs proper nesting, so a mark that crosses an outer one
is cut into pieces at the outer one's edge. All text is escaped: article text is untrusted input.
"""

from __future__ import annotations

import dataclasses
import heapq
import html
from collections.abc import Iterable

from markupsafe import Markup

from newsclaims.analysis import Analysis, Statement

# Outer layers first: a quote contains its places and names, never the other way round.
LAYER = {"quote": 0, "source": 1, "cue": 1, "entity": 2, "event": 3, "place": 3, "time": 3, "quantity": 3}


@dataclasses.dataclass(frozen=True)
class Mark:
    """One highlight: a CSS class, its layer (0 = outermost) and HTML attributes (escaped on output)."""

    start: int
    end: int
    kind: str
    attrs: tuple[tuple[str, str], ...] = ()
    extra_class: str = ""

    @property
    def layer(self) -> int:
        return LAYER.get(self.kind, 9)

    def open_tag(self) -> str:
        classes = f"hl {self.kind} {self.extra_class}".strip()
        attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in self.attrs)
        return f'<span class="{html.escape(classes)}"{attrs}>'


def nest(marks: Iterable[Mark], length: int) -> list[tuple[int, int, str]]:
    """`(start, end, open_tag)` of the marks clipped to `[0, length)` and cut where they cross, so that
    any two nest or are disjoint, in document order (outer before inner).

    >>> [(s, e) for s, e, _ in nest([Mark(0, 5, "quote"), Mark(3, 8, "entity")], 10)]
    [(0, 5), (3, 5), (5, 8)]
    """
    # Plain tuples, not Marks: an article page nests a few hundred marks on every request.
    heap = []
    for seq, mark in enumerate(marks):
        start, end = max(0, mark.start), min(length, mark.end)
        if end > start:
            heap.append((start, -end, mark.layer, seq, mark.open_tag()))
    heapq.heapify(heap)
    seq = len(heap)
    open_ends: list[int] = []  # ends of the open marks, innermost last
    out: list[tuple[int, int, str]] = []
    while heap:
        start, neg_end, layer, _, tag = heapq.heappop(heap)
        end = -neg_end
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            # Crosses the innermost open mark: keep the part inside, queue the rest for later.
            edge = open_ends[-1]
            heapq.heappush(heap, (edge, neg_end, layer, seq, tag))
            seq += 1
            end = edge
        out.append((start, end, tag))
        open_ends.append(end)
    return out


def render(text: str, marks: Iterable[Mark]) -> Markup:
    """`text` as escaped HTML with each mark as a `<span class="hl KIND">`, properly nested.

    >>> str(render("a <b> c", [Mark(2, 5, "place", (("title", "x&y"),))]))
    'a <span class="hl place" title="x&amp;y">&lt;b&gt;</span> c'
    """
    parts: list[str] = []
    open_ends: list[int] = []
    pos = 0
    for start, end, tag in nest(marks, len(text)):
        while open_ends and open_ends[-1] <= start:
            close = open_ends.pop()
            parts.append(html.escape(text[pos:close], quote=False))
            parts.append("</span>")
            pos = close
        parts.append(html.escape(text[pos:start], quote=False))
        parts.append(tag)
        pos = start
        open_ends.append(end)
    while open_ends:
        close = open_ends.pop()
        parts.append(html.escape(text[pos:close], quote=False))
        parts.append("</span>")
        pos = close
    parts.append(html.escape(text[pos:], quote=False))
    return Markup("".join(parts))


def source_name(analysis: Analysis, statement: Statement) -> str:
    """Who a statement is attributed to, as a reader would name it (the outlet when nobody is named)."""
    source = statement.source
    if source is not None:
        if source.entity:
            for entity in analysis.entities:
                if entity.id == source.entity:
                    return entity.name
        if source.span:
            return analysis.text_of(source.span)
    return analysis.article.outlet or "the outlet (reporter's voice)"


def _quantity_label(q) -> str:
    value = q.value if not isinstance(q.value, list) else "–".join(f"{v:g}" for v in q.value)
    if isinstance(value, float):
        value = f"{value:g}"
    words = [
        q.bound if q.bound != "=" else "",
        str(value),
        q.unit or "",
        f"({q.concept})" if q.concept else "",
    ]
    return " ".join(w for w in words if w)


def analysis_marks(analysis: Analysis) -> list[Mark]:
    """Every highlight of an article: quotes, sources, cues, entities, places, times, quantities, events."""
    marks: list[Mark] = []
    for st in analysis.statements:
        who = source_name(analysis, st)
        cue = st.cue.lemma if st.cue else st.kind
        data = (("data-statement", st.id), ("title", f"{who} ({cue}, {st.stance})"))
        for span in st.content:
            marks.append(Mark(span[0], span[1], "quote", data, f"stance-{st.stance}"))
        if st.source and st.source.span:
            marks.append(Mark(*st.source.span, "source", (("data-statement", st.id),)))
        if st.cue:
            marks.append(Mark(*st.cue.span, "cue", (("data-statement", st.id),)))
    for entity in analysis.entities:
        title = f"{entity.name} ({entity.kind or entity.type})"
        for span in entity.mentions:
            marks.append(Mark(span[0], span[1], "entity", (("data-entity", entity.id), ("title", title))))
    for i, place in enumerate(analysis.places):
        where = ", ".join(x for x in (place.name, place.admin1, place.country) if x)
        if place.lat is not None and place.lon is not None:
            where += f" ({place.lat:.2f}, {place.lon:.2f})"
        marks.append(Mark(*place.span, "place", (("data-place", str(i)), ("title", where))))
    for i, time in enumerate(analysis.times):
        title = f"{time.type} {time.value or ''} {time.mod or ''}".strip()
        marks.append(Mark(*time.span, "time", (("data-time", str(i)), ("title", title))))
    for i, q in enumerate(analysis.quantities):
        marks.append(Mark(*q.span, "quantity", (("data-quantity", str(i)), ("title", _quantity_label(q)))))
    for ev in analysis.events:
        title = f"{ev.type} / {ev.subtype}"
        spans = [ev.trigger, *[m for m in ev.mentions if tuple(m) != tuple(ev.trigger)]]
        for span in spans:
            marks.append(Mark(span[0], span[1], "event", (("data-event", ev.id), ("title", title))))
    return marks


def highlight_article(analysis: Analysis) -> Markup:
    """The article text as HTML with everything the analysis found highlighted and cross-linked."""
    return render(analysis.article.text, analysis_marks(analysis))
