"""GeoJSON: the events of the analyses as a FeatureCollection of points (events without coordinates are left out).

`event_features(analysis)` builds the features of one Analysis (the store's `export` reuses it);
`write_geojson(items, out)` is the `--format geojson` writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsclaims.analysis import Analysis
from newsclaims.formats.acled import acled_row
from newsclaims.pipeline import Failure


def event_features(analysis: Analysis) -> list[dict[str, Any]]:
    """The events of one Analysis that have a located place, as GeoJSON Point features (`[lon, lat]`)."""
    features = []
    for event in analysis.events:
        if event.place is None or event.place >= len(analysis.places):
            continue
        place = analysis.places[event.place]
        if place.lat is None or place.lon is None:
            continue
        row = acled_row(analysis, event)
        properties = {key: value for key, value in row.items() if key not in ("latitude", "longitude")}
        properties["trigger"] = analysis.text_of(event.trigger)
        properties["asserted_by"] = list(event.asserted_by)
        properties["denied_by"] = list(event.denied_by)
        features.append(
            {
                "type": "Feature",
                "id": f"{analysis.article.id}:{event.id}",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": properties,
            }
        )
    return features


def feature_collection(analyses: Iterable[Analysis | Failure]) -> dict[str, Any]:
    """One FeatureCollection of the events of all analyses (failures skipped)."""
    features = [f for a in analyses if not isinstance(a, Failure) for f in event_features(a)]
    return {"type": "FeatureCollection", "features": features}


def write_geojson(items: Iterable[Analysis | Failure], out: TextIO) -> None:
    """Write one GeoJSON FeatureCollection of all the events with coordinates."""
    json.dump(feature_collection(items), out, ensure_ascii=False, indent=1)
    out.write("\n")
