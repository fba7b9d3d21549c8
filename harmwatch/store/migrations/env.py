"""Alembic environment for the harmwatch store.

Run programmatically by ``harmwatch.store.db.upgrade`` (which passes its own connection, inside
its own transaction, in ``config.attributes["connection"]``), or by hand for developers::

    alembic -c harmwatch/store/migrations/alembic.ini revision --autogenerate -m "..."

which targets ``$HARMWATCH_DB`` (default ``sqlite:///harmwatch.db``).
"""
from __future__ import annotations

from alembic import context

from harmwatch.store.db import default_url, make_engine
from harmwatch.store.schema import metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite can only ALTER by copying the table
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or default_url())
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("harmwatch migrations run online only (they need a connection).")
run_migrations_online()
