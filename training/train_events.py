"""Train the event classifiers shipped in src/newsclaims/models/events/ (acled.json, plover.json).

    .venv/bin/python training/train_events.py [--data ../shared/data/events] [--out src/newsclaims/models/events]

Training material (never the measuring sets CASE 2021 task 2 or PLOVER GSR):
- `training/event_seed_sentences.py`: sentences written for this project from ACLED's codebook, all classes;
- PLOVER zero-shot train (`plover_zsp_plv/PLV_train.tsv`): PLOVER roots (YIELD split into CONCEDE/RETREAT);
- NGEC synthetic PLOVER stories (title + first two sentences): PLOVER roots, and ACLED sub-types by label+mode;
- IndiaPoliceEvents sentences: ARREST -> Arrests / COERCE, KILL or FORCE -> ASSAULT, unlabelled -> no event.
Parses are cached as spaCy DocBins under /tmp/newsclaims-cache/events/. The fit is deterministic (fixed seeds);
a 15% stratified hold-out of the pool reports dev accuracy before the final fit on everything.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "src"))

from event_seed_sentences import seed_sentences  # noqa: E402

from newsclaims import nlp as nlp_module  # noqa: E402
from newsclaims.extract.event_features import text_features  # noqa: E402
from newsclaims.extract.event_model import LinearModel  # noqa: E402
from newsclaims.extract.event_types import NO_EVENT, SUBTYPE_TO_PLOVER  # noqa: E402

CACHE = Path("/tmp/newsclaims-cache/events")

SYNTHETIC_TO_SUBTYPE: dict[tuple[str, str], str] = {
    ("ASSAULT", "AERIAL"): "Air/drone strike",
    ("ASSAULT", "DRONE"): "Air/drone strike",
    ("ASSAULT", "SUICIDE-ATTACK"): "Suicide bomb",
    ("ASSAULT", "EXPLOSIVES"): "Remote explosive/landmine/IED",
    ("ASSAULT", "ABDUCT"): "Abduction/forced disappearance",
    ("ASSAULT", "SEXUAL"): "Sexual violence",
    ("ASSAULT", "BEAT"): "Attack",
    ("ASSAULT", "TORTURE"): "Attack",
    ("ASSAULT", "EXECUTE"): "Attack",
    ("ASSAULT", "ASSASSINATE"): "Attack",
    ("ASSAULT", "CROWD-CONTROL"): "Excessive force against protesters",
    ("ASSAULT", "DESTROY"): "Looting/property destruction",
    ("PROTEST", "RIOT"): "Violent demonstration",
    ("PROTEST", "DEMO"): "Peaceful protest",
    ("PROTEST", "STRIKE"): "Peaceful protest",
    ("PROTEST", "HUNGER"): "Peaceful protest",
    ("PROTEST", "BOYCOTT"): "Peaceful protest",
    ("PROTEST", "OBSTRUCT"): "Peaceful protest",
    ("PROTEST", ""): "Peaceful protest",
    ("COERCE", "ARREST"): "Arrests",
    ("MOBILIZE", "MILITIA"): "Change to group/activity",
    ("MOBILIZE", "POLICE"): "Change to group/activity",
    ("MOBILIZE", ""): "Change to group/activity",
    ("RETREAT", "WITHDRAW"): "Change to group/activity",
    ("RETREAT", "CEASEFIRE"): "Agreement",
    ("AGREE", ""): "Agreement",
    ("CONSULT", ""): "Diplomatic event",
    ("CONSULT", "VISIT"): "Diplomatic event",
    ("CONSULT", "MULTILATERAL"): "Diplomatic event",
    ("CONSULT", "PHONE"): "Diplomatic event",
    ("SANCTION", "WITHDRAW"): "Diplomatic event",
    ("SANCTION", "EXPEL"): "Diplomatic event",
    ("SANCTION", ""): "Diplomatic event",
    ("THREATEN", "EXPEL"): "Diplomatic event",
}
"""NGEC synthetic (label, mode) -> ACLED sub-type, where the pair is unambiguous; other pairs train PLOVER only."""

PLV_WEIGHT = 3.0

RETREAT_WORDS = frozenset(
    "withdraw withdrawal retreat pull surrender resign release free ceasefire truce disarm demobilize "
    "evacuate return lift open".split()
)


def yield_root(sentence: str) -> str:
    """PLV's merged YIELD label split into the 2021 roots: RETREAT for withdrawals and releases, else CONCEDE."""
    words = {w.strip(".,;:'\"").lower() for w in sentence.split()}
    stems = {w[:6] for w in words}
    return "RETREAT" if any(r[:6] in stems for r in RETREAT_WORDS) else "CONCEDE"


def parse_cached(name: str, texts: list[str]):
    """Parse texts once (cached DocBin keyed by name and count)."""
    nlp = nlp_module.load()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{len(texts)}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    print(f"parsing {name}: {len(texts)} texts", file=sys.stderr)
    docs = list(nlp.pipe(texts, batch_size=64))
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def lead(text: str, title: str = "", max_chars: int = 450) -> str:
    """Title and the first sentences of a story, cut at a sentence end near `max_chars`."""
    body = text.replace("\n", " ").strip()
    cut = body[:max_chars]
    if "." in cut[100:]:
        cut = cut[: cut.rindex(".") + 1]
    return f"{title.strip()}. {cut}" if title.strip() else cut


def load_pool(data: Path) -> tuple[list[tuple], list[tuple]]:
    """(features, label[, weight]) examples for the ACLED model and for the PLOVER model."""
    acled: list[tuple] = []
    plover: list[tuple] = []

    seeds = seed_sentences()
    for doc, (_, label) in zip(parse_cached("seeds", [s for s, _ in seeds]), seeds, strict=True):
        feats = text_features(doc, 2)
        acled.append((feats, label))
        root = SUBTYPE_TO_PLOVER.get(label)
        if root:
            plover.append((feats, root))

    with open(data / "plover_zsp_plv" / "PLV_train.tsv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r.get("gold_root")]
    for doc, row in zip(parse_cached("plv", [r["sentence"] for r in rows]), rows, strict=True):
        root = row["gold_root"]
        root = yield_root(row["sentence"]) if root == "YIELD" else root
        # The PLV sentences are news sentences coded CAMEO-style; they weigh more than the synthetic stories.
        plover.append((text_features(doc, 1), root, PLV_WEIGHT))

    with open(data / "ngec_synthetic_plover" / "gpt_synthetic_events_2023-10-19_19.csv", newline="") as fh:
        stories = list(csv.DictReader(fh))
    texts = [lead(s["text"]) for s in stories]
    for doc, story in zip(parse_cached("synthetic", texts), stories, strict=True):
        feats = text_features(doc, 2)
        plover.append((feats, story["label"]))
        subtype = SYNTHETIC_TO_SUBTYPE.get((story["label"], story["mode"]))
        if subtype:
            acled.append((feats, subtype))

    rng = random.Random(7)
    with open(data / "india_police_events" / "sents.jsonl", encoding="utf-8") as fh:
        sents = [json.loads(line) for line in fh]
    labelled = [s for s in sents if s["sent_labels"] and len(s["sent_text"]) > 30]
    unlabelled = [s for s in sents if not s["sent_labels"] and len(s["sent_text"]) > 40]
    picked = labelled + rng.sample(unlabelled, 700)
    for doc, sent in zip(parse_cached("india", [s["sent_text"] for s in picked]), picked, strict=True):
        labels = set(sent["sent_labels"])
        feats = text_features(doc, 1)
        if "ARREST" in labels:
            acled.append((feats, "Arrests"))
            plover.append((feats, "COERCE"))
        elif labels & {"KILL", "FORCE"}:
            plover.append((feats, "ASSAULT"))
        elif not labels:
            acled.append((feats, NO_EVENT))
    return acled, plover


def fit(examples: list[tuple], name: str, c: float, min_df: int = 2) -> tuple[LinearModel, float]:
    """Fit a balanced multinomial logistic regression; return the model (pruned) and hold-out accuracy."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split

    examples = [e if len(e) == 3 else (*e, 1.0) for e in examples]
    df = Counter(f for feats, *_ in examples for f in feats)
    xs = [{f: v for f, v in feats.items() if df[f] >= min_df} for feats, *_ in examples]
    ys = [label for _, label, _ in examples]
    weights = np.array([w for *_, w in examples])
    vec = DictVectorizer()
    matrix = vec.fit_transform(xs)

    def model(rows):
        clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=0)
        return clf.fit(matrix[rows], [ys[i] for i in rows], sample_weight=weights[rows])

    tr, dv = train_test_split(list(range(len(ys))), test_size=0.15, random_state=0, stratify=ys)
    held = model(tr)
    dev_acc = float((held.predict(matrix[dv]) == [ys[i] for i in dv]).mean())

    clf = model(list(range(len(ys))))
    names = vec.get_feature_names_out()
    weights: dict[str, dict[int, float]] = {}
    for j, feature in enumerate(names):
        row = {i: float(clf.coef_[i, j]) for i in range(len(clf.classes_)) if abs(clf.coef_[i, j]) >= 0.02}
        if row:
            weights[str(feature)] = row
    linear = LinearModel(
        name, tuple(str(c) for c in clf.classes_), tuple(float(b) for b in clf.intercept_), weights
    )
    return linear, dev_acc


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "events")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "newsclaims" / "models" / "events")
    parser.add_argument("--c-acled", type=float, default=1.0)
    parser.add_argument("--c-plover", type=float, default=1.0)
    args = parser.parse_args()

    acled, plover = load_pool(args.data)
    print("acled labels:", Counter(e[1] for e in acled).most_common(), file=sys.stderr)
    print("plover labels:", Counter(e[1] for e in plover).most_common(), file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    report = {}
    for name, examples, c in (("acled", acled, args.c_acled), ("plover", plover, args.c_plover)):
        model, dev_acc = fit(examples, name, c)
        (args.out / f"{name}.json").write_text(model.to_json(), encoding="utf-8")
        report[name] = {
            "examples": len(examples),
            "features": len(model.weights),
            "dev_accuracy": round(dev_acc, 3),
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
