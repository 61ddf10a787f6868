"""Statements: who said what, on articles written for these tests (and the project's canonical example)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsclaims import Article, analyze
from newsclaims.analysis import Analysis, Statement, validate
from newsclaims.extract.attribution.cues import stance_of
from newsclaims.extract.attribution.features import quote_depth
from newsclaims.extract.attribution.tagger import bio_segments
from newsclaims.extract.attribution.voices import headline_parts

EXAMPLE = Path(__file__).resolve().parents[2] / "shared/examples/reuters-idlib-2019-07-18.md"


def attributed(analysis: Analysis) -> list[Statement]:
    return [s for s in analysis.statements if s.kind != "reporter"]


def by_source(analysis: Analysis, words: str) -> list[Statement]:
    return [
        s
        for s in analysis.statements
        if s.source and s.source.span and words in analysis.text_of(s.source.span)
    ]


def source_text(analysis: Analysis, statement: Statement) -> str:
    source = statement.source
    return analysis.text_of(source.span) if source and source.span else ""


def content_text(analysis: Analysis, statement: Statement) -> str:
    return " ".join(analysis.text_of(c) for c in statement.content)


def test_direct_quote_with_cue_after():
    a = analyze('"The bridge was destroyed overnight," said Colonel Ivan Petrenko, a spokesman for the army.')
    [s] = attributed(a)
    assert s.kind == "direct"
    assert "Ivan Petrenko" in a.text_of(s.source.span)
    assert s.cue.lemma == "say"
    assert "bridge was destroyed" in content_text(a, s)
    assert s.stance == "assert"


def test_quote_interrupted_by_cue_has_two_fragments():
    text = '"We held the village for three days," the commander said, "but the shelling forced us out."'
    a = analyze(text)
    [s] = attributed(a)
    joined = content_text(a, s)
    assert "held the village" in joined and "shelling forced" in joined
    assert len(s.content) == 2
    assert a.text_of(s.source.span) == "the commander"


def test_indirect_speech():
    a = analyze("Local officials said the convoy had reached the northern town on Tuesday.")
    [s] = attributed(a)
    assert s.kind == "indirect"
    assert a.text_of(s.source.span) == "Local officials"
    assert content_text(a, s).startswith("the convoy had reached")


def test_according_to():
    a = analyze("More than 2,000 families fled the district last month, according to the United Nations.")
    [s] = attributed(a)
    assert s.kind == "according_to"
    assert s.cue.lemma == "according to"
    assert "families fled" in content_text(a, s)


def test_denial_has_stance_deny():
    a = analyze("The defence ministry denied that its aircraft had struck the market in the town.")
    [s] = attributed(a)
    assert s.stance == "deny"
    assert s.cue.lemma == "deny"


def test_warning_is_a_prediction():
    a = analyze("The mayor warned that the river would flood the lower city by Friday.")
    [s] = attributed(a)
    assert s.stance == "predict"


@pytest.mark.parametrize(
    ("lemma", "negated", "stance"),
    [
        ("say", False, "assert"),
        ("reject", False, "deny"),
        ("dismiss", False, "deny"),
        ("confirm", True, "deny"),
        ("ask", False, "question"),
        ("expect", False, "predict"),
        ("accuse", False, "accuse"),
    ],
)
def test_stance_of_cue(lemma, negated, stance):
    assert stance_of(lemma, negated) == stance


def test_headline_with_trailing_source():
    parts = headline_parts("Ceasefire Collapses in the North, Aid Workers Say")
    title = "Ceasefire Collapses in the North, Aid Workers Say"
    assert {k: title[a:b] for k, (a, b) in parts.items()} == {
        "content": "Ceasefire Collapses in the North",
        "source": "Aid Workers",
        "cue": "Say",
    }


def test_headline_with_leading_source_denial_in_article():
    title = "Army Denies Shelling the Eastern Market"
    body = "The army said on Monday that none of its units had fired on the market."
    article = Article(
        id="t1", text=f"{title}\n\n{body}", title=title, outlet="example.org", format="markdown"
    )
    a = analyze(article)
    headline = [s for s in a.statements if s.kind == "headline"]
    assert len(headline) == 1
    assert a.text_of(headline[0].source.span) == "Army"
    assert headline[0].stance == "deny"
    assert "Shelling the Eastern Market" in content_text(a, headline[0])


def test_reporter_voice_is_the_agency_or_outlet():
    text = "Floods Hit the Valley\n\nHeavy rain flooded dozens of villages in the valley on Sunday."
    article = Article(id="t2", text=text, title="Floods Hit the Valley", outlet="example.org", byline=["AFP"])
    a = analyze(article)
    reporter = [s for s in a.statements if s.kind == "reporter"]
    assert len(reporter) == 1
    assert reporter[0].source.name == "AFP"
    assert reporter[0].cue is None
    assert "flooded dozens of villages" in content_text(a, reporter[0])


def test_reporter_voice_falls_back_to_outlet():
    text = "Storm\n\nThe storm destroyed the harbour wall and sank two fishing boats."
    a = analyze(Article(id="t3", text=text, title="Storm", outlet="example.org"))
    assert [s.source.name for s in a.statements if s.kind == "reporter"] == ["example.org"]


def test_plain_text_has_no_headline():
    a = analyze("Rebels Say They Took the Airport\n\nThe fighting went on all night.")
    assert not [s for s in a.statements if s.kind == "headline"]


def test_no_quotes_no_attribution():
    a = analyze("The road to the coast was closed after the bridge collapsed in the storm.")
    assert attributed(a) == []


def test_only_quotes():
    a = analyze('"We are leaving." "There is no food left." "Nobody is coming to help us."')
    for s in a.statements:
        for start, end in s.content:
            assert 0 <= start < end <= len(a.article.text)


@pytest.mark.parametrize(
    "text",
    [
        '"The town fell," he said. The army retreated. "We lost many men, an officer said.',
        "«Nous partons», he said. “The shelling ‘never stopped,’ she said. 'It was over,\" they said.",
        'She said "they told us "leave now" and we ran" before the blast.',
        '"' * 50 + " the commander said " + "”" * 50,
    ],
)
def test_broken_and_nested_quote_marks_do_not_break_the_rest(text):
    text = text + "\n\nLater, the governor said the roads would reopen on Monday."
    a = analyze(text)
    governor = by_source(a, "the governor")
    assert governor and "roads would reopen" in content_text(a, governor[0])
    for s in a.statements:
        assert all(0 <= start < end <= len(text) for start, end in s.content)


def test_ten_thousand_quotes():
    # 5,000 quoted sentences: 10,000 quote marks in one article.
    text = '"We will stay here." ' * 5000 + "The minister said the talks had failed."
    a = analyze(text)
    minister = by_source(a, "The minister")
    assert minister and "talks had failed" in content_text(a, minister[0])


def test_empty_text():
    assert analyze("").statements == []


def test_bio_segments():
    assert bio_segments(["B-SRC", "I-SRC", "B-CUE", "O", "B-CON", "I-CON", "B-CON"], 10) == {
        "SRC": [(10, 12)],
        "CUE": [(12, 13)],
        "CON": [(14, 16), (16, 17)],
    }


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared example article not present")
def test_canonical_example():
    from newsclaims.ingest import read_path

    a = analyze(read_path(EXAMPLE))
    validate(a.to_dict())
    names = {e.id: e.name for e in a.entities}
    direct = [s for s in a.statements if s.kind == "direct" and s.source and s.source.entity]
    speakers = [names[s.source.entity] for s in direct]
    assert speakers.count("Naji Mustafa") >= 2
    assert speakers.count("Jamil al-Saleh") >= 1
    headline = [s for s in a.statements if s.kind == "headline"]
    assert headline and "Syrian Rebels" in a.text_of(headline[0].source.span)
    deny = [s for s in a.statements if s.stance == "deny"]
    assert any("officials" in a.text_of(s.source.span) for s in deny if s.source and s.source.span)
    according = [s for s in a.statements if s.kind == "according_to"]
    assert according and "UN" in a.text_of(according[0].source.span)
    mustafa = next(e for e in a.entities if e.name == "Naji Mustafa")
    spokesman = next(r for r in mustafa.roles if r.title == "spokesman")
    assert "National Liberation Front" in names[spokesman.org]
    nlf = next(e for e in a.entities if e.name == "National Liberation Front")
    assert "NLF" in [a.text_of(m) for m in nlf.mentions]
    assert [(f.relation, f.name) for f in nlf.affiliations] == [("backed_by", "Turkey")]
    commanders = next(s for s in a.statements if source_text(a, s) == "senior rebel commanders")
    they = next(s for s in a.statements if source_text(a, s) == "They")
    assert commanders.kind == they.kind == "indirect"
    assert commanders.source.entity == they.source.entity is not None
    head = next(s for s in a.statements if source_text(a, s).startswith("The head of"))
    assert names[head.source.entity] == "Jamil al-Saleh"
    echoed = next(s for s in a.statements if s.cue and a.text_of(s.cue.span).startswith("echoed"))
    assert names[echoed.source.entity] == "Jamil al-Saleh"
    reporter = [s for s in a.statements if s.kind == "reporter"]
    assert reporter and all(s.source.name == "Reuters" for s in reporter)


def test_according_to_in_the_middle_splits_content():
    a = analyze("The rebels held the ridge, according to a local monitoring group, until late on Sunday.")
    [s] = attributed(a)
    assert s.kind == "according_to"
    assert a.text_of(s.source.span) == "a local monitoring group"
    assert [a.text_of(c) for c in s.content] == ["The rebels held the ridge", "until late on Sunday"]


def test_transcript_turns():
    text = (
        "The interview went on for an hour.\n\n"
        '"HOST: Will the talks resume next week?\n\n'
        '"MINISTER: We are ready to meet them in Geneva on Monday.'
    )
    a = analyze(text)
    turns = [s for s in a.statements if s.cue and a.text_of(s.cue.span) == ":"]
    assert [a.text_of(s.source.span) for s in turns] == ["HOST", "MINISTER"]
    assert a.text_of(turns[1].content[0]) == "We are ready to meet them in Geneva on Monday."


def test_quote_depth_closes_an_unbalanced_mark_at_its_sentence_end():
    texts = ['"', "We", "lost", ".", "Then", "rain", ".", "\n\n", "Next", "."]
    sents = [(0, 4), (4, 8), (8, 10)]
    assert quote_depth(texts, sents) == [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]


def test_quote_depth_runs_over_paragraphs_when_reopened():
    texts = ["“", "We", "lost", ".", "\n\n", "“", "We", "left", ".", "”"]
    sents = [(0, 5), (5, 10)]
    assert quote_depth(texts, sents) == [1, 1, 1, 1, 0, 1, 1, 1, 1, 1]


def test_double_apostrophe_quotes_toggle():
    texts = ["''", "No", ",", "''", "he", "said", "."]
    assert quote_depth(texts, [(0, 7)]) == [1, 1, 1, 1, 0, 0, 0]


def test_doc_features_match_their_per_token_definitions():
    """The column-wise feature builders give each token what `own_features` and `cue_context` define."""
    from newsclaims.extract.attribution import features as F
    from newsclaims.nlp import load

    text = (
        "Rebel commander Naji Mustafa said on Tuesday that Russian forces had deployed near Idlib.\n\n"
        "“We will not retreat,” he told Reuters. “They are shelling the town.”\n\n"
        "WALLACE: Let's start with the ceasefire. The ministry denied it, according to state media."
    )
    doc = load()(text)
    features = F.doc_features(doc)
    columns = F._Columns.of(doc)
    # The same cut at line breaks as doc_features makes, then the reference definitions.
    for i in range(len(doc)):
        if features.sent_index[columns.head[i]] != features.sent_index[i]:
            columns.head[i], columns.dep[i] = i, "ROOT"
    columns.with_children()
    regions = features.regions
    quote_ends = {end - 1 + k for _start, end in regions for k in range(1, 5)}
    quote_starts = {start - k for start, _end in regions for k in range(1, 5)}
    assert len(features.cue_items) == len(features.own) == len(doc)
    for i in range(len(doc)):
        own = [feature.encode() for feature in F.own_features(columns, i, features.in_quote[i])]
        assert list(features.own[i]) == own
        context = [feature.encode() for feature in F.cue_context(columns, i, quote_starts, quote_ends)]
        assert list(features.cue_items[i][: len(own) + len(context)]) == own + context
        assert features.paths[i][0] == i and features.paths[i][-1] == columns.head[features.paths[i][-1]]


@pytest.mark.parametrize("text", ["Hi", "  \n\n ", "“Now”\n\nOK"])
def test_doc_features_of_tiny_texts(text):
    from newsclaims.extract.attribution.features import doc_features
    from newsclaims.nlp import load

    doc = load()(text)
    features = doc_features(doc)
    assert len(features.cue_items) == len(features.own) == len(features.paths) == len(doc)


def test_overlap_test_agrees_with_pairwise_comparison():
    import random

    from newsclaims.extract.statements import _overlap_test

    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))]
        overlaps = _overlap_test(spans)
        for _ in range(20):
            start = rng.randint(0, 230)
            probe = (start, start + rng.randint(1, 40))
            assert overlaps(probe) == any(a < probe[1] and probe[0] < b for a, b in spans)


def test_dash_signed_quotations():
    text = (
        "Readers wrote in after the debate.\n"
        "“The tone was harsh. I expected a discussion of the budget.” ― Maria Lopez\n"
        "“Nobody answered the question about schools.”\xa0― Tom Okafor.\n"
    )
    a = analyze(text)
    signed = [s for s in a.statements if s.cue and a.text_of(s.cue.span) == "―"]
    assert [source_text(a, s) for s in signed] == ["Maria Lopez", "Tom Okafor"]
    assert [content_text(a, s) for s in signed] == [
        "“The tone was harsh. I expected a discussion of the budget.”",
        "“Nobody answered the question about schools.”",
    ]
    assert all(s.kind == "direct" for s in signed)


def test_a_dash_inside_a_sentence_signs_nothing():
    a = analyze("The vote — delayed twice — passed on Tuesday.\nThe mayor — Ann Reyes")
    assert not [s for s in a.statements if s.cue and a.text_of(s.cue.span) == "—"]


@pytest.mark.parametrize(
    "speaker",
    [" the farmer said.", " said Maria Lopez, a farmer who has worked the valley for thirty years."],
    ids=["after-its-cue", "after-a-long-source"],
)
def test_quote_continued_after_its_attribution_joins_the_content(speaker):
    a = analyze(f"“The harvest came early this year,”{speaker} “We had the grain in before the rains.”")
    [s] = attributed(a)
    assert [a.text_of(c) for c in s.content] == [
        "“The harvest came early this year,”",
        "“We had the grain in before the rains.”",
    ]


def test_continued_quote_rule_needs_the_cue_to_end_its_sentence():
    from newsclaims.extract.attribution.rules import continued_quote

    # Tokens: “ A , ” he said . “ B . ”   (one paragraph, two sentences)
    texts = ["“", "A", ",", "”", "he", "said", ".", "“", "B", ".", "”"]
    sents = [(0, 7), (7, 11)]
    sent_index = [0] * 7 + [1] * 4
    regions = [(0, 4), (7, 11)]
    quote_region = [0, 0, 0, 0, -1, -1, -1, 1, 1, 1, 1]
    args = (texts, sents, sent_index, regions, quote_region)
    assert continued_quote(*args, (5, 6), [(0, 4)], {5}) == (7, 11)
    # The next quotation has a cue of its own: it is somebody's (or the same person's) new statement.
    assert continued_quote(*args, (5, 6), [(0, 4)], {5, 8}) is None
    # Content that is not a quotation before the cue: indirect speech, nothing to continue.
    assert continued_quote(*args, (5, 6), [(8, 10)], {5}) is None


def test_continued_quote_rule_stops_at_a_cue_before_the_next_quotation():
    from newsclaims.extract.attribution.rules import continued_quote

    # Tokens: “ A , ” he said , adding , “ B . ”   (one sentence)
    texts = ["“", "A", ",", "”", "he", "said", ",", "adding", ",", "“", "B", ".", "”"]
    sents = [(0, 13), (13, 13)]
    sent_index = [0] * 13
    regions = [(0, 4), (9, 13)]
    quote_region = [0, 0, 0, 0, -1, -1, -1, -1, -1, 1, 1, 1, 1]
    args = (texts, sents, sent_index, regions, quote_region)
    assert continued_quote(*args, (5, 6), [(0, 4)], {5}) == (9, 13)
    assert continued_quote(*args, (5, 6), [(0, 4)], {5, 7}) is None


def test_addressee_is_not_content():
    from newsclaims.extract.attribution.rules import without_addressee

    # Tokens: “ A , ” he told her .   with "her" the dative of "told"
    deps = ["punct", "ccomp", "punct", "punct", "nsubj", "ROOT", "dative", "punct"]
    paths = [(0, 1, 5), (1, 5), (2, 1, 5), (3, 1, 5), (4, 5), (5,), (6, 5), (7, 5)]
    edges = list(range(8))
    args = (deps, paths, edges, edges, 5)
    assert without_addressee(*args, "tell", [(0, 4), (6, 7)]) == [(0, 4)]
    # Alone, the fragment stays (better some content than none).
    assert without_addressee(*args, "tell", [(6, 7)]) == [(6, 7)]
    # A direct object is what is said, unless the cue is one of addressing.
    deps[6] = "dobj"
    assert without_addressee(*args, "repeat", [(0, 4), (6, 7)]) == [(0, 4), (6, 7)]
    assert without_addressee(*args, "tell", [(0, 4), (6, 7)]) == [(0, 4)]


def test_a_quotation_opened_by_the_content_is_closed_at_its_mark():
    from types import SimpleNamespace

    from newsclaims.extract.statements import close_quotes

    # Tokens: “ A . B . C . ” she said .   a quotation over tokens 0-8
    features = SimpleNamespace(regions=[(0, 8)], quote_region=[0] * 8 + [-1] * 3)
    assert close_quotes(features, [(0, 3)]) == [(0, 8)]
    # Tokens: that “ A . B . C . ”   (mixed: the quotation opens inside the content): closed only when the
    # content stops a few tokens short of the mark.
    features = SimpleNamespace(regions=[(1, 9)], quote_region=[-1] + [0] * 8)
    assert close_quotes(features, [(0, 7)]) == [(0, 9)]
    assert close_quotes(features, [(0, 4)]) == [(0, 4)]


def test_role_items_see_neighbours_within_the_window_only():
    from newsclaims import nlp as nlp_module
    from newsclaims.extract.attribution.features import doc_features
    from newsclaims.extract.attribution.tagger import role_items

    doc = nlp_module.load()("The river rose. Farmers said the levee would hold until Friday.")
    features = doc_features(doc)
    cue = next((t.i, t.i + 1) for t in doc if t.text == "said")
    window = features.sents[features.sent_index[cue[0]]]
    items = role_items(features, cue, window)
    assert b"-1BOW" in items[0] and b"-2BOW" in items[0] and b"-2BOW" in items[1]
    assert b"-1l=farmer" in items[1] and b"+2l=levee" in items[1]
    assert b"+1EOW" in items[-1] and b"+2EOW" in items[-2]
    # The same token seen from a window that starts earlier has the words before it as neighbours.
    wider = role_items(features, cue, (0, window[1]))
    assert b"-1l=." in wider[window[0]] and b"-1BOW" not in wider[window[0]]


def test_role_items_carry_each_tokens_relation_to_the_cue():
    """The window-at-once builder gives each token what `relations.relation_features` defines."""
    from newsclaims import nlp as nlpmod
    from newsclaims.extract.attribution.features import doc_features
    from newsclaims.extract.attribution.relations import adjacent_quotes, cue_root, relation_features
    from newsclaims.extract.attribution.tagger import _relation_rows

    text = (
        "“We will not retreat from the town,” said Naji Mustafa, a rebel commander. “They shell it daily.”\n\n"
        "The ministry, its spokesman told reporters on Monday, denied that troops had crossed the river."
    )
    doc = nlpmod.load()(text)
    features = doc_features(doc)
    checked = 0
    for cue_word in ("said", "told"):
        cue = next((t.i, t.i + 1) for t in doc if t.text == cue_word)
        root, quotes = cue_root(doc, *cue), adjacent_quotes(features, *cue)
        rows, path_features = _relation_rows(features, (0, len(doc)), root, cue, quotes)
        for i, (row, path) in enumerate(zip(rows, path_features, strict=True)):
            expected = relation_features(features, i, root, cue[0], cue[1], quotes)
            assert list(row) == [feature.encode() for feature in expected]
            paths = [f for f in expected if f.startswith(("path=", "rel="))]
            assert path == paths[-1].encode()
            checked += 1
    assert checked == 2 * len(doc)


def test_marginal_runs_read_role_probabilities():
    from newsclaims.extract.attribution.tagger import _marginal_runs

    class Marginals:
        table = {  # B-CON, I-CON per token
            0: (0.05, 0.0),
            1: (0.3, 0.0),
            2: (0.0, 0.25),
            3: (0.0, 0.1),
            4: (0.4, 0.0),
            5: (0.0, 0.3),
        }

        def marginal(self, label, i):
            begin, inside = self.table[i]
            return begin if label.startswith("B-") else inside

    assert _marginal_runs(Marginals(), "CON", (10, 16), 0.2) == [(11, 13), (14, 16)]
    assert _marginal_runs(Marginals(), "CON", (10, 16), 0.5) == []


def test_reported_speech_stops_before_the_full_stop():
    a = analyze("The minister said the bridge would reopen in May.")
    [s] = attributed(a)
    assert content_text(a, s) == "the bridge would reopen in May"


def test_role_window_of_a_run_on_sentence_is_bounded_around_the_cue():
    """A 'sentence' of thousands of tokens (quotes the parser never split) is not tagged whole for each cue."""
    from newsclaims.extract.attribution.features import doc_features
    from newsclaims.extract.attribution.tagger import MAX_ROLE_REACH, role_window
    from newsclaims.nlp import load

    clause = "the minister said the talks would go on , "
    doc = load()((clause * 150).strip())
    features = doc_features(doc)
    sentence = features.sents[features.sent_index[600]]
    assert sentence[1] - sentence[0] > 4 * MAX_ROLE_REACH  # one run-on sentence
    cue = (600, 601)
    start, end = role_window(features, cue)
    assert (start, end) == (600 - MAX_ROLE_REACH, 601 + MAX_ROLE_REACH)
    near_start = role_window(features, (sentence[0] + 3, sentence[0] + 4))
    assert near_start[0] == sentence[0] and near_start[1] == sentence[0] + 4 + MAX_ROLE_REACH
