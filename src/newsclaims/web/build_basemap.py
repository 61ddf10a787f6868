"""Build the offline base map `static/world.svg` from Natural Earth's 1:110m country outlines.

The outlines come from a PyPI package, so nothing is fetched from a map server: geopandas 0.14 (the last
release that shipped them) carries `naturalearth_lowres.shp` (Natural Earth, public domain). Regenerate with:

    pip download --no-deps -d /tmp/gpd "geopandas==0.14.4" && pip install pyshp
    python -m newsclaims.web.build_basemap /tmp/gpd/geopandas-0.14.4-py3-none-any.whl

The SVG is in plain equirectangular coordinates: x = longitude, y = -latitude, viewBox `-180 -90 360 180`,
so the map page can place an event at (lon, -lat) and zoom with the viewBox alone.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

SHAPE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).parent / "static" / "world.svg"


def _ring_path(points: list[tuple[float, float]]) -> str:
    """One closed ring as an SVG path with relative moves at 0.1 degree (plenty at 1:110m)."""
    coords = [(round(x * 10), round(-y * 10)) for x, y in points]
    out = [f"M{coords[0][0] / 10:g} {coords[0][1] / 10:g}"]
    prev = coords[0]
    for x, y in coords[1:]:
        dx, dy = x - prev[0], y - prev[1]
        if dx or dy:
            out.append(f"l{dx / 10:g} {dy / 10:g}")
        prev = (x, y)
    return "".join(out) + "z"


def _shape_path(shape) -> str:
    parts = list(shape.parts) + [len(shape.points)]
    return "".join(_ring_path(shape.points[a:b]) for a, b in zip(parts, parts[1:], strict=False) if b - a > 2)


def build(wheel: Path, out: Path = OUT) -> int:
    """Write the SVG from the shapefile inside `wheel`; return the number of countries drawn."""
    import shapefile  # pyshp: a build-time tool only

    with zipfile.ZipFile(wheel) as zf:
        files = {ext: io.BytesIO(zf.read(f"{SHAPE}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"], encoding="latin-1")
    fields = [f[0] for f in reader.fields[1:]]
    rows = []
    for rec, shape in zip(reader.records(), reader.shapes(), strict=True):
        attrs = dict(zip(fields, rec, strict=True))
        name, iso = attrs.get("name", ""), attrs.get("iso_a3", "")
        rows.append(
            f'<path id={quoteattr("c-" + str(iso))} vector-effect="non-scaling-stroke" d="{_shape_path(shape)}">'
            f"<title>{escape(str(name))}</title></path>"
        )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" preserveAspectRatio="none">\n'
        "<!-- Country outlines: Natural Earth 1:110m (public domain), via geopandas 0.14 datasets. -->\n"
        '<rect x="-180" y="-90" width="360" height="180" fill="#dfe9f3"/>\n'
        '<g id="land" fill="#f4f1ea" stroke="#9a9a8e" stroke-width="0.6" stroke-linejoin="round">\n'
        + "\n".join(rows)
        + "\n</g>\n</svg>\n"
    )
    out.write_text(svg, encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m newsclaims.web.build_basemap GEOPANDAS_0.14_WHEEL")
    print(f"{build(Path(sys.argv[1]))} countries -> {OUT}", file=sys.stderr)
