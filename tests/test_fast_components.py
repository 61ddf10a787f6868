"""The fast attribute ruler and lemmatizer give exactly the stock components' annotations."""

from __future__ import annotations

import pytest
import spacy

from newsclaims.fast_components import FastAttributeRuler, accelerate
from newsclaims.nlp import DEFAULT_MODEL

TEXTS = [
    'Rebels said on Tuesday that Russian forces had "definitely" moved into the hills near Kafr Nabuda, '
    "while the ministry denied it. It wasn't the first time: there were 200 sorties in May.",
    "I ain't gonna say it, y'all. Let's go, c'mon! There is nothin' left, said one, an' that's all.\n\n"
    "  Somethin' 'bout 'em worried us.   She got ta leave; ol' Joe'll stay.",
    "Who did it? Which of them? That one. They do have a plan, and he does not deny having had it.",
    "",
    "\n\n",
    "Hello",
]


def annotations(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    return spacy.load(DEFAULT_MODEL), accelerate(spacy.load(DEFAULT_MODEL))


def test_components_are_swapped_in_place(pipelines) -> None:
    stock, fast = pipelines
    assert type(fast.get_pipe("attribute_ruler")) is FastAttributeRuler
    assert type(fast.get_pipe("lemmatizer")).__name__.startswith("Fast")
    assert fast.pipe_names == stock.pipe_names


@pytest.mark.parametrize("text", TEXTS)
def test_same_annotations_as_stock(pipelines, text: str) -> None:
    stock, fast = pipelines
    assert annotations(fast(text)) == annotations(stock(text))


def test_same_annotations_in_batches(pipelines) -> None:
    stock, fast = pipelines
    for a, b in zip(stock.pipe(TEXTS * 3), fast.pipe(TEXTS * 3), strict=True):
        assert annotations(a) == annotations(b)


def test_patterns_added_later_are_applied() -> None:
    stock, fast = spacy.load(DEFAULT_MODEL), accelerate(spacy.load(DEFAULT_MODEL))
    text = "The Kremlin denied it."
    fast(text)  # plans the ruler before the new pattern exists
    for nlp in (stock, fast):
        nlp.get_pipe("attribute_ruler").add(
            [[{"LOWER": "kremlin"}]], {"POS": "PROPN", "MORPH": "Number=Sing"}
        )
    got = annotations(fast(text))
    assert got == annotations(stock(text))
    assert got[1][2] == "PROPN"


def test_unsupported_attributes_fall_back_to_stock() -> None:
    nlp = accelerate(spacy.load(DEFAULT_MODEL))
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "idlib"}]], {"NORM": "idleb"})  # lexical attribute: stock code path
    assert nlp("Shelling in Idlib.")[2].norm_ == "idleb"


MANY_KINDS = (
    'Rebels said on Tuesday that Russian forces had "definitely" moved into the hills near Kafr Nabuda. '
    "I ain't gonna say it, y'all. Who did it? Which of them? They quickly fled, and she would not have been "
    "there. The 3 largest cities' mayors, whose offices were shelled twice, can't and won't leave; ours must. "
    "Oh! Wow, hmm... Send $5,000 to @ministry or visit www.example.org at 10:30 a.m. – tomorrow, e.g. sooner. "
    "Neither the UN nor NATO knows whom to trust; being careful, he kept reading, seeing everything clearly."
)


def test_many_kinds_of_token_in_one_doc(pipelines) -> None:
    """More distinct token kinds than the ruler's first table holds: the table grows and stays exact."""
    stock, fast = pipelines
    doc = fast(MANY_KINDS)
    assert annotations(doc) == annotations(stock(MANY_KINDS))
    assert len(fast.get_pipe("attribute_ruler")._newsclaims_plan._key_rows) > 64
    # Read again from the remembered rows
    assert annotations(fast(MANY_KINDS)) == annotations(doc)
