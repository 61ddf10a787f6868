"""A table for people: per article, who says what, and what was found where and when."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable
from typing import TextIO

from newsclaims.analysis import Analysis
from newsclaims.pipeline import Failure


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _rows(analysis: Analysis) -> Iterable[tuple[str, str, str]]:
    names = {e.id: e.name for e in analysis.entities}
    for e in analysis.entities:
        roles = ", ".join(r.title for r in e.roles)
        yield (
            "entity",
            f"{e.name} ({e.kind or e.type})",
            f"{len(e.mentions)} mentions" + (f"; {roles}" if roles else ""),
        )
    for s in analysis.statements:
        source = "(none)"
        if s.source:
            source = names.get(s.source.entity or "", "") or (
                analysis.text_of(s.source.span) if s.source.span else "(none)"
            )
        content = " … ".join(analysis.text_of(c) for c in s.content)
        yield f"statement:{s.kind}", f"{source} [{s.stance}]", content
    for p in analysis.places:
        where = f"{p.lat:.2f},{p.lon:.2f} {p.country or ''}" if p.lat is not None else "unresolved"
        yield "place", analysis.text_of(p.span), f"{p.name} {where}" + ("" if p.literal else " (metonym)")
    for t in analysis.times:
        yield "time", analysis.text_of(t.span), f"{t.type} {t.value}" + (f" {t.mod}" if t.mod else "")
    for q in analysis.quantities:
        yield "quantity", analysis.text_of(q.span), f"{q.bound} {q.value} {q.unit or ''} {q.concept or ''}"
    for v in analysis.events:
        who = ", ".join(names.get(a, a) for a in v.agents)
        yield "event", f"{v.type}: {v.subtype}", f"{analysis.text_of(v.trigger)} (by {who or '?'})"


def write_table(items: Iterable[Analysis | Failure], out: TextIO) -> None:
    """Aligned rows: kind, what, detail; wrapped to the terminal's width."""
    width = max(shutil.get_terminal_size((120, 20)).columns, 80)
    for item in items:
        if isinstance(item, Failure):
            continue
        art = item.article
        out.write(f"== {art.title or art.source or art.id}  [{art.published or 'no date'}]\n")
        for warning in item.warnings:
            out.write(f"   warning: {warning}\n")
        for kind, what, detail in _rows(item):
            what = _clip(what, 32)
            lines = textwrap.wrap(" ".join(detail.split()), width - 54) or [""]
            out.write(f"{kind:<20} {what:<32} {lines[0]}\n")
            for more in lines[1:3]:
                out.write(f"{'':<53} {more}\n")
        out.write("\n")
