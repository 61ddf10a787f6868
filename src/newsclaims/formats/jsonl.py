"""JSON and JSON Lines: the Analysis as CONTRACT.md defines it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from newsclaims.analysis import Analysis
from newsclaims.pipeline import Failure


def write_jsonl(items: Iterable[Analysis | Failure], out: TextIO) -> None:
    """One Analysis per line, flushed as it goes; a failure is `{"id", "error"}` in its place."""
    for item in items:
        if isinstance(item, Failure):
            line = {"id": item.id or item.source, "error": item.error}
        else:
            line = item.to_dict()
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()


def write_json(items: Iterable[Analysis | Failure], out: TextIO) -> None:
    """One document: the Analysis alone, or a list when there are several inputs (failures left out)."""
    done = [i.to_dict() for i in items if not isinstance(i, Failure)]
    json.dump(done[0] if len(done) == 1 else done, out, ensure_ascii=False, indent=2)
    out.write("\n")
