"""Cheap features of the parse for event typing: the predicate of a sentence or clause, its particle,
complement, object and subject, plus the content lemmas and lemma bigrams around it.

The same functions make the features at training time (training/train_events.py) and at run time, so the
shipped linear weights always meet the features they were fitted on.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

REPORTING_LEMMAS = frozenset(
    "say tell report announce state add note quote write explain confirm insist reveal cite "
    "believe think tweet warn allege claim accuse deny stress indicate suggest argue".split()
)
"""Verbs that report speech: the event is in their complement, not in the verb."""

CONTENT_POS = frozenset(("NOUN", "VERB", "ADJ", "ADV", "PROPN", "NUM"))
_OBJECT_DEPS = frozenset(("dobj", "obj", "nsubjpass", "attr", "oprd"))
_SUBJECT_DEPS = frozenset(("nsubj", "csubj", "agent"))

Features = dict[str, float]


def lemma_of(token: Token) -> str:
    """A lower-cased lemma; numbers collapse to `#` so counts do not become features."""
    if token.like_num or token.pos_ == "NUM":
        return "#"
    return (token.lemma_ or token.text).lower()


def is_content(token: Token) -> bool:
    """A word that carries meaning for typing (no stop words, punctuation or names)."""
    return token.pos_ in CONTENT_POS and token.is_alpha and not token.is_stop and token.pos_ != "PROPN"


def main_predicate(sent: Span) -> Token:
    """The predicate that carries a sentence's event: its root, or the complement of a reporting verb.

    "Rebels said the army shelled the town" -> "shelled".
    """
    token = sent.root
    for _ in range(3):  # reported speech nests rarely deeper than this
        if lemma_of(token) not in REPORTING_LEMMAS:
            break
        comps = [
            c
            for c in token.children
            if c.dep_ in ("ccomp", "parataxis", "xcomp")
            and c.pos_ in ("VERB", "AUX")
            and sent.start <= c.i < sent.end
        ]
        if not comps:
            break
        token = comps[0]
    return token


def object_of(token: Token) -> Token | None:
    """The direct object of a predicate (or the subject of a passive one)."""
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS:
            return child
    return None


def subject_of(token: Token) -> Token | None:
    """The subject of a predicate, following `xcomp`/`conj` heads that share their subject."""
    seen = 0
    while token is not None and seen < 4:
        for child in token.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if token.dep_ in ("xcomp", "conj", "advcl") and token.head is not token:
            token = token.head
            seen += 1
            continue
        break
    return None


def predicate_features(token: Token) -> Features:
    """Features of a predicate: lemma, lemma+particle, lemma+complement, lemma+object, subject, negation."""
    lemma = lemma_of(token)
    feats: Features = {f"t:{lemma}": 1.0}
    for child in token.children:
        dep = child.dep_
        if dep == "prt":
            feats[f"tp:{lemma}_{lemma_of(child)}"] = 1.0
        elif dep == "xcomp":
            feats[f"tx:{lemma}_{lemma_of(child)}"] = 1.0
            feats[f"x:{lemma_of(child)}"] = 1.0
        elif dep == "neg":
            feats["neg"] = 1.0
        elif dep == "prep":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                feats[f"p:{lemma_of(child)}_{lemma_of(pobj)}"] = 1.0
    from newsclaims.extract.event_plover import lexicon_root  # the verb lexicon, as a learned feature

    root = lexicon_root(token) if token.pos_ in ("VERB", "AUX") else None
    if root is not None:
        feats[f"lex:{root}"] = 1.0
    obj = object_of(token)
    if obj is not None:
        feats[f"o:{lemma_of(obj)}"] = 1.0
        feats[f"to:{lemma}_{lemma_of(obj)}"] = 1.0
    subj = subject_of(token)
    if subj is not None:
        feats[f"s:{lemma_of(subj) if subj.pos_ != 'PROPN' else subj.ent_type_ or 'PROPN'}"] = 1.0
    return feats


def bag_features(tokens: Iterable[Token]) -> Features:
    """Content lemmas (`w:`) and bigrams of adjacent content lemmas (`b:`) of a stretch of text."""
    feats: Features = {}
    previous: Token | None = None
    for token in tokens:
        if is_content(token):
            lemma = lemma_of(token)
            feats[f"w:{lemma}"] = 1.0
            if previous is not None and previous.i == token.i - 1:
                feats[f"b:{lemma_of(previous)}_{lemma}"] = 1.0
            previous = token
        elif token.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"):
            feats[f"e:{token.ent_type_}"] = 1.0
    return feats


def sentence_features(sent: Span) -> Features:
    """Features of one sentence: its main predicate and its bag of content words."""
    feats = bag_features(sent)
    feats.update(predicate_features(main_predicate(sent)))
    return feats


def text_features(doc: Doc | Span, max_sentences: int = 3) -> Features:
    """Features of a short text (a snippet, an article's lead): the union over its first sentences."""
    feats: Features = {}
    for i, sent in enumerate(doc.sents):
        if i >= max_sentences:
            break
        feats.update(sentence_features(sent))
    return feats


def clause_features(trigger: Token) -> Features:
    """Features of the clause a trigger heads: the predicate's own features and the bag of its subtree
    (for a noun trigger, of its governing verb's subtree), so two events in one sentence are told apart."""
    head = trigger
    if trigger.pos_ == "NOUN" and trigger.head.pos_ == "VERB":
        head = trigger.head
    feats = bag_features(head.subtree)
    feats.update(predicate_features(trigger))
    return feats
