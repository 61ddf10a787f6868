"""Attribution patterns the parse gives exactly, where rules beat the tagger.

"X happened, according to Y": the source is the object of "to" with all its words, the content is the clause
"according" hangs from, less that phrase and the punctuation around it (two fragments when the phrase sits
in the middle of the clause).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

TokenRange = tuple[int, int]


def _strip(doc: Doc, start: int, end: int) -> TokenRange:
    """A token range without leading/trailing punctuation and whitespace (closing quotes are kept)."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in "“\"‘'")):
        start += 1
    while end > start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in "”\"’'")
    ):
        end -= 1
    return start, end


_OPENING = frozenset("“\"‘'")
_CLOSING = frozenset("”\"’'")


def _clause_part(doc: Doc, start: int, end: int) -> TokenRange:
    """A part of the clause around "according to X" as PolNeAR marks it: `_strip`ped, less a conjunction
    that joins it on ("And ...", "..., and ..."), less a stray mark that closed the quotation before it,
    and through the closing mark of a quotation it stops inside of ('"... answers."')."""
    start, end = _strip(doc, start, end)
    while start < end and (
        doc[start].pos_ == "CCONJ"
        or (doc[start].text in _OPENING and start + 1 < end and doc[start + 1].is_space)
    ):
        start, end = _strip(doc, start + 1, end)
    if end - start < 2:
        return start, end
    quotes = [t for t in doc[start:end] if t.text in _OPENING or t.text in _CLOSING]
    if len(quotes) % 2 == 1:
        # A quotation opened inside and not closed: take its closing mark when only punctuation is between.
        for k in range(end, min(end + 3, len(doc))):
            if doc[k].text in _CLOSING:
                return start, k + 1
            if not doc[k].is_punct:
                break
    return start, end


def according_to_roles(doc: Doc, cue: TokenRange) -> dict[str, list[TokenRange]] | None:
    """Source and content of an "according to" cue from the parse, or None when the parse does not fit."""
    according = doc[cue[0]]
    if according.lower_ != "according" or cue[1] - cue[0] != 2 or doc[cue[0] + 1].lower_ != "to":
        return None
    to = doc[cue[0] + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = (objects[0].left_edge.i, objects[0].right_edge.i + 1)
    phrase = (according.left_edge.i, max(according.right_edge.i + 1, source[1]))
    head = according.head
    if head.i == according.i:
        return None
    sentence = head.sent
    clause = (max(head.left_edge.i, sentence.start), min(head.right_edge.i + 1, sentence.end))
    contents = []
    for start, end in ((clause[0], phrase[0]), (phrase[1], clause[1])):
        start, end = _clause_part(doc, start, end)
        if end - start >= 2:
            contents.append((start, end))
    if not contents:
        return None
    return {"SRC": [source], "CON": contents}


COLON_TURN = re.compile(
    r"(?m)^[ \t]*[\"“]?(?P<source>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}):[ \t]+(?P<content>\S[^\n]*)"
)
"""A paragraph opened by a name and a colon: "WALLACE: Let's start ...", "Pat Caddell: Democrat Voters ..."."""
_NOT_SPEAKERS = frozenset(
    "note update editor editors photo photos video watch related read correction warning source sources "
    "image images credit caption listen subscribe advertisement tags share".split()
)


def colon_turns(doc: Doc, text: str | None = None) -> list[tuple[TokenRange, TokenRange, TokenRange]]:
    """(source, cue, content) token ranges of paragraphs opened by "NAME:" (transcripts, headlines).

    `text` is `doc.text` when the caller has it already (`Doc.text` joins every token anew)."""
    if text is None:
        text = doc.text
    turns = []
    for match in COLON_TURN.finditer(text):
        if match.group("source").split()[0].lower().rstrip(".") in _NOT_SPEAKERS:
            continue
        source = doc.char_span(*match.span("source"), alignment_mode="expand")
        cue = doc.char_span(match.end("source"), match.end("source") + 1, alignment_mode="expand")
        content_end = match.end("content")
        while content_end > match.start("content") and text[content_end - 1].isspace():
            content_end -= 1
        content = doc.char_span(match.start("content"), content_end, alignment_mode="expand")
        if source is None or cue is None or content is None or len(content) < 2:
            continue
        turns.append(((source.start, source.end), (cue.start, cue.end), (content.start, content.end)))
    return turns


def clause_before_source(
    doc: Doc, sentence: TokenRange, cue: TokenRange, sources: list[TokenRange]
) -> TokenRange | None:
    """The content of "X happened, Y said." when the tagger found none: the sentence up to the source.

    Only when the cue ends its sentence (punctuation after it at most) and a source sits right before it.
    """
    after = [t for t in doc[cue[1] : sentence[1]] if not (t.is_punct or t.is_space)]
    if after or not sources:
        return None
    source = max(sources, key=lambda r: r[1])
    if source[1] != cue[0] or source[0] <= sentence[0]:
        return None
    start, end = _strip(doc, sentence[0], source[0])
    return (start, end) if end - start >= 3 else None


CONTINUED_QUOTE_GAP = 40
"""At most this many words between a cue and the quotation that continues its quote: the source with its
apposition and relative clause ('said Jane Roe, a lawyer who has fought the plan for years. "B."')."""


def continued_quote(
    texts: list[str],
    sents: list[TokenRange],
    sent_index: list[int],
    regions: list[TokenRange],
    quote_region: list[int],
    cue: TokenRange,
    contents: list[TokenRange],
    taken_cues: set[int],
) -> TokenRange | None:
    """The quotation that carries on a quote after its cue: in '"A," he said. "B."' PolNeAR's content is
    both quotations. None unless the content ends with a quotation before the cue, the words after the cue
    (the source, its apposition, "on Monday"; no quotation) end with a full stop or comma in the same
    paragraph, and right after them a quotation runs to the end of its sentence with no cue of its own.

    (`texts` etc. are the columns of `DocFeatures`; `taken_cues` the token indices of every cue found.)"""
    if not contents:
        return None
    last = max(contents, key=lambda r: r[1])
    region = quote_region[last[1] - 1]
    if region == -1 or regions[region][1] != last[1] or last[1] > cue[0]:
        return None
    if sent_index[cue[0]] + 1 >= len(sents):
        return None
    # Walk from the cue to the next quotation mark, through one paragraph and a few dozen words.
    start, words, n = cue[1], 0, len(texts)
    while start < n and quote_region[start] == -1:
        text = texts[start]
        if "\n" in text or words > CONTINUED_QUOTE_GAP:
            return None
        words += not text.isspace()
        start += 1
    if start >= n or words == 0:
        return None
    before = start - 1
    while texts[before].isspace():
        before -= 1
    if texts[before] not in (".", ","):
        return None
    next_region = quote_region[start]
    if regions[next_region][0] != start:
        return None
    quote_end = regions[next_region][1]
    # The quotation may run over several sentences; what follows it in its last sentence must be punctuation.
    last_sent = sent_index[quote_end - 1]
    rest = [t for t in texts[quote_end : sents[last_sent][1]] if not t.isspace()]
    if any(t.isalnum() for t in rest):
        return None
    # A cue of its own inside the quotation's sentences, or before it in its sentence ("he said, adding,
    # "B.""), makes it another statement.
    own_start = max(cue[1], sents[sent_index[start]][0])
    if any(i in taken_cues for i in range(own_start, sents[last_sent][1])):
        return None
    return start, quote_end


DASH_SIGNATURE = re.compile(
    r"(?m)^[ \t\xa0]*(?P<content>\S[^\n]*?(?:[”\"](?=[ \t\xa0]*[―—–])|(?=[ \t\xa0]*[―—–][ \t\xa0]*[^\n]*\(@)))"
    r"[ \t\xa0]*(?P<cue>[―—–])[ \t\xa0]*"
    r"(?P<source>[A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){0,4}(?:[ \t\xa0]+\(@\w+\))?)"
    r"(?:[ \t\xa0]+[A-Z][a-z]+\.?[ \t\xa0]+\d{1,2},[ \t\xa0]+\d{4})?[ \t\xa0.]*$"
)
"""A paragraph signed after a dash: '“...” ― Sonya Herridge' (readers' quotes), and an embedded tweet
'... — Paul Ryan (@SpeakerRyan) September 20, 2016'. The content is the rest of the paragraph."""


def dash_signatures(doc: Doc, text: str | None = None) -> list[tuple[TokenRange, TokenRange, TokenRange]]:
    """(source, cue, content) token ranges of paragraphs signed "― NAME" after a quotation or a tweet."""
    if text is None:
        text = doc.text
    found = []
    for match in DASH_SIGNATURE.finditer(text):
        source_end = match.end("source")
        if text[source_end - 1] == ".":  # "Ariana Huichapa." : the full stop ends the line, not the name
            source_end -= 1
        source = doc.char_span(match.start("source"), source_end, alignment_mode="expand")
        cue = doc.char_span(*match.span("cue"), alignment_mode="expand")
        content = doc.char_span(*match.span("content"), alignment_mode="expand")
        if source is None or cue is None or content is None or len(content) < 3:
            continue
        found.append(((source.start, source.end), (cue.start, cue.end), (content.start, content.end)))
    return found


ADDRESSING_LEMMAS = frozenset(
    "tell ask assure inform remind warn urge promise notify advise caution brief email text write show".split()
)
"""Cues whose direct object is whom they address ("told reporters that ..."), not what they say."""
ASIDE_DEPS = frozenset(("dative",))
"""Dependents of a cue that say to whom, never what ("gave him the news"). (Dropping `prep` fragments too,
"in his book", lowered content exact F1 on PolNeAR dev by 0.0005; `npadvmod` changed nothing.)"""


def without_addressee(
    deps: list[str],
    paths: list[tuple[int, ...]],
    left_edge: list[int],
    right_edge: list[int],
    root: int,
    root_lemma: str,
    contents: list[TokenRange],
) -> list[TokenRange]:
    """Content fragments less the one naming whom the cue addresses, when another fragment says what:
    in '"A," he told the group' or 'told MSNBC that A', PolNeAR's content is A alone.

    A fragment goes when it is exactly the subtree of the cue root's indirect object, or of its direct
    object for a cue of `ADDRESSING_LEMMAS`. (`deps` etc. are the columns of `DocFeatures`.)"""
    if len(contents) < 2:
        return contents
    kept = []
    for start, end in contents:
        heads = [i for i in range(start, end) if len(paths[i]) > 1 and paths[i][1] == root]
        if len(heads) == 1:
            head = heads[0]
            dep = deps[head]
            addressee = dep in ASIDE_DEPS or (dep == "dobj" and root_lemma in ADDRESSING_LEMMAS)
            if addressee and left_edge[head] == start and right_edge[head] + 1 == end:
                continue
        kept.append((start, end))
    return kept if kept else contents


_CONJUNCTIONS = frozenset(("and", "but", "so", "yet", "or"))


def parenthetical_head(
    texts: list[str],
    sents: list[TokenRange],
    sent_index: list[int],
    in_quote: list[int],
    cue: TokenRange,
    sources: list[TokenRange],
    contents: list[TokenRange],
) -> TokenRange | None:
    """The first part of a sentence that a cue interrupts: in "Climate change, he said, is the greatest
    threat" PolNeAR's content is "Climate change" and "is the greatest threat".

    None unless source and cue sit between commas ("..., SOURCE CUE, ..."), the content starts right after
    the second comma, and the words before the first one, from the start of the sentence, are not quoted.
    (`texts` etc. are the columns of `DocFeatures`.)"""
    if not sources or not contents:
        return None
    first = min(contents)
    source = min(sources)
    if first[0] != cue[1] + 1 or texts[cue[1]] != "," or source[1] != cue[0] or source[0] < 1:
        return None
    comma = source[0] - 1
    if texts[comma] != ",":
        return None
    start = sents[sent_index[cue[0]]][0]
    # The part starts after the last conjunction that joins it to a clause before ("A, but B, he said, C").
    for k in range(comma - 1, start, -1):
        if texts[k].lower() in _CONJUNCTIONS and texts[k - 1] in (",", ";"):
            start = k
            break
    while start < comma and (texts[start].isspace() or texts[start].lower() in _CONJUNCTIONS):
        start += 1
    if comma - start < 1 or any(in_quote[start:comma]) or any(s < comma and start < e for s, e in contents):
        return None
    return start, comma
