"""PLOVER root from the predicate: a verb lexicon after CAMEO's verb dictionaries, read along the chain of
complements ("has offered to hand over" -> offer -> AGREE; "decided to allow" -> allow -> CONCEDE).

The lexicon votes beside the linear PLOVER model: the model knows the context, the lexicon knows the verbs
that CAMEO's coders code by.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from newsclaims.extract.event_model import LinearModel

PLOVER_VERBS: dict[str, str] = {
    lemma: root
    for root, lemmas in {
        "REQUEST": "demand urge appeal ask request call plead press petition seek insist",
        "REJECT": "reject refuse decline veto oppose rebuff dismiss spurn resist defy renege",
        "THREATEN": "threaten warn ultimatum vow",
        "ACCUSE": "accuse criticize criticise condemn denounce blame charge investigate probe sue allege "
        "complain deplore slam fault",
        "AGREE": "agree promise pledge offer sign accept_plan conclude",
        "CONSULT": "meet visit host discuss negotiate talk telephone phone confer consult mediate",
        "SUPPORT": "praise support endorse back welcome recognize recognise commend hail thank applaud "
        "congratulate approve",
        "AID": "aid donate grant provide give supply deliver fund assist",
        "COOPERATE": "cooperate collaborate share ally coordinate",
        "RETREAT": "withdraw retreat surrender resign release free evacuate disarm demobilize",
        "CONCEDE": "allow ease lift relax pardon concede comply shorten",
        "PROTEST": "protest demonstrate rally march strike picket riot",
        "SANCTION": "sanction embargo expel suspend sever cut recall freeze halt boycott",
        "MOBILIZE": "mobilize mobilise deploy alert reinforce patrol prepare mass",
        "COERCE": "arrest detain seize confiscate impose ban censor demolish deport blockade hack raid "
        "expropriate jail imprison sentence restrict order",
        "ASSAULT": "attack kill bomb shell fight clash shoot assassinate kidnap abduct massacre torture "
        "beat invade storm ambush execute",
    }.items()
    for lemma in lemmas.split()
}
"""Verb lemma -> PLOVER root."""

LIGHT_VERBS = frozenset("decide try begin continue plan want seek attempt take make start have be".split())
"""Verbs that pass the event to their complement ("decided to allow")."""

LEXICON_WEIGHT = 1.0


def predicate_chain(predicate: Token, depth: int = 3) -> list[Token]:
    """The predicate and its open complements, outermost first."""
    chain = [predicate]
    token = predicate
    for _ in range(depth):
        comps = [c for c in token.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
        if not comps:
            break
        token = comps[0]
        chain.append(token)
    return chain


COOPERATIVE_ROOTS = frozenset(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"))
HOSTILE_ROOTS = frozenset(("SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "PROTEST"))
FUTURE_AUX = frozenset(("will", "shall", "'ll", "wo", "would"))
SANCTION_OBJECTS = frozenset(("sanction", "sanctions", "embargo"))


def is_future(predicate: Token) -> bool:
    """A predicate stated as intent ("Finland will give", "Israel will evacuate")."""
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in predicate.children)


def lexicon_root(predicate: Token) -> str | None:
    """The PLOVER root the first lexicon verb of the predicate's chain names, skipping light verbs.

    As CAMEO codes intent, a cooperative act in the future tense is AGREE (intent to cooperate) and a
    hostile one THREATEN ("will withdraw the inspectors" from a hostile actor is still coded by its verb).
    """
    for token in predicate_chain(predicate):
        lemma = token.lemma_.lower()
        objects = {c.lemma_.lower() for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
        if objects & SANCTION_OBJECTS and PLOVER_VERBS.get(lemma, "COERCE") in (
            "COERCE",
            "SANCTION",
            "AGREE",
        ):
            return "SANCTION"  # "imposed sanctions", "slapped an embargo"
        if lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children):
            return "COERCE"  # "blew up power lines": destruction of property
        if lemma in PLOVER_VERBS:
            root = PLOVER_VERBS[lemma]
            if is_future(predicate) or is_future(token):
                if root in COOPERATIVE_ROOTS:
                    return "AGREE"
                if root in HOSTILE_ROOTS:
                    return "THREATEN"
            return root
        if lemma not in LIGHT_VERBS:
            return None
    return None


def plover_scores(
    model: LinearModel, features: dict[str, float], predicate: Token | None
) -> dict[str, float]:
    """Each root's score: the model's log-probability, plus the lexicon's vote for the predicate's root."""
    scores = {c: math.log(p + 1e-9) for c, p in model.proba(features).items()}
    root = lexicon_root(predicate) if predicate is not None else None
    if root in scores:
        scores[root] += LEXICON_WEIGHT
    return scores
