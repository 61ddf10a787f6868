"""newsclaims: sourced claims from news about wars and crises.

>>> import newsclaims
>>> analysis = newsclaims.analyze("Rebels said Russia sent ground troops.", published="2019-07-18")
>>> analysis.article.text
'Rebels said Russia sent ground troops.'
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Failure", "analyze", "analyze_many", "__version__"]

if TYPE_CHECKING:
    from newsclaims.analysis import Analysis
    from newsclaims.article import Article
    from newsclaims.pipeline import Failure, analyze, analyze_many

# Imported on first use, so that commands which never parse (search, stats, serve) do not pay for spaCy.
_LAZY = {
    "Analysis": "newsclaims.analysis",
    "Article": "newsclaims.article",
    "Failure": "newsclaims.pipeline",
    "analyze": "newsclaims.pipeline",
    "analyze_many": "newsclaims.pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsclaims' has no attribute {name!r}")
