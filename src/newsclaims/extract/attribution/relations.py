"""How each token relates to a cue in the parse: the role tagger's per-cue features.

For a cue, every token of its window gets its side of the cue and distance to it, which quotation it is in
(the one just before the cue, just after, or another), and the parse path joining it to the cue's root.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsclaims.extract.attribution.features import DocFeatures


def cue_root(doc: Doc, start: int, end: int) -> int:
    """The token of a cue span that the others hang from (the span's syntactic root)."""
    return doc[start:end].root.i


def adjacent_quotes(features: DocFeatures, cue_start: int, cue_end: int) -> tuple[int, int]:
    """The quotations next to a cue: the one ending just before it and the one starting just after it
    (a few tokens of source and punctuation may lie between), as region indices or -1."""
    before = after = -1
    for k, (start, end) in enumerate(features.regions):
        if cue_start - 4 <= end <= cue_start:
            before = k
        elif cue_end <= start <= cue_end + 8 and after == -1:
            after = k
    return before, after


def _distance_bucket(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    return "near" if distance <= 8 else ("mid" if distance <= 20 else "far")


MAX_PATH = 64
"""Distances from here on are all `far` (and parse paths are cut at this many tokens)."""
_BUCKETS = [_distance_bucket(d) for d in range(MAX_PATH)]


def distance_feature(side: str, distance: int) -> str:
    """The `dist=` feature of a token `distance` tokens to the `side` ("L" or "R") of the cue."""
    return "dist=" + side + (_BUCKETS[distance] if distance < MAX_PATH else "far")


def relation_features(
    features: DocFeatures,
    i: int,
    root: int,
    cue_start: int,
    cue_end: int,
    quotes: tuple[int, int],
    root_ids: dict[int, int] | None = None,
) -> list[str]:
    """How token `i` relates to the cue whose root is token `root`: side, distance, quotation, parse path.

    The path is summarised by the two branches under the tokens' lowest common ancestor: for
    "Trump said that ...", "Trump" hangs off the cue by `nsubj` and "that ..." by `ccomp`; for
    "“...,” he said", the quoted words sit above the cue, which hangs off them by `parataxis` or `ccomp`.
    Whether the token is the first or last of its branch marks where a source or content starts and ends.
    `root_ids` (each token of the root's path to its position there) saves rebuilding it for every token
    of one cue. (The reference form of what `tagger.role_items` builds for a whole window at once.)
    """
    if cue_start <= i < cue_end:
        return ["rel=cue"]
    if i < cue_start:
        side, distance = "L", cue_start - i
    else:
        side, distance = "R", i - cue_end + 1
    result = ["side=" + side, distance_feature(side, distance)]
    region = features.quote_region[i]
    if region != -1:
        result.append(
            "qr=" + ("before" if region == quotes[0] else "after" if region == quotes[1] else "other")
        )
    if root_ids is None:
        root_ids = {t: k for k, t in enumerate(features.paths[root])}
    token_path = features.paths[i]
    for k_token, t in enumerate(token_path):  # noqa: B007 (read after the loop)
        k_root = root_ids.get(t)
        if k_root is not None:
            break
    else:
        result.append("path=none" + side)
        return result
    deps = features.deps
    if k_token > 0:
        branch = token_path[k_token - 1]
        down = deps[branch]
        if features.left_edge[branch] == i:
            result.append("bL=" + down)
        if features.right_edge[branch] == i:
            result.append("bR=" + down)
    else:
        down = "self"
    up = deps[features.paths[root][k_root - 1]] if k_root > 0 else "self"
    result.append("down=" + down)
    result.append("up=" + up)
    result.append("path=" + up + ">" + down + side)
    result.append("depth=" + str(min(k_token, 4)) + "/" + str(min(k_root, 3)))
    return result
