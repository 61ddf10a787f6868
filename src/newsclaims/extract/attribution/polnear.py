"""Reading PolNeAR (brat standoff) attributions: for training and benchmarks only; no data ships.

One article = `NAME.txt` in `text/` and one or more `NAME_ANNID.ann` in `attributions/`; the canonical
annotation is the alphabetically first annotator's. Spans are `[start, end)` code-point offsets; a
discontinuous span (`Content 10 20;30 40`) is a list of fragments.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

Fragments = list[tuple[int, int]]


@dataclasses.dataclass
class GoldAttribution:
    """One `E` line: cue fragments, source fragments (empty when there is none), content fragments."""

    cue: Fragments
    source: Fragments
    content: Fragments


@dataclasses.dataclass
class GoldArticle:
    """An article's text and its canonical annotator's attributions."""

    name: str
    text: str
    annotator: str
    attributions: list[GoldAttribution]


_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.M)


def parse_fragments(offsets: str) -> Fragments:
    """`"10 20;30 40"` -> `[(10, 20), (30, 40)]`."""
    fragments = []
    for part in offsets.split(";"):
        start, end = part.split()
        fragments.append((int(start), int(end)))
    return fragments


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one brat `.ann` text (continuation lines of multi-line spans are skipped)."""
    spans = {m.group(1): parse_fragments(m.group(3)) for m in _T_LINE.finditer(ann)}
    attributions = []
    for line in ann.splitlines():
        if not line.startswith("E") or "\t" not in line:
            continue
        roles: dict[str, Fragments] = {}
        for arg in line.split("\t", 1)[1].split():
            role, _, ref = arg.partition(":")
            roles[re.sub(r"\d+$", "", role)] = spans.get(ref, [])
        if "Cue" not in roles:
            continue
        attributions.append(
            GoldAttribution(
                cue=roles["Cue"], source=roles.get("Source", []), content=roles.get("Content", [])
            )
        )
    return attributions


def read_split(folder: str | Path) -> Iterator[GoldArticle]:
    """The articles of a split folder (`.../polnear/dev`) in name order, canonical annotation each."""
    folder = Path(folder)
    by_article: dict[str, list[Path]] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name, _, _annotator = ann.stem.rpartition("_")
        by_article.setdefault(name, []).append(ann)
    for name in sorted(by_article):
        ann = min(by_article[name], key=lambda p: p.stem.rpartition("_")[2])
        text = (folder / "text" / f"{name}.txt").read_text(encoding="utf-8")
        yield GoldArticle(
            name=name,
            text=text,
            annotator=ann.stem.rpartition("_")[2],
            attributions=parse_ann(ann.read_text(encoding="utf-8")),
        )
