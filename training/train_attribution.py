"""Train the attribution taggers (cue CRF, role CRF) on PolNeAR train; weights go to the package.

    python training/parse_polnear.py ../shared/data/attribution/polnear/train /tmp/newsclaims-cache/attribution/train.spacy
    python training/train_attribution.py [--split ../shared/data/attribution/polnear/train]
        [--docbin /tmp/newsclaims-cache/attribution/train.spacy] [--out src/newsclaims/models/attribution]

Data: PolNeAR train split only (840 articles; the canonical annotation is the alphabetically first annotator's);
dev is for tuning and the benchmark, test is withheld. The cue tagger's lexicon (`cue_lexicon.json`: how often
each lemma is a cue) is counted here as well, on all of train for the shipped table and, for training, each
article gets the table of the other 4 of 5 folds (`cue_lexicon.fold_lexicons`). The parse must come from
the same spaCy pipeline the extractor uses (`newsclaims.nlp.DEFAULT_MODEL`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pycrfsuite
import spacy
from spacy.tokens import Doc, DocBin

from newsclaims.extract.attribution.cue_features import cue_items
from newsclaims.extract.attribution.cue_lexicon import LEXICON_FILE, CueCounts, CueLexicon, fold_lexicons
from newsclaims.extract.attribution.features import doc_features
from newsclaims.extract.attribution.polnear import GoldArticle, read_split
from newsclaims.extract.attribution.tagger import CUE_MODEL, ROLE_MODEL, role_items, role_window

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = ROOT.parent / "shared/data/attribution/polnear/train"
DEFAULT_DOCBIN = Path("/tmp/newsclaims-cache/attribution/train.spacy")
DEFAULT_OUT = ROOT / "src/newsclaims/models/attribution"


def token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def label_range(labels: list[str], start: int, end: int, role: str, offset: int = 0) -> None:
    """Write BIO labels for token range [start, end) (relative to `offset`) where still `O`."""
    for i in range(max(start, offset), min(end, offset + len(labels))):
        if labels[i - offset] == "O":
            labels[i - offset] = ("B-" if i == start or i == offset else "I-") + role


def gold_cues(doc: Doc, article: GoldArticle) -> list[tuple[int, int]]:
    """The token ranges of an article's gold cues."""
    found = (token_range(doc, *attribution.cue[0]) for attribution in article.attributions)
    return [cue for cue in found if cue is not None]


def cue_lexicons(docs: list[Doc], articles: list[GoldArticle]) -> tuple[list[CueLexicon], CueLexicon]:
    """The cue lexicon each training article sees (counted on the other folds, so that its rates are as
    reliable as on new text), and the lexicon of all the articles, which ships."""
    counts = []
    for doc, article in zip(docs, articles, strict=True):
        features = doc_features(doc)
        article_counts = CueCounts()
        lemmas = [row[0][2:].decode() for row in features.own]
        article_counts.add(lemmas, features.deps, sorted(set(gold_cues(doc, article))))
        counts.append(article_counts)
    return fold_lexicons(counts)


def examples(docs: list[Doc], articles: list[GoldArticle], lexicons: list[CueLexicon] | None = None):
    """Yield ("cue"|"role", items, labels) training sequences; the cue ones only when `lexicons` (each
    article's cue lexicon, from `cue_lexicons`) are given."""
    for k, (doc, article) in enumerate(zip(docs, articles, strict=True)):
        if doc.text != article.text:
            raise ValueError(f"{article.name}: parse does not match the text")
        features = doc_features(doc)
        cue_labels = ["O"] * len(doc)
        gold = []
        for attribution in article.attributions:
            cue = token_range(doc, *attribution.cue[0])
            if cue is None:
                continue
            gold.append((cue, attribution))
            if all(label == "O" for label in cue_labels[cue[0] : cue[1]]):
                label_range(cue_labels, *cue, "CUE")
        if lexicons is not None:
            items = cue_items(features, lexicons[k])
            for start, end in features.sents:
                yield "cue", items[start:end], cue_labels[start:end]
        for cue, attribution in gold:
            window = role_window(features, cue)
            labels = ["O"] * (window[1] - window[0])
            for role, fragments in (("SRC", attribution.source), ("CON", attribution.content)):
                for fragment in fragments:
                    tokens = token_range(doc, *fragment)
                    if tokens is not None:
                        label_range(labels, *tokens, role, offset=window[0])
            yield "role", role_items(features, cue, window), labels


def train(
    split: Path,
    docbin: Path,
    out: Path,
    iterations: int,
    limit: int | None,
    only: str | None,
    cue_c1: float = 3.0,
    role_c1: float = 2.0,
) -> None:
    articles = list(read_split(split))[:limit]
    nlp = spacy.blank("en")
    docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))[: len(articles)]
    trainers = {}
    c1 = {"cue": cue_c1, "role": role_c1}
    for name in ("cue", "role"):
        trainer = pycrfsuite.Trainer(verbose=False)
        trainer.set_params({"c1": c1[name], "c2": 0.01, "max_iterations": iterations, "feature.minfreq": 2})
        trainers[name] = trainer
    started = time.time()
    lexicons = None
    if only != "role":
        lexicons, lexicon = cue_lexicons(docs, articles)
        out.mkdir(parents=True, exist_ok=True)
        (out / LEXICON_FILE).write_text(lexicon.to_json(), encoding="utf-8")
    counts = {"cue": 0, "role": 0}
    for name, items, labels in examples(docs, articles, lexicons):
        if only and name != only:
            continue
        trainers[name].append(items, labels)
        counts[name] += 1
    print(f"features built in {time.time() - started:.0f}s: {counts}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    for name, filename in (("cue", CUE_MODEL), ("role", ROLE_MODEL)):
        if only and name != only:
            continue
        started = time.time()
        trainers[name].train(str(out / filename))
        print(f"{name} trained in {time.time() - started:.0f}s", file=sys.stderr)


def polnear_training_parser(description: str) -> argparse.ArgumentParser:
    """Arguments of the scripts that train attribution models on PolNeAR: `--split` (the gold folder),
    `--docbin` (its cached parse) and `--out` (the package's model folder)."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--docbin", type=Path, default=DEFAULT_DOCBIN)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser


def main() -> None:
    parser = polnear_training_parser(__doc__)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--only", choices=("cue", "role"), default=None, help="train one tagger only")
    parser.add_argument(
        "--cue-c1",
        type=float,
        default=3.0,
        help="L1 weight of the cue CRF (sparser = smaller; dev cue exact F1 with the cue-only features: "
        "c1 0.5 0.718, 2 0.727, 3 0.732, 4 0.723)",
    )
    parser.add_argument("--role-c1", type=float, default=2.0, help="L1 weight of the role CRF")
    parser.add_argument("--limit", type=int, default=None, help="train on the first N articles only")
    args = parser.parse_args()
    train(
        args.split, args.docbin, args.out, args.iterations, args.limit, args.only, args.cue_c1, args.role_c1
    )


if __name__ == "__main__":
    main()
