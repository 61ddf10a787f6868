"""Source spans: a source from the parse for a cue the role tagger left without one, and where a tagged
source ends.

A participle or a second verb shares its clause's subject: in "It attacked Trump, saying he ...", "Citing a
theory, Trump accused ..." or "The family called on police to ... and called on people to ...", the speaker
of "saying", "Citing" and the second "called on" is the subject of the verb they hang from. The tagger, which
looks for a source near the cue, misses many of these; PolNeAR annotates that subject (the whole noun phrase,
relative clause included). Measured on PolNeAR (cues without a tagged source): a cue's own subject is rarely
its source there (the tagger leaves it out for a reason: train 1 right, 59 wrong or unannotated), and a finite
verb in an adverbial clause even less, so only participles (advcl, pcomp, xcomp, conj) and conjoined verbs
climb. On dev: source exact F1 0.7552 -> 0.7560, J>=0.5 with source and cue 0.6696 -> 0.6746.

A tagged source's end is re-chosen by a linear model trained on PolNeAR train (`span_bounds`, the same
candidates and features as a content fragment's end): source exact F1 on dev 0.7560 -> 0.7571.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsclaims.extract.attribution.features import DocFeatures
from newsclaims.extract.attribution.span_bounds import (
    Weights,
    end_candidates,
    end_features,
    end_limit,
    load_model,
    score,
)

TokenRange = tuple[int, int]
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
PARTICIPLE_LINKS = frozenset(("advcl", "pcomp", "xcomp", "conj"))
"""How a participle cue ("..., saying", "After saying ...") hangs from the verb whose subject it shares."""
MAX_CLIMB = 3
_EMPTY_SUBJECT_TAGS = frozenset(("DT", "WDT"))
"""Subjects that name nobody: "That makes me smart", "a plan that ..., saying"."""


def _subject(token: Token) -> Token | None:
    return next((child for child in token.children if child.dep_ in SUBJECT_DEPS), None)


def _shares_subject(token: Token) -> bool:
    """Whether a verb without a subject of its own takes its head's: a participle or a conjoined verb."""
    return token.dep_ == "conj" or (token.tag_ == "VBG" and token.dep_ in PARTICIPLE_LINKS)


def shared_subject(doc: Doc, cue: TokenRange, sentence: TokenRange, in_quote: list[int]) -> TokenRange | None:
    """The token range of the subject the cue's verb shares with the verb it hangs from, or None.

    Climbs from a participle or conjoined verb that has no subject of its own, through at most `MAX_CLIMB`
    links (and over the preposition in "After saying ..., she was whisked"), to the first verb with a
    subject. Only a subject within `sentence` (the cue's), off the cue, and quoted only when the cue is, counts;
    `in_quote` marks each token inside a quotation.
    """
    token = doc[cue[0] : cue[1]].root
    if token.pos_ not in ("VERB", "AUX") or _subject(token) is not None:
        return None
    for _ in range(MAX_CLIMB):
        if not _shares_subject(token):
            return None
        head = token.head
        if token.dep_ == "pcomp" and head.dep_ == "prep":
            head = head.head
        if head.i == token.i or head.pos_ not in ("VERB", "AUX"):
            return None
        token = head
        subject = _subject(token)
        if subject is None:
            continue
        start, end = subject.left_edge.i, subject.right_edge.i + 1
        if start < cue[1] and cue[0] < end or start < sentence[0] or end > sentence[1]:
            return None
        if subject.tag_ in _EMPTY_SUBJECT_TAGS or (in_quote[subject.i] and not in_quote[cue[0]]):
            return None
        return start, end
    return None


def refine_source(
    features: DocFeatures, cue: TokenRange, source: TokenRange, model: dict[str, Weights] | None = None
) -> TokenRange:
    """The tagged source with its end re-chosen by the `source_end` model of `span_bounds` (the tagger's
    end wins ties): an apposition, relative clause or date it ran on over ("Jane Roe, a lawyer who ...",
    "The Times on Saturday") is dropped where PolNeAR train would drop it. (A model for the start, trained
    the same way, changed nothing on dev.)"""
    if model is None:
        model = load_model()
        if model is None or "source_end" not in model:
            return source
    start, end = source
    limit = end_limit(features, source, cue, [])
    weights = model["source_end"]
    best = max(
        end_candidates(features, source, cue, []),
        key=lambda k: (score(weights, end_features(features, source, cue, k, limit)), k == end),
    )
    return start, best
