"""Analyses as the store keeps them (JSON without the text, plus the article text) back to records or dicts."""

from __future__ import annotations

import json
from typing import Any

from newsclaims.analysis import Analysis
from newsclaims.record import record_builder


def analysis_from_stored(stored_json: str, text: str) -> Analysis:
    """The Analysis kept by the store (its JSON without the text, and the article text)."""
    data = json.loads(stored_json)
    data["article"]["text"] = text
    return record_builder(Analysis)(data)


def analysis_dict_from_stored(stored_json: str, text: str) -> dict[str, Any]:
    """The Analysis JSON (a dict) of a stored article, without building records: for the API."""
    data = json.loads(stored_json)
    data["article"]["text"] = text
    if data.get("schema") is not None:
        data = {"schema": data.pop("schema"), **data}
    return data
