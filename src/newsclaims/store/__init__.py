"""The corpus store: analysed articles in SQLite (default) or PostgreSQL, once each, searchable.

>>> from newsclaims.store import Store
>>> store = Store("sqlite:///corpus.db")  # doctest: +SKIP
>>> store.add(newsclaims.analyze(text)).status  # doctest: +SKIP
'added'
>>> [hit.snippet for hit in store.search("ceasefire", source="UN")]  # doctest: +SKIP
"""

from newsclaims.store.engine import DEFAULT_URL, StoreError, database_url
from newsclaims.store.search import SearchHit
from newsclaims.store.store import AddResult, Store

__all__ = ["DEFAULT_URL", "AddResult", "SearchHit", "Store", "StoreError", "database_url"]
