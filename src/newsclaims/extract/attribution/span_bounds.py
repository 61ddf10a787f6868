"""Where a statement's content ends, and which of its fragments belong: small linear models over the parse.

The role tagger labels tokens one by one, and its content sometimes runs on past the reported clause ("said
the plan was dead, although ..."), stops one clause short, or takes in a phrase that hangs off the cue ("...
while moving along the street"). Here each content fragment is looked at whole:

- `keep`: a fragment of a cue with several is kept or dropped, from how it hangs off the cue in the parse
  (its head's relation, side, sentence, quotation, size);
- `end`: the fragment's end is chosen among the places a clause can end in its sentence (punctuation, the
  start of a dependency branch, the tagger's own end), each scored by what the token before and after the cut
  are and where they attach: inside the content (a relative clause: keep going), to the cue ("on Twitter"),
  or higher up ("..., although ..."); `source_end` does the same for a tagged source (`span_sources`);
- a rule from PolNeAR train's conventions: content never holds a later cue that hangs off its cue by `conj`
  or `advcl` ("said A and accused B", "said A, adding B"): `without_sibling_cues`.

The models are logistic regressions trained on PolNeAR train by `training/train_span_bounds.py` on the
fragments the shipped taggers produce; the weights are a small JSON file in `newsclaims/models/attribution/`.
On PolNeAR dev (exact-span F1 content; J>=0.5 content): keep 0.5860 -> 0.5890, end 0.5890 -> 0.5904, J 0.7063
-> 0.7092; sibling cues 0.5924 -> 0.5934, J 0.7097 -> 0.7112. The tagger's ends are already right for 0.89
of the fragments whose cue is right, and PolNeAR's conventions vary there (where the tagger runs a fragment
over a phrase on the cue, "attacked X in a tweet", train's gold keeps it 658 times, cuts it 120), so the end
model rarely overrules the tagger.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from itertools import repeat
from pathlib import Path

from newsclaims.extract.attribution.features import DocFeatures

TokenRange = tuple[int, int]
Weights = dict[str, float]
MODEL_PACKAGE = "newsclaims.models.attribution"
MODEL_FILE = "span_bounds.json"
KEEP_THRESHOLD = 0.5
"""A fragment whose keep probability falls below this is dropped (never the last one)."""
END_MARGIN = 0.0
"""A new end must outscore the tagger's own end by this much."""
MAX_SHIFT = 60
"""Ends are looked for at most this many tokens either side of the tagger's (a run-on "sentence" of
thousands of tokens must not make each of its cues scan all of it)."""
_CLOSED_POS = frozenset(("PUNCT", "CCONJ", "SCONJ", "ADP", "PART", "ADV", "DET", "PRON", "AUX"))
_OPEN_MARKS = frozenset(("“", '"', "«", "``", "''", "‘"))
_CLOSE_MARKS = frozenset(("”", '"', "»", "''", "’"))


def pos_of(features: DocFeatures, i: int) -> str:
    """The token's coarse part of speech ("NOUN", "PUNCT")."""
    return features.own[i][1][2:].decode()


def attachment(features: DocFeatures, i: int, lo: int, hi: int) -> tuple[int, int]:
    """The head outside [lo, hi) that token `i` hangs from (-1 at the root), and the branch token under it."""
    path = features.paths[i]
    branch = i
    for t in path[1:]:
        if t < lo or t >= hi:
            return t, branch
        branch = t
    return -1, branch


def entity_of(features: DocFeatures, i: int) -> str:
    """The token's entity type ("DATE", "PERSON"), or "-"."""
    return next((f[2:].decode() for f in features.own[i][9:] if f.startswith(b"e=")), "-")


def attached_where(head: int, fragment: TokenRange, cue: TokenRange) -> str:
    """Where a head lies: "in" the fragment, in the "cue", elsewhere ("out"), or nowhere ("root")."""
    if head == -1:
        return "root"
    if fragment[0] <= head < fragment[1]:
        return "in"
    if cue[0] <= head < cue[1]:
        return "cue"
    return "out"


def offset_bucket(distance: int) -> str:
    """A signed distance in tokens as a feature value: exact up to 3, then "mid" (10) or "far"."""
    if -3 <= distance <= 3:
        return str(distance)
    size = "mid" if abs(distance) <= 10 else "far"
    return ("-" if distance < 0 else "+") + size


def word_of(features: DocFeatures, i: int, pos: str) -> str:
    """The word itself for closed-class tokens (punctuation, conjunctions), else its part of speech."""
    return features.texts[i].lower() if pos in _CLOSED_POS else pos


def end_limit(features: DocFeatures, fragment: TokenRange, cue: TokenRange, others: list[TokenRange]) -> int:
    """How far right the fragment may end: its last sentence's end less whitespace and an unquoted full
    stop, and never into the cue or another fragment that follows it."""
    texts = features.texts
    start, end = fragment
    limit = features.sents[features.sent_index[end - 1]][1]
    while limit > end and texts[limit - 1].isspace():
        limit -= 1
    if limit > end and texts[limit - 1] == "." and not features.in_quote[limit - 1]:
        limit -= 1
    if start < cue[0]:
        limit = min(limit, cue[0])
    for other_start, _other_end in others:
        if other_start >= end:
            limit = min(limit, other_start)
    return max(limit, end)


def inside_quote(features: DocFeatures, k: int) -> bool:
    """Whether a cut before token `k` falls strictly inside a quotation."""
    region = features.quote_region[k - 1]
    if region == -1:
        return False
    start, end = features.regions[region]
    return start < k < end


def end_candidates(
    features: DocFeatures, fragment: TokenRange, cue: TokenRange, others: list[TokenRange]
) -> list[int]:
    """The places the fragment could end (exclusive token indices): its own end, its limit, and the cuts
    before punctuation or before a token that opens a dependency branch, in its last sentence."""
    start, end = fragment
    limit = end_limit(features, fragment, cue, others)
    first = max(start + 1, features.sents[features.sent_index[end - 1]][0] + 1, end - MAX_SHIFT)
    limit = min(limit, end + MAX_SHIFT)
    texts, left_edge = features.texts, features.left_edge
    found = {end}
    for k in range(first, limit + 1):
        if texts[k - 1].isspace() or inside_quote(features, k):
            continue
        if k == limit:
            found.add(k)
            continue
        _head, branch = attachment(features, k, k, limit)
        if left_edge[branch] == k or features.own[k][1] == b"p=PUNCT":
            found.add(k)
    return sorted(found)


def end_features(
    features: DocFeatures, fragment: TokenRange, cue: TokenRange, k: int, limit: int
) -> list[str]:
    """What says a fragment starting at `fragment[0]` ends before token `k` (its own end is `fragment[1]`)."""
    start, end = fragment
    texts = features.texts
    offset = offset_bucket(k - end)
    side = "L" if end <= cue[0] else "R"
    result = ["bias", "off=" + offset, "side=" + side]
    if k == end:
        result.append("orig")
    last_pos = pos_of(features, k - 1)
    last_word = word_of(features, k - 1, last_pos)
    head, branch = attachment(features, k - 1, start, k)
    last_where = attached_where(head, (start, k), cue)
    last_clean = features.right_edge[branch] == k - 1
    result += [
        "lp=" + last_pos,
        "lw=" + last_word,
        "la=" + last_where + "|" + features.deps[branch],
        "lc=" + str(last_clean),
        "le=" + entity_of(features, k - 1),
    ]
    if texts[k - 1] in _CLOSE_MARKS and features.quote_region[k - 1] != -1:
        result.append("lq")
    if k >= limit:
        result += ["eos", "eos|" + offset]
        return result
    next_pos = pos_of(features, k)
    next_word = word_of(features, k, next_pos)
    head, branch = attachment(features, k, k, limit)
    where = attached_where(head, (start, k), cue)
    dep = features.deps[branch]
    clean = features.left_edge[branch] == k
    result += [
        "np=" + next_pos,
        "nw=" + next_word,
        "na=" + where + "|" + dep,
        "nc=" + str(clean),
        "nwa=" + next_word + "|" + where + "|" + dep,
        "lw|nw=" + last_word + "|" + next_word,
        "off|nw=" + offset + "|" + next_word,
        "off|na=" + offset + "|" + where + "|" + dep,
        "ne=" + entity_of(features, k),
        "le|ne=" + entity_of(features, k - 1) + "|" + entity_of(features, k),
    ]
    if features.quote_region[k] != -1:
        result.append("nq")
    if texts[start] in _OPEN_MARKS:
        result.append("qstart|nw=" + next_word)
    return result


def keep_features(
    features: DocFeatures, fragment: TokenRange, cue: TokenRange, contents: list[TokenRange]
) -> list[str]:
    """What says a fragment belongs to the statement of `cue`, among `contents` (two or more)."""
    start, end = fragment
    texts = features.texts
    side = "L" if end <= cue[0] else "R"
    # The fragment's head: its first token whose head lies outside it.
    head, branch = -1, start
    for i in range(start, end):
        h, b = attachment(features, i, start, end)
        if h != -1 or b != i:
            head, branch = h, b
            break
    where = attached_where(head, fragment, cue)
    dep = features.deps[branch]
    quoted = texts[start] in _OPEN_MARKS or features.quote_region[start] != -1
    gap = cue[0] - end if side == "L" else start - cue[1]
    same_sentence = features.sent_index[start] == features.sent_index[cue[0]]
    size = end - start
    others_quoted = any(
        texts[s] in _OPEN_MARKS or features.quote_region[s] != -1 for s, _e in contents if s != start
    )
    rank = sorted(contents).index(fragment)
    return [
        "bias",
        "side=" + side,
        "a=" + where + "|" + dep,
        "a|side=" + where + "|" + dep + "|" + side,
        "q=" + str(quoted),
        "oq=" + str(others_quoted),
        "q|oq=" + str(quoted) + str(others_quoted),
        "gap=" + offset_bucket(gap),
        "ss=" + str(same_sentence),
        "size=" + offset_bucket(size),
        "n=" + str(min(len(contents), 4)),
        "rank=" + str(min(rank, 3)) + side,
        "first=" + word_of(features, start, pos_of(features, start)),
        "q|a=" + str(quoted) + "|" + where + "|" + dep,
    ]


def score(weights: Weights, names: list[str]) -> float:
    """The linear score of a feature list."""
    return sum(map(weights.get, names, repeat(0.0)))


def best_end(
    weights: Weights, features: DocFeatures, fragment: TokenRange, cue: TokenRange, others: list[TokenRange]
) -> int:
    """The best-scoring end of a fragment (its own end unless another beats it by `END_MARGIN`)."""
    start, end = fragment
    limit = end_limit(features, fragment, cue, others)
    best, best_score = end, score(weights, end_features(features, fragment, cue, end, limit)) + END_MARGIN
    for k in end_candidates(features, fragment, cue, others):
        if k == end:
            continue
        value = score(weights, end_features(features, fragment, cue, k, limit))
        if value > best_score:
            best, best_score = k, value
    return best


def refine_contents(
    features: DocFeatures,
    cue: TokenRange,
    contents: list[TokenRange],
    model: dict[str, Weights] | None = None,
) -> list[TokenRange]:
    """Content fragments with those that do not belong dropped and each one's end re-chosen."""
    if model is None:
        model = load_model()
        if model is None:
            return contents
    if len(contents) > 1:
        kept = [
            fragment
            for fragment in contents
            if 1 / (1 + math.exp(-score(model["keep"], keep_features(features, fragment, cue, contents))))
            >= KEEP_THRESHOLD
        ]
        contents = kept or contents
    refined = []
    for fragment in contents:
        others = [f for f in contents if f != fragment]
        refined.append((fragment[0], best_end(model["end"], features, fragment, cue, others)))
    return refined


def model_path() -> Path:
    """Where the shipped weights live."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(MODEL_FILE)))


@cache
def load_model() -> dict[str, Weights] | None:
    """The shipped weights (`{"end": {...}, "keep": {...}}`), or None when missing."""
    path = model_path()
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


SIBLING_CUE_DEPS = frozenset(("conj", "advcl"))
"""How a second cue hangs off the first in "X said A and accused B", "X said A, adding B". PolNeAR train never
puts such a cue inside the first one's content (533 conj, 594 advcl; none inside)."""
_JOINERS = frozenset(("CCONJ", "PUNCT", "SPACE"))


def sibling_cues(features: DocFeatures, cue_roots: set[int]) -> dict[int, list[int]]:
    """The root tokens of cues that hang off another token by `conj` or `advcl`, by that token (built once
    per Doc, so that each cue looks its siblings up at once)."""
    deps, paths = features.deps, features.paths
    siblings: dict[int, list[int]] = {}
    for root in cue_roots:
        if len(paths[root]) > 1 and deps[root] in SIBLING_CUE_DEPS:
            siblings.setdefault(paths[root][1], []).append(root)
    return siblings


def without_sibling_cues(
    features: DocFeatures, cue_root: int, contents: list[TokenRange], siblings: dict[int, list[int]]
) -> list[TokenRange]:
    """Content fragments cut before the branch of a later cue that hangs off this cue's root by `conj` or
    `advcl` (with the "and" or comma before it); a fragment inside such a branch is dropped (never all).
    `siblings` is `sibling_cues` of the Doc's cue roots."""
    left_edge = features.left_edge
    siblings = [root for root in siblings.get(cue_root, ()) if root > cue_root]
    if not siblings:
        return contents
    cut_contents = []
    for start, end in contents:
        for root in siblings:
            branch_start = left_edge[root]
            if start < branch_start < end or (branch_start <= start and root < end and start <= root):
                end = branch_start
        while end > start and features.own[end - 1][1][2:].decode() in _JOINERS:
            end -= 1
        if end > start:
            cut_contents.append((start, end))
    return cut_contents or contents
