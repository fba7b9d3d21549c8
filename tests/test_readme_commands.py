"""The README's two commands, `make demo` and `make test`, and what the demo does to a folder."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _cli(*args, cwd):
    env = {**os.environ, "COLUMNS": "200", "HARMWATCH_DB": ""}
    env.pop("HARMWATCH_DB")
    return subprocess.run([sys.executable, "-m", "harmwatch.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_quick_start_is_exactly_two_make_commands():
    readme = (REPO / "README.md").read_text()
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [re.sub(r"#.*", "", line).strip() for line in block.splitlines()[1:]]
    assert [c for c in commands if c] == ["make demo", "make test"]


def test_make_targets_run_the_documented_steps():
    demo = subprocess.run(["make", "-n", "demo"], cwd=REPO, capture_output=True, text=True).stdout
    assert "harmwatch" in demo and "ingest samples/" in demo and "incidents" in demo
    test = subprocess.run(["make", "-n", "test"], cwd=REPO, capture_output=True, text=True).stdout
    assert "pytest" in test
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_demo_effect_in_a_fresh_folder(tmp_path):
    shutil.copytree(REPO / "samples", tmp_path / "samples")
    first = _cli("ingest", "samples/", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "harmwatch.db").exists()  # the default database is ./harmwatch.db
    added = int(re.search(r"(\d+) new document", first.stdout).group(1))
    assert added >= 6
    table = _cli("incidents", cwd=tmp_path)
    assert table.returncode == 0 and re.search(r"\d+ incident", table.stdout)
    again = _cli("ingest", "samples/", cwd=tmp_path)
    assert again.returncode == 0 and "0 new document(s)" in again.stdout  # idempotent


def test_a_broken_file_is_reported_and_the_rest_kept(tmp_path):
    shutil.copytree(REPO / "samples", tmp_path / "in")
    (tmp_path / "in" / "broken.jsonl").write_text('{"text": "Shelling killed 3 people in Kherson."}\nnot json\n')
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    run = _cli("ingest", "in/", cwd=tmp_path)
    assert run.returncode == 1  # something failed, said in the exit status
    assert "binary.txt" in run.stderr and "broken.jsonl" in run.stderr
    assert re.search(r"(\d+) new document", run.stdout).group(1) != "0"


def test_bench_prints_figures(tmp_path):
    """`harmwatch bench --corpus PATH --json` (README): figures, and a JSON last line."""
    import json

    run = _cli("bench", "--corpus", str(REPO / "samples"), "--conflict-sample", "3", "--json",
               cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["articles_per_s_mixed"] > 0 and figures["spacy_baseline_articles_per_s"] > 0
