"""Framing cues of a short text toward a claim: does it confirm, speculate, or ask?

`cue_features` (in `features`) counts refuting, hedging and negation words one by one; the features here group
the words a headline uses to frame a claim into two broad families, so that a rare member of a family ("mulls",
"tipped", "footage") carries the weight the family learned from its frequent members:
- confirming: the text presents the claim as established ("confirmed", "officially", "video shows", "reveals");
- speculative: the text passes the claim on as unsettled ("in talks", "set to", "leaked", "analyst predicts",
  "could", "reportedly").
Words of the claim itself are left out: a claim "Apple will reveal ..." does not make every headline confirming.
Questions are marked apart: a headline ending in "?" or opening with an auxiliary ("Is ...", "Did ...") asks
rather than tells.

>>> sorted(framing_features("Apple is buying Path", "Apple in talks to buy Path, sources say"))
['fr:confirm0|speculate1', 'fr:confirm=0', 'fr:speculate=2']
"""

from __future__ import annotations

from newsclaims.corpus.features import STOP_WORDS, stem, tokens


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


CONFIRMING = _stems(
    """confirm confirms confirmed confirmation official officially proof proves proved proven reveal reveals
    revealed show shows showed shown video footage photo photos pictures watch finally indeed announce announces
    announced unveil unveils unveiled admit admits admitted verified verify actually really truth true fact here"""
)
SPECULATIVE = _stems(
    """talk talks near nears mull mulls weigh weighs eye eyes eyeing consider considers considering poised
    expected expects plan plans planning set rumor rumors rumour rumours rumored rumoured leak leaks leaked patent
    spotted analyst analysts predict predicts predicted suggest suggests suggested hint hints hinted tipped
    speculation speculate speculated insider insiders sources possibly probably likely potential potentially
    might may could would unconfirmed report reports reportedly allegedly alleged purportedly apparently seems
    appears whether if"""
)
# a headline opening with one of these and holding a "?" asks a question ("Is Fidel Castro dead?")
QUESTION_OPENERS = _stems("is are was were did does do could will can should would has have who what why how")


def framing_features(claim: str, text: str, prefix: str = "fr:") -> dict[str, float]:
    """Indicator features of the confirming and speculative words `text` adds to `claim`, and of a question."""
    claim_words = {w for w in tokens(claim) if w not in STOP_WORDS}
    words = tokens(text)
    added = [w for w in words if w not in claim_words]
    n_confirm = sum(w in CONFIRMING for w in added)
    n_speculate = sum(w in SPECULATIVE for w in added)
    feats = {
        f"{prefix}confirm={min(n_confirm, 2)}": 1.0,
        f"{prefix}speculate={min(n_speculate, 2)}": 1.0,
        # both at once ("refuses to confirm reports") reads differently from either alone
        f"{prefix}confirm{int(n_confirm > 0)}|speculate{int(n_speculate > 0)}": 1.0,
    }
    stripped = text.strip()
    if stripped.endswith("?"):
        feats[f"{prefix}question_end"] = 1.0
    if words and words[0] in QUESTION_OPENERS and "?" in stripped:
        feats[f"{prefix}question_open"] = 1.0
    return feats
