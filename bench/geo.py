"""Benchmark: geoparsing on GeoWebNews (Gritta et al. 2020). Prints one JSON line; progress on stderr.

    python bench/geo.py [GWN_FOLDER] [--articles 0-199] [--docbin CACHE.spacy]

Gold (`GWN.xml`): toponyms are the spans of the types that GWN's scheme counts as toponyms, literal and
associative: Literal, Literal_Modifier, Mixed, Coercion, Embedded_Literal, Metonymic, Non_Literal_Modifier,
Embedded_Non_Lit. Left out: Demonym (people: "the Russians"), Language, Homonym, Non_Toponym and the
*_Expression spans (common nouns). Our places typed `people` are left out for the same reason.
Geocoding gold (`gwn_full.txt`): the 2,401 toponyms with GeoNames ids and coordinates.

Metrics:
- geotagging P/R/F1, strict (same span) and lenient (overlapping spans, one-to-one);
- for newsclaims also literal vs associative (metonym, modifier, embedded) accuracy on the tagged toponyms whose
  GWN type says which (Mixed is left out), beside the majority-class baseline;
- for newsclaims also the share of found toponyms resolved to the gold GeoNames id, and acc@161 counting a
  toponym resolved to the gold id as right (our country and division points combine packaged sources, the
  CIA Factbook, Natural Earth, country-state-city, iso3166-2, not GeoNames' own points, so a right entry can
  still be > 161 km off);
- geocoding, for gold toponyms matched by a prediction with coordinates (lenient match): accuracy within
  161 km, AUC of the log error curve (Gritta: trapz(sorted log(err+1)) / (log(20039) * (n-1)); lower is
  better), mean and median km; both over the toponyms found ("found") and over all gold toponyms ("all",
  where a miss counts as 20,039 km).
The same metrics for the three systems whose outputs ship with GWN (Edinburgh, Yahoo! Placemaker, EMM).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared/data/geo/geowebnews"
CACHE_DIR = Path("/tmp/newsclaims-cache/places")
TOPONYM_TYPES = frozenset(
    "Literal Literal_Modifier Mixed Coercion Embedded_Literal Metonymic Non_Literal_Modifier Embedded_Non_Lit".split()
)
LITERALNESS = {
    **dict.fromkeys(("Literal", "Literal_Modifier", "Embedded_Literal", "Coercion"), True),
    **dict.fromkeys(("Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"), False),
}
"""GWN types that say whether the place is meant literally (Mixed, both at once, is not scored)."""
MAX_KM = 20039.0
SYSTEMS = {"edinburgh": "gwn_edin.txt", "yahoo": "gwn_yahoo.txt", "emm": "gwn_emm.txt"}


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def read_gwn(folder: Path) -> list[dict]:
    """Articles: text, toponym spans (geotagging gold) and geocoding gold records."""
    root = ET.parse(folder / "GWN.xml").getroot()
    articles = []
    for article in root.findall("article"):
        spans, ids, types = [], {}, []
        for toponym in article.find("toponyms").findall("toponym"):
            span = (int(toponym.findtext("start")), int(toponym.findtext("end")))
            if toponym.findtext("type") in TOPONYM_TYPES:
                spans.append(span)
                types.append(toponym.findtext("type"))
            if toponym.findtext("geonamesID"):
                ids[span] = int(toponym.findtext("geonamesID"))
        articles.append({"text": article.findtext("text"), "toponyms": spans, "types": types, "ids": ids})
    for article, records in zip(articles, read_records(folder / "gwn_full.txt"), strict=True):
        article["coords"] = [r for r in records if r["lat"] is not None]
        for record in article["coords"]:
            record["id"] = article["ids"].get((record["start"], record["end"]))
    return articles


def read_records(path: Path) -> list[list[dict]]:
    """One list per article of `name,,mention,,lat,,lon,,start,,end` records."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        records = []
        for raw in line.split("||"):
            fields = raw.split(",,")
            if len(fields) < 6:
                continue
            lat = float(fields[2]) if fields[2] else None
            lon = float(fields[3]) if fields[3] else None
            records.append({"lat": lat, "lon": lon, "start": int(fields[4]), "end": int(fields[5])})
        out.append(records)
    return out


def match(pred: list[tuple[int, int]], gold: list[tuple[int, int]], lenient: bool) -> dict[int, int]:
    """One-to-one matching gold index -> pred index: same span, or (lenient) overlapping, closest first."""
    pairs = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(pred):
            if (ps, pe) == (gs, ge):
                pairs.append((0, g, p))
            elif lenient and ps < ge and gs < pe:
                pairs.append((abs(ps - gs) + abs(pe - ge), g, p))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in pairs:
        if g not in out and p not in used:
            out[g] = p
            used.add(p)
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def error_stats(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"n": 0}
    logs = sorted(math.log(e + 1) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    auc = area / (math.log(MAX_KM) * (len(logs) - 1)) if len(logs) > 1 else logs[0] / math.log(MAX_KM)
    return {
        "n": len(errors),
        "acc161": round(sum(e <= 161 for e in errors) / len(errors), 4),
        "auc": round(auc, 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
    }


def score(articles: list[dict], predictions: list[list[dict]]) -> dict:
    """Metrics of one system's predictions (per article: dicts with start, end, lat, lon)."""
    tp_strict = tp_lenient = n_pred = n_gold = 0
    found_errors: list[float] = []
    all_errors: list[float] = []
    same_id = with_id = near_or_same_id = 0
    literal_right = literal_n = literal_gold = 0
    for article, preds in zip(articles, predictions, strict=True):
        spans = [(p["start"], p["end"]) for p in preds]
        n_pred += len(spans)
        n_gold += len(article["toponyms"])
        tp_strict += len(match(spans, article["toponyms"], lenient=False))
        tagged = match(spans, article["toponyms"], lenient=True)
        tp_lenient += len(tagged)
        for g, p in tagged.items():
            gold_literal = LITERALNESS.get(article["types"][g])
            if gold_literal is not None and "literal" in preds[p]:
                literal_n += 1
                literal_gold += gold_literal
                literal_right += preds[p]["literal"] == gold_literal
        gold = article["coords"]
        located = [p for p in preds if p["lat"] is not None]
        pairs = match([(p["start"], p["end"]) for p in located], [(g["start"], g["end"]) for g in gold], True)
        for g, record in enumerate(gold):
            if g in pairs:
                pred = located[pairs[g]]
                err = haversine(record["lat"], record["lon"], pred["lat"], pred["lon"])
                found_errors.append(err)
                all_errors.append(err)
                if record.get("id") and "id" in pred:
                    with_id += 1
                    same_id += pred["id"] == record["id"]
                    near_or_same_id += err <= 161 or pred["id"] == record["id"]
            else:
                all_errors.append(MAX_KM)
    return {
        "geotagging_strict": prf(tp_strict, n_pred, n_gold),
        "geotagging_lenient": prf(tp_lenient, n_pred, n_gold),
        "found": error_stats(found_errors),
        "all": error_stats(all_errors),
        **(
            {
                "found_same_geonames_id": round(same_id / with_id, 4),
                # acc@161 had our entries GeoNames' own points (a right entry placed elsewhere counts right)
                "found_acc161_or_same_id": round(near_or_same_id / len(found_errors), 4),
            }
            if with_id
            else {}
        ),
        **(
            {
                "literal_accuracy": round(literal_right / literal_n, 4),
                "literal_majority_baseline": round(
                    max(literal_gold, literal_n - literal_gold) / literal_n, 4
                ),
            }
            if literal_n
            else {}
        ),
    }


def parse_docs(texts: list[str], docbin: Path):
    """The spaCy Docs of the texts, parsed once and cached as a DocBin keyed by model and texts."""
    from spacy.tokens import DocBin

    from newsclaims import nlp as nlp_module

    nlp = nlp_module.load()
    digest = hashlib.sha1("\x00".join([nlp_module.model_name(nlp), *texts]).encode()).hexdigest()[:12]
    path = docbin.with_name(f"{docbin.stem}-{digest}.spacy")
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    print(f"parsing {len(texts)} articles...", file=sys.stderr)
    docs = list(nlp.pipe(texts, batch_size=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def our_predictions(articles: list[dict], docbin: Path) -> tuple[list[list[dict]], dict]:
    from newsclaims.extract.places import places_in
    from newsclaims.gazetteer import load

    started = time.perf_counter()
    gazetteer = load()
    load_s = time.perf_counter() - started
    docs = parse_docs([a["text"] for a in articles], docbin)
    started = time.perf_counter()
    predictions = []
    for doc in docs:
        places = [p for p in places_in(doc, None, gazetteer) if p.mention != "people"]
        predictions.append(
            [
                {
                    "start": p.span[0],
                    "end": p.span[1],
                    "lat": p.lat,
                    "lon": p.lon,
                    "id": p.geonames_id,
                    "literal": p.literal,
                }
                for p in places
            ]
        )
    seconds = time.perf_counter() - started
    return predictions, {
        "gazetteer_load_s": round(load_s, 3),
        "extract_ms_per_article": round(1000 * seconds / max(1, len(docs)), 2),
    }


def system_predictions(folder: Path, filename: str, keep: list[int]) -> list[list[dict]]:
    records = read_records(folder / filename)
    return [records[i] for i in keep]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--articles", default=None, help="a range of article indices, e.g. 0-99")
    parser.add_argument("--docbin", type=Path, default=CACHE_DIR / "gwn.spacy")
    args = parser.parse_args()
    if not (args.folder / "GWN.xml").exists():
        sys.exit(f"no GWN.xml in {args.folder}")
    articles = read_gwn(args.folder)
    keep = list(range(len(articles)))
    if args.articles:
        low, high = (int(x) for x in args.articles.split("-"))
        keep = [i for i in keep if low <= i <= high]
    articles = [articles[i] for i in keep]
    ours, timing = our_predictions(articles, args.docbin)
    result = {
        "bench": "geo",
        "data": "GeoWebNews",
        "articles": len(articles),
        "gold_toponyms": sum(len(a["toponyms"]) for a in articles),
        "gold_with_coords": sum(len(a["coords"]) for a in articles),
        "newsclaims": score(articles, ours),
        **timing,
    }
    for name, filename in SYSTEMS.items():
        if (args.folder / filename).exists():
            result[name] = score(articles, system_predictions(args.folder, filename, keep))
    result["targets"] = {"acc161_all": 0.90, "acc161_found": 0.95, "geotagging_f1": 0.85}
    result["anchors"] = {"mordecai3_acc161_gwn": 0.941}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
