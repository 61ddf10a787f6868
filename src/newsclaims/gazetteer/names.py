"""Name keys: the one normal form under which gazetteer names are stored and text mentions are looked up.

A key is lower case, without accents or apostrophes, with any run of other symbols (hyphens, dots, commas,
"$") as one space, so that
"Deir ez-Zor", "Deir Ez Zor" and "DEIR EZ-ZOR" meet, and "Ḩamāh" meets "Hamah".
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['’‘`ʼʻ´]")
_SEPARATORS = re.compile(r"[^\w&]+")
_LATIN_OK = re.compile(r"^[\sA-Za-z0-9'’‘`ʼʻ´\-‐‑‒–—_/.,()&À-ɏḀ-ỿ]+$")


def name_key(name: str) -> str:
    """The lookup key of a place name.

    >>> name_key("Deir ez-Zor"), name_key("Ḩamāh"), name_key("Sant Julià de Lòria")
    ('deir ez zor', 'hamah', 'sant julia de loria')
    """
    if name.isascii():  # most names: skip the Unicode work
        text = _APOSTROPHES.sub("", name)
    else:
        text = unidecode(_APOSTROPHES.sub("", unicodedata.normalize("NFKC", name)))
    text = _SEPARATORS.sub(" ", text)
    return text.strip().lower()


ABBREVIATION_MARK = " ."
"""Appended to the key of an abbreviation written with a dot ("Calif.", "Mass.", "La."), which is then found
only when the text has the dot too: "Mass", "Miss" or "La" are words."""


def abbreviation_key(name: str) -> str:
    """The key of an abbreviation: marked when it ends with a dot.

    >>> abbreviation_key("Calif."), abbreviation_key("BC")
    ('calif .', 'bc')
    """
    key = name_key(name)
    return key + ABBREVIATION_MARK if key and name.rstrip().endswith(".") else key


def is_latin(name: str) -> bool:
    """Whether a name is written in Latin script (alternate names in other scripts are not indexed).

    >>> is_latin("Ḩamāh"), is_latin("حماة")
    (True, False)
    """
    return bool(_LATIN_OK.match(name))
