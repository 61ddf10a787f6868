"""Containment: a place named with its division or country after a comma ("Oakland, Calif.", "Paris, Texas",
"Durban, South Africa") lies in it, which picks the reading of both names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsclaims.gazetteer import Entry

if TYPE_CHECKING:
    from newsclaims.gazetteer.resolve import Mention


def contains(outer: Entry, inner: Entry) -> bool:
    """Whether the country or division `outer` contains the place `inner` (by their codes, not geometry)."""
    if outer.id == inner.id or outer.country is None or inner.country != outer.country:
        return False
    if outer.is_country:
        return not inner.is_country
    if outer.fcode == "ADM1":
        return inner.fcode != "ADM1" and bool(inner.admin1_code) and inner.admin1_code == outer.admin1_code
    if outer.fcode == "ADM2":
        return inner.fcode not in ("ADM1", "ADM2") and bool(inner.admin2) and inner.admin2 == outer.admin2
    return False


def contained_ids(mentions: Sequence[Mention], cands: Sequence[Sequence[Entry]]) -> list[set[int]]:
    """For each mention, the ids of its candidates that lie in (or, for the container, contain) a candidate
    of the mention paired with it ("Oakland, Calif."): the pair names one place and its area."""
    out: list[set[int]] = [set() for _ in mentions]
    for i, mention in enumerate(mentions):
        j = mention.container
        if j is None or not 0 <= j < len(mentions):
            continue
        for inner in cands[i]:
            for outer in cands[j]:
                if contains(outer, inner):
                    out[i].add(inner.id)
                    out[j].add(outer.id)
    # The pair says which place the article means by that name inside organisations' names too, which have no
    # context of their own ("OAKLAND, Calif." and then "the Oakland Athletics"); a name standing alone has its
    # own ("Washington, D.C." and "Washington state").
    by_text: dict[str, set[int]] = {}
    for mention, ids in zip(mentions, out, strict=True):
        if ids:
            by_text.setdefault(mention.text.lower(), set()).update(ids)
    return [
        ids | by_text.get(mention.text.lower(), set()) if mention.mention == "embedded" else ids
        for mention, ids in zip(mentions, out, strict=True)
    ]
