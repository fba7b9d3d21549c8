"""Database URLs, engines and migrations.

SQLite is the default (one file, nothing to run); PostgreSQL works through the same URL. The
schema is only ever created or changed by Alembic migrations, applied when a store is opened,
so every database in the field has a known revision and can be upgraded in place.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Optional, overload

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

ENV_VAR = "HARMWATCH_DB"
DEFAULT_URL = "sqlite:///harmwatch.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 600_000
"""How long a SQLite writer waits for another one (ms): another ingest may hold the lock for
the whole of a long reconciliation, and waiting beats failing half-way through a batch."""
MIGRATE_LOCK = 0x68776D67
"""PostgreSQL advisory lock key: one migrator at a time (SQLite: ``BEGIN IMMEDIATE``)."""
WRITE = "harmwatch_write"
"""Execution option marking a connection that will write (SQLite: ``BEGIN IMMEDIATE``)."""


def normalize_url(url: str) -> str:
    """A SQLAlchemy URL as given, or ``sqlite:///PATH`` for a plain file path."""
    if "://" in url:
        return url
    return f"sqlite:///{Path(url).expanduser()}"


def default_url() -> str:
    """``$HARMWATCH_DB`` (URL or plain path) if set, else ``sqlite:///harmwatch.db``."""
    return normalize_url(os.environ.get(ENV_VAR) or DEFAULT_URL)


def make_engine(url: str, *, echo: bool = False) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, echo=echo, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo)
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys, WAL, a busy timeout, and real transactions.

    Python's sqlite3 driver by default commits DDL immediately and starts transactions only at
    the first write; taking over ``BEGIN`` makes migrations atomic and lets writers take the
    write lock up front (``BEGIN IMMEDIATE``), so two processes never deadlock upgrading a read
    lock. This is SQLAlchemy's documented pysqlite recipe.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised via every test
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")  # wait for a writer, don't fail
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get(WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@overload
def as_utc(value: dt.datetime) -> dt.datetime: ...
@overload
def as_utc(value: None) -> None: ...
def as_utc(value: Optional[dt.datetime]) -> Optional[dt.datetime]:
    """SQLite gives datetimes back without a zone; the store always writes them in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


def alembic_config() -> Config:
    """Alembic configuration pointing at the migrations shipped inside the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` in one transaction (one writer at a time)."""
    cfg = alembic_config()
    with engine.connect() as conn:
        conn.execution_options(**{WRITE: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":  # two processes opening a fresh database
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATE_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)


def sqlite_path(url: str) -> Optional[Path]:
    """The file of a SQLite URL; ``None`` for other backends and in-memory databases."""
    try:
        parsed = make_url(url)
    except Exception:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def shown_url(url: str) -> str:
    """The database as the user would recognise it: the path for SQLite, else the URL without
    its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "the database URL given"
