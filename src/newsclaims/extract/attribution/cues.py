"""What a cue says about its statement: the stance it implies and the kind of the statement.

>>> stance_of("deny", negated=False)
'deny'
>>> stance_of("confirm", negated=True)
'deny'
>>> stance_of("warn", negated=False)
'predict'
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span

from newsclaims.extract.attribution.features import is_quote_text

STANCE_BY_LEMMA: dict[str, str] = {
    **dict.fromkeys(
        (
            "deny",
            "reject",
            "dismiss",
            "refute",
            "rebut",
            "dispute",
            "disavow",
            "contradict",
            "disagree",
            "rule",
        ),
        "deny",
    ),
    **dict.fromkeys(("ask", "question", "wonder", "doubt", "query", "challenge"), "question"),
    **dict.fromkeys(
        ("expect", "warn", "predict", "forecast", "anticipate", "project", "vow", "promise"), "predict"
    ),
    **dict.fromkeys(
        ("believe", "think", "feel", "suspect", "guess", "suppose", "figure", "assume"), "believe"
    ),
    **dict.fromkeys(("accuse", "blame", "charge", "allege", "condemn", "criticize", "criticise"), "accuse"),
    **dict.fromkeys(("want", "hope", "wish", "intend", "plan", "urge", "call", "demand", "seek"), "want"),
    **dict.fromkeys(("confirm", "acknowledge", "admit", "concede", "agree", "verify"), "confirm"),
}
"""Cue lemmas whose stance is not a plain `assert`. Negating a `confirm` cue makes a denial."""

_NEGATIONS = frozenset(("not", "n't", "never", "no", "neither", "nor"))


def stance_of(lemma: str, negated: bool) -> str:
    """The stance a cue lemma implies; a negated confirmation ("did not confirm", "never admitted") denies."""
    lemma = lemma.lower()
    for word in lemma.split():
        stance = STANCE_BY_LEMMA.get(word)
        if stance is not None:
            break
    else:
        stance = "assert"
    if negated and stance == "confirm":
        return "deny"
    return stance


def cue_lemma(cue: Span) -> str:
    """The lemma of a cue: its content words' lemmas ("has said" -> "say", "according to" -> "according to")."""
    words = [
        t.lemma_.lower()
        for t in cue
        if t.pos_ not in ("AUX", "PUNCT", "PART", "ADV") or t.lower_ == "according"
    ]
    if cue.text.lower().startswith("according to"):
        return "according to"
    if not words:
        return cue.root.lemma_.lower() or cue.text.lower()
    return " ".join(words[:3])


def is_negated(cue: Span) -> bool:
    """Whether the cue's verb is negated ("did not confirm", "never said")."""
    root = cue.root
    if any(t.lower_ in _NEGATIONS for t in cue):
        return True
    return any(child.dep_ == "neg" or child.lower_ in _NEGATIONS for child in root.children)


def statement_kind(texts: Sequence[str], content: list[tuple[int, int]], cue_text: str) -> str:
    """`direct` when every content fragment is a quotation, `mixed` when some quotation is inside it,
    `according_to` for that cue, else `indirect` (fragments are token ranges of the Doc whose token texts
    are `texts`).

    >>> statement_kind(["“", "We", "won", "”", "he", "said"], [(0, 4)], "said")
    'direct'
    >>> statement_kind(["he", "said", "that", "“", "we", "won", "”"], [(2, 7)], "said")
    'mixed'
    """
    if cue_text.lower().startswith("according to"):
        return "according_to"
    quoted = []
    has_quote = False
    for start, end in content:
        quoted.append(
            is_quote_text(texts[start])
            and (is_quote_text(texts[end - 1]) or (end - start > 1 and is_quote_text(texts[end - 2])))
        )
        has_quote = has_quote or any(map(is_quote_text, texts[start:end]))
    if quoted and all(quoted):
        return "direct"
    return "mixed" if has_quote else "indirect"
