"""Where the time goes: seconds per component and the top hot spots of factex's own code.

    python benchmarks/profile_components.py --docs 300             # component table
    python benchmarks/profile_components.py --docs 300 --cprofile  # cProfile top N instead
    python benchmarks/profile_components.py --long 600000          # one long text instead

With --cprofile the factex stages run under the profiler, which slows Python code several
times more than the model's compiled code: take the stage table from a run without it.

The spaCy model's components run first through ``nlp.pipe`` (factex's components disabled,
except the two cheap pre-parser ones, which are timed again on their own); then each factex
component is applied to every parsed Doc in turn and timed, then the records are built and
serialised. Run by hand; the figures go into the notes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRE_PARSER = ("factex_paragraphs", "factex_money_guard")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--cprofile", action="store_true")
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--long", type=int, default=0, metavar="CHARS",
                    help="profile one text of CHARS characters (the corpus joined, at most "
                         "spaCy's max_length) instead of --docs documents")
    a = ap.parse_args()

    from factex.pipeline.extractor import Extractor
    from factex.records.build import build_record
    from factex.reading.text import RepairedText

    corpus = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*/*.txt"))]
    texts = [corpus[i % len(corpus)] for i in range(a.docs)]
    ex = Extractor(batch_size=16)
    nlp = ex.nlp
    # Warm up (dateparser compiles its patterns on first use, new words enter the vocabulary):
    # per-process costs are not per-document ones.
    list(ex.pipe(corpus))
    if a.long:
        from throughput import big_document  # the long text the throughput benchmark uses

        texts = [big_document(min(a.long, nlp.max_length))[0][:nlp.max_length]]
    ours = [n for n in nlp.pipe_names if n.startswith("factex_") and n not in PRE_PARSER]
    rows: list[tuple[str, float]] = []

    t0 = time.perf_counter()
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(texts, batch_size=16))
    model = time.perf_counter() - t0
    for name in [n for n in PRE_PARSER if n in nlp.pipe_names]:
        proc = nlp.get_pipe(name)
        fresh = [nlp.make_doc(t) for t in texts]
        t0 = time.perf_counter()
        for d in fresh:
            proc(d)
        rows.append((name, time.perf_counter() - t0))
    rows.insert(0, ("spaCy model (all its components)", model - sum(s for _, s in rows)))

    prof = cProfile.Profile() if a.cprofile else None
    if prof:
        prof.enable()
    for name in ours:
        proc = nlp.get_pipe(name)
        t0 = time.perf_counter()
        for d in docs:
            proc(d)
        rows.append((name, time.perf_counter() - t0))
    t0 = time.perf_counter()
    for i, (d, t) in enumerate(zip(docs, texts)):
        build_record([(0, d)], RepairedText.from_original(t), doc_id=f"d{i}", source=None,
                     sha="0", pipeline={"model": "x", "factex": "x"}, warnings=[]).model_dump_json()
    rows.append(("records + JSON", time.perf_counter() - t0))
    if prof:
        prof.disable()

    total = sum(s for _, s in rows)
    what = f"one text of {len(texts[0]):,} characters" if a.long else f"{a.docs} documents"
    print(f"{what}, {total:.1f} s in all")
    print(f"{'stage':34} {'seconds':>8} {'share':>6}")
    for name, s in rows:
        print(f"{name:34} {s:8.2f} {s / total:6.1%}")
    own = total - rows[0][1]
    print(f"factex's own share: {own / total:.1%} (ratio bound {rows[0][1] / total:.2f})")
    if prof:
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(a.top)
        print(s.getvalue())


if __name__ == "__main__":
    main()
