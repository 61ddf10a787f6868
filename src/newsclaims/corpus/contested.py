"""Sources and contested claims: count organisations, not articles.

A claim is contested when a source supports it and another, independent source denies it. Two sources are the
same when their keys (normalised names, see `source_key`) are equal or one's words contain the other's
("russia defense ministry" and "russia defense ministry spokesman" are one organisation). Copies of one wire
story give the same keys (the same speakers; for the reporter's voice, the outlet of the first copy), so they
add no source.

>>> source_key("Russian defence ministry officials")
'russia defense ministry'
>>> same_organisation("russia defense ministry", "russia ministry defense")
True
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

# words that name a person's function rather than the organisation they speak for
_GENERIC = frozenset(
    """the a an of officials official spokesman spokeswoman spokesperson spokespeople sources source senior
    representative representatives member members head chief said says according to its their his her""".split()
)
# demonyms and spellings that name the same state or body
_CANONICAL = {
    "russian": "russia",
    "syrian": "syria",
    "turkish": "turkey",
    "iranian": "iran",
    "american": "us",
    "u.s.": "us",
    "united states": "us",
    "ukrainian": "ukraine",
    "israeli": "israel",
    "british": "uk",
    "french": "france",
    "german": "germany",
    "chinese": "china",
    "iraqi": "iraq",
    "moscow": "russia",
    "damascus": "syria",
    "kremlin": "russia",
    "defence": "defense",
    "ministry's": "ministry",
    "russia's": "russia",
}
_WORD = re.compile(r"[\w.']+")


def source_key(name: str | None) -> str | None:
    """A normalised key of a source's name: lower case, demonyms to states, function words dropped."""
    if not name:
        return None
    words = []
    for w in _WORD.findall(name.lower().replace("’", "'")):
        w = w.strip(".'") if w not in _CANONICAL else w
        w = _CANONICAL.get(w, w)
        if w.endswith("'s"):
            w = _CANONICAL.get(w[:-2], w[:-2])
        if w and w not in _GENERIC:
            words.append(w)
    return " ".join(words)[:200] or name.lower().strip()[:200]


def same_organisation(a: str | None, b: str | None) -> bool:
    """Whether two source keys name the same organisation (equal, or one's words within the other's)."""
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


@dataclasses.dataclass
class ClaimSummary:
    """What the links of one claim add up to."""

    n_sources: int
    n_supports: int
    n_denies: int
    contested: bool
    first_seen: str | None
    last_seen: str | None


def _distinct(keys: Iterable[str]) -> list[str]:
    """Keys with those of one organisation merged ("russia", "ministry" and "russia defense ministry" are one,
    through the longest); the shortest key of each group stands for it."""
    groups: list[set[str]] = []
    for k in sorted(set(keys), key=len):
        joined = [g for g in groups if any(same_organisation(k, o) for o in g)]
        merged = {k}.union(*joined)
        groups = [g for g in groups if g not in joined] + [merged]
    return sorted(min(g, key=len) for g in groups)


def summarise(links: Iterable[tuple[str, str | None, str | None]]) -> ClaimSummary:
    """Sum up links given as (stance, source_key, published).

    >>> summarise([("supports", "rebels", "2019-07-18"), ("denies", "russia defense ministry", "2019-07-19")])
    ClaimSummary(n_sources=2, n_supports=1, n_denies=1, contested=True, first_seen='2019-07-18', last_seen='2019-07-19')
    """
    supports, denies, every, dates = [], [], [], []
    for stance, key, published in links:
        if stance == "unrelated":
            continue
        key = key or "unknown"
        every.append(key)
        if stance == "supports":
            supports.append(key)
        elif stance == "denies":
            denies.append(key)
        if published:
            dates.append(published)
    supporters, deniers = _distinct(supports), _distinct(denies)
    contested = any(not same_organisation(s, d) for s in supporters for d in deniers)
    return ClaimSummary(
        n_sources=len(_distinct(every)),
        n_supports=len(supporters),
        n_denies=len(deniers),
        contested=contested,
        first_seen=min(dates) if dates else None,
        last_seen=max(dates) if dates else None,
    )
