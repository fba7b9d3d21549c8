"""The incident commands end to end on a store of hand-built reports: list, show, review,
export (the extractor is not needed)."""
from __future__ import annotations

import csv
import io
import json

import pytest
import typer
from typer.testing import CliRunner

from harmwatch.cli import app as main_app
from harmwatch.reconcile import reconcile_store
from harmwatch.store import Store

from test_reconcile import Builder, _gaza, idlib_market


def make_app() -> typer.Typer:
    """The ``harmwatch`` app itself: its ``--db`` reaches the commands through ``ctx.obj``."""
    return main_app


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "hw.db")
    b = Builder()
    idlib_market(b)
    _gaza(b)
    with Store(path) as s:
        for d in b.documents:
            s.add_document_with_extraction(b.documents[d], b.extractions[d])
        reconcile_store(s)
    return path


def run(db, *args):
    res = CliRunner().invoke(make_app(), ["--db", db, *args], catch_exceptions=False)
    return res


def incident_of(db, doc):
    res = run(db, "incidents", "--format", "jsonl")
    for line in res.stdout.splitlines():
        inc = json.loads(line)
        if any(e.startswith(doc + ":") for e in inc["event_ids"]):
            return inc
    raise AssertionError(doc)


def test_list_and_filters(db):
    res = run(db, "incidents")
    assert res.exit_code == 0 and "3 incident(s)" in res.stdout
    assert "1 incident(s)" in run(db, "incidents", "--country", "SY").stdout
    assert "2 incident(s)" in run(db, "incidents", "--actor", "israeli").stdout
    assert "1 incident(s)" in run(db, "incidents", "--min-killed", "20").stdout
    assert "2 incident(s)" in run(db, "incidents", "--from", "2020-01-01").stdout
    assert "1 incident(s)" in run(db, "incidents", "--to", "2019-12-31",
                                  "--type", "Air/drone strike").stdout


def test_show_incident(db):
    inc = incident_of(db, "idl1")
    res = run(db, "incident", inc["id"][:6])
    out = res.stdout
    assert res.exit_code == 0
    for words in ("Idlib", "Fair", "toll timeline", "as many as 31", "the White Helmets",
                  "12–27–31"):
        assert words in out, words
    assert json.loads(run(db, "incident", inc["id"], "--json").stdout)["id"] == inc["id"]
    # an event id finds its incident
    assert inc["id"] in run(db, "incident", "idl2:e1").stdout


def test_review_commands_and_log(db):
    shu, rim = incident_of(db, "shu1"), incident_of(db, "rim1")
    res = run(db, "review", "merge", shu["id"], rim["id"], "--analyst", "ana",
              "--reason", "one strike")
    assert res.exit_code == 0, res.stdout
    merged = incident_of(db, "rim1")
    assert merged["id"] == shu["id"] and len(merged["event_ids"]) == 3
    res = run(db, "review", "split", shu["id"], "--events", "rim1:e1,rim2:e1",
              "--analyst", "ana", "--new-id", "Irimal")
    assert res.exit_code == 0, res.stdout
    assert incident_of(db, "rim1")["id"] == "Irimal"
    run(db, "review", "correct", "Irimal", "--field", "killed_best", "--value", "15",
        "--analyst", "bo", "--reason", "hospital list")
    assert incident_of(db, "rim1")["killed"]["best"] == 15
    run(db, "review", "confirm", "Irimal", "--grade", "fair", "--analyst", "bo")
    rim_now = incident_of(db, "rim1")
    assert rim_now["status"] == "confirmed" and rim_now["grade"] == "Fair"
    run(db, "review", "reject-claim", "rim2:c2", "--analyst", "bo", "--reason", "misread")
    assert incident_of(db, "rim1")["killed"]["high"] == 14
    bad = run(db, "review", "correct", "Irimal", "--field", "nonsense", "--value", "1")
    assert bad.exit_code != 0
    assert "5 review action(s)" in run(db, "review", "log").stdout
    log = [json.loads(x) for x in run(db, "review", "log", "--json").stdout.splitlines()]
    assert [a["action"] for a in log] == ["merge", "split", "correct", "confirm",
                                          "reject_claim"]
    assert log[2]["analyst"] == "bo" and log[2]["reason"] == "hospital list"
    assert "review action(s)" in run(db, "review", "log", "Irimal").stdout
    # everything survives a full re-run
    with Store(db) as s:
        reconcile_store(s)
    again = incident_of(db, "rim1")
    assert again["id"] == "Irimal" and again["killed"]["best"] == 15
    assert again["killed"]["high"] == 14 and again["status"] == "confirmed"


def test_export_csv_and_geojson(db, tmp_path):
    res = run(db, "export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == 3
    idlib = next(r for r in rows if r["country_iso"] == "SY")
    assert (idlib["killed_low"], idlib["killed_best"], idlib["killed_high"]) == ("12", "27", "31")
    assert json.loads(idlib["timeline"])[0]["low"] == 12
    assert idlib["toll_path"] == "12 → 27 → as many as 31"
    out = tmp_path / "x.geojson"
    run(db, "export", "--format", "geojson", "--output", str(out))
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    f = next(f for f in fc["features"] if f["properties"]["country_iso"] == "SY")
    assert f["geometry"]["coordinates"] == [pytest.approx(36.6339), pytest.approx(35.9306)]
    assert isinstance(f["properties"]["timeline"], list)


def test_highlight_stylises_the_figure_in_its_sentence():
    from harmwatch.reconcile.models import ClaimRef
    from harmwatch.reconcile.view import highlight

    ref = ClaimRef(claim_id="d:c1", doc_id="d", sentence="Airstrikes killed 56 people.",
                   span=(118, 120), sentence_span=(100, 128), number_text="56")
    text = highlight(ref)
    [span] = text.spans
    assert text.plain[span.start:span.end] == "56" and "bold" in str(span.style)
    no_offsets = highlight(ref.model_copy(update={"span": None, "sentence_span": None}))
    assert no_offsets.plain[no_offsets.spans[0].start:no_offsets.spans[0].end] == "56"
