"""The REST API over a temporary store ingested from samples/ (FastAPI's TestClient)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from harmwatch.api import Settings, create_app  # noqa: E402
from harmwatch.store import Store  # noqa: E402
from harmwatch.store.tokens import create_token, verify_token  # noqa: E402

REPO = Path(__file__).resolve().parents[1]

from helpers import ingest_samples  # noqa: E402




def copy_db(src: Path, dst: Path) -> str:
    """A consistent copy of a SQLite database (WAL included), as a URL."""
    import sqlite3

    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return f"sqlite:///{dst}"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """samples/ ingested and reconciled once; tests copy it."""
    path = tmp_path_factory.mktemp("api") / "pristine.db"
    store = Store(f"sqlite:///{path}")
    ingest_samples(store)
    store.close()
    return path


@pytest.fixture(scope="module")
def desk(pristine, tmp_path_factory):
    store = Store(copy_db(pristine, tmp_path_factory.mktemp("api") / "desk.db"))
    analyst, _ = create_token(store, "ana", "analyst")
    admin, _ = create_token(store, "root", "admin")
    app = create_app(Settings(max_body=64 * 1024), store=store)
    with TestClient(app) as client:
        yield client, store, {"analyst": analyst, "admin": admin}
    store.close()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def is_problem(resp, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    body = resp.json()
    assert body["status"] == status and body["title"] and "detail" in body
    return body


# -- tokens ------------------------------------------------------------------------------------

def test_tokens_store_only_a_hash_and_verify_in_constant_time(desk):
    _, store, tokens = desk
    from sqlalchemy import select

    from harmwatch.store.tokens import TOKENS

    with store.engine.connect() as c:
        stored = [tuple(r) for r in c.execute(select(TOKENS))]
    assert not any(tokens["analyst"] in str(v) for row in stored for v in row)
    assert verify_token(store, tokens["analyst"]).name == "ana"
    assert verify_token(store, tokens["analyst"][:-1] + "x") is None  # one character off
    assert verify_token(store, "hw_nope_nope") is None and verify_token(store, "") is None


# -- reads -------------------------------------------------------------------------------------

def test_incidents_list_filter_and_paginate(desk):
    client, _, _ = desk
    everything = client.get("/api/v1/incidents", params={"limit": 1000}).json()
    assert everything["total"] == len(everything["items"]) > 3
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/v1/incidents", params=params).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [i["id"] for i in everything["items"]]  # pages cover all, in order, once
    sudan = client.get("/api/v1/incidents", params={"country": "sd", "limit": 1000}).json()
    assert 0 < sudan["total"] < everything["total"]
    assert all(i["country"] == "SD" for i in sudan["items"])
    dated = [i for i in everything["items"] if i["date_start"]]
    day = dated[0]["date_start"]
    one_day = client.get("/api/v1/incidents", params={"date_from": day, "date_to": day}).json()
    assert one_day["total"] >= 1 and all(i["date_start"] <= day for i in one_day["items"])
    ranked = client.get("/api/v1/incidents", params={"sort": "-killed", "limit": 1000}).json()
    bests = [i["killed"]["best"] for i in ranked["items"] if i["killed"]["best"] is not None]
    assert bests == sorted(bests, reverse=True) and bests
    big = client.get("/api/v1/incidents", params={"min_killed": bests[0]}).json()
    assert big["total"] >= 1 and big["total"] < everything["total"]


def test_incident_detail_has_claims_with_spans_and_sentences(desk):
    client, store, _ = desk
    items = client.get("/api/v1/incidents", params={"sort": "-killed"}).json()["items"]
    inc = client.get(f"/api/v1/incidents/{items[0]['id']}").json()
    fig = inc["killed"]
    assert fig["best"] is not None and fig["best_claims"]
    claim = next(c for c in fig["claims"] if c["claim_id"] in fig["best_claims"])
    doc = store.get_document(claim["doc_id"])
    start, end = claim["span"]
    assert doc.text[start:end] in claim["sentence"]
    assert inc["grade"] and inc["grade_reason"]
    is_problem(client.get("/api/v1/incidents/Inope"), 404)


def test_documents_list_and_detail_with_highlights(desk):
    client, _, _ = desk
    page = client.get("/api/v1/documents", params={"limit": 3}).json()
    assert len(page["items"]) == 3 and page["next_cursor"]
    rest = client.get("/api/v1/documents", params={"cursor": page["next_cursor"]}).json()
    assert not {d["id"] for d in rest["items"]} & {d["id"] for d in page["items"]}
    with_claims = next(d for d in page["items"] + rest["items"] if d["claims"])
    doc = client.get(f"/api/v1/documents/{with_claims['id']}").json()
    assert doc["highlights"] and len(doc["claim_records"]) == doc["claims"]
    for h in doc["highlights"]:
        assert doc["text"][h["start"]:h["end"]] == h["text"]


def test_claims_places_actors_exports(desk):
    client, _, _ = desk
    doc = next(d for d in client.get("/api/v1/documents").json()["items"] if d["claims"])
    claims = client.get("/api/v1/claims", params={"doc_id": doc["id"]}).json()
    assert claims and all(c["document"]["id"] == doc["id"] for c in claims)
    one = client.get(f"/api/v1/claims/{claims[0]['claim']['id']}").json()
    assert one["claim"]["sentence"]
    assert client.get("/api/v1/places").json()[0]["incidents"] >= 1
    assert client.get("/api/v1/actors").json()
    csv = client.get("/api/v1/exports/incidents", params={"format": "csv"})
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("id,")
    geo = client.get("/api/v1/exports/incidents", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    is_problem(client.get("/api/v1/exports/incidents", params={"format": "xls"}), 422)


# -- errors ------------------------------------------------------------------------------------

def test_bad_input_gives_problem_details_saying_where(desk):
    client, _, _ = desk
    body = is_problem(client.get("/api/v1/incidents", params={"date_from": "yesterday"}), 422)
    assert any("date_from" in p["name"] for p in body["invalid_params"])
    body = is_problem(client.get("/api/v1/incidents", params={"cursor": "%%%"}), 400)
    assert body["invalid_params"][0]["name"] == "query.cursor"
    is_problem(client.get("/api/v1/incidents", params={"date_from": "2024-02-01",
                                                       "date_to": "2024-01-01"}), 400)
    is_problem(client.get("/api/v1/nothing-here"), 404)


def test_body_size_limit(desk):
    client, _, tokens = desk
    huge = {"text": "x" * (70 * 1024)}
    body = is_problem(client.post("/api/v1/documents", json=huge,
                                  headers=bearer(tokens["analyst"])), 413)
    assert "larger than" in body["detail"]

    def stream():  # no Content-Length: the limit holds for a chunked body too
        yield b'{"text": "'
        for _ in range(80):
            yield b"y" * 1024

    resp = client.post("/api/v1/documents", content=stream(), headers=bearer(tokens["analyst"])
                       | {"Content-Type": "application/json"})
    is_problem(resp, 413)
    small = client.post("/api/v1/documents", content=iter([b'{"text": "', b'x"}']),
                        headers=bearer(tokens["analyst"]) | {"Content-Type": "application/json"})
    assert small.status_code in (201, 422), small.text  # read, replayed, parsed: not a 413


# -- auth and review ---------------------------------------------------------------------------

def test_writes_need_a_token_and_the_right_role(desk):
    client, _, tokens = desk
    inc = client.get("/api/v1/incidents").json()["items"][0]["id"]
    url = f"/api/v1/incidents/{inc}/confirm"
    resp = client.post(url, json={})
    is_problem(resp, 401)
    assert resp.headers["www-authenticate"] == "Bearer"
    is_problem(client.post(url, json={}, headers=bearer("hw_0_forged")), 401)
    new = {"name": "eve", "role": "admin"}
    body = is_problem(client.post("/api/v1/tokens", json=new,
                                  headers=bearer(tokens["analyst"])), 403)
    assert "admin" in body["detail"]
    made = client.post("/api/v1/tokens", json=new, headers=bearer(tokens["admin"]))
    assert made.status_code == 201 and made.json()["token"].startswith("hw_")


def test_a_blank_token_name_is_refused_not_a_server_error(desk):
    """Found by schemathesis: a name of only whitespace ("\u0085") was a 500."""
    client, _, tokens = desk
    for blank in ("\u0085", "   ", "\x1c"):
        is_problem(client.post("/api/v1/tokens", json={"name": blank, "role": "analyst"},
                               headers=bearer(tokens["admin"])), 422)
    made = client.post("/api/v1/tokens", json={"name": " bo ", "role": "analyst"},
                       headers=bearer(tokens["admin"]))
    assert made.status_code == 201 and made.json()["name"] == "bo"  # control: trimmed, kept


def test_review_correct_writes_the_audit_log_as_the_token_analyst(desk):
    client, store, tokens = desk
    inc = client.get("/api/v1/incidents", params={"sort": "-killed"}).json()["items"][0]
    before = len(store.iter_review_actions())
    resp = client.post(f"/api/v1/incidents/{inc['id']}/correct",
                       json={"field": "killed_best", "value": 42, "reason": "checked the list"},
                       headers=bearer(tokens["analyst"]))
    assert resp.status_code == 200, resp.text
    log = store.iter_review_actions()
    assert len(log) == before + 1
    a = log[-1]
    assert (a.analyst, a.action, a.target_id) == ("ana", "correct", inc["id"])
    assert a.payload["field"] == "killed_best" and a.payload["value"] == 42
    assert a.payload["events"] and a.reason == "checked the list"
    after = client.get(f"/api/v1/incidents/{inc['id']}").json()
    assert after["killed"]["best"] == 42 and after["killed"]["corrected"]["best"]["analyst"] == "ana"
    audit = client.get(f"/api/v1/incidents/{inc['id']}/audit").json()
    assert audit[-1]["id"] == resp.json()["action_id"] and audit[-1]["analyst"] == "ana"
    # A request field never names the analyst: an extra field is refused outright.
    spoof = client.post(f"/api/v1/incidents/{inc['id']}/confirm", json={"analyst": "mallory"},
                        headers=bearer(tokens["analyst"]))
    is_problem(spoof, 422)
    bad = client.post(f"/api/v1/incidents/{inc['id']}/correct",
                      json={"field": "killed_best", "value": "many"},
                      headers=bearer(tokens["analyst"]))
    assert is_problem(bad, 422)["invalid_params"][0]["name"] == "body.value"
    assert len(store.iter_review_actions()) == before + 1  # nothing logged for refused input


def test_review_reject_claim_and_ingest(desk):
    client, store, tokens = desk
    text = ("Shelling kills nine in Kharkiv\n\nKHARKIV, March 3 2024 - Russian shelling of a "
            "residential district of Kharkiv killed nine civilians on Sunday, the regional "
            "governor said.\n")
    made = client.post("/api/v1/documents", json={"text": text, "publisher": "Test Wire"},
                       headers=bearer(tokens["analyst"]))
    assert made.status_code == 201, made.text
    doc = made.json()
    assert doc["new"] and doc["claims"] >= 1
    again = client.post("/api/v1/documents", json={"text": text, "publisher": "Test Wire"},
                        headers=bearer(tokens["analyst"]))
    assert again.status_code == 201 and not again.json()["new"]
    claim = client.get("/api/v1/claims", params={"doc_id": doc["id"]}).json()[0]["claim"]["id"]
    done = client.post(f"/api/v1/claims/{claim}/reject", json={"reason": "duplicate"},
                       headers=bearer(tokens["analyst"]))
    assert done.status_code == 200, done.text
    a = store.iter_review_actions()[-1]
    assert (a.analyst, a.action, a.target_kind, a.target_id) == ("ana", "reject_claim", "claim",
                                                                 claim)
    is_problem(client.post("/api/v1/documents", json={"text": "a", "html": "<p>b</p>"},
                           headers=bearer(tokens["analyst"])), 422)
    page = ("<html><head><title>Drone strike kills four in Idlib</title></head><body><article>"
            "<h1>Drone strike kills four in Idlib</h1><p>IDLIB, April 2 2024 - A drone strike on "
            "a car near the town of Sarmada in Idlib province killed four people on Tuesday, "
            "local rescuers said. The White Helmets said two of the dead were children.</p>"
            "</article></body></html>")
    made = client.post("/api/v1/documents", json={"html": page}, headers=bearer(tokens["analyst"]))
    assert made.status_code == 201, made.text
    detail = client.get(f"/api/v1/documents/{made.json()['id']}").json()
    assert detail["format"] == "html" and "<p>" not in detail["text"] and detail["highlights"]


def test_every_review_action_logs_what_the_cli_logs(pristine, tmp_path):
    """The same decisions through the API and through `harmwatch review` give the same log."""
    from typer.testing import CliRunner

    from harmwatch.cli import app as cli

    api_store = Store(copy_db(pristine, tmp_path / "api.db"))
    cli_url = copy_db(pristine, tmp_path / "cli.db")
    token, _ = create_token(api_store, "ana", "analyst")
    client = TestClient(create_app(Settings(web=False), store=api_store))
    incs = client.get("/api/v1/incidents", params={"limit": 1000}).json()["items"]
    full = [client.get(f"/api/v1/incidents/{i['id']}").json() for i in incs]
    multi = next(i for i in full if len(i["event_ids"]) >= 2)
    a, b = [i["id"] for i in full if i["id"] != multi["id"]][:2]
    claim = multi["killed"]["claims"][0]["claim_id"] if multi["killed"]["claims"] else None
    steps = [
        (f"/incidents/{a}/confirm", {"grade": "Fair", "reason": "r1"},
         ["confirm", a, "--grade", "Fair", "--reason", "r1"]),
        (f"/incidents/{a}/correct", {"field": "killed_high", "value": "12", "reason": "r2"},
         ["correct", a, "--field", "killed_high", "--value", "12", "--reason", "r2"]),
        (f"/incidents/{a}/correct", {"field": "date_start", "value": "2024-01-02"},
         ["correct", a, "--field", "date_start", "--value", "2024-01-02"]),
        ("/incidents/merge", {"incidents": [a, b], "reason": "r3"},
         ["merge", a, b, "--reason", "r3"]),
        (f"/incidents/{multi['id']}/split", {"events": [multi["event_ids"][0]], "reason": "r4"},
         ["split", multi["id"], "--events", multi["event_ids"][0], "--reason", "r4"]),
    ]
    if claim:
        steps.append((f"/claims/{claim}/reject", {"reason": "r5"},
                      ["reject-claim", claim, "--reason", "r5"]))
    runner = CliRunner()
    for path, body, argv in steps:
        resp = client.post("/api/v1" + path, json=body, headers=bearer(token))
        assert resp.status_code == 200, (path, resp.text)
        run = runner.invoke(cli, ["--db", cli_url, "review", *argv, "--analyst", "ana"])
        assert run.exit_code == 0, (argv, run.output)

    def log(store):
        return [(x.analyst, x.action, x.target_kind, x.target_id, x.payload, x.reason)
                for x in store.iter_review_actions()]

    with Store(cli_url) as cli_store:
        assert log(api_store) == log(cli_store)
        assert len(log(api_store)) == len(steps)
        same = [(i["id"], i["event_ids"]) for i in cli_store.iter_incidents()]
    assert [(i["id"], i["event_ids"]) for i in api_store.iter_incidents()] == same
    api_store.close()


def test_cli_token_create_and_serve_defaults(desk, tmp_path):
    import inspect

    import typer
    from typer.testing import CliRunner

    from harmwatch.api.cli import register, serve
    from harmwatch.store.tokens import verify_token as check

    from harmwatch.cli.common import CliContext

    url = f"sqlite:///{tmp_path / 't.db'}"
    app = typer.Typer()
    register(app)
    given = CliContext(db=url)  # what the main app's --db puts in Typer's context
    run = CliRunner().invoke(app, ["token", "create", "--name", "bo", "--role", "admin"], obj=given)
    assert run.exit_code == 0, run.output
    token = next(w for w in run.output.split() if w.startswith("hw_"))
    with Store(url) as store:
        assert check(store, token).role == "admin"
    bad = CliRunner().invoke(app, ["token", "create", "--name", "bo", "--role", "god"], obj=given)
    assert bad.exit_code != 0
    assert inspect.signature(serve).parameters["host"].default.default == "127.0.0.1"


def test_reads_can_be_closed(desk):
    _, store, tokens = desk
    app = create_app(Settings(read_token_required=True, web=False), store=store)
    with TestClient(app) as closed:
        is_problem(closed.get("/api/v1/incidents"), 401)
        assert closed.get("/api/v1/incidents", headers=bearer(tokens["analyst"])).status_code == 200
    with TestClient(create_app(Settings(read_token_required=True), store=store)) as web:
        inc = store.iter_incidents()[0]["id"]
        page = web.get(f"/incidents/{inc}")
        assert page.status_code == 401 and inc not in page.text.split("<main", 1)[1]


# -- the schema --------------------------------------------------------------------------------

def test_schemathesis_finds_no_server_error_or_schema_violation(desk):
    """Property-based requests from the OpenAPI document: no 500, every response conforms."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    client, store, tokens = desk
    app = create_app(Settings(max_body=64 * 1024, web=False), store=store)
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    checks = [schemathesis.checks.not_a_server_error]
    from schemathesis.specs.openapi.checks import response_schema_conformance

    checks.append(response_schema_conformance)
    started = time.monotonic()
    failures, calls = [], []
    for op in schema.get_all_operations():
        operation = op.ok()
        if operation.method.upper() != "GET" and "documents" in operation.path:
            continue  # ingesting runs the NLP pipeline: too slow for generated bodies

        @settings(max_examples=12, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            case.headers = {**dict(case.headers or {}), **bearer(tokens["admin"])}
            resp = case.call()
            calls.append(resp.status_code)
            for check in checks:
                try:
                    case.validate_response(resp, checks=(check,))
                except Exception as exc:  # noqa: BLE001 - collected and reported below
                    failures.append(f"{operation.method} {operation.path}: {exc}")
                    return

        run()
        assert time.monotonic() - started < 60, "schemathesis run exceeded its 60 s budget"
    assert not failures, "\n".join(failures[:5])
    # it really ran requests, some accepted and some refused
    assert len(calls) > 40 and 200 in calls and any(400 <= c < 500 for c in calls)
    assert {c for c in calls if c >= 500} == set()
