"""Token features for the attribution taggers, computed once per Doc from its parse.

Two taggers read them: the cue tagger (one sequence per sentence) and the role tagger (one sequence per cue:
the cue's sentence with its neighbours, where each token also says how it hangs off the cue in the parse).
Features are plain strings (binary features for CRFsuite); building them is the extractor's main cost, so
each token's own features are built once and shared by every sequence that contains it.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

OPEN_QUOTES = frozenset("“‘«‹„‚")
CLOSE_QUOTES = frozenset("”’»›")
STRAIGHT_QUOTES = frozenset("\"'`")
QUOTE_CHARS = OPEN_QUOTES | CLOSE_QUOTES | STRAIGHT_QUOTES | {"''", "``"}


def is_quote(token: Token) -> bool:
    """A quotation mark token (straight, curly, guillemet or the PTB `` '' forms)."""
    text = token.text
    return text in QUOTE_CHARS or (len(text) <= 2 and all(c in QUOTE_CHARS for c in text))


def quote_depth(texts: list[str], sents: list[tuple[int, int]]) -> list[int]:
    """For each token (given by its text), 1 when it lies inside a double quotation (marks included), else 0.

    Quotes are tracked per paragraph. Curly marks say their direction; straight ones toggle; single quotes
    count only as curly ones, since "'" is mostly an apostrophe. A quotation still open at the end of its
    paragraph runs on only when the next paragraph opens with a quote mark (the news convention for quotes
    over several paragraphs); otherwise the mark was unbalanced and the quotation ends with its sentence, so
    that one stray mark cannot swallow the rest of a paragraph.
    """
    n = len(texts)
    inside = [0] * n
    state = 0
    opened = -1
    for i, text in enumerate(texts):
        if "\n" in text and text.isspace():
            if state:
                _close_unbalanced(texts, sents, inside, opened, i)
            state = 0
            continue
        if text in ("“", "«", "„", "``"):
            state, opened = 1, i
            inside[i] = 1
        elif text in ("”", "»"):
            inside[i] = 1
            state = 0
        elif text in ('"', "''"):  # straight marks, and the '' that some outlets use for both ends
            inside[i] = 1
            state = 1 - state
            opened = i if state else opened
        else:
            inside[i] = state
    if state:
        _close_unbalanced(texts, sents, inside, opened, n)
    return inside


def _close_unbalanced(
    texts: list[str], sents: list[tuple[int, int]], inside: list[int], opened: int, paragraph_end: int
) -> None:
    """End a quotation left open at a paragraph end with its sentence, unless the next paragraph reopens it."""
    j = paragraph_end
    while j < len(texts) and texts[j].isspace():
        j += 1
    if j < len(texts) and texts[j] in ("“", "«", "„", "``", '"', "''"):
        return
    sentence_end = next((end for start, end in sents if start <= opened < end), paragraph_end)
    for i in range(sentence_end, paragraph_end):
        inside[i] = 0


def _shape(text: str) -> str:
    if text[:1].isupper():
        return "X" if len(text) == 1 or text[1:].islower() else "XX"
    if text[:1].islower():
        return "x"
    if text[:1].isdigit():
        return "d"
    return "p"


@dataclasses.dataclass
class DocFeatures:
    """Per-token feature lists and parse facts of one Doc, built once."""

    doc: Doc
    own: list[list[str]]
    """Each token's own features (no neighbours)."""
    cue_items: list[list[str]]
    """Each token's features for the cue tagger (own plus neighbours)."""
    in_quote: list[int]
    sent_index: list[int]
    sents: list[tuple[int, int]]
    """Token [start, end) of each sentence."""
    paths: list[list[int]]
    """Each token's path to its sentence root (token indices, the token first)."""
    deps: list[str]
    left_edge: list[int]
    right_edge: list[int]
    quote_region: list[int]
    """Index of the quotation (quote marks included) each token is in, else -1."""
    regions: list[tuple[int, int]]
    """Token [start, end) of each quotation."""


@dataclasses.dataclass
class _Columns:
    """The token attributes the features need, read from the Doc once (Token objects are slow to make)."""

    text: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    head: list[int]
    sent_start: list[bool]
    quote: list[bool]
    children: list[list[int]]

    @classmethod
    def of(cls, doc: Doc) -> _Columns:
        n = len(doc)
        if n == 0:
            return cls([], [], [], [], [], [], [], [], [], [])
        array = doc.to_array(["ORTH", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "HEAD", "SENT_START"])
        strings = doc.vocab.strings
        cache: dict[int, str] = {0: ""}

        def column(k: int, lower: bool = False) -> list[str]:
            out = []
            for key in array[:, k].tolist():
                value = cache.get(key)
                if value is None:
                    value = cache[key] = strings[key]
                out.append(value)
            return [v.lower() for v in out] if lower else out

        text = column(0)
        head = [i + int(r) for i, r in enumerate(array[:, 6].astype("int64").tolist())]
        # Positive SENT_START is a sentence start; the first token always starts one.
        sent_start = [v == 1 for v in array[:, 7].astype("int64").tolist()]
        sent_start[0] = True
        quote = [t in QUOTE_CHARS or (len(t) <= 2 and all(ch in QUOTE_CHARS for ch in t)) for t in text]
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        return cls(
            text,
            column(1, lower=True),
            column(2),
            column(3),
            column(4),
            column(5),
            head,
            sent_start,
            quote,
            children,
        )


def own_features(c: _Columns, i: int, in_quote: int) -> list[str]:
    """The features a token contributes by itself: word, lemma, tags, dependency, head, children."""
    lemma = c.lemma[i]
    head = c.head[i]
    dep = c.dep[i]
    features = [
        "l=" + lemma,
        "p=" + c.pos[i],
        "t=" + c.tag[i],
        "d=" + dep,
        "s=" + _shape(c.text[i]),
        "hl=" + c.lemma[head],
        "hp=" + c.pos[head],
        "dl=" + dep + "|" + lemma,
        f"q={in_quote}",
    ]
    if c.sent_start[i]:
        features.append("ss")
    if c.ent[i]:
        features.append("e=" + c.ent[i])
    if c.quote[i]:
        features.append("quote")
    children = c.children[i]
    if children:
        for child_dep in sorted({c.dep[k] for k in children} & _CHILD_DEPS):
            features.append("c=" + child_dep)
            features.append("lc=" + lemma + "|" + child_dep)
    return features


_CHILD_DEPS = frozenset(
    ("ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "dative", "prep", "agent", "parataxis")
)
_NEIGHBOUR_KEYS = ("l=", "p=", "d=", "quote")
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
"""Which neighbours' features the cue tagger sees (fewer is faster; the model must be trained with the same)."""


def cue_context(c: _Columns, i: int, quote_starts: set[int], quote_ends: set[int]) -> list[str]:
    """What around a token suggests a cue: who its subject is, and a quotation ending or starting nearby.

    `quote_ends` holds the tokens that have a quotation's last mark among the 4 tokens before them,
    `quote_starts` those with a quotation's first mark among the 4 after them."""
    features = []
    for k in c.children[i]:
        dep = c.dep[k]
        if dep in ("nsubj", "nsubjpass"):
            features.append("subj=" + (c.ent[k] or c.pos[k]))
        elif dep in ("ccomp", "parataxis", "xcomp"):
            features.append("comp=" + dep + "|" + c.pos[k])
    if i in quote_ends:
        features.append("qend<")
    if i in quote_starts:
        features.append("qstart>")
    head = c.head[i]
    if head != i and any(c.dep[k] == "ccomp" for k in c.children[head]):
        features.append("head_has_ccomp")
    return features


def quote_regions(c: _Columns, in_quote: list[int]) -> list[tuple[int, int]]:
    """Token ranges of quotations: runs of quoted tokens from a quote mark to the closing one."""
    regions = []
    i, n = 0, len(c.text)
    while i < n:
        if in_quote[i] and c.quote[i]:
            j = i + 1
            while j < n and in_quote[j] and not (c.quote[j] and c.text[j] in ("“", "«", "``")):
                j += 1
                if c.quote[j - 1] and c.text[j - 1] in ("”", "»", "''", '"'):
                    break
            regions.append((i, j))
            i = j
        else:
            i += 1
    return regions


def _edges(c: _Columns) -> tuple[list[int], list[int]]:
    """Left and right edge (first and last token index of the subtree) of every token."""
    n = len(c.text)
    left, right = list(range(n)), list(range(n))
    # Children before heads: process tokens in order of decreasing depth.
    depth = [0] * n
    for i in range(n):
        j, d = i, 0
        while c.head[j] != j and d < 64:
            j, d = c.head[j], d + 1
        depth[i] = d
    for i in sorted(range(n), key=depth.__getitem__, reverse=True):
        h = c.head[i]
        if h != i:
            left[h] = min(left[h], left[i])
            right[h] = max(right[h], right[i])
    return left, right


def sentence_ranges(doc: Doc, c: _Columns) -> list[tuple[int, int]]:
    """The parser's sentences, also cut after each line break: a paragraph break always ends a sentence,
    whatever the parser made of a title without a full stop or a run of stray marks."""
    ranges = []
    start = 0
    for i in range(1, len(c.text) + 1):
        if i == len(c.text) or c.sent_start[i] or ("\n" in c.text[i - 1] and c.text[i - 1].isspace()):
            ranges.append((start, i))
            start = i
    return ranges


def doc_features(doc: Doc) -> DocFeatures:
    """Build every token's features once for both taggers."""
    c = _Columns.of(doc)
    n = len(c.text)
    sents = sentence_ranges(doc, c)
    in_quote = quote_depth(c.text, sents)
    sent_index = [0] * n
    for k, (start, end) in enumerate(sents):
        for i in range(start, end):
            sent_index[i] = k
    # A sentence cut at a line break is its own tree: a token whose head lies across the cut is its root.
    for i in range(n):
        head = c.head[i]
        if sent_index[head] != sent_index[i]:
            c.children[head].remove(i)
            c.head[i], c.dep[i] = i, "ROOT"
    own = [own_features(c, i, in_quote[i]) for i in range(n)]
    short = [[f for f in feats if f.startswith(_NEIGHBOUR_KEYS)] for feats in own]
    heads = c.head
    paths: list[list[int]] = []
    for i in range(n):
        path = [i]
        while heads[path[-1]] != path[-1] and len(path) < 64:
            path.append(heads[path[-1]])
        paths.append(path)
    regions = quote_regions(c, in_quote)
    quote_region = [-1] * n
    for k, (start, end) in enumerate(regions):
        for i in range(start, end):
            quote_region[i] = k
    cue_items = []
    quote_ends = {end - 1 + k for _start, end in regions for k in range(1, 5)}
    quote_starts = {start - k for start, _end in regions for k in range(1, 5)}
    for i in range(n):
        items = list(own[i])
        items.extend(cue_context(c, i, quote_starts, quote_ends))
        for offset in NEIGHBOUR_OFFSETS:
            j = i + offset
            if 0 <= j < n and sent_index[j] == sent_index[i]:
                items.extend(f"{offset}{f}" for f in short[j])
            else:
                items.append(f"{offset}BOS" if offset < 0 else f"{offset}EOS")
        if i + 1 < n:
            items.append("bi=" + own[i][0] + "_" + own[i + 1][0])
        cue_items.append(items)
    left_edge, right_edge = _edges(c)
    return DocFeatures(
        doc=doc,
        own=own,
        cue_items=cue_items,
        in_quote=in_quote,
        sent_index=sent_index,
        sents=sents,
        paths=paths,
        deps=c.dep,
        left_edge=left_edge,
        right_edge=right_edge,
        quote_region=quote_region,
        regions=regions,
    )


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


def relation_features(
    features: DocFeatures, i: int, root: int, cue_start: int, cue_end: int, quotes: tuple[int, int]
) -> list[str]:
    """How token `i` relates to the cue whose root is token `root`: side, distance, quotation, parse path.

    The path is summarised by the two branches under the tokens' lowest common ancestor: for
    "Trump said that ...", "Trump" hangs off the cue by `nsubj` and "that ..." by `ccomp`; for
    "“...,” he said", the quoted words sit above the cue, which hangs off them by `parataxis` or `ccomp`.
    Whether the token is the first or last of its branch marks where a source or content starts and ends.
    """
    if cue_start <= i < cue_end:
        return ["rel=cue"]
    side = "L" if i < cue_start else "R"
    distance = cue_start - i if side == "L" else i - cue_end + 1
    bucket = (
        str(distance)
        if distance <= 3
        else ("near" if distance <= 8 else ("mid" if distance <= 20 else "far"))
    )
    result = ["side=" + side, "dist=" + side + bucket]
    region = features.quote_region[i]
    if region != -1:
        result.append(
            "qr=" + ("before" if region == quotes[0] else "after" if region == quotes[1] else "other")
        )
    token_path = features.paths[i]
    root_path = features.paths[root]
    root_ids = {t: k for k, t in enumerate(root_path)}
    common = None
    for k, t in enumerate(token_path):
        if t in root_ids:
            common = (k, root_ids[t])
            break
    if common is None:
        result.append("path=none" + side)
        return result
    k_token, k_root = common
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
    up = deps[root_path[k_root - 1]] if k_root > 0 else "self"
    result.append("down=" + down)
    result.append("up=" + up)
    result.append("path=" + up + ">" + down + side)
    result.append("depth=" + str(min(k_token, 4)) + "/" + str(min(k_root, 3)))
    return result
