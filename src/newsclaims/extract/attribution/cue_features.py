"""The cue tagger's items: each token's shared features (`features.DocFeatures.cue_items`) plus cue-only ones.

The cue-only features say how often the word is a cue in PolNeAR train (`cue_lexicon`), for the token, its
head and its neighbours (so "has" before a frequent cue, or "in" under one, can join it), and what frame
the sentence gives it: whether the sentence holds a quotation, and the word that opens a complement clause
the token governs ("said that", "asked whether").

Tried and dropped (cue exact F1, PolNeAR dev, the shipped features 0.732; and on a 4-fold split of train,
cue tagger alone, 19,830 gold cues, 0.683): WordNet 3.0 lexicographer classes of the lemma (first sense,
all senses, crossed with the lemma's rate bucket), the cue rate of a noun's derivational verb ("denial" ->
"deny") and the class and rate of a verb's direct object ("made a claim"): dev 0.725, train CV 0.684 (recall
+0.9 points, precision -1.2); the same only for lemmas the lexicon does not know, or a class's cue rate
among rare lemmas as their backoff bucket: dev 0.722-0.727; a rate per lemma and frame (`see|ccomp,nsubj`
against `see|dobj,nsubj`): dev 0.726, train CV 0.684. The ceiling is low: of the dev gold cues the CRF
misses, only about a quarter have a head lemma seen fewer than 3 times as a cue in train, and just 48 dev
cue tokens have a lemma train's lexicon does not know at all (about 20 of them speech, thought or feeling
verbs); most misses are known words with cue rates of 5-50% ("call", "plan", "know", "see", "seem").
"""

from __future__ import annotations

from newsclaims.extract.attribution.cue_lexicon import CueLexicon, load_lexicon
from newsclaims.extract.attribution.features import DocFeatures

_UNKNOWN = b"u"
_MARK_DEPS = frozenset(("mark",))
_CLAUSE_DEPS = frozenset(("ccomp", "xcomp", "advcl"))
_PREP_DEPS = frozenset(("prep", "agent", "dative", "prt"))
_MORE_CHILD_DEPS = frozenset(("oprd", "attr", "acomp", "advcl", "neg", "auxpass", "npadvmod", "acl"))
_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
_FRAME_SKIP = frozenset(("punct", "aux", "advmod", "cc", "conj", "det", "compound", "amod", "dep", "case"))
_FRAME_POS = frozenset((b"p=VERB", b"p=NOUN", b"p=ADJ", b"p=AUX"))


class _EncodedLexicon:
    """A lexicon's buckets keyed by the token features' UTF-8 `l=` lemma, with each feature made once."""

    def __init__(self, lexicon: CueLexicon) -> None:
        self.lexicon = lexicon
        self.begin: dict[bytes, bytes] = {}
        self.by_lemma: dict[bytes, tuple[bytes, ...]] = {}
        self.by_dep: dict[tuple[bytes, str], tuple[bytes, ...]] = {}

    def begin_bucket(self, lemma_feature: bytes) -> bytes:
        """The `begin` bucket of a lemma (given as its `l=` feature), `u` when unknown."""
        found = self.begin.get(lemma_feature)
        if found is None:
            found = self.lexicon.begin.get(lemma_feature[2:].decode(), "u").encode()
            self.begin[lemma_feature] = found
        return found

    def lemma_features(self, lemma_feature: bytes) -> tuple[bytes, ...]:
        found = self.by_lemma.get(lemma_feature)
        if found is None:
            lemma = lemma_feature[2:].decode()
            begin, inside = self.lexicon.begin.get(lemma), self.lexicon.inside.get(lemma)
            found = (b"lx=u",) if begin is None else (b"lxb=" + begin.encode(), b"lxi=" + inside.encode())
            self.by_lemma[lemma_feature] = found
        return found

    def dep_features(self, lemma_feature: bytes, dep: str) -> tuple[bytes, ...]:
        key = (lemma_feature, dep)
        found = self.by_dep.get(key)
        if found is None:
            rate = self.lexicon.by_dep.get(lemma_feature[2:].decode() + "|" + dep)
            found = () if rate is None else (b"lxd=" + rate.encode(),)
            self.by_dep[key] = found
        return found


_ENCODED: dict[int, _EncodedLexicon] = {}


def _encoded(lexicon: CueLexicon) -> _EncodedLexicon:
    found = _ENCODED.get(id(lexicon))
    if found is None or found.lexicon is not lexicon:
        if len(_ENCODED) > 16:  # training makes one lexicon per fold
            _ENCODED.clear()
        found = _ENCODED[id(lexicon)] = _EncodedLexicon(lexicon)
    return found


def frame_features(features: DocFeatures) -> list[tuple[bytes, ...]]:
    """Per token: `sq` in a sentence that holds a quotation; `cmark=that` on a verb whose complement clause
    opens with "that" (or "whether", "if", ...); the lemma crossed with the preposition it governs
    (`lp=call|for`, `lp=accuse|of`), with the relations the shared features leave out (`lc2=call|oprd`), and
    with its subject's type (`ls=say|PERSON`); and on a preposition or particle, its head's lemma
    (`hp=call|for`), so that a cue can run on over it; on a verb, noun or adjective, the set of relations of
    its dependents (its frame: `fr=ccomp,nsubj`), alone and with its lemma."""
    n = len(features.texts)
    deps, paths, own = features.deps, features.paths, features.own
    extra: list[list[bytes]] = [[] for _ in range(n)]
    frames: dict[int, set[str]] = {}
    for start, end in features.sents:
        if any(features.in_quote[start:end]):
            for i in range(start, end):
                extra[i].append(b"sq")
    for k in range(n):
        path = paths[k]
        if len(path) < 2:
            continue
        dep, head = deps[k], path[1]
        if dep in _MARK_DEPS and len(path) > 2 and deps[head] in _CLAUSE_DEPS:
            extra[path[2]].append(b"cmark=" + own[k][0][2:])
        elif dep in _PREP_DEPS:
            word, head_lemma = own[k][0][2:], own[head][0][2:]
            extra[head].append(b"lp=" + head_lemma + b"|" + word)
            extra[k].append(b"hp=" + head_lemma + b"|" + word)
        elif dep in _MORE_CHILD_DEPS:
            extra[head].append(b"lc2=" + own[head][0][2:] + b"|" + dep.encode())
        elif dep in _SUBJECT_DEPS:
            kind = _ent_or_pos(own[k])
            extra[head].append(b"ls=" + own[head][0][2:] + b"|" + kind)
        if dep not in _FRAME_SKIP:
            frames.setdefault(head, set()).add(dep)
    for head, child_deps in frames.items():
        if own[head][1] in _FRAME_POS:
            signature = ",".join(sorted(child_deps)).encode()
            extra[head].append(b"fr=" + signature)
            extra[head].append(b"lf=" + own[head][0][2:] + b"|" + signature)
    return [tuple(row) for row in extra]


def _ent_or_pos(row: tuple[bytes, ...]) -> bytes:
    """A token's entity type if it has one, else its coarse POS (from its own features)."""
    for feature in row[9:]:
        if feature.startswith(b"e="):
            return feature[2:]
    return row[1][2:]


def lexicon_features(features: DocFeatures, lexicon: CueLexicon) -> list[tuple[bytes, ...]]:
    """Per token: its lemma's cue-rate buckets, its lemma-and-dependency bucket, its head's opening bucket
    with its dependency, and its neighbours' opening buckets (within the sentence).

    Built column by column, each distinct value looked up once (a Python call per token costs more)."""
    table = _encoded(lexicon)
    own, deps, paths, sent_index = features.own, features.deps, features.paths, features.sent_index
    n = len(own)
    if n == 0:
        return []
    lemmas = [row[0] for row in own]
    begins = _column(table.begin, table.begin_bucket, lemmas)
    words = _column(table.by_lemma, table.lemma_features, lemmas)
    pairs = list(zip(lemmas, deps, strict=True))
    by_dep = _column(table.by_dep, lambda pair: table.dep_features(*pair), pairs)
    heads = [path[1] if len(path) > 1 else -1 for path in paths]
    head_keys = [(begins[h], dep) if h != -1 else None for h, dep in zip(heads, deps, strict=True)]
    head_features = _column(_HEAD_FEATURES, _head_feature, head_keys)
    same_as_next = [a == b for a, b in zip(sent_index, sent_index[1:], strict=False)]
    before = [()] + [
        (_PREVIOUS[b],) if same else () for b, same in zip(begins[:-1], same_as_next, strict=True)
    ]
    after = [(_NEXT[b],) if same else () for b, same in zip(begins[1:], same_as_next, strict=True)] + [()]
    return [
        w + d + h + p + f for w, d, h, p, f in zip(words, by_dep, head_features, before, after, strict=True)
    ]


_BUCKET_VALUES = [str(k).encode() for k in range(10)] + [b"u"]
_PREVIOUS = {b: b"-1lxb=" + b for b in _BUCKET_VALUES}
_NEXT = {b: b"+1lxb=" + b for b in _BUCKET_VALUES}
_HEAD_FEATURES: dict = {None: ()}
_CACHE_LIMIT = 200_000


def _head_feature(key: tuple[bytes, str]) -> tuple[bytes, ...]:
    return (b"hlx=" + key[0] + b"|" + key[1].encode(),)


def _column(cache: dict, compute, values: list) -> list:
    """`[compute(v) for v in values]`, computing each distinct value once per process (the caches are
    emptied when they grow past `_CACHE_LIMIT`)."""
    if len(cache) > _CACHE_LIMIT:
        keep = cache.get(None)
        cache.clear()
        if keep is not None:
            cache[None] = keep
    for value in set(values).difference(cache):
        cache[value] = compute(value)  # (the `_EncodedLexicon` methods also fill their cache themselves)
    return list(map(cache.__getitem__, values))


def cue_items(features: DocFeatures, lexicon: CueLexicon | None = None) -> list[tuple[bytes, ...]]:
    """Each token's items for the cue tagger: the shared cue features plus the cue-only ones (with the
    shipped lexicon unless one is given; without any lexicon, the frame features only)."""
    if lexicon is None:
        lexicon = load_lexicon()
    frames = frame_features(features)
    if lexicon is None:
        return [row + frame for row, frame in zip(features.cue_items, frames, strict=True)]
    lexical = lexicon_features(features, lexicon)
    return [
        row + frame + words for row, frame, words in zip(features.cue_items, frames, lexical, strict=True)
    ]
