"""The storage, review and incident-CLI tests again, on PostgreSQL, plus concurrent writers.

Why re-use instead of copy: the SQLite tests are the specification of the store; running the
same functions with a PostgreSQL ``store``/``db`` fixture proves both backends meet it. The
server comes from ``$HARMWATCH_TEST_PG`` (``.ci/run`` starts one); each test gets a fresh
database. Outside CI the module skips with a reason when no server is given; under CI=true a
missing server is a failure, so the backend is never silently untested.
"""
from __future__ import annotations

import inspect
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import test_reconcile
import test_reconcile_cli
import test_store
from harmwatch.store import Store

PG = os.environ.get("HARMWATCH_TEST_PG", "")
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require_pg() -> str:
    if not PG:
        if IN_CI:
            pytest.fail("CI=true but HARMWATCH_TEST_PG is unset: .ci/run must start PostgreSQL")
        pytest.skip("no PostgreSQL server: set HARMWATCH_TEST_PG=postgresql+psycopg://... "
                    "(.ci/run starts one)")
    return PG


@pytest.fixture
def pg_url():
    """A fresh, empty database on the test server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(require_pg())
    name = f"hw_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(pg_url):
    with Store(pg_url) as s:
        yield s


@pytest.fixture
def db(pg_url):
    """test_reconcile_cli's database (hand-built reports, reconciled), on PostgreSQL."""
    from harmwatch.reconcile import reconcile_store

    b = test_reconcile.Builder()
    test_reconcile.idlib_market(b)
    test_reconcile._gaza(b)
    with Store(pg_url) as s:
        for d in b.documents:
            s.add_document_with_extraction(b.documents[d], b.extractions[d])
        reconcile_store(s)
    return pg_url


three_docs = test_store.three_docs  # its ``store`` resolves to the PostgreSQL one above

try:  # the API is optional at import time (FastAPI); its tests re-run here when it is there
    import test_api
except Exception:  # pragma: no cover - skipped API: nothing to re-run
    test_api = None


@pytest.fixture(scope="module")
def desk():
    """test_api's desk (samples/ ingested, two tokens, the app) on a PostgreSQL database."""
    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from harmwatch.api import Settings, create_app
    from harmwatch.store.tokens import create_token

    base = make_url(require_pg())
    name = f"hw_api_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    store = Store(base.set(database=name).render_as_string(hide_password=False))
    try:
        test_api.ingest_samples(store)
        analyst, _ = create_token(store, "ana", "analyst")
        root, _ = create_token(store, "root", "admin")
        app = create_app(Settings(max_body=64 * 1024), store=store)
        with TestClient(app) as client:
            yield client, store, {"analyst": analyst, "admin": root}
    finally:
        store.close()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

# Tests that open SQLite files by path (or test SQLite behaviour) stay SQLite-only.
_SQLITE_ONLY = {"tmp_path"}
_NOT_ON_PG = {
    # Hypothesis draws text with U+0000, which a PostgreSQL text column cannot hold; ingest
    # refuses NUL bytes before anything reaches the store (ingest/decode.py).
    "test_claim_round_trip_property",
}
_REUSED = 0
for _mod in (test_store, test_reconcile, test_reconcile_cli, *([test_api] if test_api else [])):
    for _name, _fn in list(vars(_mod).items()):
        if not (_name.startswith("test_") and callable(_fn)):
            continue
        params = set(inspect.signature(_fn).parameters)
        if not params & {"store", "db", "three_docs", "desk"} or "schemathesis" in _name:
            continue  # no database: nothing backend-specific to re-run
        if _name in _NOT_ON_PG or "sqlite" in _name:
            continue
        if params & _SQLITE_ONLY and _name != "test_export_csv_and_geojson":  # tmp_path: output
            continue
        globals()[f"test_pg__{_mod.__name__}__{_name[5:]}"] = _fn
        _REUSED += 1


def test_the_reused_suite_is_not_empty():
    """Positive control: the loop above must pick up the store and review tests."""
    assert _REUSED >= 20
    names = [n for n in globals() if n.startswith("test_pg__")]
    assert any("review" in n for n in names) and any("test_store" in n for n in names)


def test_store_is_postgresql(store):
    assert store.engine.dialect.name == "postgresql"


# -- concurrent writers ---------------------------------------------------------------------

PLACES = ["Aleppo", "Idlib", "Mosul", "Sanaa", "Taiz", "Hodeidah", "Raqqa", "Homs",
          "Deir ez-Zor", "Kirkuk", "Marib", "Daraa"]


def write_corpus(folder: Path, n: int = 12) -> list[Path]:
    """Short reports of distinct strikes (text written for this test)."""
    folder.mkdir()
    paths = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        text = (f"# Strike near {place}, report {i}\n\n**March {i + 1}, 2019**\n\n"
                f"An airstrike hit a market in {place} on Tuesday, killing {i + 3} civilians "
                f"and wounding {2 * i + 5} others, local officials said. Residents said the "
                f"aircraft returned {i % 3 + 1} times.\n")
        p = folder / f"report-{i:02d}.md"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def harmwatch_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("harmwatch")
    return [str(exe)] if exe.exists() else [sys.executable, "-c",
                                            "from harmwatch.cli import app; app()"]


def test_two_ingest_processes_store_every_document_once(pg_url, tmp_path):
    paths = write_corpus(tmp_path / "corpus")
    env = {**os.environ, "HARMWATCH_DB": pg_url}
    cmd = [*harmwatch_cmd(), "ingest", str(tmp_path / "corpus")]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, errs) in zip(procs, outs):
        assert p.returncode == 0, errs[-2000:]
    with Store(pg_url) as s:
        docs = list(s.iter_documents())
        assert len(docs) == len(paths)                      # none lost ...
        assert len({d.id for d in docs}) == len(docs)       # ... none twice
        assert all(s.has_extraction(d.id) for d in docs)
        events = [e for d in docs for e in s.iter_events(doc_id=d.id)]
        assert events, "positive control: the reports have events"
        linked = [e for row in s.iter_incidents() for e in row.get("event_ids") or []]
        assert len(linked) == len(set(linked))              # no event in two incidents
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and f"0 new document(s), {len(paths)} already" in again.stdout
