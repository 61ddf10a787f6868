"""Statements: who said what.

Cue, source and content come from two trained CRF taggers over the parse (`attribution.tagger`); the cue
gives the stance (`attribution.cues`); the source span is linked to an actor, pronouns and descriptions
included (`attribution.sources`); headline attributions and the reporter's own voice are added by rule
(`attribution.voices`).

>>> from newsclaims import analyze
>>> a = analyze('"We will win," the commander said.')
>>> [(a.text_of(s.source.span), s.cue.lemma, s.kind) for s in a.statements]
[('the commander', 'say', 'direct')]
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from newsclaims.analysis import Analysis, Cue, Source, Statement
from newsclaims.extract import doc_text, extractor
from newsclaims.extract.attribution import neural_cues
from newsclaims.extract.attribution.cues import cue_lemma, is_negated, stance_of, statement_kind
from newsclaims.extract.attribution.features import DocFeatures, doc_features
from newsclaims.extract.attribution.rules import (
    according_to_roles,
    clause_before_source,
    colon_turns,
    continued_quote,
    dash_signatures,
    parenthetical_head,
    without_addressee,
)
from newsclaims.extract.attribution.sources import SourceResolver
from newsclaims.extract.attribution.span_bounds import refine_contents, sibling_cues, without_sibling_cues
from newsclaims.extract.attribution.span_sources import refine_source, shared_subject
from newsclaims.extract.attribution.tagger import AttributionTagger, TaggedAttribution, load_tagger
from newsclaims.extract.attribution.voices import (
    headline_parts,
    is_report_sentence,
    reporter_name,
    title_range,
    trimmed,
)

TokenRange = tuple[int, int]
CharRange = tuple[int, int]
CLOSE_QUOTES = True
ACCORDING_TO_RULE = True
DASH_SIGNATURE_RULE = True
CONTINUED_QUOTE_RULE = True
PARENTHETICAL_RULE = True
DROP_ADDRESSEE = True
DROP_FINAL_STOP = True
"""Measured on PolNeAR: content exact-span F1 dev 0.542 -> 0.545, train 0.590 -> 0.594."""
SPAN_BOUNDS = True
"""Content fragments kept or dropped and their ends re-chosen, and a tagged source's end re-chosen, by the
models of `attribution.span_bounds` (`span_sources.refine_source`)."""
SHARED_SUBJECT_SOURCE = True
"""A cue the tagger left without a source takes the subject its verb has or shares (`span_sources`)."""
SIBLING_CUES = True
"""Content stops before a later cue that hangs off its cue ("said A and accused B": `span_bounds`)."""


def char_span(doc: Doc, tokens: TokenRange) -> CharRange:
    """Character [start, end) of a token range."""
    span = doc[tokens[0] : tokens[1]]
    return span.start_char, span.end_char


def nearest_source(tagged: TaggedAttribution) -> TokenRange | None:
    """The source segment nearest the cue (several segments for one cue are rare)."""
    if not tagged.sources:
        return None
    cue = tagged.cue
    return min(tagged.sources, key=lambda r: min(abs(r[0] - cue[1]), abs(cue[0] - r[1])))


CLOSE_SLACK = 3
"""How many tokens short of its quotation's marks a content fragment may stop and still be widened to them
(a fragment that opens with the quotation's opening mark is always widened to its closing one)."""
OPEN_SLACK = 3


def close_quotes(features: DocFeatures, contents: list[TokenRange]) -> list[TokenRange]:
    """Content fragments that stop short of their quotation's marks, widened to the marks.

    The tagger sometimes ends a quotation at its last comma or at the end of one of its sentences, or
    starts it after the opening mark; PolNeAR content spans a quotation from mark to mark. (On PolNeAR dev,
    always closing a quotation opened at the fragment's start: content exact F1 0.561 -> 0.568.)
    """
    regions, region_of = features.regions, features.quote_region
    closed = []
    for start, end in contents:
        last = region_of[end - 1]
        if last != -1 and regions[last][0] >= start:
            quote_start, quote_end = regions[last]
            if quote_end > end and (quote_start == start or quote_end - end <= CLOSE_SLACK):
                end = quote_end
        elif last != -1 and regions[last][1] == end and 0 < start - regions[last][0] <= OPEN_SLACK:
            start = regions[last][0]
        closed.append((start, end))
    return closed


def without_final_stop(features: DocFeatures, contents: list[TokenRange]) -> list[TokenRange]:
    """Content fragments less a full stop that ends them outside any quotation: PolNeAR's reported speech
    stops before the sentence's full stop (a quotation keeps the one inside its marks)."""
    texts, in_quote = features.texts, features.in_quote
    return [
        (start, end - 1)
        if end - start > 1 and texts[end - 1] == "." and not in_quote[end - 1]
        else (start, end)
        for start, end in contents
    ]


def statement_from(
    doc: Doc, features: DocFeatures, tagged: TaggedAttribution, resolver: SourceResolver
) -> Statement | None:
    """A Statement from one tagged attribution (None when the tagger found no content)."""
    if not tagged.contents:
        return None
    cue_tokens = doc[tagged.cue[0] : tagged.cue[1]]
    source = None
    source_tokens = nearest_source(tagged)
    if source_tokens is not None and SPAN_BOUNDS and not tagged.ruled:
        source_tokens = refine_source(features, tagged.cue, source_tokens)
    if source_tokens is None and SHARED_SUBJECT_SOURCE and not tagged.ruled:
        sentence = features.sents[features.sent_index[tagged.cue[0]]]
        source_tokens = shared_subject(doc, tagged.cue, sentence, features.in_quote)
        if source_tokens is not None and any(
            source_tokens[0] < end and start < source_tokens[1] for start, end in tagged.contents
        ):
            source_tokens = None
    if source_tokens is not None:
        span = doc[source_tokens[0] : source_tokens[1]]
        source = Source(span=(span.start_char, span.end_char), entity=resolver.resolve(span))
    lemma = cue_lemma(cue_tokens)
    contents = sorted(tagged.contents)
    if CLOSE_QUOTES and not tagged.ruled:
        contents = close_quotes(features, contents)
    if DROP_ADDRESSEE and not tagged.ruled and len(contents) > 1:
        root = cue_tokens.root.i
        contents = without_addressee(
            features.deps,
            features.paths,
            features.left_edge,
            features.right_edge,
            root,
            features.own[root][0][2:].decode(),
            contents,
        )
    if SPAN_BOUNDS and not tagged.ruled:
        contents = refine_contents(features, tagged.cue, contents)
    if DROP_FINAL_STOP:
        contents = without_final_stop(features, contents)
    return Statement(
        id="",
        source=source,
        cue=Cue(span=(cue_tokens.start_char, cue_tokens.end_char), lemma=lemma),
        content=[char_span(doc, r) for r in contents],
        kind=statement_kind(features.texts, contents, cue_tokens.text),
        stance=stance_of(lemma, is_negated(cue_tokens)),
        score=round(min(1.0, max(0.0, tagged.score)), 3),
    )


def headline_statement(doc: Doc, analysis: Analysis, resolver: SourceResolver) -> Statement | None:
    """The title's attribution ("..., Syrian Rebels Say"; "X Denies ..."), when the title has one."""
    title = title_range(analysis.article)
    if title is None:
        return None
    parts = headline_parts(analysis.article.text[: title[1]])
    if parts is None:
        return None
    source_span = doc.char_span(*parts["source"], alignment_mode="expand")
    cue_span = doc.char_span(*parts["cue"], alignment_mode="expand")
    if source_span is None or cue_span is None:
        return None
    lemma = cue_span.lemma_.lower() if len(cue_span) == 1 else cue_span.text.lower()
    lemma = {"denies": "deny", "says": "say"}.get(lemma, lemma)
    return Statement(
        id="",
        source=Source(span=parts["source"], entity=resolver.resolve(source_span)),
        cue=Cue(span=parts["cue"], lemma=lemma),
        content=[parts["content"]],
        kind="headline",
        stance=stance_of(lemma, is_negated(cue_span)),
        score=0.9,
    )


def _overlap_test(spans: list[CharRange]) -> Callable[[CharRange], bool]:
    """A test of whether a character range overlaps any of `spans` (by bisection: articles have many)."""
    ordered = sorted(spans)
    starts = [start for start, _end in ordered]
    reach = list(itertools.accumulate((end for _start, end in ordered), max))

    def overlaps(span: CharRange) -> bool:
        # Of the spans starting before `span` ends, the one reaching furthest decides.
        k = bisect.bisect_left(starts, span[1])
        return k > 0 and reach[k - 1] > span[0]

    return overlaps


def reporter_statements(
    doc: Doc, features: DocFeatures, analysis: Analysis, taken: list[CharRange], text: str | None = None
) -> list:
    """Sentences in the reporter's own voice: stating something, with no attribution on them."""
    if text is None:
        text = doc.text
    name = reporter_name(analysis.article)
    entity = None
    if name is not None:
        entity = next((e.id for e in analysis.entities if e.name.lower() == name.lower()), None)
    title = title_range(analysis.article)
    is_taken = _overlap_test(taken)
    is_word: list[bool] | None = None
    statements = []
    for sent_start, sent_end in features.sents:
        sent = doc[sent_start:sent_end]
        if title is not None and sent.start_char < title[1]:
            # The parser may run the title into the first sentence: keep the part after the title.
            if sent.end_char <= title[1]:
                continue
            rest = doc.char_span(title[1], sent.end_char, alignment_mode="contract")
            if rest is None or len(rest) == 0:
                continue
            sent = rest
        span = trimmed(text, sent.start_char, sent.end_char)
        if span[0] >= span[1]:
            continue
        if is_taken(span):
            continue
        if is_word is None:
            is_word = word_flags(doc)
        if not is_report_sentence(sent, features.in_quote, is_word, text):
            continue
        statements.append(
            Statement(
                id="",
                source=Source(span=None, entity=entity, name=name),
                cue=None,
                content=[span],
                kind="reporter",
                stance="assert",
                score=0.5,
            )
        )
    return statements


def word_flags(doc: Doc) -> list[bool]:
    """For each token, whether it is a word: neither whitespace nor punctuation (read in one array)."""
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return (flags.sum(axis=1) == 0).tolist()


def tagged_attributions(doc: Doc, features: DocFeatures, tagger: AttributionTagger | None) -> list:
    """The taggers' attributions; cues by the neural cue CRF when the optional `newsclaims_neural_cues`
    component scored the Doc (`attribution.neural_cues`), else by the cue CRF alone."""
    if tagger is None:
        return []
    scores = doc.user_data.get(neural_cues.SCORES_KEY)
    if scores is not None:
        scores = neural_cues.usable_scores(scores, len(doc))
        if scores is not None:
            return neural_cues.tag_with_scores(tagger, features, scores)
    return tagger.tag(features)


def _covered(statement: Statement) -> list[CharRange]:
    spans = list(statement.content)
    if statement.cue is not None:
        spans.append(statement.cue.span)
    if statement.source is not None and statement.source.span is not None:
        spans.append(statement.source.span)
    return spans


@extractor("statements")
def extract_statements(doc: Doc, analysis: Analysis) -> list[Statement]:
    """Every statement of the article: attributed ones, the headline's, then the reporter's, in text order."""
    if len(doc) == 0:
        return []
    features = doc_features(doc)
    text = doc_text(doc, analysis.article.text)
    resolver = SourceResolver(analysis.entities)
    statements: list[Statement] = []
    headline = headline_statement(doc, analysis, resolver)
    title = title_range(analysis.article)
    tagged = tagged_attributions(doc, features, load_tagger())
    # Paragraphs opened by "NAME:" are turns of that speaker, whatever the tagger made of the colon.
    turns = colon_turns(doc, text)
    if DASH_SIGNATURE_RULE:
        turns += dash_signatures(doc, text)
    for source, cue, content in turns:
        tagged = [t for t in tagged if not (t.cue[0] < cue[1] and cue[0] < t.cue[1])]
        tagged.append(TaggedAttribution(cue=cue, sources=[source], contents=[content], score=0.9, ruled=True))
    cue_tokens = {i for t in tagged for i in range(*t.cue)}
    siblings = (
        sibling_cues(features, {doc[t.cue[0] : t.cue[1]].root.i for t in tagged}) if SIBLING_CUES else {}
    )
    for item in sorted(tagged, key=lambda t: t.cue):
        if CONTINUED_QUOTE_RULE and not item.ruled:
            more = continued_quote(
                features.texts,
                features.sents,
                features.sent_index,
                features.regions,
                features.quote_region,
                item.cue,
                item.contents,
                cue_tokens,
            )
            if more is not None and more not in item.contents:
                item.contents = [*item.contents, more]
        if PARENTHETICAL_RULE and not item.ruled:
            head = parenthetical_head(
                features.texts,
                features.sents,
                features.sent_index,
                features.in_quote,
                item.cue,
                item.sources,
                item.contents,
            )
            if head is not None:
                item.contents = [head, *item.contents]
        if ACCORDING_TO_RULE:
            ruled = according_to_roles(doc, item.cue)
            if ruled is not None:
                item.sources, item.contents, item.ruled = ruled["SRC"], ruled["CON"], True
        if not item.contents:
            sentence = features.sents[features.sent_index[item.cue[0]]]
            clause = clause_before_source(doc, sentence, item.cue, item.sources)
            if clause is not None:
                item.contents = [clause]
        if SIBLING_CUES and not item.ruled and item.contents:
            root = doc[item.cue[0] : item.cue[1]].root.i
            item.contents = without_sibling_cues(features, root, item.contents, siblings)
        statement = statement_from(doc, features, item, resolver)
        if statement is None:
            continue
        if title is not None and statement.cue is not None and statement.cue.span[0] < title[1]:
            if headline is not None:
                continue  # the headline rule read the title already
            statement.kind = "headline"
        statements.append(statement)
    if headline is not None:
        statements.insert(0, headline)
    taken = [span for s in statements for span in _covered(s)]
    statements.extend(reporter_statements(doc, features, analysis, taken, text))
    statements.sort(key=lambda s: s.content[0] if s.content else (0, 0))
    for i, statement in enumerate(statements, start=1):
        statement.id = f"S{i}"
    return statements
