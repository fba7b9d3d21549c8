"""Issue 10 (review input): an analyst's figure that later reports contradict is flagged on the
incident (CLI, JSON, API), while the analyst's value stays in force."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from harmwatch.cli import app
from harmwatch.reconcile import reconcile_store
from harmwatch.store import Store

from test_reconcile import IDLIB, Builder, D, k

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from harmwatch.api import Settings, create_app  # noqa: E402


def _first(b: Builder) -> None:
    b.report("qa1", D(2021, 3, 2), "A drone strike hit a bakery queue in Idlib on Tuesday, "
             "killing 9 people, medics told reporters.", place=IDLIB, day=D(2021, 3, 2),
             claims=[k(9, source="medics")])


def _later(b: Builder) -> None:
    b.report("qa2", D(2021, 3, 4), "Medics now say 40 people died after Tuesday's drone "
             "strike on the Idlib bakery queue.", place=IDLIB, day=D(2021, 3, 2),
             claims=[k(40, source="medics")])


def _store(path, *reports) -> None:
    b = Builder()
    for r in reports:
        r(b)
    with Store(path) as s:
        for d in b.documents:
            s.add_document_with_extraction(b.documents[d], b.extractions[d])
        reconcile_store(s)


def run(db, *args):
    return CliRunner().invoke(app, ["--db", db, *args], catch_exceptions=False)


def only(db):
    (line,) = run(db, "incidents", "--format", "jsonl").stdout.splitlines()
    return json.loads(line)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "hw.db")
    _store(path, _first)
    return path


def test_correction_raised_by_later_report_is_flagged(db):
    inc = only(db)
    assert run(db, "review", "correct", inc["id"], "--field", "killed_high", "--value", "12",
               "--analyst", "ana").exit_code == 0
    assert only(db)["contradicted"] == []  # positive control: reports still agree
    _store(db, _first, _later)
    inc = only(db)
    assert inc["killed"]["high"] == 12  # the analyst decides
    flag = inc["killed"]["corrected"]["high"]["contradicted"]
    assert flag["machine_then"] == 9 and flag["machine_now"] == 40 and flag["why"]
    assert inc["contradicted"] and inc["contradicted"][0].startswith("killed_high")
    assert "contradicted" in run(db, "incident", inc["id"]).stdout
    assert "corrected!" in run(db, "incidents").stdout
    with Store(db) as s, TestClient(create_app(Settings(), store=s)) as c:
        body = c.get(f"/api/v1/incidents/{inc['id']}").json()
        page = c.get(f"/incidents/{inc['id']}").text
    assert body["contradicted"] == inc["contradicted"]
    assert 'id="contradicted"' in page


def _repeat(b: Builder) -> None:
    b.report("qa3", D(2021, 3, 3), "Nine people were killed when a drone struck a bakery queue "
             "in Idlib on Tuesday, medics said.", place=IDLIB, day=D(2021, 3, 2),
             claims=[k(9, source="medics")])


def test_correction_reports_agree_with_is_not_flagged(db):
    inc = only(db)
    run(db, "review", "correct", inc["id"], "--field", "killed_high", "--value", "50",
        "--analyst", "ana")
    _store(db, _first, _repeat)  # a later report that leaves the machine figures as they were
    inc = only(db)
    assert inc["status"] == "corrected" and inc["killed"]["high"] == 50
    assert inc["contradicted"] == [] and "contradicted" not in inc["killed"]["corrected"]["high"]
    assert "corrected!" not in run(db, "incidents").stdout


def test_old_audit_entry_without_machine_value(db):
    inc = only(db)
    with Store(db) as s:  # as logged before the payload carried the machine value
        s.add_review_action("ana", "correct", "incident", inc["id"],
                            {"field": "killed_high", "value": 11, "events": inc["event_ids"]},
                            None)
        reconcile_store(s)
    inc = only(db)
    assert inc["killed"]["high"] == 11 and inc["contradicted"] == []
    _store(db, _first, _later)  # no memory of 9, but 11 is now below the reports' best
    assert "below" in only(db)["contradicted"][0]
