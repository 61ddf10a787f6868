"""The two trained attribution taggers (CRFsuite): cues per sentence, then source and content per cue.

The cue tagger labels each sentence's tokens `B-CUE`/`I-CUE`/`O` from the shared token features plus its
own (`cue_features`: how often the word is a cue in PolNeAR train, the verb's frame). For each cue found,
the role tagger labels a window around it (the cue's sentence, widened over quotations that run past it) `B-SRC`/`I-SRC`/`B-CON`/`I-CON`/`O`, using
each token's own features, its neighbours' lemmas and tags (`neighbour_context`; on PolNeAR dev they raised
content exact-span F1 0.569 -> 0.586, J>=0.5 with source and cue 0.662 -> 0.667) plus how it hangs off the cue
in the parse. Trained by `training/train_attribution.py`
on PolNeAR train; the weights ship in `newsclaims/models/attribution/`.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from importlib import resources
from pathlib import Path

from newsclaims.extract.attribution import relations
from newsclaims.extract.attribution.cue_features import cue_items
from newsclaims.extract.attribution.features import DocFeatures, encoded_row
from newsclaims.extract.attribution.relations import adjacent_quotes, cue_root

MAX_EXTRA_SENTS = 3
MAX_ROLE_REACH = 250
"""The role tagger sees at most this many tokens each side of a cue. A run-on "sentence" of thousands of
tokens (a list of quotes the parser never split) would otherwise be tagged whole once per cue in it."""
CUE_BEGIN_THRESHOLD = 0.5
"""A token the Viterbi path left outside every cue opens one when its `B-CUE` marginal reaches this; 0.5
(the Viterbi's own cut) turns the search off. Tuned on PolNeAR dev: lower thresholds trade precision for
recall one for one (0.4: cue exact F1 0.712 against 0.717, source 0.747 against 0.745; 0.3: cue 0.700; 0.2:
cue 0.666, recall 0.72), so the search is off until a better cue model makes its marginals sharper."""
CUE_INSIDE_THRESHOLD = 0.3
"""A marginal-found cue runs on over tokens whose `I-CUE` marginal reaches this (best of 0.5/0.3 on dev)."""
ROLE_MARGINAL_THRESHOLD = {"CON": 0.2, "SRC": 0.2}
"""When the role tagger's Viterbi path gives a cue no content (or no source), the tokens whose marginal for
that role (B- plus I-) reaches this become it. Tuned on PolNeAR dev over 0.05-0.5: 0.2 for both raised
exact-span F1 source 0.736 -> 0.745, cue 0.710 -> 0.717 (cues kept that were dropped for want of
content), J>=0.5 content with source and cue 0.627 -> 0.644, content exact 0.536 -> 0.534."""
_OPENING_MARKS = frozenset(("“", '"', "«", "``", "''"))
MODEL_PACKAGE = "newsclaims.models.attribution"
CUE_MODEL = "cue.crfsuite"
ROLE_MODEL = "role.crfsuite"

TokenRange = tuple[int, int]


@dataclasses.dataclass
class TaggedAttribution:
    """One attribution as token ranges of the Doc: cue, source segments, content segments, with a score."""

    cue: TokenRange
    sources: list[TokenRange]
    contents: list[TokenRange]
    score: float = 1.0
    ruled: bool = False
    """Found by a rule, not the tagger: its spans are final."""


def bio_segments(labels: list[str], offset: int = 0) -> dict[str, list[TokenRange]]:
    """Token ranges per role from BIO labels (an `I-` after another role opens a new segment).

    >>> bio_segments(["O", "B-SRC", "I-SRC", "O", "I-CON"])
    {'SRC': [(1, 3)], 'CON': [(4, 5)]}
    """
    segments: dict[str, list[TokenRange]] = {}
    if labels.count("O") == len(labels):  # most sentences have no cue
        return segments
    current: str | None = None
    start = 0
    for i, label in enumerate(labels + ["O"]):
        role = label[2:] if label != "O" else None
        if current is not None and (role != current or label.startswith("B-")):
            segments.setdefault(current, []).append((offset + start, offset + i))
            current = None
        if role is not None and current is None:
            current, start = role, i
    return segments


def _last_word(features: DocFeatures, k: int) -> int:
    start, end = features.sents[k]
    texts = features.texts
    tail = end - 1
    while tail > start and texts[tail].isspace():
        tail -= 1
    return tail


def _words(features: DocFeatures, k: int) -> int:
    start, end = features.sents[k]
    return sum(1 for text in features.texts[start:end] if not text.isspace())


def role_window(features: DocFeatures, cue: TokenRange) -> TokenRange:
    """The tokens the role tagger sees for a cue: its sentence, widened where content runs past it.

    Content outside the cue's sentence is nearly always a quotation running over sentences ("“A. B,” he
    said", "he said: “A. B.”", "“A,” he said. “B.”") or a sentence the parser split too early; a short
    sentence ("he asks.") also takes the one before. At most `MAX_EXTRA_SENTS` more each way.
    """
    sents, regions, region_of, texts = features.sents, features.regions, features.quote_region, features.texts
    first = features.sent_index[cue[0]]
    last = features.sent_index[cue[1] - 1]
    if first > 0 and _words(features, first) <= 5:
        first -= 1
    for _ in range(MAX_EXTRA_SENTS):
        start = sents[first][0]
        if first == 0 or region_of[start] == -1 or regions[region_of[start]][0] >= start:
            break
        first -= 1
    for _ in range(MAX_EXTRA_SENTS):
        if last + 1 >= len(sents):
            break
        end = sents[last][1]
        tail = _last_word(features, last)
        running = region_of[tail] != -1 and regions[region_of[tail]][1] > end
        unfinished = texts[tail] not in (".", "!", "?", "”", '"', "''", "’", "»")
        next_start = sents[last + 1][0]
        next_quote = region_of[next_start] != -1 and texts[next_start] in _OPENING_MARKS
        if not (running or unfinished or (next_quote and tail >= cue[1] and region_of[tail - 1] == -1)):
            break
        last += 1
    return max(sents[first][0], cue[0] - MAX_ROLE_REACH), min(sents[last][1], cue[1] + MAX_ROLE_REACH)


_DISTANCES = {
    side: [relations.distance_feature(side, d).encode() for d in range(relations.MAX_PATH + 1)]
    for side in "LR"
}
_NO_PATH = {"L": b"path=noneL", "R": b"path=noneR"}
_CUE_RELATION = (b"rel=cue",)
_QUOTE_BEFORE, _QUOTE_AFTER, _QUOTE_OTHER = b"qr=before", b"qr=after", b"qr=other"
_BRANCH_PARTS: dict[tuple[str, str, str, int, int], tuple[bytes, ...]] = {}
"""The `down=`, `up=`, `path=` and `depth=` features of a (up, down, side, depth, root depth) combination,
made once per process (a few thousand). The role tagger's features are made as UTF-8 (see `encoded`)."""
_LEFT_EDGES: dict[str, bytes] = {}
_RIGHT_EDGES: dict[str, bytes] = {}
_JOINT: dict[tuple[bytes, bytes], bytes] = {}
_SENT_OFFSETS: dict[int, bytes] = {}
_BEFORE: dict[bytes, bytes] = {}
_AFTER: dict[bytes, bytes] = {}


def _branch_parts(up: str, down: str, side: str, k_token: int, k_root: int) -> tuple[bytes, ...]:
    key = (up, down, side, k_token, k_root)
    parts = _BRANCH_PARTS.get(key)
    if parts is None:
        parts = _BRANCH_PARTS[key] = encoded_row(
            ("down=" + down, "up=" + up, "path=" + up + ">" + down + side, f"depth={k_token}/{k_root}")
        )
    return parts


def _edge(table: dict[str, bytes], prefix: str, dep: str) -> bytes:
    feature = table.get(dep)
    if feature is None:
        feature = table[dep] = (prefix + dep).encode()
    return feature


def _relation_rows(
    features: DocFeatures, window: TokenRange, root: int, cue: TokenRange, quotes: tuple[int, int]
) -> tuple[list[tuple[bytes, ...]], list[bytes]]:
    """`relations.relation_features` of every token of `window` in UTF-8, built in one loop with the
    per-cue parts (the root's path, its `up=` relations) made once, and each token's `path=` feature (for
    the cue's own tokens, which have no path, `rel=cue`)."""
    paths, deps, quote_region = features.paths, features.deps, features.quote_region
    left_edge, right_edge = features.left_edge, features.right_edge
    root_path = paths[root]
    root_ids = {t: k for k, t in enumerate(root_path)}
    ups = ["self"] + [deps[t] for t in root_path[:-1]]
    cue_start, cue_end = cue
    before_quote, after_quote = quotes
    distances_left, distances_right = _DISTANCES["L"], _DISTANCES["R"]
    far = relations.MAX_PATH
    rows: list[tuple[bytes, ...]] = []
    path_features: list[bytes] = []
    for i in range(window[0], window[1]):
        if cue_start <= i < cue_end:
            rows.append(_CUE_RELATION)
            path_features.append(_CUE_RELATION[0])
            continue
        if i < cue_start:
            side, distance = "L", cue_start - i
            head = (b"side=L", distances_left[distance if distance < far else far])
        else:
            side, distance = "R", i - cue_end + 1
            head = (b"side=R", distances_right[distance if distance < far else far])
        region = quote_region[i]
        if region != -1:
            head += (
                _QUOTE_BEFORE
                if region == before_quote
                else _QUOTE_AFTER
                if region == after_quote
                else _QUOTE_OTHER,
            )
        token_path = paths[i]
        k_root = None
        for k_token, t in enumerate(token_path):  # noqa: B007 (read after the loop)
            k_root = root_ids.get(t)
            if k_root is not None:
                break
        if k_root is None:
            path = _NO_PATH[side]
            rows.append((*head, path))
            path_features.append(path)
            continue
        if k_token > 0:
            branch = token_path[k_token - 1]
            down = deps[branch]
            if left_edge[branch] == i:
                head += (_edge(_LEFT_EDGES, "bL=", down),)
            if right_edge[branch] == i:
                head += (_edge(_RIGHT_EDGES, "bR=", down),)
        else:
            down = "self"
        parts = _branch_parts(
            ups[k_root], down, side, k_token if k_token < 4 else 4, k_root if k_root < 3 else 3
        )
        rows.append(head + parts)
        path_features.append(parts[2])
    return rows, path_features


def _prefixed_paths(table: dict[bytes, bytes], prefix: bytes, paths: list[bytes]) -> list[bytes]:
    """`prefix + path` for each path feature, made once per process for each distinct one."""
    for path in set(paths).difference(table):
        table[path] = prefix + path
    return list(map(table.__getitem__, paths))


def role_items(features: DocFeatures, cue: TokenRange, window: TokenRange) -> list[tuple[bytes, ...]]:
    """The role tagger's items for the tokens of `window` around `cue`, in UTF-8."""
    root = cue_root(features.doc, *cue)
    quotes = adjacent_quotes(features, *cue)
    relation_rows, path_features = _relation_rows(features, window, root, cue, quotes)
    sent_index, own_rows = features.sent_index, features.own
    n = len(sent_index)
    cue_sent = sent_index[cue[0]]
    # Neighbour context: the previous and next tokens' place relative to the cue. Rows are tuples, which
    # the garbage collector soon stops tracking.
    context = neighbour_context(features)[window[0] : window[1]]
    if context:
        context[0] = _window_edge(features, window, window[0])
        context[-1] = _window_edge(features, window, window[1] - 1)
        if len(context) > 2:
            context[1] = _window_edge(features, window, window[0] + 1)
            context[-2] = _window_edge(features, window, window[1] - 2)
    before = [b"-1BOW", *_prefixed_paths(_BEFORE, b"-1", path_features[:-1])] if path_features else []
    after = [*_prefixed_paths(_AFTER, b"+1", path_features[1:]), b"+1EOW"] if path_features else []
    items = []
    for i, relation, path, previous, following, near in zip(
        range(window[0], window[1]), relation_rows, path_features, before, after, context, strict=True
    ):
        own = own_rows[i]
        # The token's words crossed with its relation to the cue: "he" as subject, "that" opening a ccomp.
        offset = sent_index[i] - cue_sent
        so = _SENT_OFFSETS.get(offset)
        if so is None:
            so = _SENT_OFFSETS[offset] = f"so={offset}".encode()
        joint_key = (relation[0], own[8])
        joint = _JOINT.get(joint_key)
        if joint is None:
            joint = _JOINT[joint_key] = relation[0] + b"|" + own[8]
        by_lemma, by_tag = path + b"|" + own[0], path + b"|" + own[2]
        if i + 1 < n and sent_index[i + 1] != sent_index[i]:
            items.append((*own, *relation, so, by_lemma, by_tag, joint, b"last", previous, following, *near))
        else:
            items.append((*own, *relation, so, by_lemma, by_tag, joint, previous, following, *near))
    return items


def _window_edge(features: DocFeatures, window: TokenRange, i: int) -> tuple[bytes, ...]:
    """`neighbour_context` of token `i`, with the tokens outside `window` read as its bounds."""
    own = features.own
    lo, hi = window
    lemmas = [own[k][0] if lo <= k < hi else None for k in range(i - 2, i + 3)]
    tags = [own[k][1] if lo <= k < hi else None for k in range(i - 2, i + 3)]
    return _context(lemmas, tags)


def _context(lemmas: list[bytes | None], tags: list[bytes | None]) -> tuple[bytes, ...]:
    """The neighbour features of the middle one of 5 tokens (None for a token outside the window)."""
    tag = tags[2]
    return (
        b"-1" + (lemmas[1] or b"BOW"),
        b"+1" + (lemmas[3] or b"EOW"),
        b"-1" + (tags[1] or b"BOW") + b"|" + tag,
        tag + b"|+1" + (tags[3] or b"EOW"),
        b"-2" + (lemmas[0] or b"BOW") if lemmas[1] else b"-2BOW",
        b"+2" + (lemmas[4] or b"EOW") if lemmas[3] else b"+2EOW",
    )


def neighbour_context(features: DocFeatures) -> list[tuple[bytes, ...]]:
    """Each token's neighbours for the role tagger: lemmas 1 and 2 away, tag pairs with the next and the
    previous token, in UTF-8. Built once per Doc (role windows overlap) and cached on `features`; a
    window's first and last two tokens are redone with the window as bounds (`_window_edge`)."""
    if features.role_context is not None:
        return features.role_context
    own = features.own
    n = len(own)
    lemmas = [row[0] for row in own]
    tags = [row[1] for row in own]
    distinct = set(lemmas)
    pairs = list(zip(tags, tags[1:], strict=False))  # pair k: tokens k and k + 1
    distinct_pairs = set(pairs)
    lefts = {pair: b"-1" + pair[0] + b"|" + pair[1] for pair in distinct_pairs}
    rights = {pair: pair[0] + b"|+1" + pair[1] for pair in distinct_pairs}
    context = [_window_edge(features, (0, n), i) for i in range(min(2, n))]
    if n > 4:
        # Column by column for the tokens 2 .. n-3, which have both neighbours on each side.
        context.extend(
            zip(
                map({v: b"-1" + v for v in distinct}.__getitem__, lemmas[1 : n - 3]),
                map({v: b"+1" + v for v in distinct}.__getitem__, lemmas[3 : n - 1]),
                map(lefts.__getitem__, pairs[1 : n - 3]),
                map(rights.__getitem__, pairs[2 : n - 2]),
                map({v: b"-2" + v for v in distinct}.__getitem__, lemmas[0 : n - 4]),
                map({v: b"+2" + v for v in distinct}.__getitem__, lemmas[4:n]),
                strict=True,
            )
        )
    context.extend(_window_edge(features, (0, n), i) for i in range(max(2, n - 2), n))
    features.role_context = context
    return context


def _marginal_cues(tagger, labels: list[str], offset: int) -> list[TokenRange]:
    """Cues the Viterbi path left out: a token outside its cues with a `B-CUE` marginal of at least
    `CUE_BEGIN_THRESHOLD` opens one, which runs on over tokens whose `I-CUE` marginal reaches
    `CUE_INSIDE_THRESHOLD` (the tagger is already `set` to the sentence)."""
    found: list[TokenRange] = []
    n = len(labels)
    i = 0
    while i < n:
        if labels[i] == "O" and tagger.marginal("B-CUE", i) >= CUE_BEGIN_THRESHOLD:
            j = i + 1
            while j < n and labels[j] == "O" and tagger.marginal("I-CUE", j) >= CUE_INSIDE_THRESHOLD:
                j += 1
            found.append((offset + i, offset + j))
            i = j
        else:
            i += 1
    return found


def _marginal_runs(tagger, role: str, window: TokenRange, threshold: float) -> list[TokenRange]:
    """Token ranges where the tagger (already `set` to the window's items) gives `role` (B- or I-) a marginal
    probability of at least `threshold`; a B- marginal above it opens a new range."""
    begin, inside = "B-" + role, "I-" + role
    runs: list[TokenRange] = []
    start = None
    for i in range(window[1] - window[0]):
        opening = tagger.marginal(begin, i)
        in_role = opening + tagger.marginal(inside, i) >= threshold
        if start is not None and (opening >= threshold or not in_role):
            runs.append((window[0] + start, window[0] + i))
            start = None
        if start is None and in_role:
            start = i
    if start is not None:
        runs.append((window[0] + start, window[1]))
    return runs


class AttributionTagger:
    """Both CRF taggers, loaded once per process."""

    def __init__(self, cue_model: str | Path, role_model: str | Path) -> None:
        import pycrfsuite

        self.cue_tagger = pycrfsuite.Tagger()
        self.cue_tagger.open(str(cue_model))
        self.role_tagger = pycrfsuite.Tagger()
        self.role_tagger.open(str(role_model))

    def cues(self, features: DocFeatures) -> list[tuple[TokenRange, float]]:
        """Cue token ranges found in each sentence, with the tagger's sequence probability."""
        found = []
        tagger = self.cue_tagger
        items = cue_items(features)
        for start, end in features.sents:
            tagger.set(items[start:end])
            labels = tagger.tag()
            segments = bio_segments(labels, start).get("CUE", [])
            if CUE_BEGIN_THRESHOLD < 0.5:
                extra = _marginal_cues(tagger, labels, start)
                if extra:
                    segments = sorted(segments + extra)
            if not segments:
                continue
            probability = tagger.probability(labels)
            found.extend((segment, probability) for segment in segments)
        return found

    def roles(self, features: DocFeatures, cue: TokenRange) -> dict[str, list[TokenRange]]:
        """Source and content token ranges for one cue."""
        window = role_window(features, cue)
        tagger = self.role_tagger
        tagger.set(role_items(features, cue, window))
        segments = bio_segments(tagger.tag(), window[0])
        for role in ("CON", "SRC"):
            if role not in segments and ROLE_MARGINAL_THRESHOLD[role] < 0.5:
                runs = _marginal_runs(tagger, role, window, ROLE_MARGINAL_THRESHOLD[role])
                if runs:
                    segments[role] = runs
        return segments

    def tag(self, features: DocFeatures) -> list[TaggedAttribution]:
        """All attributions of a Doc."""
        results = []
        for cue, probability in self.cues(features):
            segments = self.roles(features, cue)
            results.append(
                TaggedAttribution(
                    cue=cue,
                    sources=segments.get("SRC", []),
                    contents=segments.get("CON", []),
                    score=probability,
                )
            )
        return results


def model_path(name: str) -> Path:
    """Where a shipped model file lives."""
    return Path(str(resources.files(MODEL_PACKAGE).joinpath(name)))


@cache
def load_tagger() -> AttributionTagger | None:
    """The shipped taggers, or None when the weights are missing (the rules then work alone)."""
    cue, role = model_path(CUE_MODEL), model_path(ROLE_MODEL)
    if not (cue.exists() and role.exists()):
        return None
    return AttributionTagger(cue, role)
