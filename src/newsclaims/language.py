"""Which language an article is in, so that an English pipeline is not run on other languages."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    "the of and to in a is that for on it with as was by he said at from his be are an have has were "
    "not but this they which or had its been who their will would after more than also".split()
)

# Function words of other Latin-script languages that English text does not use.
_FOREIGN = frozenset(
    "der die das und ist nicht mit von den dem les des est une dans pour avec sur qui los las el del que por "
    "para una con het een niet van zijn il della che di per della sono och att är det".split()
)


def detect_language(text: str, sample: int = 3000) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when there is too little text to tell.

    English is recognised cheaply by its function words; anything else goes to langdetect.

    >>> detect_language("The army said on Tuesday that it had taken the town.")
    'en'
    >>> detect_language("Die Armee hat am Dienstag mitgeteilt, dass sie die Stadt eingenommen habe.")
    'de'
    >>> detect_language("Eleven aid workers remain missing.") is None
    True
    """
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 3:
        return None
    if sum(w in _ENGLISH for w in words) / len(words) >= 0.12:
        return "en"
    latin = sum(c.isascii() for w in words for c in w) / max(1, sum(len(w) for w in words))
    foreign = sum(w in _FOREIGN for w in words)
    if len(words) < 12 and latin > 0.97 and foreign < 2:
        # headlines and snippets have too few function words to tell; langdetect guesses wildly on them
        # ("Eleven aid workers remain missing." -> Dutch), so a short Latin-script text is not refused.
        return None
    from langdetect import DetectorFactory, LangDetectException, detect_langs

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        best = detect_langs(text[:sample])[0]
    except (LangDetectException, IndexError):
        return None
    return best.lang if best.prob >= (0.6 if foreign >= 2 else 0.9) else None
