"""Toponym resolution: choose one gazetteer entry per mention, by its candidates and the article's context.

Each candidate is scored by a linear model over evidence, none of it decisive alone:
- prior: feature class (countries and first-level divisions are named more than villages) and population,
  with a bonus for major cities, which news names without their state or country;
- how the name matched (its main name, an alternate name, a code, a demonym);
- the mention's own qualifier ("Idlib *province*" wants a division, "the *town* of" a populated place);
- the article's countries (from unambiguous mentions and demonyms), weighted by how often they are named;
- co-mentioned places: candidates near the places resolved in a first pass, or inside the same division
  ("Hama" beside "Idlib province" is the Syrian one), win over far-away namesakes;
- containment: a place followed by a comma and its division or country ("Oakland, Calif.", "Paris, Texas")
  lies in it; that reading holds for the same name inside organisations' names ("the Oakland Athletics").
A first-level division's prior grows with its population (some countries' divisions are villages).
Two passes: the first uses the prior and the countries only; the second adds the neighbours it found and
containment.

The weights come from `newsclaims/models/places/resolver.json` when it is there (a logistic regression
trained by `training/train_geo_resolver.py` on GeoWebNews articles 0-99), else from HAND_WEIGHTS below
(set by a small grid search on the same articles).
"""

from __future__ import annotations

import dataclasses
import json
import math
import operator
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy

from newsclaims.gazetteer import EARTH_RADIUS_KM, Entry, Gazetteer, distance_km
from newsclaims.gazetteer.containment import contained_ids

REGION_CODES = frozenset(("RGN", "OCN", "SEA", "GULF", "STRT", "CHN", "CNL", "STM", "MTS", "PEN", "DSRT"))
FCODE_FEATURES = ("PCLI", "CONT", "ADM1", "PPLC", "ADM2", "PPL")
FEATURES: tuple[str, ...] = (
    *(f"f_{code}" for code in FCODE_FEATURES),
    "f_region",
    "f_other",
    "log_population",
    "top_population",
    "major_city",
    "k_name",
    "k_alt",
    "k_code",
    "k_demonym",
    "qualifier_match",
    "no_country",
    "country_share",
    "country_named",
    "near",
    "same_region",
    "same_admin1",
    "containment",
)
"""The evidence for one candidate, in a fixed order (see `candidate_features`)."""

HAND_WEIGHTS: dict[str, float] = {
    "f_PCLI": 3.0,
    "f_CONT": 2.5,
    "f_ADM1": 1.8,
    "f_PPLC": 3.0,
    "f_ADM2": 0.4,
    "f_PPL": 0.0,
    "f_region": 4.0,
    "f_other": -0.3,
    "log_population": 0.8,
    "top_population": 0.0,
    "major_city": 2.0,
    "k_name": 0.0,
    "k_alt": -1.0,
    "k_code": -0.8,
    "k_demonym": 0.0,
    "qualifier_match": 2.5,
    "no_country": 3.0,
    "country_share": 3.0,
    "country_named": 0.5,
    "near": 2.0,
    "same_region": 0.8,
    "same_admin1": 1.2,
    "containment": 3.0,
}
MAJOR_CITY_POPULATION = 200_000
"""A city this big is named without its state or country ("Portland", "Louisville"): beside the places of a
sports or business story, its namesake villages near them must not win on nearness alone."""
NEAR_KM, REGION_KM = 160.0, 600.0
EMBEDDED_COUNTRY_SHARE = 0.5
"""How much the article's countries count for a place inside an organisation's name (see candidate_features)."""
FIRST_PASS_CONFIDENCE = 0.7
"""Picks at least this confident serve as neighbours in the next pass."""
PASSES = 2
"""The first pass uses the prior and the article's countries; each next one adds neighbours and containment
(a third pass was no better on GeoWebNews)."""
WEAK_LABEL = "WEAK"
"""The label of mentions recognised on weak evidence (a capitalised word the gazetteer happens to know, a
small town inside an organisation's name): resolved, but neither neighbours nor votes for the article's
countries, since a wrong one ("Copley" of a company's name, in the US) would drag the article's other places
to its country."""

ADMIN1_WORDS = frozenset(
    "province provinces governorate governorates state states region oblast prefecture canton emirate "
    "department".split()
)
"""Nouns that ask for a first-level division ("Idlib province"); not "territory": "the territory of Georgia"
is the land of a country more often than a division called a territory."""
ADMIN2_WORDS = frozenset("district districts county counties municipality borough parish".split())
DIVISION_WORDS = ADMIN1_WORDS | ADMIN2_WORDS
SETTLEMENT_WORDS = frozenset(
    "city town village villages capital suburb suburbs neighbourhood neighborhood".split()
)


@cache
def weights() -> dict[str, float]:
    """The learned weights when shipped, else the hand-set ones."""
    try:
        text = resources.files("newsclaims.models.places").joinpath("resolver.json").read_text()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return dict(HAND_WEIGHTS)
    data = json.loads(text)
    learned = {name: float(data["weights"].get(name, 0.0)) for name in FEATURES}
    return learned | {
        "bias": float(data["bias"]),
        "hand_score": float(data["weights"].get("hand_score", 0.0)),
    }


@dataclasses.dataclass
class Mention:
    """A place mention to resolve: its text and what the recognizer knows about it."""

    text: str
    mention: str = "name"
    """`name`, `adjective`, `people`, `embedded` or `phrase` (see Place.mention)."""
    qualifier: str | None = None
    label: str | None = None
    """The spaCy entity label the mention came from (GPE, LOC, FAC, NORP, ORG, ...), if any."""
    country: str | None = None
    """A country the place is known to be in (e.g. "the Kremlin" -> Moscow in RU): candidates elsewhere drop."""
    container: int | None = None
    """The index, among the article's mentions, of the place named right after this one as the area it lies
    in: "Oakland, Calif.", "Durban, South Africa", "Washington, D.C."."""


@dataclasses.dataclass
class Resolution:
    """The entry chosen for a mention (None when no candidate) and its score margin-based confidence."""

    entry: Entry | None
    score: float | None = None


def candidates(gazetteer: Gazetteer, mention: Mention) -> list[Entry]:
    """Gazetteer entries a mention may refer to.

    Demonym mentions ("Syrian", "the Russians") match demonyms only; name mentions match names, and codes
    ("US", "UK") only when written in capitals.
    """
    text = mention.text.strip()
    found = list(gazetteer.lookup(text))
    if not found and text.lower().startswith("the "):
        found = list(gazetteer.lookup(text[4:]))
    if not found and text.endswith(("'s", "’s")):
        found = list(gazetteer.lookup(text[:-2]))
    if mention.country:
        found = [e for e in found if e.country == mention.country]
    upper = text.replace(".", "").isupper()
    if mention.mention == "embedded":
        return [e for e in found if e.kind != "code" or upper]
    if mention.mention in ("adjective", "people"):
        demonyms = [e for e in found if e.kind == "demonym"]
        return demonyms or [
            e for e in found if e.kind != "code" and (e.is_country or e.fcode == "CONT" or e.id < 0)
        ]
    names = [e for e in found if e.kind != "demonym" and (e.kind != "code" or (upper and _code_ok(e, text)))]
    # A demonym spaCy labelled GPE or FAC ("Emirati handler", "the Armenian Genocide") is still its country.
    return names or [e for e in found if e.kind == "demonym"]


def _code_ok(entry: Entry, text: str) -> bool:
    """A two-letter code ("BA", "AI", "MW") is too often something else: taken only for regions and the
    largest countries ("US", "UK", "EU"); longer codes ("UAE", "USA") always."""
    return len(text.replace(".", "").replace(" ", "")) > 2 or entry.id < 0 or entry.population >= 50_000_000


def article_countries(candidate_lists: Sequence[list[Entry]]) -> Counter[str]:
    """How strongly the article is about each country: mentions that can only be (in) one country count 1,
    ambiguous ones split their vote by prior."""
    votes: Counter[str] = Counter()
    for cands in candidate_lists:
        if not cands:
            continue
        countries = {e.country for e in cands if e.country}
        if len(countries) == 1:
            votes[next(iter(countries))] += 1.0
            continue
        top = cands[0]
        if top.is_country and top.kind in ("name", "demonym", "alt"):
            votes[top.country] += 0.7  # "Georgia" still mostly says "the country Georgia or the US"
    return votes


def _qualifier_match(entry: Entry, mention: Mention) -> float:
    qualifier = (mention.qualifier or "").lower()
    if qualifier in ADMIN1_WORDS:
        return float(entry.fcode == "ADM1")
    if qualifier in ADMIN2_WORDS:
        return float(entry.fcode == "ADM2")
    if qualifier in SETTLEMENT_WORDS:
        return float(entry.fclass == "P")
    return 0.0


def candidate_features(
    entry: Entry,
    mention: Mention,
    countries: Counter[str],
    neighbours: Sequence[Entry],
    top_population: int,
    nearest_km: float | None = None,
    contained: bool = False,
) -> list[float]:
    """The evidence for one candidate, in the order of FEATURES (`nearest_km`: its distance to the nearest
    neighbour that is not a country, when the caller has it already; `contained`: whether it lies in, or
    contains, a reading of the place the text pairs it with, as in "Oakland, Calif.")."""
    fcode = entry.fcode if entry.fcode in FCODE_FEATURES else None
    region = entry.fcode in REGION_CODES or (entry.id < 0 and fcode is None)
    values = dict.fromkeys(FEATURES, 0.0)
    if fcode == "ADM1":
        # Some countries' first-level divisions are villages (Slovenia's, Malta's, Iceland's municipalities):
        # the prior of a division grows with the people in it, full from 100,000.
        values["f_ADM1"] = min(1.0, max(0.0, (math.log10(max(entry.population, 0) + 10) - 3.0) / 2.0))
    elif fcode:
        values[f"f_{fcode}"] = 1.0
    elif region:
        values["f_region"] = 1.0
    else:
        values["f_other"] = 1.0
    values["log_population"] = math.log10(max(entry.population, 0) + 10)
    values["top_population"] = float(entry.population >= top_population)
    values["major_city"] = float(
        fcode == "PPL" and entry.kind == "name" and entry.population >= MAJOR_CITY_POPULATION
    )
    values[f"k_{entry.kind}" if f"k_{entry.kind}" in values else "k_alt"] = 1.0
    values["qualifier_match"] = _qualifier_match(entry, mention)
    values["containment"] = float(contained)
    if entry.country is None:
        # Continents, oceans, regions: no country to agree with, and rarely a wrong reading.
        values["no_country"] = 1.0
        return [values[name] for name in FEATURES]
    total = sum(countries.values())
    if total:
        values["country_share"] = countries.get(entry.country, 0.0) / total
        if mention.mention == "embedded":
            # An organisation's name carries the place it comes from, wherever the article is ("Cambridge
            # Analytica" in a story about Washington).
            values["country_share"] *= EMBEDDED_COUNTRY_SHARE
        values["country_named"] = float(bool(countries.get(entry.country)))
    if neighbours and entry.is_country:
        # A country contains the other places named: "Mexico" beside Guadalajara is the country, not the city.
        values["near"] = float(any(n.country == entry.country and n.id != entry.id for n in neighbours))
    if neighbours and not entry.is_country:
        # Countries and continents are too big to say anything about distance.
        near = nearest_km if nearest_km is not None else nearest_point_km(entry, neighbours)
        values["near"] = float(near <= NEAR_KM)
        values["same_region"] = float(NEAR_KM < near <= REGION_KM)
        values["same_admin1"] = float(
            bool(entry.admin1_code)
            and any(
                n.country == entry.country and n.admin1_code == entry.admin1_code and n.id != entry.id
                for n in neighbours
            )
        )
    return [values[name] for name in FEATURES]


def nearest_point_km(entry: Entry, neighbours: Sequence[Entry]) -> float:
    """Distance from `entry` to the nearest neighbour that is a point (not a country or a region)."""
    points = [n for n in neighbours if not n.is_country and n.country is not None]
    return min((distance_km(entry, n) for n in points), default=math.inf)


def linear_score(values: Sequence[float], model: dict[str, float] | None = None) -> float:
    """The candidate's score; a learned model may weigh the hand-set score as one more feature and correct
    it with the others (so evidence the training data hardly shows, like qualifiers, keeps its hand weight)."""
    return _scorer(model or weights())(values)


def _scorer(model: dict[str, float]):
    """`linear_score` under one model, its weights read once: a mention's candidates are scored in a row."""
    bias = model.get("bias", 0.0)
    vector = [model[name] for name in FEATURES]
    hand = model.get("hand_score", 0.0)
    hand_vector = [HAND_WEIGHTS[name] for name in FEATURES] if hand else None

    def score(values: Sequence[float]) -> float:
        total = bias + sum(map(operator.mul, vector, values))
        if hand_vector is not None:
            total += hand * sum(map(operator.mul, hand_vector, values))
        return total

    return score


def _key(mention: Mention) -> tuple:
    """The mention's fields as a tuple (what `dataclasses.astuple` gives, without its deep copies)."""
    return (
        mention.text,
        mention.mention,
        mention.qualifier,
        mention.label,
        mention.country,
        mention.container,
    )


def candidate_table(
    gazetteer: Gazetteer,
    mentions: Sequence[Mention],
    model: dict[str, float] | None = None,
    passes: int = PASSES,
) -> list[list[tuple[Entry, list[float]]]]:
    """For each mention, its candidates with the features of the last pass (for scoring and training).

    A name repeated alike in an article ("Syria" ten times) is worked out once: its candidates and features are
    the same each time."""
    keys = [_key(m) for m in mentions]
    distinct = dict(zip(keys, mentions, strict=True))
    cands_of = {key: candidates(gazetteer, m) for key, m in distinct.items()}
    countries = article_countries(
        [cands_of[k] for k, m in zip(keys, mentions, strict=True) if m.label != WEAK_LABEL]
    )
    top_of = {key: max((e.population for e in cands), default=0) for key, cands in cands_of.items()}
    contained = contained_ids(mentions, [cands_of[key] for key in keys])

    def one_pass(
        neighbours_by_text: dict[str, Entry], pairs: list[set[int]]
    ) -> list[list[tuple[Entry, list[float]]]]:
        rows: dict[tuple, list[tuple[Entry, list[float]]]] = {}
        out = []
        for key, mention, inside in zip(keys, mentions, pairs, strict=True):
            if key in rows and not inside:
                out.append(rows[key])
                continue
            text = mention.text.lower()
            neighbours = [e for other, e in neighbours_by_text.items() if other != text]
            cands = cands_of[key]
            nearest = _nearest_km([e for e in cands if not e.is_country], neighbours)
            row = [
                (
                    e,
                    candidate_features(
                        e, mention, countries, neighbours, top_of[key], nearest.get(e.id), e.id in inside
                    ),
                )
                for e in cands
            ]
            if not inside:
                rows[key] = row
            out.append(row)
        return out

    # Containment waits for the last passes: in the first, it would make "Washington" of "Washington, D.C."
    # a confident neighbour that the article's other "Washington"s are then drawn to.
    table = one_pass({}, [set() for _ in mentions])
    for _ in range(passes - 1):
        # The confident picks of the pass before are the neighbours of the next.
        resolved_by_text: dict[str, Entry] = {}
        for mention, row in zip(mentions, table, strict=True):
            res = _choose(row, model)
            if (
                res.entry is not None
                and (res.score or 0) >= FIRST_PASS_CONFIDENCE
                and mention.label != WEAK_LABEL
            ):
                resolved_by_text.setdefault(mention.text.lower(), res.entry)
        table = one_pass(resolved_by_text, contained)
    return table


def _nearest_km(entries: Sequence[Entry], neighbours: Sequence[Entry]) -> dict[int, float]:
    """`nearest_point_km` of each entry (by id), all at once: one haversine over the entries x points grid."""
    points = [n for n in neighbours if not n.is_country and n.country is not None]
    if not entries or not points:
        return {}
    lat1, lon1 = numpy.radians([[e.lat, e.lon] for e in entries]).T[:, :, None]
    lat2, lon2 = numpy.radians([[n.lat, n.lon] for n in points]).T[:, None, :]
    h = (
        numpy.sin((lat2 - lat1) / 2) ** 2
        + numpy.cos(lat1) * numpy.cos(lat2) * numpy.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * numpy.arcsin(numpy.minimum(1.0, numpy.sqrt(h))).min(axis=1)
    return dict(zip((e.id for e in entries), km.tolist(), strict=True))


def _choose(scored_candidates: list[tuple[Entry, list[float]]], model: dict[str, float] | None) -> Resolution:
    if not scored_candidates:
        return Resolution(None)
    score = _scorer(model or weights())
    scored = sorted(((score(x), e) for e, x in scored_candidates), key=lambda pair: -pair[0])
    best_score, best = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 5.0
    return Resolution(best, round(1 / (1 + math.exp(-margin)), 3))


def _short_forms(
    mentions: Sequence[Mention], table: Sequence[list[tuple[Entry, list[float]]]], chosen: list[Resolution]
) -> None:
    """One sense per article for a division's short name: "Suffolk" in an article that names "Suffolk County"
    is that county, whatever other Suffolk is bigger, when the county is among its candidates (its alternate
    name). A pick near the division stays: "Lagos" beside "Lagos State" is the city in it. Changes `chosen`
    in place."""
    longer: dict[str, Entry] = {}
    for mention, res in zip(mentions, chosen, strict=True):
        words = mention.text.lower().split()
        if res.entry is not None and len(words) > 1 and words[-1] in DIVISION_WORDS:
            longer.setdefault(" ".join(words[:-1]), res.entry)
    if not longer:
        return
    for i, (mention, row) in enumerate(zip(mentions, table, strict=True)):
        entry = longer.get(mention.text.lower())
        picked = chosen[i].entry
        if entry is None or mention.mention not in ("name", "embedded") or picked is None or picked is entry:
            continue
        if distance_km(picked, entry) > NEAR_KM and any(e.id == entry.id for e, _ in row):
            chosen[i] = Resolution(entry, chosen[i].score)


def resolve(
    gazetteer: Gazetteer, mentions: Sequence[Mention], model: dict[str, float] | None = None
) -> list[Resolution]:
    """Resolve all mentions of one article together (see the module docstring)."""
    table = candidate_table(gazetteer, mentions, model)
    chosen = [_choose(row, model) for row in table]
    _short_forms(mentions, table, chosen)
    return chosen
