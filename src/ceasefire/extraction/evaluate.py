"""The measurements of `ceasefire eval`: geoparsing, event types and dates, on public formats."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from pathlib import Path

from pydantic import JsonValue
from spacy.language import Language

from ceasefire.extraction import dates as dates_module
from ceasefire.extraction import eventtypes
from ceasefire.extraction.components import PlacesComponent
from ceasefire.extraction.evalformats import (
    f1_scores,
    overlap_prf,
    read_case_tsv,
    read_geoparse_xml,
    read_timeml,
)
from ceasefire.extraction.taxonomy import ACLED_TYPES, EVENT_TYPES, case_label
from ceasefire.extraction.values import JsonObject
from ceasefire.geo.distance import haversine_km
from ceasefire.geo.gazetteer import Gazetteer, Place
from ceasefire.geo.names import normalise
from ceasefire.geo.resolver import resolve_names

NO_PLACE_KM = 20_037.5  # half the Earth's circumference: the error of a name left unplaced


def _gold_country(gazetteer: Gazetteer, by_name: dict[str, str], lat: float, lon: float,
                  name: str | None) -> str | None:  # fmt: skip
    """The gold toponym's country as the gazetteer's alpha-3 code, so that it compares with
    ours: TR-News names it (looked up by name), GeoWebNews gives only a point (the country of
    the nearest town within 60 km)."""
    if name:
        return by_name.get(normalise(name))
    city = gazetteer.nearest_city(lat, lon, within_km=60)
    return city.country if city else None


def in_country(gazetteer: Gazetteer, place: Place | None, country: str, km: float) -> bool:
    """Whether a resolution is in the right country (alpha-3, as the gazetteer gives the gold's):
    the place's own, or, for a place spanning several (a continent, a region, a sea), one of its
    countries; one whose countries the data does not list (an ocean) counts when placed within
    161 km of the gold point."""
    if place is None:
        return False
    if place.country:
        return place.country == country
    spans = gazetteer.members(place)
    return country in spans if spans else km <= 161


def geoparse(path: Path, nlp: Language) -> JsonObject:
    """Recognition P/R/F1, resolution on gold spans, and end-to-end accuracy for one XML file."""
    articles = read_geoparse_xml(path)
    places: PlacesComponent = nlp.get_pipe("ceasefire_places_v1")  # type: ignore[assignment]
    gazetteer = places.gazetteer
    by_name = {normalise(n): iso for iso, n in gazetteer.country_names.items()}
    keep = {"ceasefire_cleaning_v1", "tok2vec", "tagger", "parser", "attribute_ruler",
            "entity_ruler", "ner"}  # fmt: skip
    disabled = [name for name in nlp.pipe_names if name not in keep]
    tp_pred = n_pred = found_gold = 0
    errors: list[float] = []
    country_hits = country_total = 0
    e2e_hits = 0
    total = 0
    with nlp.select_pipes(disable=disabled):
        docs = nlp.pipe((a.text for a in articles), batch_size=8)
        for article, doc in zip(articles, docs, strict=True):
            mentions = places.mentions(doc) + [
                ent for ent in doc.ents
                if ent.label_ == "NORP" and any(p.kind == "country" for p in gazetteer.lookup(ent.text)[:1])
            ]  # fmt: skip
            predicted = [(m.start_char, m.end_char) for m in mentions]
            gold_spans = [(t.start, t.end) for t in article.toponyms]
            a, b, c = overlap_prf(predicted, gold_spans)
            tp_pred, n_pred, found_gold = tp_pred + a, n_pred + b, found_gold + c
            total += len(gold_spans)
            # resolution on gold spans, the article's other recognised names as context
            extra = [m.text for m in mentions
                     if not any(m.start_char < e and s < m.end_char for s, e in gold_spans)]  # fmt: skip
            gold_names = [
                _gold_name(article.text, t.start, t.end, t.name) for t in article.toponyms
            ]
            resolved = resolve_names(gazetteer, gold_names + extra)[: len(gold_names)]
            own = resolve_names(gazetteer, [m.text for m in mentions])
            for topo, res in zip(article.toponyms, resolved, strict=True):
                km = _distance(res.place, topo.lat, topo.lon)
                errors.append(km)
                gold_cc = _gold_country(gazetteer, by_name, topo.lat, topo.lon, topo.country)
                if gold_cc is not None:
                    country_total += 1
                    country_hits += int(in_country(gazetteer, res.place, gold_cc, km))
                for m, r in zip(mentions, own, strict=True):
                    if m.start_char < topo.end and topo.start < m.end_char:
                        if _distance(r.place, topo.lat, topo.lon) <= 161:
                            e2e_hits += 1
                        break
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = found_gold / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "articles": len(articles),
        "toponyms": total,
        "recognition": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        },
        "resolution": {
            "acc161": round(sum(1 for e in errors if e <= 161) / len(errors), 4) if errors else 0.0,
            "country": round(country_hits / country_total, 4) if country_total else 0.0,
            "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
            "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        },
        "end_to_end": {"acc161": round(e2e_hits / total, 4) if total else 0.0},
    }


def _gold_name(text: str, start: int, end: int, name: str) -> str:
    """The toponym as written at its span, or the gold's own phrase where the offsets drifted."""
    at_span = text[start:end]
    if name and normalise(at_span) != normalise(name):
        return name
    return at_span or name


def _distance(place: Place | None, lat: float, lon: float) -> float:
    return haversine_km(place.lat, place.lon, lat, lon) if place else NO_PLACE_KM


def event_types(path: Path) -> JsonObject:
    """Weighted and macro F1 of our event-type classifier on a CASE 2021 task 2 TSV file."""
    rows = read_case_tsv(path)
    gold = [r.label for r in rows]
    ours = [eventtypes.classify(r.text) for r in rows]
    if gold and all(label in EVENT_TYPES for label in gold):
        # labelled with our own ids (our development set): scored per type, and also after
        # mapping both sides to the CASE labels, and on the 25 ACLED types alone
        predicted = ours
        out = f1_scores(gold, predicted)
        out["case_labels"] = {
            k: v for k, v in f1_scores([case_label(g) for g in gold],
                                       [case_label(p) for p in ours]).items()
            if k != "per_label"
        }  # fmt: skip
        acled = [(g, p) for g, p in zip(gold, ours, strict=True) if g in ACLED_TYPES]
        acled_scores = f1_scores([g for g, _ in acled], [p for _, p in acled])
        out["acled25"] = {k: v for k, v in acled_scores.items() if k != "per_label"}
    else:
        predicted = [case_label(p) for p in ours]
        out = f1_scores(gold, predicted)
    out["confusions"] = [
        {"gold": g, "predicted": p, "n": n}
        for (g, p), n in Counter((g, p) for g, p in zip(gold, predicted, strict=True) if g != p).most_common(10)
    ]  # fmt: skip
    return out


def date_resolution(paths: list[Path]) -> JsonObject:
    """Share of TimeML DATE expressions resolved to their gold value, overall and for weekdays."""
    total = hits = weekday_total = weekday_hits = documents = 0
    misses: list[JsonValue] = []
    for path in paths:
        doc = read_timeml(path)
        if not doc.creation:
            continue
        documents += 1
        published = dt.date.fromisoformat(doc.creation)
        for timex in doc.timexes:
            resolved = dates_module.resolve(timex.text, published)
            ok = resolved is not None and _same_value(resolved.value, timex.value)
            total += 1
            hits += ok
            if timex.weekday:
                weekday_total += 1
                weekday_hits += ok
            if not ok and len(misses) < 20:
                misses.append({"text": timex.text, "gold": timex.value,
                               "ours": resolved.value if resolved else ""})  # fmt: skip
    return {
        "documents": documents,
        "dates": total,
        "accuracy": round(hits / total, 4) if total else 0.0,
        "weekdays": weekday_total,
        "weekday_accuracy": round(weekday_hits / weekday_total, 4) if weekday_total else 0.0,
        "misses": misses,
    }


def _same_value(ours: str, gold: str) -> bool:
    return ours == gold or (
        gold.startswith(ours) and len(gold) > len(ours) and gold[len(ours)] == "T"
    )
