"""The two trained attribution taggers (CRFsuite): cues per sentence, then source and content per cue.

The cue tagger labels each sentence's tokens `B-CUE`/`I-CUE`/`O`. For each cue found, the role tagger labels
a window around it (the cue's sentence, widened over quotations that run past it) `B-SRC`/`I-SRC`/`B-CON`/`I-CON`/`O`, using
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

from newsclaims.extract.attribution.features import DocFeatures
from newsclaims.extract.attribution.relations import adjacent_quotes, cue_root, relation_features

MAX_EXTRA_SENTS = 3
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
    return sents[first][0], sents[last][1]


def _path_feature(relation: list[str]) -> str:
    """The `path=` feature of `relation_features` (last but one, or last when no path joins the cue), or
    its first feature for the cue's own tokens, which have none."""
    last = relation[-1]
    if last.startswith("depth="):
        return relation[-2]
    return last if last.startswith("path=") else relation[0]


def role_items(features: DocFeatures, cue: TokenRange, window: TokenRange) -> list[tuple[str, ...]]:
    """The role tagger's items for the tokens of `window` around `cue`."""
    root = cue_root(features.doc, *cue)
    quotes = adjacent_quotes(features, *cue)
    # The root's path, indexed once for every token of the window.
    root_ids = {t: k for k, t in enumerate(features.paths[root])}
    sent_index, own_rows = features.sent_index, features.own
    n = len(sent_index)
    cue_sent = sent_index[cue[0]]
    cue_start, cue_end = cue
    parts = []
    paths = []
    for i in range(window[0], window[1]):
        relation = relation_features(features, i, root, cue_start, cue_end, quotes, root_ids)
        own = own_rows[i]
        path = _path_feature(relation)
        # The token's words crossed with its relation to the cue: "he" as subject, "that" opening a ccomp.
        crossed = (
            f"so={sent_index[i] - cue_sent}",
            path + "|" + own[0],
            path + "|" + own[2],
            relation[0] + "|" + own[8],
        )
        if i + 1 < n and sent_index[i + 1] != sent_index[i]:
            crossed += ("last",)
        parts.append((own, relation, crossed))
        paths.append(path)
    # Neighbour context: the previous and next tokens' place relative to the cue. Rows are tuples, which
    # the garbage collector soon stops tracking.
    before = ["BOW", *paths[:-1]] if paths else []
    after = [*paths[1:], "EOW"] if paths else []
    context = neighbour_context(features)[window[0] : window[1]]
    if context:
        context[0] = _window_edge(features, window, window[0])
        context[-1] = _window_edge(features, window, window[1] - 1)
        if len(context) > 2:
            context[1] = _window_edge(features, window, window[0] + 1)
            context[-2] = _window_edge(features, window, window[1] - 2)
    return [
        (*own, *relation, *crossed, "-1" + previous, "+1" + following, *near)
        for (own, relation, crossed), previous, following, near in zip(
            parts, before, after, context, strict=True
        )
    ]


def _window_edge(features: DocFeatures, window: TokenRange, i: int) -> tuple[str, ...]:
    """`neighbour_context` of token `i`, with the tokens outside `window` read as its bounds."""
    lemmas = [row[0] if window[0] <= k < window[1] else None for k, row in _around(features.own, i)]
    tags = [row[1] if window[0] <= k < window[1] else None for k, row in _around(features.own, i)]
    return _context(lemmas, tags)


def _around(rows: list[tuple[str, ...]], i: int) -> list[tuple[int, tuple[str, ...]]]:
    """Tokens i-2 .. i+2 as (index, row), an empty row outside the Doc."""
    return [(k, rows[k] if 0 <= k < len(rows) else ()) for k in range(i - 2, i + 3)]


def _context(lemmas: list[str | None], tags: list[str | None]) -> tuple[str, ...]:
    """The neighbour features of the middle one of 5 tokens (None for a token outside the window)."""
    tag = tags[2]
    return (
        "-1" + (lemmas[1] or "BOW"),
        "+1" + (lemmas[3] or "EOW"),
        "-1" + (tags[1] or "BOW") + "|" + tag,
        tag + "|+1" + (tags[3] or "EOW"),
        "-2" + (lemmas[0] or "BOW") if lemmas[1] else "-2BOW",
        "+2" + (lemmas[4] or "EOW") if lemmas[3] else "+2EOW",
    )


def neighbour_context(features: DocFeatures) -> list[tuple[str, ...]]:
    """Each token's neighbours for the role tagger: lemmas 1 and 2 away, tag pairs with the next and the
    previous token. Built once per Doc (role windows overlap) and cached on `features`; a window's
    first and last two tokens are redone with the window as bounds (`_window_edge`)."""
    if features.role_context is not None:
        return features.role_context
    own = features.own
    n = len(own)
    lemmas = [row[0] for row in own]
    tags = [row[1] for row in own]
    minus1 = {v: "-1" + v for v in set(lemmas)}
    plus1 = {v: "+1" + v for v in set(lemmas)}
    minus2 = {v: "-2" + v for v in set(lemmas)}
    plus2 = {v: "+2" + v for v in set(lemmas)}
    left_pairs: dict[tuple[str, str], str] = {}
    right_pairs: dict[tuple[str, str], str] = {}
    context = []
    for i in range(n):
        if 2 <= i < n - 2:
            before, after = (tags[i - 1], tags[i]), (tags[i], tags[i + 1])
            left = left_pairs.get(before)
            if left is None:
                left = left_pairs[before] = "-1" + before[0] + "|" + before[1]
            right = right_pairs.get(after)
            if right is None:
                right = right_pairs[after] = after[0] + "|+1" + after[1]
            context.append(
                (
                    minus1[lemmas[i - 1]],
                    plus1[lemmas[i + 1]],
                    left,
                    right,
                    minus2[lemmas[i - 2]],
                    plus2[lemmas[i + 2]],
                )
            )
        else:
            context.append(_window_edge(features, (0, n), i))
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
        for start, end in features.sents:
            tagger.set(features.cue_items[start:end])
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
