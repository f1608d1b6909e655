"""Throughput and memory: factex against bare spaCy on the same documents, in one run.

    python benchmarks/throughput.py                # 2,000 documents + one 5 MB document
    python benchmarks/throughput.py --docs 20000   # the memory-flatness check
    python benchmarks/throughput.py --jobs 2       # also 2 worker processes vs 1

Each measurement runs in a fresh subprocess (so peak RSS is its own), and bare and factex
runs alternate (bare, factex, bare, factex, ...) so machine noise hits both alike; the table
shows the best run of each. With ``--paired`` each round runs bare and factex at the same
time, each pinned to its own core (swapped every round; the first to finish keeps working
until the other is done), so both see the same load, and the table shows the round with the
median ratio. Reported: docs/s, words/s, peak RSS, and the
ratio factex/bare of docs/s (target >= 0.85).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*/*.txt"))]


def documents(n: int) -> list[str]:
    texts = corpus_texts()
    return [texts[i % len(texts)] for i in range(n)]


def big_document(size: int) -> list[str]:
    texts = corpus_texts()
    out, total, i = [], 0, 0
    while total < size:
        out.append(texts[i % len(texts)])
        total += len(texts[i % len(texts)]) + 2
        i += 1
    return ["\n\n".join(out)]


def worker(mode: str, n: int, big: int, jobs: int, out: str) -> dict:
    """Run one measurement in this process and return its figures."""
    texts = big_document(big) if big else documents(n)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        if mode == "bare":
            import spacy

            from factex.reading.split import split_text
            from factex.pipeline.extractor import choose_model

            nlp = spacy.load(choose_model(None))
            # The same garbage-collector treatment factex's runner gives its loaded model.
            gc.collect()
            gc.freeze()
            t0 = time.perf_counter()
            # Bare spaCy cannot take a text over max_length either: give it the same pieces.
            pieces = [p for t in texts for _, p in split_text(t, nlp.max_length)]
            for doc in nlp.pipe(pieces, batch_size=16):
                fh.write(json.dumps({"ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents]}) + "\n")
        else:
            from factex.pipeline.extractor import Document
            from factex.pipeline.run import batched, extract_batch, load_extractor, run_local

            docs = (Document(f"d{i}", t) for i, t in enumerate(texts))
            if jobs == 1:
                # Loaded as `factex extract` loads it, before the clock starts, as bare.
                extractor = load_extractor(None, 16)
                t0 = time.perf_counter()
                results = (r for b in batched(docs, 16) for r in extract_batch(extractor, b))
            else:
                t0 = time.perf_counter()  # includes loading the model once in the parent
                results = run_local(docs, jobs=jobs, batch_size=16)
            for r in results:
                fh.write(r.json + "\n")
    elapsed = time.perf_counter() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"mode": mode, "docs": len(texts), "words": words, "seconds": elapsed,
            "docs_per_s": len(texts) / elapsed, "words_per_s": words / elapsed,
            "peak_rss_mb": max(rss_kb, rss_children) / 1024, "jobs": jobs}


def launch(mode: str, n: int, big: int = 0, jobs: int = 1, cpu: int | None = None) -> subprocess.Popen:
    """Start one measurement in a fresh subprocess (pinned to ``cpu`` when given)."""
    out = f"/tmp/factex-bench-{mode}-{os.getpid()}-{cpu}.jsonl"
    cmd = [sys.executable, __file__, "--worker", mode, "--docs", str(n), "--big", str(big),
           "--jobs", str(jobs), "--out", out]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def collect(proc: subprocess.Popen) -> dict:
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"benchmark worker failed:\n{stderr}")
    return json.loads(stdout.strip().splitlines()[-1])


def measure(mode: str, n: int, big: int = 0, jobs: int = 1) -> dict:
    return collect(launch(mode, n, big, jobs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--big-mb", type=float, default=5.0, help="size of the single long document")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds per comparison")
    ap.add_argument("--jobs", type=int, default=1, help="also compare N worker processes to 1")
    ap.add_argument("--memory", action="store_true", help="also compare peak RSS at 10x --docs")
    ap.add_argument("--no-compare", action="store_true", help="skip the bare/factex comparison")
    ap.add_argument("--no-big", action="store_true", help="skip the single long document")
    ap.add_argument("--no-docs", action="store_true", help="skip the many-documents comparison")
    ap.add_argument("--worker", choices=["bare", "factex"], help=argparse.SUPPRESS)
    ap.add_argument("--big", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--paired", action="store_true",
                    help="run bare and factex at the same time, each on its own core (swapped "
                         "every round), so both see the same machine load")
    ap.add_argument("--out", default="/dev/null", help=argparse.SUPPRESS)
    ap.add_argument("--cpu", type=int, default=None, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        if a.cpu is not None:
            os.sched_setaffinity(0, {a.cpu})
        print(json.dumps(worker(a.worker, a.docs, a.big, a.jobs, a.out)), flush=True)
        while a.cpu is not None:
            # Paired: keep this core as busy as the other until the parent has both figures.
            worker(a.worker, a.docs, a.big, a.jobs, "/dev/null")
        return

    rows = []
    notes: list[str] = []

    cpus = sorted(os.sched_getaffinity(0))
    if a.paired and len(cpus) < 2:
        raise SystemExit("--paired needs two cores")

    def compare(label: str, n: int, big: int = 0) -> None:
        runs = {"bare": [], "factex": []}
        for r in range(a.rounds):
            if a.paired:
                # Same documents, same moment, cores swapped each round.
                pair = (cpus[0], cpus[1]) if r % 2 == 0 else (cpus[1], cpus[0])
                procs = {"bare": launch("bare", n, big, cpu=pair[0]),
                         "factex": launch("factex", n, big, cpu=pair[1])}
                for mode, proc in procs.items():
                    # The first to finish goes on working until the other has finished too.
                    line = proc.stdout.readline()
                    if not line:
                        raise SystemExit(f"benchmark worker failed:\n{proc.stderr.read()}")
                    runs[mode].append(json.loads(line))
                for proc in procs.values():
                    proc.kill()
                    proc.communicate()
                continue
            for mode in ("bare", "factex"):
                runs[mode].append(measure(mode, n, big))
        paired = [fr["docs_per_s"] / br["docs_per_s"] for br, fr in zip(runs["bare"], runs["factex"])]
        if a.paired:
            # Each round is its own fair comparison: the table shows the median round.
            k = sorted(range(len(paired)), key=paired.__getitem__)[len(paired) // 2]
            b, f = runs["bare"][k], runs["factex"][k]
            label += " (paired)"
        else:
            # The best runs give the table; each round's own ratio shows how noisy the machine was.
            b = max(runs["bare"], key=lambda r: r["docs_per_s"])
            f = max(runs["factex"], key=lambda r: r["docs_per_s"])
        rows.append((label, b, f, f["docs_per_s"] / b["docs_per_s"]))
        notes.append(f"{label}: ratio per round {', '.join(f'{r:.2f}' for r in paired)} "
                     f"(median {statistics.median(paired):.2f})")

    if not a.no_compare:
        if not a.no_docs:
            compare(f"{a.docs} documents", a.docs)
        if not a.no_big:
            compare(f"one {a.big_mb:g} MB document", 1, int(a.big_mb * 1_000_000))
    print(f"{'set':28} {'system':7} {'docs/s':>9} {'words/s':>9} {'peak RSS MB':>11} {'ratio':>6}")
    for label, b, f, ratio in rows:
        print(f"{label:28} {'bare':7} {b['docs_per_s']:9.2f} {b['words_per_s']:9.0f} {b['peak_rss_mb']:11.0f}")
        print(f"{'':28} {'factex':7} {f['docs_per_s']:9.2f} {f['words_per_s']:9.0f} {f['peak_rss_mb']:11.0f} {ratio:6.2f}")
    for line in notes:
        print(line)
    if a.memory:
        small = measure("factex", a.docs)
        large = measure("factex", a.docs * 10)
        print(f"factex peak RSS: {a.docs} docs {small['peak_rss_mb']:.0f} MB, {a.docs * 10} docs "
              f"{large['peak_rss_mb']:.0f} MB (ratio {large['peak_rss_mb'] / small['peak_rss_mb']:.3f})")
    if a.jobs > 1:
        one = [measure("factex", a.docs, 0, 1) for _ in range(a.rounds)]
        many = [measure("factex", a.docs, 0, a.jobs) for _ in range(a.rounds)]
        s1 = statistics.median(r["docs_per_s"] for r in one)
        sn = statistics.median(r["docs_per_s"] for r in many)
        print(f"factex --jobs 1: {s1:.2f} docs/s; --jobs {a.jobs}: {sn:.2f} docs/s; speed-up {sn / s1:.2f}x")


if __name__ == "__main__":
    main()
