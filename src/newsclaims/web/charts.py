"""Geometry of the map and the charts, computed on the server and drawn as SVG by the templates.

No tiles and no chart library: the map is Natural Earth country outlines (`static/world.svg`, shipped in the
package) in plain longitude/latitude coordinates, zoomed with the SVG viewBox; the charts are rectangles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

# ACLED's event types, each with one colour (colour-blind safe, after Okabe & Ito).
TYPE_COLOURS = {
    "Battles": "#d55e00",
    "Explosions/Remote violence": "#cc79a7",
    "Violence against civilians": "#e69f00",
    "Protests": "#0072b2",
    "Riots": "#56b4e9",
    "Strategic developments": "#009e73",
    "Other": "#7f7f7f",
}
STANCE_COLOURS = {"supports": "#1a7f37", "denies": "#cf222e", "reports": "#57606a", "unrelated": "#afb8c1"}


def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "Other", TYPE_COLOURS["Other"])


@cache
def land_svg() -> Markup:
    """The `<g id="land">` of the shipped base map, to inline in the map's SVG (trusted package data)."""
    svg = resources.files("newsclaims.web").joinpath("static", "world.svg").read_text(encoding="utf-8")
    match = re.search(r"<g id=\"land\".*?</g>", svg, re.S)
    return Markup(match.group(0) if match else "")


@dataclasses.dataclass
class MapPoint:
    """Events at one place: x = longitude, y = -latitude (SVG y grows downwards)."""

    x: float
    y: float
    r: float
    colour: str
    label: str
    href: str
    count: int


def view_box(points: list[tuple[float, float]], aspect: float = 2.0) -> tuple[float, float, float, float]:
    """The SVG viewBox (x, y, width, height) around lon/lat points, padded, `aspect` wide, inside the world.

    >>> view_box([])
    (-180.0, -90.0, 360.0, 180.0)
    >>> view_box([(36.6, 35.9)])
    (28.6, -39.9, 16.0, 8.0)
    """
    if not points:
        return (-180.0, -90.0, 360.0, 180.0)
    xs = [lon for lon, _ in points]
    ys = [-lat for _, lat in points]
    pad = 0.2
    width = max((max(xs) - min(xs)) * (1 + 2 * pad), 16.0)
    height = max((max(ys) - min(ys)) * (1 + 2 * pad), 8.0)
    width, height = max(width, height * aspect), max(height, width / aspect)
    width, height = min(width, 360.0), min(height, 180.0)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, -180.0), 180.0 - width)
    y = min(max(cy - height / 2, -90.0), 90.0 - height)
    return (round(x, 3), round(y, 3), round(width, 3), round(height, 3))


def map_points(events: list[dict[str, Any]]) -> tuple[list[MapPoint], tuple[float, float, float, float]]:
    """Events with coordinates grouped by place, sized by count, coloured by their most frequent type."""
    groups: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if event.get("lat") is None or event.get("lon") is None:
            continue
        groups[(round(event["lon"], 2), round(event["lat"], 2))].append(event)
    box = view_box(list(groups))
    unit = box[2] / 150  # a radius that looks the same at every zoom
    points = []
    for (lon, lat), group in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        types: dict[str, int] = defaultdict(int)
        for event in group:
            types[event.get("type") or "Other"] += 1
        main = max(types, key=types.get)
        place = group[0].get("place_name") or f"{lat:.2f}, {lon:.2f}"
        lines = [f"{place}: {len(group)} event{'s' if len(group) > 1 else ''}"]
        lines += [f"{n} × {t}" for t, n in sorted(types.items(), key=lambda kv: -kv[1])]
        points.append(
            MapPoint(
                x=lon,
                y=-lat,
                r=round(unit * (1 + math.sqrt(len(group))), 3),
                colour=type_colour(main),
                label="\n".join(lines),
                href=f"/articles/{quote(str(group[0]['article_id']), safe='')}#ev-{group[0]['event_id']}",
                count=len(group),
            )
        )
    return points, box


@dataclasses.dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclasses.dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str, str]]
    """(x, label, text-anchor)"""
    y_max: int
    types: list[tuple[str, str]]
    top: int = 10
    bottom: int = 24
    left: int = 56
    bucket: str = "day"


def _parse_day(day: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(day[:10])
    except ValueError:
        return None


def _bucket(day: dt.date, size: str) -> dt.date:
    if size == "week":
        return day - dt.timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    return day


def _next_bucket(day: dt.date, size: str) -> dt.date:
    if size == "week":
        return day + dt.timedelta(days=7)
    if size == "month":
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return day + dt.timedelta(days=1)


def bucket_size(first: dt.date, last: dt.date) -> str:
    """Days for up to three months, weeks for up to two years, months beyond: bars stay readable.

    >>> bucket_size(dt.date(2026, 1, 1), dt.date(2026, 3, 1)), bucket_size(dt.date(2019, 7, 1), dt.date(2024, 5, 1))
    ('day', 'month')
    """
    span = (last - first).days
    return "day" if span <= 92 else "week" if span <= 730 else "month"


def timeline_chart(per_day: list[tuple[str, str, int]], width: int = 900, height: int = 200) -> Chart:
    """Stacked bars of events per day (or week, or month, for long spans) by type, gaps included."""
    parsed = [(d, t, n) for day, t, n in per_day if (d := _parse_day(day)) is not None]
    chart = Chart(width=width, height=height, bars=[], ticks=[], y_max=0, types=[])
    if not parsed:
        return chart
    chart.bucket = bucket_size(min(d for d, _, _ in parsed), max(d for d, _, _ in parsed))
    counts: dict[dt.date, dict[str, int]] = defaultdict(dict)
    for day, event_type, n in parsed:
        key = _bucket(day, chart.bucket)
        counts[key][event_type] = counts[key].get(event_type, 0) + n
    buckets = [min(counts)]
    while buckets[-1] < max(counts):
        buckets.append(_next_bucket(buckets[-1], chart.bucket))
    y_max = max(sum(c.values()) for c in counts.values())
    plot_h = height - chart.top - chart.bottom
    step = (width - chart.left) / len(buckets)
    order = {t: i for i, t in enumerate(TYPE_COLOURS)}
    seen_types: set[str] = set()
    label = {"day": "", "week": "week of ", "month": ""}[chart.bucket]
    for i, key in enumerate(buckets):
        base = height - chart.bottom
        when = key.isoformat()[:7] if chart.bucket == "month" else key.isoformat()
        for event_type, n in sorted(counts.get(key, {}).items(), key=lambda kv: order.get(kv[0], 99)):
            h = plot_h * n / y_max
            base -= h
            seen_types.add(event_type)
            chart.bars.append(
                Bar(
                    x=round(chart.left + i * step + step * 0.1, 2),
                    y=round(base, 2),
                    width=round(max(step * 0.8, 1.0), 2),
                    height=round(h, 2),
                    colour=type_colour(event_type),
                    label=f"{label}{when}: {n} × {event_type}",
                )
            )
    n_ticks = min(len(buckets), 6)
    for t in range(n_ticks):
        i = round(t * (len(buckets) - 1) / max(n_ticks - 1, 1))
        text = buckets[i].isoformat()[:7] if chart.bucket == "month" else buckets[i].isoformat()
        x = chart.left + (i + 0.5) * step
        anchor = "end" if x > width - 40 else "middle"  # the last label stays inside the chart
        chart.ticks.append((round(x if anchor == "middle" else width, 2), text, anchor))
    chart.y_max = y_max
    chart.types = [(t, type_colour(t)) for t in sorted(seen_types, key=lambda t: order.get(t, 99))]
    return chart


def stance_strip(links: list[dict[str, Any]], width: int = 900, height: int = 64) -> dict[str, Any] | None:
    """Dots on a time axis, one per dated link of a claim, coloured by stance (the claim page's strip).

    Returns `{"dots": [...], "ticks": [(x, label), ...]}`, or None when no link is dated.
    """
    dated = [(d, link) for link in links if (d := _parse_day(link.get("published") or ""))]
    if not dated:
        return None
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    span = max((last - first).days, 1)
    margin = 40

    def x_of(day: dt.date) -> float:
        return round(margin + (width - 2 * margin) * (day - first).days / span, 2)

    dots = []
    stacks: dict[dt.date, int] = defaultdict(int)
    for day, link in dated:
        level = stacks[day]
        stacks[day] += 1
        who = link.get("source_name") or link.get("outlet") or "unnamed source"
        dots.append(
            {
                "cx": x_of(day),
                "cy": height - 26 - 11 * min(level, 3),
                "colour": STANCE_COLOURS.get(link.get("stance"), "#57606a"),
                "label": f"{day.isoformat()} {who}: {link.get('stance')}",
            }
        )
    ticks = [(x_of(first), first.isoformat())]
    if last != first:
        ticks.append((x_of(last), last.isoformat()))
    return {"dots": dots, "ticks": ticks, "width": width, "height": height, "axis_y": height - 20}
