"""Measure the event sub-type classifier on the CASE 2021 dev snippets.

    .venv/bin/python scripts/measure_event_types.py [FILE.jsonl] [--errors] [--json]

Prints weighted and macro F1 over the labels (CASE codes mapped to ACLED sub-event types,
non-ACLED codes to NOT_CONFLICT), per-class precision/recall, and the most frequent confusions.
The data is third-party and read in place: nothing of it is copied into the repository.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from harmwatch.extract.event_types import CASE2021_LABELS, classify_event  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "case2021-dev.jsonl"


def prf(gold: list[str], pred: list[str]) -> dict:
    labels = sorted(set(gold))
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[lab] = {"p": p, "r": r, "f1": f, "support": tp + fn}
    n = len(gold)
    weighted = sum(v["f1"] * v["support"] for v in per.values()) / n if n else 0.0
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    acc = sum(1 for g, p in zip(gold, pred) if g == p) / n if n else 0.0
    return {"weighted_f1": weighted, "macro_f1": macro, "accuracy": acc, "per_class": per}


def read_rows(path: Path) -> list[dict]:
    """JSONL with ``gold.subtype`` (the CASE 2021 eval files), or our TSV ``code<TAB>text``."""
    if path.suffix == ".tsv":
        rows = []
        for i, line in enumerate(path.open(encoding="utf-8")):
            if not line.strip() or line.startswith("#"):
                continue
            code, text = line.rstrip("\n").split("\t", 1)
            rows.append({"id": f"{path.stem}-{i}", "text": text, "gold": {"subtype": code}})
        return rows
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def evaluate(path: Path) -> tuple[dict, list[tuple[dict, str, str, object]]]:
    rows = read_rows(path)
    gold, pred, details = [], [], []
    for r in rows:
        g = CASE2021_LABELS[r["gold"]["subtype"]]
        et = classify_event(r["text"])
        gold.append(g)
        pred.append(et.type)
        details.append((r, g, et.type, et))
    return prf(gold, pred), details


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("file", nargs="?", default=str(DEFAULT))
    ap.add_argument("--errors", action="store_true", help="print every misclassified snippet")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    path = Path(args.file)
    if not path.exists():
        print(f"no such file: {path}", file=sys.stderr)
        return 2
    t0 = time.time()
    res, details = evaluate(path)
    dt = time.time() - t0
    if args.json:
        print(json.dumps({k: v for k, v in res.items()}, indent=1))
        return 0
    print(f"{path.name}: {len(details)} snippets in {dt:.1f}s")
    print(f"weighted F1 {res['weighted_f1']:.3f}   macro F1 {res['macro_f1']:.3f}   "
          f"accuracy {res['accuracy']:.3f}")
    print(f"\n{'label':40s} {'P':>5s} {'R':>5s} {'F1':>5s} {'n':>4s}")
    for lab, v in sorted(res["per_class"].items(), key=lambda kv: -kv[1]["support"]):
        print(f"{lab:40s} {v['p']:5.2f} {v['r']:5.2f} {v['f1']:5.2f} {v['support']:4d}")
    conf = Counter((g, p) for _, g, p, _ in details if g != p)
    print("\ntop confusions (gold → predicted):")
    for (g, p), n in conf.most_common(15):
        print(f"  {n:3d}  {g} → {p}")
    if args.errors:
        print("\nerrors:")
        for r, g, p, et in details:
            if g != p:
                print(f"- {r['id']} [{r['gold']['subtype']}] gold={g} pred={p} "
                      f"trigger={et.trigger!r} code={et.code} conf={et.confidence}")
                print(f"    {r['text'][:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
