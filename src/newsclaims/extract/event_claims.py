"""The claim link: which statements assert an event and which deny it.

An event mention is asserted by the statement whose content contains its trigger (a quote, indirect speech,
a headline's claim), else by the reporter-voice statement of its sentence. A denial ("officials denied the
allegations") denies the events in its own content, or, when that content is only an anaphor ("the
allegations", "the reports", "this"), the events that the recent statements of others asserted.
"""

from __future__ import annotations

import re

from newsclaims.analysis import Analysis, Event, Statement
from newsclaims.record import Span

ANAPHOR = re.compile(
    r"^\s*(the|these|those|such|this|that|all|any|their|his|her|its)?\s*"
    r"(allegations?|reports?|claims?|accusations?|charges?|assertions?|statements?|suggestions?|accounts?|"
    r"rumou?rs?|this|that|it|them|any involvement|involvement|the news)\b",
    re.I,
)
"""Content that only points back at what was said before."""

DENY_WINDOW = 1200
"""How far back (characters) an anaphoric denial looks for the events it denies."""


def _inside(point: int, spans: list[Span]) -> bool:
    return any(start <= point < end for start, end in spans)


def asserting_statements(trigger: Span, sentence: Span, statements: list[Statement]) -> list[str]:
    """Statements asserting the mention at `trigger`: those whose content holds it, else the reporter's
    voice in its sentence."""
    holding = [s.id for s in statements if s.stance != "deny" and _inside(trigger[0], s.content)]
    if holding:
        return holding
    return [
        s.id
        for s in statements
        if s.kind == "reporter" and any(a < sentence[1] and sentence[0] < b for a, b in s.content)
    ]


def _agent_keys(event: Event, analysis: Analysis) -> set[str]:
    names = [e.name for e in analysis.entities if e.id in event.agents]
    names += [analysis.text_of(s) for s in event.agent_spans]
    return {key for name in names for key in name_keys(name)} | country_keys(event.agent_spans, analysis)


def country_keys(spans: list[Span], analysis: Analysis) -> set[str]:
    """The countries of the places inside the spans ("Moscow", "Russian" -> `cc:RU`), so that a capital,
    a demonym and a country name meet."""
    return {
        f"cc:{p.country}" for p in analysis.places if p.country and any(a <= p.span[0] < b for a, b in spans)
    }


def name_keys(text: str) -> set[str]:
    """Coarse keys of a name for matching an actor across forms: "Russian", "Russians", "Russia" -> "russ".

    Only capitalised words count: names and demonyms, not "forces" or "officials".

    >>> sorted(name_keys("Russian defense ministry officials"))
    ['russ']
    """
    return {w.lower()[:4] for w in re.findall(r"[A-Z][A-Za-z'-]{3,}", text)}


def link_denials(events: list[Event], analysis: Analysis) -> None:
    """Fill `denied_by`: denials whose content holds a trigger, and anaphoric denials resolved backwards."""
    text = analysis.article.text
    for statement in analysis.statements:
        if statement.stance != "deny":
            continue
        direct = [e for e in events if any(_inside(m[0], statement.content) for m in e.mentions)]
        if not direct:
            content = " ".join(text[a:b] for a, b in statement.content)
            if statement.content and not ANAPHOR.match(content):
                continue
            direct = _antecedents(statement, events, analysis)
        for event in direct:
            if statement.id not in event.denied_by:
                event.denied_by.append(statement.id)
            if statement.id in event.asserted_by:
                event.asserted_by.remove(statement.id)


def _antecedents(denial: Statement, events: list[Event], analysis: Analysis) -> list[Event]:
    """The events an anaphoric denial refers to: those mentioned shortly before it and asserted by someone
    other than the reporter; when the denier names an agent of some of them ("Russian officials"), those."""
    anchor = denial.cue.span[0] if denial.cue else (denial.content[0][0] if denial.content else 0)
    others = {s.id for s in analysis.statements if s.kind != "reporter" and s.stance != "deny"}
    recent = [
        e
        for e in events
        if any(anchor - DENY_WINDOW <= m[0] < anchor for m in e.mentions) and set(e.asserted_by) & others
    ]
    if not recent:
        recent = [e for e in events if any(anchor - DENY_WINDOW <= m[0] < anchor for m in e.mentions)][-1:]
    denier = analysis.text_of(denial.source.span) if denial.source and denial.source.span else ""
    keys = name_keys(denier)
    if denial.source and denial.source.span:
        keys |= country_keys([denial.source.span], analysis)
    if keys:
        about = [e for e in recent if _agent_keys(e, analysis) & keys]
        if about:
            return about
    return recent
