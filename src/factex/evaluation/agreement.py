"""Agreement between two annotations of the same documents: the human ceiling (contract §3)."""

from __future__ import annotations

from factex.errors import DataError
from factex.evaluation.corpus import GoldSet
from factex.evaluation.score import Report, evaluate


def agreement(a: GoldSet, b: GoldSet) -> Report:
    """Score annotation ``b`` against annotation ``a`` (a as gold) with the contract's rules.

    Only documents annotated in both are scored; genres come from ``a`` (else ``b``).

    Raises:
        DataError: when the two share no document.
    """
    shared = set(a.genre_of) & set(b.genre_of)
    if not shared:
        raise DataError("the two annotations share no document (doc_ids differ)")
    genres = {d: a.genre_of[d] or b.genre_of[d] for d in shared}
    genres = {d: g for d, g in genres.items() if g is not None}
    return evaluate([d for d in b.documents if d.doc_id in shared],
                    [d for d in a.documents if d.doc_id in shared], genres=genres)
