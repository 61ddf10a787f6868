"""Alembic environment: migrations run programmatically by `Store` on the connection it passes in.

`Store` puts its open connection in `config.attributes["connection"]`; the alembic command line (for
developers writing a new revision) can pass `-x url=sqlite:///dev.db` instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsclaims.store.models import Base, include_object

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
