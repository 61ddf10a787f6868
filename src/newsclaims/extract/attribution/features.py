"""Token features for the attribution taggers, computed once per Doc from its parse.

Two taggers read them: the cue tagger (one sequence per sentence) and the role tagger (one sequence per cue:
the cue's sentence with its neighbours, where each token also says how it hangs off the cue: `relations`).
Features are strings (binary features for CRFsuite), held as UTF-8 bytes: CRFsuite takes bytes as they are
but encodes a `str` anew each time it is set in a sequence (on PolNeAR dev, bytes made the taggers' `set`
about 15% cheaper). Building them is the extractor's main cost, so each token's own features are built once
and shared by every sequence that contains it.

Speed: the Doc's attributes are read once into columns (`Doc.to_array`, each distinct string looked up once
per process); features are built column by column (each distinct "l=..." feature made once per process),
not by a Python call per token; and rows are tuples, which the garbage collector stops tracking, so that the
rows of long articles do not slow every later collection. `own_features` and `cue_context` are the
per-token definitions (as text) that the column-wise builders follow (a test checks they agree).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

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
    own: list[tuple[bytes, ...]]
    """Each token's own features (no neighbours), in UTF-8 like all the taggers' features."""
    cue_items: list[tuple[bytes, ...]]
    """Each token's features for the cue tagger (own plus neighbours), in UTF-8."""
    in_quote: list[int]
    sent_index: list[int]
    sents: list[tuple[int, int]]
    """Token [start, end) of each sentence."""
    paths: list[tuple[int, ...]]
    """Each token's path to its sentence root (token indices, the token first)."""
    deps: list[str]
    left_edge: list[int]
    right_edge: list[int]
    quote_region: list[int]
    """Index of the quotation (quote marks included) each token is in, else -1."""
    regions: list[tuple[int, int]]
    """Token [start, end) of each quotation."""
    texts: list[str] = dataclasses.field(default_factory=list)
    """Each token's text (reading `doc[i].text` makes a Token object each time)."""
    role_context: list[tuple[bytes, ...]] | None = None
    """Each token's neighbour features for the role tagger (`tagger.neighbour_context`, built on first use)."""


_STRINGS: dict[int, str] = {0: ""}
"""String-store hashes already looked up (hashes do not depend on the vocab, so one cache serves all)."""
_LOWER: dict[str, str] = {}
_IS_QUOTE: dict[str, bool] = {}
_SHAPE: dict[str, bytes] = {}
_CACHE_LIMIT = 500_000


def _strings_of(keys: list[int], strings) -> list[str]:
    """The strings of a column of string-store hashes, looking each distinct hash up once per process."""
    if len(_STRINGS) > _CACHE_LIMIT:
        _STRINGS.clear()
        _STRINGS[0] = ""
    for key in set(keys).difference(_STRINGS):
        _STRINGS[key] = strings[key]
    return list(map(_STRINGS.__getitem__, keys))


def _mapped(values: list[str], cache: dict[str, object], func) -> list:
    """`[func(v) for v in values]`, computing `func` once per distinct value per process."""
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    for value in set(values).difference(cache):
        cache[value] = func(value)
    return list(map(cache.__getitem__, values))


def is_quote_text(text: str) -> bool:
    """`is_quote` of a token given by its text."""
    return text in QUOTE_CHARS or (len(text) <= 2 and all(c in QUOTE_CHARS for c in text))


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
    children: list[tuple[int, ...]]
    """Each token's dependents, in order (set by `with_children`, after any change to `head`)."""

    @classmethod
    def of(cls, doc: Doc) -> _Columns:
        n = len(doc)
        if n == 0:
            return cls([], [], [], [], [], [], [], [], [], [])
        array = doc.to_array(["ORTH", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "HEAD", "SENT_START"])
        strings = doc.vocab.strings
        columns = [_strings_of(array[:, k].tolist(), strings) for k in range(6)]
        text = columns[0]
        head = [i + r for i, r in enumerate(array[:, 6].astype("int64").tolist())]
        # Positive SENT_START is a sentence start; the first token always starts one.
        sent_start = [v == 1 for v in array[:, 7].astype("int64").tolist()]
        sent_start[0] = True
        return cls(
            text,
            _mapped(columns[1], _LOWER, str.lower),
            columns[2],
            columns[3],
            columns[4],
            columns[5],
            head,
            sent_start,
            _mapped(text, _IS_QUOTE, is_quote_text),
            [()] * n,
        )

    def with_children(self) -> None:
        """Fill `children` from `head` (as tuples: the collector soon stops tracking them)."""
        dependents: dict[int, list[int]] = {}
        for i, h in enumerate(self.head):
            if h != i:
                dependents.setdefault(h, []).append(i)
        for h, kids in dependents.items():
            self.children[h] = tuple(kids)


def own_features(c: _Columns, i: int, in_quote: int) -> list[str]:
    """The features a token contributes by itself: word, lemma, tags, dependency, head, children.

    (The reference form of what `_own_feature_lists` builds for every token at once.)"""
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
    features.extend(_own_extras(c, i))
    return features


def _own_extras(c: _Columns, i: int) -> list[str]:
    """The sparse part of a token's own features: sentence start, entity type, quote mark, child relations."""
    features = []
    if c.sent_start[i]:
        features.append("ss")
    if c.ent[i]:
        features.append("e=" + c.ent[i])
    if c.quote[i]:
        features.append("quote")
    children = c.children[i]
    if children:
        lemma = c.lemma[i]
        for child_dep in sorted({c.dep[k] for k in children} & _CHILD_DEPS):
            features.append("c=" + child_dep)
            features.append("lc=" + lemma + "|" + child_dep)
    return features


_PREFIXED: dict[str, dict[str, bytes]] = {}
"""`prefix + value` in UTF-8 by prefix and value, made once per process (each prefix's table is emptied
past `_PREFIXED_LIMIT` values: a dozen prefixes take lemmas, so a long run must not keep them all)."""
_PREFIXED_LIMIT = 50_000


def _prefixed(prefix: str, values: list[str]) -> Iterator[bytes]:
    """`prefix + v` in UTF-8 for each value, building each distinct string once per process."""
    table = _PREFIXED.setdefault(prefix, {})
    if len(table) > _PREFIXED_LIMIT:
        table.clear()
    for value in set(values).difference(table):
        table[value] = (prefix + value).encode()
    return map(table.__getitem__, values)


def encoded_row(row: tuple[str, ...] | list[str]) -> tuple[bytes, ...]:
    """A row of features in UTF-8: what the taggers take. (CRFsuite takes bytes as they are, and would
    encode a `str` anew each time it is in a sequence: the taggers' features are made as bytes.)"""
    return tuple(map(str.encode, row))


def encoded(rows: list[tuple[str, ...]]) -> list[tuple[bytes, ...]]:
    """`encoded_row` of each row (most are empty)."""
    return [encoded_row(row) if row else () for row in rows]


def _own_feature_tuples(c: _Columns, in_quote: list[int]) -> list[tuple[bytes, ...]]:
    """`own_features` of every token in UTF-8, built column by column (a Python call per token costs more).

    Tuples, not lists: the collector stops tracking tuples of strings, so the many rows of a long article
    do not make every later garbage collection slower."""
    lemma, pos, dep, head = c.lemma, c.pos, c.dep, c.head
    own = list(
        zip(
            _prefixed("l=", lemma),
            _prefixed("p=", pos),
            _prefixed("t=", c.tag),
            _prefixed("d=", dep),
            _mapped(c.text, _SHAPE, lambda text: ("s=" + _shape(text)).encode()),
            _prefixed("hl=", list(map(lemma.__getitem__, head))),
            _prefixed("hp=", list(map(pos.__getitem__, head))),
            [("dl=" + d + "|" + lem).encode() for d, lem in zip(dep, lemma, strict=True)],
            map((b"q=0", b"q=1").__getitem__, in_quote),
            strict=True,
        )
    )
    has_child_dep = [False] * len(own)
    for k, d in enumerate(dep):
        if d in _CHILD_DEPS and head[k] != k:
            has_child_dep[head[k]] = True
    sparse = zip(c.sent_start, c.ent, c.quote, has_child_dep, strict=True)
    for i, (start, ent, quote, child_dep) in enumerate(sparse):
        if start or ent or quote or child_dep:
            own[i] = own[i] + encoded_row(_own_extras(c, i))
    return own


_CHILD_DEPS = frozenset(
    ("ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "dative", "prep", "agent", "parataxis")
)
_NEIGHBOUR_KEYS = ("l=", "p=", "d=", "quote")
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
"""Which neighbours' features the cue tagger sees (fewer is faster; the model must be trained with the same)."""
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
_COMPLEMENT_DEPS = frozenset(("ccomp", "parataxis", "xcomp"))


def cue_context(c: _Columns, i: int, quote_starts: set[int], quote_ends: set[int]) -> list[str]:
    """What around a token suggests a cue: who its subject is, and a quotation ending or starting nearby.

    `quote_ends` holds the tokens that have a quotation's last mark among the 4 tokens before them,
    `quote_starts` those with a quotation's first mark among the 4 after them. (The reference form of
    what `_cue_context_lists` builds for every token at once.)"""
    features = []
    for k in c.children[i]:
        dep = c.dep[k]
        if dep in _SUBJECT_DEPS:
            features.append("subj=" + (c.ent[k] or c.pos[k]))
        elif dep in _COMPLEMENT_DEPS:
            features.append("comp=" + dep + "|" + c.pos[k])
    if i in quote_ends:
        features.append("qend<")
    if i in quote_starts:
        features.append("qstart>")
    head = c.head[i]
    if head != i and any(c.dep[k] == "ccomp" for k in c.children[head]):
        features.append("head_has_ccomp")
    return features


def _cue_context_lists(c: _Columns, quote_starts: set[int], quote_ends: set[int]) -> list:
    """`cue_context` of every token (most have none), visiting only the tokens that can have some."""
    n = len(c.text)
    dep, head = c.dep, c.head
    has_ccomp = [False] * n
    for k, d in enumerate(dep):
        if d == "ccomp" and head[k] != k:
            has_ccomp[head[k]] = True
    candidates = {head[k] for k, d in enumerate(dep) if d in _SUBJECT_DEPS or d in _COMPLEMENT_DEPS}
    candidates.update(i for i in quote_ends if i < n)
    candidates.update(i for i in quote_starts if i >= 0)
    candidates.update(i for i, h in enumerate(head) if h != i and has_ccomp[h])
    context: list[tuple[str, ...]] = [()] * n
    for i in candidates:
        context[i] = tuple(cue_context(c, i, quote_starts, quote_ends))
    return context


def _neighbour_tuples(
    c: _Columns, sents: list[tuple[int, int]], quote_marks: list[int], offset: int
) -> list[tuple[bytes, ...]]:
    """For each token, the short features of the token `offset` away, prefixed by the offset (BOS/EOS when
    that token is outside the sentence), in UTF-8. `quote_marks`: the indices of the quotation marks."""
    n = len(c.text)
    prefix = str(offset)
    shifted = list(
        zip(
            _prefixed(prefix + "l=", c.lemma),
            _prefixed(prefix + "p=", c.pos),
            _prefixed(prefix + "d=", c.dep),
            strict=True,
        )
    )
    quote = ((prefix + "quote").encode(),)
    for j in quote_marks:
        shifted[j] = shifted[j] + quote
    outside = ((prefix + ("BOS" if offset < 0 else "EOS")).encode(),)
    if offset < 0:
        shifted = [outside] * -offset + shifted[: n + offset]
        for start, end in sents:
            for i in range(start, min(start - offset, end)):
                shifted[i] = outside
    else:
        shifted = shifted[offset:] + [outside] * offset
        for start, end in sents:
            for i in range(max(end - offset, start), end):
                shifted[i] = outside
    return shifted[:n]


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


def _paths_and_edges(c: _Columns) -> tuple[list[tuple[int, ...]], list[int], list[int]]:
    """Each token's path to its root (at most 64 tokens), and the left and right edge (first and last token
    index of the subtree) of every token, from the roots down (each path extends its head's)."""
    n = len(c.text)
    head, children = c.head, c.children
    paths: list[tuple[int, ...]] = [()] * n
    order = [i for i in range(n) if head[i] == i]
    for i in order:
        paths[i] = (i,)
    k = 0
    while k < len(order):
        i = order[k]
        k += 1
        for child in children[i]:
            path = paths[i]
            paths[child] = (child, *path) if len(path) < 63 else (child, *path[:63])
            order.append(child)
    if len(order) < n:  # a head cycle (never from spaCy's parser): walk up as far as 64 tokens
        for i in set(range(n)).difference(order):
            path = [i]
            while head[path[-1]] != path[-1] and len(path) < 64:
                path.append(head[path[-1]])
            paths[i] = tuple(path)
    left, right = list(range(n)), list(range(n))
    # Children before heads: the reverse of the walk down (or of path length, after a cycle).
    if len(order) == n:
        upward = reversed(order)
    else:
        upward = sorted(range(n), key=lambda i: len(paths[i]), reverse=True)
    for i in upward:
        h = head[i]
        if h != i:
            if left[i] < left[h]:
                left[h] = left[i]
            if right[i] > right[h]:
                right[h] = right[i]
    return paths, left, right


def sentence_ranges(doc: Doc, c: _Columns) -> list[tuple[int, int]]:
    """The parser's sentences, also cut after each line break: a paragraph break always ends a sentence,
    whatever the parser made of a title without a full stop or a run of stray marks."""
    n = len(c.text)
    text, sent_start = c.text, c.sent_start
    cuts = [i for i in range(1, n) if sent_start[i] or ("\n" in text[i - 1] and text[i - 1].isspace())]
    bounds = [0, *cuts, n] if n else []
    return list(zip(bounds, bounds[1:], strict=False))


def doc_features(doc: Doc) -> DocFeatures:
    """Build every token's features once for both taggers."""
    c = _Columns.of(doc)
    n = len(c.text)
    sents = sentence_ranges(doc, c)
    in_quote = quote_depth(c.text, sents)
    sent_index = [0] * n
    for k, (start, end) in enumerate(sents):
        sent_index[start:end] = [k] * (end - start)
    # A sentence cut at a line break is its own tree: a token whose head lies across the cut is its root.
    heads = c.head
    for i in [i for i, h in enumerate(heads) if sent_index[h] != sent_index[i]]:
        c.head[i], c.dep[i] = i, "ROOT"
    c.with_children()
    own = _own_feature_tuples(c, in_quote)
    paths, left_edge, right_edge = _paths_and_edges(c)
    regions = quote_regions(c, in_quote)
    quote_region = [-1] * n
    for k, (start, end) in enumerate(regions):
        quote_region[start:end] = [k] * (end - start)
    quote_ends = {end - 1 + k for _start, end in regions for k in range(1, 5)}
    quote_starts = {start - k for start, _end in regions for k in range(1, 5)}
    context = _cue_context_lists(c, quote_starts, quote_ends)
    quote_marks = [i for i, is_mark in enumerate(c.quote) if is_mark]
    neighbours = [_neighbour_tuples(c, sents, quote_marks, offset) for offset in NEIGHBOUR_OFFSETS]
    lemmas = [row[0] for row in own]
    bigrams = [(b"bi=" + a + b"_" + b,) for a, b in zip(lemmas, lemmas[1:], strict=False)]
    if n:
        bigrams.append(())  # the last token has no next one
    cue_items = [
        (*row, *ctx, *a, *b, *d, *e, *bi)
        for row, ctx, a, b, d, e, bi in zip(own, encoded(context), *neighbours, bigrams, strict=True)
    ]
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
        texts=c.text,
    )
