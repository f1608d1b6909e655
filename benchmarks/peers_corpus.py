"""factex against simple peers on the team corpus, scored by the same contract scorer.

    python benchmarks/peers_corpus.py [--gold gold] [--corpus corpus] [--split dev|heldout|all]

Peers (same model, same text):
* actors: bare spaCy entities (PERSON, ORG, GPE, LOC; FAC as ORG), one actor per distinct text;
* money: price-parser (``Price.fromstring``) on spaCy MONEY entities; the currency sign it
  returns mapped to ISO 4217 by the sign's usual code, with no context;
* dates: the two peers of the WikiWars benchmark (spaCy DATE entities valued by dateparser,
  and dateparser's ``search_dates``). The corpus gold annotates the dates of events, not every
  date, so dates are scored as recall of the gold events' date values: the share of distinct
  (document, value) pairs for which the system reports a date with exactly that value, and
  with a value overlapping it. A system cannot game this by reporting more dates without
  also being scored on WikiWars, where precision counts.
"""

from __future__ import annotations

import argparse

from factex.evaluation import evaluate, norm_value, overlaps
from factex.language.rules import currency_table
from factex.records.schema import DocumentRecord
from factex.pipeline.extractor import Extractor, choose_model

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "ORG"}


def spacy_peer(nlp, doc_id: str, text: str, magnitudes: bool = False) -> DocumentRecord:
    """Actors and money as bare spaCy (+ price-parser) would give them."""
    from price_parser import Price

    doc = nlp(text)
    actors: dict[str, dict] = {}
    money = []
    symbols = currency_table().symbols
    for e in doc.ents:
        if e.label_ in LABELS:
            name = e.text[4:] if e.text.lower().startswith("the ") else e.text
            actors.setdefault(name, {"name": name, "type": LABELS[e.label_]})
        elif e.label_ == "MONEY":
            price = Price.fromstring(e.text)
            if price.amount is None:
                continue
            amount = float(price.amount)
            if magnitudes:
                # A fairer peer: price-parser ignores "million"/"bn"; apply the word it left.
                for word, factor in currency_table().magnitudes.items():
                    if f" {word}" in e.text.lower() or e.text.lower().endswith(word):
                        amount *= factor
                        break
            cur = price.currency or ""
            iso = symbols[cur].default if cur in symbols else (cur.upper() if len(cur) == 3 else "USD")
            money.append({"text": e.text, "start": e.start_char, "end": e.end_char,
                          "amount": amount, "currency": iso,
                          "sentence": e.sent.text})
    return DocumentRecord.model_validate({
        "doc_id": doc_id, "text_sha256": "", "pipeline": {"factex": "peer", "model": "spacy"},
        "actors": list(actors.values()), "money": money})


def date_recall(values_by_doc: dict[str, list[str | None]], golds) -> tuple[float, float, int]:
    """(exact, overlapping) recall of the gold events' distinct date values, and their count."""
    exact = relaxed = n = 0
    for g in golds:
        found = [norm_value(v) for v in values_by_doc.get(g.doc_id, []) if v]
        for value in sorted({norm_value(e.date) for e in g.events}):
            n += 1
            exact += value in found
            relaxed += any(overlaps(value, f) for f in found)
    return exact / n, relaxed / n, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="gold")
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--split", default="all", choices=("all", "dev", "heldout"))
    a = ap.parse_args()
    import spacy

    from factex.evaluation.corpus import corpus_path, load_gold_set, load_splits, select_split

    gold_set = select_split(load_gold_set(a.gold), load_splits(a.corpus), a.split)
    golds = gold_set.documents
    texts = {g.doc_id: corpus_path(a.corpus, g.doc_id, gold_set.genre_of[g.doc_id]).read_text(encoding="utf-8")
             for g in golds}
    ex = Extractor()
    nlp = spacy.load(choose_model(None))
    ours = evaluate([ex.extract(t, doc_id=d) for d, t in texts.items()], golds)
    peer = evaluate([spacy_peer(nlp, d, t) for d, t in texts.items()], golds)
    peer_mag = evaluate([spacy_peer(nlp, d, t, magnitudes=True) for d, t in texts.items()], golds)
    print(f"{'measure':22} {'factex':>8} {'peer':>8} {'peer+mag':>9}")
    for kind in ("actors", "actors_typed", "money"):
        print(f"{kind + ' F1':22} {ours.figure(kind):8.3f} {peer.figure(kind):8.3f} {peer_mag.figure(kind):9.3f}")
    print("peer: bare spaCy entities; price-parser on spaCy MONEY spans. peer+mag: the same with "
          "magnitude words (million, bn, crore…) applied to price-parser's number.")
    for kind in ("money_payer", "money_recipient", "money_date"):
        print(f"{kind + ' acc.':22} {ours.figure(kind):8.3f} {'n/a':>8} {'n/a':>9}")

    from factex.evaluation.timebench import _search_dates_peer, _spacy_peer

    systems = {
        "factex": lambda t: [d.value for d in ex.extract(t).dates],
        "spacy+dateparser": lambda t, run=_spacy_peer(None): [x.value for x in run(t)],
        "search_dates": lambda t, run=_search_dates_peer(): [x.value for x in run(t)],
    }
    print()
    print(f"{'event-date values':22} {'exact':>8} {'overlap':>8}")
    for name, run in systems.items():
        exact, relaxed, n = date_recall({d: run(t) for d, t in texts.items()}, golds)
        print(f"{name:22} {exact:8.3f} {relaxed:8.3f}")
    print(f"recall of the {n} distinct (document, value) dates of gold events")


if __name__ == "__main__":
    main()
