"""Events: what happened, to whom, where, when, how many, and who says so (or denies it).

Mentions are found and typed sentence by sentence (`event_detect`: a linear model over cheap parse
features plus hand-written trigger rules, ACLED's taxonomy with the PLOVER root beside it). Mentions of one happening (headline and body; two sources) merge into one event that keeps every
mention's span. Arguments come from the dependency tree and the earlier extractors (`event_args`), the
claim link from the statements (`event_claims`). The first event is the article's main event: the type the
lead (its first sentences) is about.

>>> from newsclaims import analyze
>>> a = analyze("Warplanes bombed the town of Marwa on Monday, killing five civilians, officials said.")
>>> [(e.type, e.subtype, e.plover) for e in a.events]
[('Explosions/Remote violence', 'Air/drone strike', 'ASSAULT')]
"""

from __future__ import annotations

import math

from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Event
from newsclaims.extract import extractor
from newsclaims.extract.event_args import (
    calendar_date,
    char_span,
    count_indices,
    fatalities,
    focus_place,
    geo_precision,
    most_specific_place,
    overlapping_entities,
    place_index,
    sentence_detail,
    time_index,
    time_precision,
)
from newsclaims.extract.event_claims import asserting_statements, country_keys, link_denials, name_keys
from newsclaims.extract.event_detect import Mention, detect_mentions
from newsclaims.extract.event_model import load_model
from newsclaims.extract.event_types import event_type


def _agent_keys(mention: Mention, analysis: Analysis | None) -> set[str]:
    keys = {k for span in mention.agents for k in name_keys(span.text)}
    if analysis is not None:
        keys |= country_keys([(s.start_char, s.end_char) for s in mention.agents], analysis)
    return keys


def merge_mentions(mentions: list[Mention], analysis: Analysis | None = None) -> list[list[Mention]]:
    """Group mentions of one happening: same sub-type and no clash of agents (different named agents keep
    two events apart; a mention without agents joins the earlier one). Agents meet by name ("Russian",
    "Russia") or by the country of the places they name ("Moscow")."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        keys = _agent_keys(mention, analysis)
        for group in groups:
            if group[0].subtype != mention.subtype:
                continue
            group_keys = {k for m in group for k in _agent_keys(m, analysis)}
            if not keys or not group_keys or keys & group_keys:
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


def build_event(index: int, group: list[Mention], analysis: Analysis, focus: int | None) -> Event:
    """One Event from the mentions of one happening, with arguments, place, time, counts and assertions."""
    head = group[0]
    agent_spans = [char_span(s) for m in group for s in m.agents]
    target_spans = [char_span(s) for m in group for s in m.targets]
    place = most_specific_place(
        [(place_index(m.sent, analysis, None), sentence_detail(m.sent, analysis)) for m in group],
        analysis,
        focus,
    )
    time = next((t for m in group if (t := time_index(m.sent, analysis)) is not None), None)
    counts = sorted({c for m in group for c in count_indices(m.sent, analysis)})
    asserted: list[str] = []
    for m in group:
        for sid in asserting_statements(
            m.trigger_span, (m.sent.start_char, m.sent.end_char), analysis.statements
        ):
            if sid not in asserted:
                asserted.append(sid)
    value = analysis.times[time].value if time is not None else analysis.article.published
    return Event(
        id=f"V{index}",
        type=event_type(head.subtype),
        subtype=head.subtype,
        trigger=head.trigger_span,
        plover=head.plover,
        agents=overlapping_entities(agent_spans, analysis),
        targets=overlapping_entities(target_spans, analysis),
        place=place,
        time=time,
        counts=counts,
        asserted_by=asserted,
        mentions=[m.trigger_span for m in group],
        score=round(1 / (1 + math.exp(-head.score)), 3),
        agent_spans=_unique(agent_spans),
        target_spans=_unique(target_spans),
        date=calendar_date(value),
        time_precision=(time_precision(value) if time is not None else 2) if value else None,
        geo_precision=geo_precision(analysis.places[place]) if place is not None else None,
        fatalities=fatalities(counts, analysis),
    )


def _unique(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return list(dict.fromkeys(spans))


@extractor("events")
def extract_events(doc: Doc, analysis: Analysis) -> list[Event]:
    """The article's events, main event first, each with its mentions, arguments and claim links."""
    model = load_model("acled")
    if model is None or not len(doc):
        return []
    groups = merge_mentions(detect_mentions(doc, model), analysis)
    focus = focus_place(analysis)
    events = [build_event(i, group, analysis, focus) for i, group in enumerate(groups, start=1)]
    link_denials(events, analysis)
    return events
