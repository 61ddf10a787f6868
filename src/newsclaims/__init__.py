"""newsclaims: sourced claims from news about wars and crises.

>>> import newsclaims
>>> analysis = newsclaims.analyze("Rebels said Russia sent ground troops.", published="2019-07-18")
>>> analysis.article.text
'Rebels said Russia sent ground troops.'
"""

from newsclaims.analysis import Analysis
from newsclaims.article import Article
from newsclaims.pipeline import Failure, analyze, analyze_many

__version__ = "0.1.0"
__all__ = ["Analysis", "Article", "Failure", "analyze", "analyze_many", "__version__"]
