"""The command line as a new user meets it: one clear error line, never a traceback (issue 10).

Everything runs the real entry point in a subprocess, so what is checked is what a user sees.
"""
from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REPORT = ("# Market shelled\n\n**By Staff, Agencies**\n**16 May 2024**\n\n"
          "Shelling on Tuesday killed three people in Kherson, the regional governor said.\n")


def hw(*args, cwd=REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "harmwatch"), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=300)


def one_error_line(res: subprocess.CompletedProcess, code: str) -> str:
    """The run failed with exit 1 and exactly one non-blank stderr line carrying ``code``."""
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    assert res.returncode == 1, (res.returncode, res.stderr[-3000:])
    assert "Traceback" not in res.stderr
    assert len(lines) == 1, lines
    assert f"[{code}]" in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "r.md").write_text(REPORT, encoding="utf-8")
    path = tmp / "h.db"
    res = hw("--db", path, "ingest", tmp / "r.md")
    assert res.returncode == 0, res.stderr
    return path


def test_db_that_cannot_be_opened(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = one_error_line(hw("--db", blocker / "sub" / "h.db", "ingest", tmp_path), "E101")
    assert str(blocker) in line


def test_corrupt_database_file(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 200)
    for cmd in (["incidents"], ["ingest", tmp_path / "none.txt"]):
        line = one_error_line(hw("--db", bad, *cmd), "E102")
        assert "bad.db" in line


@pytest.mark.parametrize("cmd", [["incidents"], ["incident", "I123"], ["show", "abc"], ["export"]])
def test_read_commands_refuse_a_database_that_does_not_exist(tmp_path, cmd):
    missing = tmp_path / "typo.db"
    line = one_error_line(hw("--db", missing, *cmd), "E103")
    assert "typo.db" in line
    assert not missing.exists()  # and nothing was created


def test_export_into_a_missing_folder(db, tmp_path):
    target = tmp_path / "no" / "such" / "out.csv"
    line = one_error_line(hw("--db", db, "export", "-o", target), "E301")
    assert "out.csv" in line
    ok = hw("--db", db, "export", "-o", tmp_path / "out.csv")  # positive control
    assert ok.returncode == 0 and (tmp_path / "out.csv").exists()


def test_eval_on_an_unknown_gold_kind(tmp_path):
    f = tmp_path / "odd.jsonl"
    f.write_text(json.dumps({"id": "x", "text": "Two were killed.", "gold": {"mystery": 1}}) + "\n")
    line = one_error_line(hw("eval", f), "E401")
    assert "odd.jsonl" in line


def test_db_is_accepted_after_the_command_name(db):
    before = hw("--db", db, "incidents")
    after = hw("incidents", "--db", db)
    equals = hw("incidents", f"--db={db}")
    assert before.returncode == after.returncode == equals.returncode == 0, after.stderr
    assert before.stdout == after.stdout == equals.stdout
    assert re.search(r"\b1 incident", after.stdout)


def test_format_is_a_choice_and_filters_have_help(tmp_path):
    (tmp_path / "r.md").write_text(REPORT, encoding="utf-8")
    bad = hw("extract", "--format", "xml", tmp_path / "r.md")
    assert bad.returncode == 2 and "jsonl" in bad.stderr and "table" in bad.stderr
    helped = hw("extract", "--help")
    assert "<jsonl|table>" in helped.stdout
    export_help = hw("export", "--help").stdout
    for option in ("--from", "--to", "--country", "--min-killed"):
        block = export_help.split(option, 1)[1].split("\n")[0] if option in export_help else ""
        assert option in export_help and len(block.strip()) > 8, option


def test_reused_jsonl_id_with_different_text_is_an_error_naming_both_lines(tmp_path):
    f = tmp_path / "dup.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Shelling killed two people in Kherson."}) + "\n"
                 + json.dumps({"id": "a", "text": "A drone strike killed five in Sumy."}) + "\n"
                 + json.dumps({"id": "b", "text": "Nothing happened today."}) + "\n")
    db = tmp_path / "d.db"
    res = hw("--db", db, "ingest", f)
    assert res.returncode == 1
    assert "dup.jsonl#2" in res.stderr and "line 1" in res.stderr
    con = sqlite3.connect(db)
    assert sorted(r[0] for r in con.execute("SELECT id FROM documents")) == ["a", "b"]
    con.close()
    # a later file reusing a stored id for another text is refused too, naming where it came from
    g = tmp_path / "later.jsonl"
    g.write_text(json.dumps({"id": "a", "text": "Yet another report of a strike."}) + "\n")
    res = hw("--db", db, "ingest", g)
    assert res.returncode == 1 and "[E201]" in res.stderr and "dup.jsonl#1" in res.stderr
    same = hw("--db", db, "ingest", f.parent / "dup.jsonl")  # the same lines again: no new error
    assert "0 new document(s), 2 already stored" in same.stdout


def test_byline_credit_keeps_the_date_line(tmp_path):
    from harmwatch.ingest import read_file

    p = tmp_path / "r.md"
    p.write_text(REPORT, encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.author == "Staff, Agencies"
    assert str(doc.published) == "2024-05-16"
    assert "16 May 2024" not in doc.text and "By Staff" not in doc.text
    q = tmp_path / "q.md"  # positive control: a prose line after "By" is not a byline
    q.write_text("# T\n\n**By the time rescuers arrived, the market had burned down.**\n**16 May 2024**\n\nBody.\n")
    (doc,) = read_file(q)
    assert doc.author is None


def test_review_correct_refuses_impossible_values(db, tmp_path):
    listed = hw("--db", db, "incidents", "--format", "jsonl")
    assert listed.returncode == 0, listed.stderr
    inc = json.loads(listed.stdout.splitlines()[0])
    killed = inc["killed"]
    assert killed["best"] == 3  # the report's figure, so the checks below mean something
    negative = hw("--db", db, "review", "correct", inc["id"], "--field", "killed_high", "--value", "-5",
                  "--analyst", "t")
    assert negative.returncode == 2 and "0 or more" in negative.stderr
    below = hw("--db", db, "review", "correct", inc["id"], "--field", "killed_high", "--value", "1",
               "--analyst", "t")
    assert below.returncode == 2 and "exceed" in below.stderr
    ok = hw("--db", db, "review", "correct", inc["id"], "--field", "killed_high", "--value", "10",
            "--analyst", "t")
    assert ok.returncode == 0, ok.stderr  # positive control
