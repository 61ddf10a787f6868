"""Event detection: the event mentions of each sentence, typed in ACLED's taxonomy with the PLOVER root.

Each sentence (split at line breaks too, so a headline stands alone) is scored by the linear model over cheap
parse features plus the hand-written trigger rules (`event_rules`); a sentence can hold a second event when
another type's strong trigger phrase is in it. When the main verb is itself a political act ("demanded",
"threatened"), that act is the event. The lead's type decides the main event.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span, Token

from newsclaims.extract.event_args import (
    agent_tokens,
    phrase,
    target_tokens,
)
from newsclaims.extract.event_features import (
    REPORTING_LEMMAS,
    Features,
    lemma_of,
    main_predicate,
    sentence_features,
    text_features,
)
from newsclaims.extract.event_model import LinearModel, load_model
from newsclaims.extract.event_plover import lexicon_root, plover_scores
from newsclaims.extract.event_rules import adjusted_rule_scores, mask_names, rule_matches, rule_scores
from newsclaims.extract.event_types import NO_EVENT, PLOVER_TO_SUBTYPE, SUBTYPE_TO_PLOVER, event_type

RULE_WEIGHT = 2.0
"""How much one unit of rule strength counts against the model's log-probability."""
SECONDARY_RULE = 2.5
"""A second event in a sentence needs a trigger phrase at least this strong."""
PLOVER_ONLY = 0.55
"""A sentence with no ACLED-type event still yields a political event when PLOVER is this sure."""
PLOVER_TRIGGER = 0.3
"""... and when its predicate's own lemma speaks for that root ("demanded", "agreed", "threatened")."""
MODEL_ONLY = 1.0
"""A sentence event with no trigger phrase needs the model this far above `NONE` (log-odds)."""
LEAD_SENTENCES = 3

_SIBLINGS = (
    {
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
        "Violent demonstration",
    },
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    },
    {"Armed clash", "Attack", "Change to group/activity"},
)
_NOT_EVENTS = frozenset(("deny", "say", "tell", "report", "add", "note", "quote"))


@dataclass
class Mention:
    """One mention of an event in one sentence, before mentions of the same happening merge."""

    sent: Span
    trigger: Token
    subtype: str
    plover: str | None
    score: float
    agents: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)

    @property
    def trigger_span(self) -> tuple[int, int]:
        return (self.trigger.idx, self.trigger.idx + len(self.trigger.text))


def type_scores(
    features: Features, text: str, model: LinearModel, actors_text: str | None = None
) -> dict[str, float]:
    """Each sub-type's score (and `NONE`'s): the model's log-probability plus the weighted rule score."""
    proba = model.proba(features)
    rules = adjusted_rule_scores(text, actors_text)
    return {c: math.log(p + 1e-9) + RULE_WEIGHT * rules.get(c, 0.0) for c, p in proba.items()}


def best_subtype(scores: dict[str, float]) -> str:
    """The highest-scoring sub-type other than `NONE`."""
    return max((c for c in scores if c != NO_EVENT), key=scores.__getitem__)


FIXED_PLOVER_TYPES = frozenset(
    ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")
)
"""Types whose PLOVER root is implied (ASSAULT, PROTEST); for the others the PLOVER model decides."""


def plover_root(subtype: str, features: Features, predicate: Token | None = None) -> str | None:
    """The PLOVER root: the one a violent sub-type implies, else the PLOVER model's guess with the verb
    lexicon's vote for the predicate."""
    fixed = SUBTYPE_TO_PLOVER.get(subtype)
    if fixed and event_type(subtype) in FIXED_PLOVER_TYPES:
        return fixed
    model = load_model("plover")
    if model is None:
        return fixed
    scores = plover_scores(model, features, predicate)
    return max(scores, key=scores.__getitem__)


def _verb_of(trigger: Token, sent: Span) -> Token:
    return trigger if trigger.pos_ == "VERB" else main_predicate(sent)


def trigger_token(sent: Span, subtype: str, model: LinearModel) -> Token:
    """The word that marks a sub-type in a sentence: its strongest rule phrase, else the word the model
    weighs most for it, else the sentence's main predicate."""
    for start, end in rule_matches(mask_names(sent), subtype):
        span = sent.doc.char_span(sent.start_char + start, sent.start_char + end, alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    best: tuple[float, Token] | None = None
    for token in sent:
        if token.is_alpha and not token.is_stop:
            weight = model.weight(f"w:{lemma_of(token)}", subtype)
            if weight > 0.8 and (best is None or weight > best[0]):
                best = (weight, token)
    return best[1] if best else main_predicate(sent)


SYMMETRIC_ROOTS = frozenset(("AGREE", "CONSULT", "COOPERATE"))
NO_TARGET_SUBTYPES = frozenset(("Change to group/activity", "Headquarters or base established"))
"""Roots where "A and B agreed" makes each side the other's target."""


def _with_arguments(mention: Mention) -> Mention:
    agents = agent_tokens(mention.trigger)
    mention.agents = [phrase(t) for t in agents]
    targets = [t for t in target_tokens(mention.trigger) if t not in agents]
    if mention.subtype in NO_TARGET_SUBTYPES:
        # "sent special forces": the object is what moved, not whom it was sent to or against
        targets = [
            t
            for t in targets
            if t.dep_ == "pobj" and t.head.lower_ in ("against", "on", "upon", "at", "into", "to")
        ]
    mention.targets = [phrase(t) for t in targets]
    if not mention.targets and mention.plover in SYMMETRIC_ROOTS:
        mention.targets = [phrase(c) for t in agents for c in (t, *t.conjuncts) if c is not t or t.conjuncts]
    return mention


def _siblings(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _SIBLINGS)


VERBAL_ROOTS = frozenset(
    ("REQUEST", "REJECT", "THREATEN", "ACCUSE", "AGREE", "SUPPORT", "CONSULT", "SANCTION")
)
"""Roots of speech acts and political moves: when the main verb is one, the sentence's event is that act."""
PROTEST_SUBTYPES = frozenset(_SIBLINGS[0])


def verbal_root(predicate: Token) -> str | None:
    """The PLOVER root of a main verb that is itself a political act ("demanded", "threatened", "agreed")."""
    if lemma_of(predicate) in REPORTING_LEMMAS - {"warn", "accuse"}:
        return None
    root = lexicon_root(predicate)
    return root if root in VERBAL_ROOTS else None


def verbal_subtype(root: str, text: str) -> str:
    """The sub-type of a verbal act: an accusation about an attack is an attribution of responsibility."""
    if root == "ACCUSE" and "Attribution of responsibility" in rule_scores(text):
        return "Attribution of responsibility"
    return PLOVER_TO_SUBTYPE[root]


def sentence_mentions(sent: Span, model: LinearModel) -> list[Mention]:
    """The event mentions of one sentence: its main event and any event with its own strong trigger."""
    predicate = main_predicate(sent)
    if lemma_of(predicate) in _NOT_EVENTS and not [c for c in predicate.children if c.dep_ in ("ccomp",)]:
        return []
    features = sentence_features(sent)
    text = mask_names(sent)
    scores = type_scores(features, text, model, sent.text)
    best = max(scores, key=scores.__getitem__)
    verbal = verbal_root(predicate)
    if verbal is not None and best not in PROTEST_SUBTYPES:
        # "Iran threatened an offensive": the threat happened, the offensive did not.
        subtype = verbal_subtype(verbal, text)
        root = plover_root(subtype, features, predicate) if verbal == "ACCUSE" else verbal
        return [
            _with_arguments(
                Mention(sent, predicate, subtype, root, scores.get(subtype, 0.0) - scores[NO_EVENT])
            )
        ]
    mentions: list[Mention] = []
    supported = (
        best in adjusted_rule_scores(text, sent.text)
        or scores[best] - scores.get(NO_EVENT, 0.0) >= MODEL_ONLY
    )
    if best != NO_EVENT and supported:
        trigger = trigger_token(sent, best, model)
        # The main verb's own root codes the sentence's act ("prepared to resume shelling": MOBILIZE).
        root = lexicon_root(predicate) if predicate.pos_ == "VERB" else None
        root = root or plover_root(best, features, _verb_of(trigger, sent))
        mentions.append(Mention(sent, trigger, best, root, scores[best] - scores[NO_EVENT]))
    else:
        plover = load_model("plover")
        if plover is not None and predicate.pos_ in ("VERB",) and lemma_of(predicate) not in REPORTING_LEMMAS:
            proba = plover.proba(features)
            root = max(proba, key=proba.__getitem__)
            lexicon = lexicon_root(predicate)
            if lexicon is not None or (
                proba[root] >= PLOVER_ONLY
                and plover.weight(f"t:{lemma_of(predicate)}", root) > PLOVER_TRIGGER
            ):
                root = plover_root("Other", features, predicate) or root
                mentions.append(Mention(sent, predicate, PLOVER_TO_SUBTYPE[root], root, proba[root]))
    strong = {c: v for c, v in rule_scores(text).items() if v >= SECONDARY_RULE}
    adjusted = adjusted_rule_scores(text, sent.text)
    for subtype in sorted(strong, key=lambda c: -scores.get(c, -99.0)):
        if subtype not in adjusted or any(_siblings(subtype, m.subtype) for m in mentions):
            continue
        strength = strong[subtype]
        trigger = trigger_token(sent, subtype, model)
        if any(m.trigger.i == trigger.i for m in mentions):
            continue
        mentions.append(
            Mention(sent, trigger, subtype, plover_root(subtype, features, _verb_of(trigger, sent)), strength)
        )
    mentions = [_with_arguments(m) for m in mentions]
    # Events of one sentence share their actors when the parse links only one of them to a subject.
    with_agents = next((m.agents for m in mentions if m.agents), [])
    for mention in mentions:
        if not mention.agents:
            mention.agents = list(with_agents)
    return mentions


def lead_subtype(doc: Doc, model: LinearModel) -> tuple[str, float, bool]:
    """The sub-type the lead of a text is about, its margin over `NONE`, and whether a trigger phrase of
    that sub-type is in the lead."""
    sents = list(doc.sents)[:LEAD_SENTENCES]
    if not sents:
        return NO_EVENT, 0.0, False
    lead = doc[sents[0].start : sents[-1].end]
    masked = mask_names(lead)
    scores = type_scores(text_features(lead, LEAD_SENTENCES), masked, model, lead.text)
    best = best_subtype(scores)
    return best, scores[best] - scores[NO_EVENT], best in adjusted_rule_scores(masked, lead.text)


def sentences(doc: Doc) -> list[Span]:
    """The sentences of a document, also split at line breaks: a headline or a heading is a sentence of its
    own even where the parser ran it into the next paragraph."""
    spaces = numpy.flatnonzero(doc.to_array([IS_SPACE])).tolist()  # read as one array: no Token per word
    breaks = [i for i in spaces if "\n" in doc[i].text]
    pieces: list[Span] = []
    k = 0
    for sent in doc.sents:
        start = sent.start
        while k < len(breaks) and breaks[k] < sent.end:
            i = breaks[k]
            k += 1
            if i < start:
                continue
            if i > start:
                pieces.append(doc[start:i])
            start = i + 1
        if start < sent.end:
            pieces.append(doc[start : sent.end])
    return [p for p in pieces if any(not t.is_space and not t.is_punct for t in p)]


def detect_mentions(doc: Doc, model: LinearModel) -> list[Mention]:
    """Every event mention of the document, sentence by sentence, with the lead's main event first."""
    pieces = sentences(doc)
    mentions = [m for sent in pieces for m in sentence_mentions(sent, model)]
    main, margin, triggered = lead_subtype(doc, model)
    opening = mentions[0] if mentions else None
    if opening is not None and opening.plover in VERBAL_ROOTS and opening.trigger.pos_ == "VERB":
        if main not in PROTEST_SUBTYPES and opening.sent.start == pieces[0].start:
            return mentions
    lead_end = list(doc.sents)[:LEAD_SENTENCES][-1].end_char if len(doc) else 0
    first = next((m for m in mentions if m.subtype == main and m.sent.start_char < lead_end), None)
    if first is None and (margin > 0 or triggered) and len(doc):
        sent = next(
            (s for s in list(doc.sents)[:LEAD_SENTENCES] if rule_matches(s.text, main)), next(iter(doc.sents))
        )
        first = _with_arguments(Mention(sent, trigger_token(sent, main, model), main, None, margin))
        predicate = main_predicate(sent)
        first.plover = (lexicon_root(predicate) if predicate.pos_ == "VERB" else None) or plover_root(
            main, sentence_features(sent), predicate
        )
        mentions.insert(0, first)
    if first is not None:
        mentions.remove(first)
        mentions.insert(0, first)
    return mentions
