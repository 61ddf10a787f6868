"""Train the span models of `newsclaims.extract.attribution.span_bounds` on PolNeAR train.

    python training/train_span_bounds.py [--split ../shared/data/attribution/polnear/train]
        [--docbin /tmp/newsclaims-cache/attribution/train.spacy] [--out src/newsclaims/models/attribution]

Data: PolNeAR train split only (canonical annotator = the alphabetically first); dev is for tuning. The
fragments are those the shipped taggers and rules produce on train (so the cue and role taggers must be
trained first); each fragment of a cue that matches a gold cue exactly gives
- `keep` examples: the fragment belongs (half its characters or more are gold content of that cue) or not,
  for cues with several fragments;
- `end` examples: each candidate end of the fragment, positive when it is the gold fragment's end;
- `source_end` examples: each candidate end of the tagged source, positive when it is the gold source's end.
All are L2 logistic regressions (scikit-learn, at training time only); the weights go to a JSON file.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin

# The same split, parse and model folder as the taggers, whose output these models learn from.
from train_attribution import polnear_training_parser

from newsclaims.analysis import Analysis
from newsclaims.extract import run_all, statements
from newsclaims.extract.attribution import span_bounds
from newsclaims.extract.attribution.polnear import read_split
from newsclaims.pipeline import as_article


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


Rows = list[tuple[list[str], int, int]]
"""(feature names, label, group): the candidates of one fragment or source share a group."""


def _chars(doc, tokens: tuple[int, int]) -> tuple[int, int]:
    return doc[tokens[0]].idx, doc[tokens[1] - 1].idx + len(doc[tokens[1] - 1])


def collect(split: Path, docbin: Path, limit: int | None) -> dict[str, Rows]:
    """Training rows `(features, label, group)` for each model ("keep", "end", "source_end"): the
    fragments and sources the shipped taggers give the cues of `split` that match a gold cue exactly."""
    articles = list(read_split(split))[:limit]
    nlp = spacy.blank("en")
    docs = DocBin().from_disk(docbin).get_docs(nlp.vocab)
    rows: dict[str, Rows] = {"keep": [], "end": [], "source_end": []}
    counts = {"fragments": 0, "ends covered": 0, "sources": 0, "source ends covered": 0}
    state: dict = {"group": 0}

    def gold_of(features, cue):
        doc, text = features.doc, state["text"]
        return state["gold"].get(_trimmed(text, *_chars(doc, cue)))

    def ranked(name: str, candidates: list[int], gold: int | None, features_of) -> bool:
        if gold not in candidates:
            return False
        state["group"] += 1
        rows[name].extend((features_of(k), int(k == gold), state["group"]) for k in candidates)
        return True

    def record_contents(features, cue, contents, model=None):
        gold = gold_of(features, cue)
        if gold is None or not gold[1]:
            return contents
        doc, text = features.doc, state["text"]
        gold_chars = {i for a, b in gold[1] for i in range(a, b)}
        if len(contents) > 1:
            for fragment in contents:
                span = range(*_chars(doc, fragment))
                inside = sum(1 for i in span if i in gold_chars)
                names = span_bounds.keep_features(features, fragment, cue, contents)
                state["group"] += 1
                rows["keep"].append((names, int(inside * 2 >= len(span)), state["group"]))
        for fragment in contents:
            span = set(range(*_chars(doc, fragment)))
            best = max(gold[1], key=lambda g: len(span.intersection(range(*g))))
            if not span.intersection(range(*best)):
                continue
            others = [f for f in contents if f != fragment]
            limit_ = span_bounds.end_limit(features, fragment, cue, others)
            counts["fragments"] += 1
            counts["ends covered"] += ranked(
                "end",
                span_bounds.end_candidates(features, fragment, cue, others),
                state["ends"].get(_trimmed(text, *best)[1]),
                lambda k, fragment=fragment, limit_=limit_: span_bounds.end_features(
                    features, fragment, cue, k, limit_
                ),
            )
        return contents

    def record_source(features, cue, source, model=None):
        gold = gold_of(features, cue)
        if gold is None or not gold[0]:
            return source
        text = state["text"]
        _gold_start, gold_end = _trimmed(text, gold[0][0][0], gold[0][-1][1])
        counts["sources"] += 1
        limit_ = span_bounds.end_limit(features, source, cue, [])
        end = state["ends"].get(gold_end)
        counts["source ends covered"] += ranked(
            "source_end",
            span_bounds.end_candidates(features, source, cue, []),
            end,
            lambda k: span_bounds.end_features(features, source, cue, k, limit_),
        )
        return source

    hooks = {"refine_contents": record_contents, "refine_source": record_source}
    originals = {name: getattr(statements, name) for name in hooks}
    for name, hook in hooks.items():
        setattr(statements, name, hook)
    try:
        for n, (article, doc) in enumerate(zip(articles, docs, strict=False), 1):
            if doc.text != article.text:
                raise ValueError(f"{article.name}: parse does not match the text")
            state["text"] = article.text
            state["ends"] = {t.idx + len(t): t.i + 1 for t in doc}
            state["gold"] = {
                _trimmed(article.text, *a.cue[0]): (a.source, a.content)
                for a in article.attributions
                if len(a.cue) == 1
            }
            run_all(doc, Analysis(article=as_article(article.text)), ("entities", "statements"))
            if n % 100 == 0:
                print(f"{n}/{len(articles)}", file=sys.stderr)
    finally:
        for name, original in originals.items():
            setattr(statements, name, original)
    print(f"{counts}; rows: { {name: len(r) for name, r in rows.items()} }", file=sys.stderr)
    return rows


def fit(rows: Rows, c: float, min_count: int = 2) -> dict[str, float]:
    """L2 logistic regression over binary features; the weights by feature name (no intercept: "bias")."""
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for names, _label, _group in rows for name in set(names))
    vocabulary = {name: k for k, name in enumerate(sorted(n for n, m in counts.items() if m >= min_count))}
    indptr, indices = [0], []
    for names, _label, _group in rows:
        indices.extend(sorted({vocabulary[n] for n in names if n in vocabulary}))
        indptr.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocabulary)))
    labels = np.array([label for _names, label, _group in rows])
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
    model.fit(matrix, labels)
    names = sorted(vocabulary, key=vocabulary.get)
    return {name: round(float(w), 4) for name, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-3}


def main() -> None:
    parser = polnear_training_parser(__doc__)
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 weight of the models")
    parser.add_argument("--limit", type=int, default=None, help="the first N articles only")
    args = parser.parse_args()
    started = time.time()
    rows = collect(args.split, args.docbin, args.limit)
    print(f"collected in {time.time() - started:.0f}s", file=sys.stderr)
    model = {name: fit(name_rows, args.c) for name, name_rows in rows.items()}
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / span_bounds.MODEL_FILE
    path.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {path}: { {name: len(w) for name, w in model.items()} } weights", file=sys.stderr)


if __name__ == "__main__":
    main()
