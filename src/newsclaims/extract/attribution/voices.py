"""Statements no tagger finds: headline attributions and the reporter's own voice.

- Headlines: "Russia Has Deployed Ground Forces in Idlib, Syrian Rebels Say" (content, then source and cue)
  and "Russia Denies Its Troops Are Fighting" (source, cue, then content) become kind `headline`.
- The reporter's voice: a sentence that states something with no attribution on it becomes kind `reporter`,
  its source the news agency of the byline or else the outlet, so that every event has a claimant.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsclaims.article import Article
from newsclaims.extract.attribution.features import is_quote

_HEADLINE_CUES = (
    r"says?|said|claims?|reports?|warns?|insists?|denies|deny|confirms?|admits?|accuses?|rejects?|"
    r"tells?|believes?|fears?|vows?|urges?|dismiss(?:es)?|refutes?|blames?"
)
HEADLINE_TRAILING = re.compile(
    rf"^(?P<content>.+?)[,:;]\s*(?P<source>[^,:;]{{2,60}}?)\s+(?P<cue>{_HEADLINE_CUES})\W*$", re.I
)
"""Content first: "..., Syrian Rebels Say"."""
HEADLINE_LEADING = re.compile(
    rf"^(?P<source>[^,:;]{{2,50}}?)\s+(?P<cue>{_HEADLINE_CUES})(?::\s*|\s+)(?P<content>.{{8,}})$", re.I
)
"""Source first: "Russia Denies Its Troops Are Fighting in Syria", "UN: ..." is not matched."""

AGENCIES = {
    "reuters": "Reuters",
    "associated press": "Associated Press",
    "ap": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "bloomberg": "Bloomberg",
    "upi": "UPI",
    "anadolu agency": "Anadolu Agency",
}


def title_range(article: Article) -> tuple[int, int] | None:
    """Where the title sits in the text: structured input puts it first, then a blank line."""
    title = (article.title or "").strip()
    if title and article.text.startswith(title):
        return 0, len(title)
    return None


def headline_parts(title: str) -> dict[str, tuple[int, int]] | None:
    """Source, cue and content character ranges of a headline attribution, or None.

    >>> parts = headline_parts("Russia Has Deployed Ground Forces in Idlib, Syrian Rebels Say")
    >>> {k: "Russia Has Deployed Ground Forces in Idlib, Syrian Rebels Say"[a:b] for k, (a, b) in parts.items()}
    {'content': 'Russia Has Deployed Ground Forces in Idlib', 'source': 'Syrian Rebels', 'cue': 'Say'}
    """
    for pattern in (HEADLINE_TRAILING, HEADLINE_LEADING):
        match = pattern.match(title)
        if match is None:
            continue
        source = match.group("source")
        # A source is a name or a noun phrase, not a clause: no verbs-like words in Title Case sentences.
        if len(source.split()) > 6:
            continue
        return {name: match.span(name) for name in ("content", "source", "cue")}
    return None


def reporter_name(article: Article) -> str | None:
    """Who speaks in the reporter's voice: the byline's news agency, else the outlet, else the byline."""
    for name in article.byline:
        agency = AGENCIES.get(name.strip().lower())
        if agency is not None:
            return agency
    if article.outlet:
        return article.outlet
    return article.byline[0] if article.byline else None


def is_report_sentence(
    sent: Span, in_quote: list[int], is_word: list[bool] | None = None, text: str | None = None
) -> bool:
    """A sentence that states something: a finite verb at its root, not a question, not a quotation.

    `is_word` (each token of the Doc neither space nor punctuation) and `text` (the Doc's text) spare
    making a Token object per token and joining the sentence's text anew, when the caller has them."""
    if is_word is None:
        words = [t.i for t in sent if not t.is_space and not t.is_punct]
    else:
        words = [i for i in range(sent.start, sent.end) if is_word[i]]
    if len(words) < 5:
        return False
    stripped = (sent.text if text is None else text[sent.start_char : sent.end_char]).rstrip()
    if stripped.endswith("?") or stripped.endswith(":"):
        return False
    if sum(map(in_quote.__getitem__, words)) > len(words) // 2 or any(is_quote(t) for t in sent[:1]):
        return False
    root = sent.root
    return root.pos_ in ("VERB", "AUX") and root.tag_ not in ("VBG", "VB", "TO")


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The characters [start, end) of `text` (a sentence of it) without surrounding whitespace."""
    part = text[start:end]
    return start + len(part) - len(part.lstrip()), end - (len(part) - len(part.rstrip()))
