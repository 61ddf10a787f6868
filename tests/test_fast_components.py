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
