"""The REST API and web UI of newsclaims (`newsclaims serve`): FastAPI over the store.

Needs the `serve` extra: `pip install 'newsclaims[serve]'`.
"""

from newsclaims.api.app import create_app
from newsclaims.api.config import ServeConfig

__all__ = ["ServeConfig", "create_app"]
