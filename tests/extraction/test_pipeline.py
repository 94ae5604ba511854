"""The pipeline gives the same results whether a batch runs here or in forked worker processes,
in the order of the input."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extraction.pipeline import _batches, extract_many, shared_nlp

pytestmark = pytest.mark.model

ARTICLES = [
    (f"Report {i}\n\nRussian peacekeepers deployed {i + 2} more servicemen to Stepanakert on "
     f"Monday. Residents of Shusha said artillery shells hit the town yesterday. The district of "
     f"Aghdam was handed over to Azerbaijan on {i + 1} December under the agreement.",
     dt.date(2020, 12, 20))
    for i in range(9)
]  # fmt: skip


def test_worker_processes_give_the_same_results_in_order() -> None:
    nlp = shared_nlp()
    here = list(extract_many(nlp, ARTICLES, batch_size=4))
    forked = list(extract_many(nlp, ARTICLES, batch_size=4, n_process=2))
    assert forked == here
    assert len(here) == len(ARTICLES)
    quantities = [r.events[0].quantity for r in forked]
    assert [q.value if q else None for q in quantities] == [i + 2 for i in range(9)]


@pytest.mark.parametrize(("n", "size", "lengths"), [(0, 4, []), (3, 4, [3]), (9, 4, [4, 4, 1])])
def test_batches(n: int, size: int, lengths: list[int]) -> None:
    items = [(str(i), None) for i in range(n)]
    assert [len(b) for b in _batches(items, size)] == lengths
