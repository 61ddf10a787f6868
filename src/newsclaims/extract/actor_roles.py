"""Roles, affiliations and kinds of actors, read off the parse around their mentions.

- Titles before a name: "Captain Naji Mustafa" -> role `captain`.
- Appositions: "Naji Mustafa, spokesman for the NLF" -> role `spokesman`, org = the NLF's entity.
- Affiliations: "the Turkey-backed National Liberation Front" -> `backed_by` Turkey; "allied militias" -> `allied`.
- Kinds from the name's words: "National Liberation Front" -> `armed_group`, "defense ministry" -> `government`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

TITLES = frozenset(
    """president vice-president prime minister premier king queen prince sheikh emir general gen. col. colonel
    captain capt. major maj. lieutenant lt. sergeant sgt. commander admiral brigadier marshal senator sen. governor
    gov. mayor ambassador secretary chancellor chairman judge justice pope cardinal bishop imam ayatollah dr. rep.
    representative spokesman spokeswoman spokesperson chief director head leader official minister envoy mr. mrs.
    ms. gen colonel-general""".split()
)
"""Words that name a role when they precede a name or head an apposition."""

ROLE_NOUNS = TITLES | frozenset(
    """commander member officer founder deputy adviser advisor analyst researcher correspondent reporter
    editor activist resident witness doctor negotiator coordinator representative aide""".split()
)

AFFILIATION_WORDS = {
    "backed": "backed_by",
    "supported": "backed_by",
    "sponsored": "backed_by",
    "funded": "backed_by",
    "armed": "backed_by",
    "led": "led_by",
    "allied": "allied_with",
    "aligned": "allied_with",
    "linked": "linked_to",
    "affiliated": "linked_to",
    "controlled": "controlled_by",
    "held": "controlled_by",
    "run": "controlled_by",
}

_KIND_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "international_organisation",
        re.compile(
            r"\b(un|united nations|nato|unhcr|unicef|ocha|who|world health|red cross|red crescent|icrc|amnesty|"
            r"human rights watch|european union|eu|african union|arab league|opcw|imf|world bank|msf|"
            r"medecins sans frontieres|observatory)\b",
            re.I,
        ),
    ),
    (
        "media",
        re.compile(
            r"\b(reuters|ap|afp|associated press|bbc|cnn|al jazeera|news|times|post|tv|television|agency|"
            r"newspaper|journal|gazette|sana|tass|ria|interfax|press)\b",
            re.I,
        ),
    ),
    ("militia", re.compile(r"\b(militias?|paramilitar\w*|hezbollah|popular mobilization)\b", re.I)),
    (
        "armed_group",
        re.compile(
            r"\b(rebels?|insurgents?|jihadists?|militants?|fighters|front|brigades?|jaish|ahrar|tahrir|"
            r"hayat|islamic state|isis|isil|daesh|al[- ]qaeda|al[- ]nusra|taliban|boko haram|al[- ]shabaab|"
            r"opposition|faction|group|movement|liberation|nlf|hts|fsa|ypg|sdf|pkk)\b",
            re.I,
        ),
    ),
    (
        "military",
        re.compile(
            r"\b(army|military|armed forces|troops|soldiers|forces|navy|air force|police|security|"
            r"guards?|defen[cs]e ministry|ministry of defen[cs]e|pentagon|special forces|marines)\b",
            re.I,
        ),
    ),
    (
        "government",
        re.compile(
            r"\b(government|ministry|minister|president|cabinet|parliament|officials?|kremlin|white house|"
            r"state department|foreign office|administration|authorities|regime|council|embassy)\b",
            re.I,
        ),
    ),
    (
        "civilians",
        re.compile(r"\b(civilians?|residents?|villagers|refugees|people|families|children)\b", re.I),
    ),
]


def actor_kind(name: str, label: str) -> str | None:
    """The kind of actor a name (or a description) says it is, else by NER label (None when unknown).

    >>> actor_kind("National Liberation Front", "ORG")
    'armed_group'
    >>> actor_kind("Russia", "GPE")
    'government'
    """
    for kind, pattern in _KIND_PATTERNS:
        # NER often calls a group's foreign name a person ("Jaish al Izza"): only group words override it.
        if label == "PERSON" and kind not in ("armed_group", "militia", "military"):
            continue
        if pattern.search(name):
            return kind
    if label == "PERSON":
        return "person"
    if label == "GPE":
        return "government"
    return None


def title_before(doc: Doc, mention: Span) -> Span | None:
    """The title words just before a person's name ("Captain", "Syrian President")."""
    start = mention.start
    while start > 0 and doc[start - 1].lower_ in TITLES:
        start -= 1
    return doc[start : mention.start] if start < mention.start else None


def apposition_role(mention: Span) -> tuple[Token, Span | None] | None:
    """The role noun of an apposition to the mention ("X, spokesman for Y") and its `for`/`of` object."""
    root = mention.root
    for child in root.children:
        if child.dep_ == "appos" and child.lemma_.lower() in ROLE_NOUNS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with", "in"):
                    objects = [c for c in prep.children if c.dep_ == "pobj"]
                    if objects:
                        return child, mention.doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
            return child, None
    return None


def affiliation_tokens(doc: Doc, phrase: Span) -> list[tuple[Token, Span | None]]:
    """Affiliation adjectives in a noun phrase with their patron: "Turkey-backed" -> (backed, Turkey)."""
    found = []
    for token in phrase:
        relation_word = token.lower_
        if relation_word not in AFFILIATION_WORDS or token.dep_ not in ("amod", "compound", "nmod", "acl"):
            continue
        patron = None
        if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].is_punct:
            first = doc[token.i - 2]
            # The patron may be several words: "Saudi - led", "United States - backed".
            start = first.i
            while start > phrase.start and doc[start - 1].ent_iob_ == "I":
                start -= 1
            patron = doc[start : first.i + 1]
        found.append((token, patron))
    return found
