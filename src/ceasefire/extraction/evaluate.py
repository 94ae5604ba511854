"""The measurements of `ceasefire eval`: geoparsing, event types and dates, on public formats."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import JsonValue
from spacy.language import Language

from ceasefire.errors import InvalidInputError, Problem
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
from ceasefire.extraction.pipeline import make_doc, result
from ceasefire.extraction.taxonomy import ACLED_TYPES, EVENT_TYPES, case_label
from ceasefire.extraction.values import Event, JsonObject
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


#: The checks a bulletin fact can set, in the order they are reported (`docs/extraction.md`).
BULLETIN_CHECKS = ("type", "modality", "date", "place", "country", "quantity")
#: How far an event's place may lie from a fact's point and still be the fact's place, in km.
BULLETIN_PLACE_KM = 25.0


@dataclass(frozen=True)
class BulletinFact:
    """One fact a bulletin must yield (`../shared/eval/bulletins/README.md` gives the rules)."""

    types: tuple[str, ...]
    modality: str
    dates: tuple[str, ...] | None
    place: tuple[str, float, float] | None
    country: str | None
    quantity: int | None


@dataclass(frozen=True)
class BulletinCase:
    id: str
    published: dt.date
    text: str
    facts: tuple[BulletinFact, ...]


def _fact(raw: object, where: str, problems: list[Problem]) -> BulletinFact | None:
    if not isinstance(raw, dict):
        problems.append(Problem(where, 0, "a fact must be an object"))
        return None
    try:
        types = tuple(str(t) for t in raw["types"])
        modality = str(raw["modality"])
        date = raw.get("date")
        dates = (
            None
            if date is None
            else tuple(str(d) for d in (date if isinstance(date, list) else [date]))
        )
        place = raw.get("place")
        point = None if place is None else (str(place[0]), float(place[1]), float(place[2]))
        country = raw.get("country")
        quantity = raw.get("quantity")
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        problems.append(Problem(where, 0, f"a fact needs types, modality, date, place: {exc!r}"))
        return None
    return BulletinFact(types, modality, dates, point, str(country) if country else None,
                        int(quantity) if quantity is not None else None)  # fmt: skip


def read_bulletin_cases(path: Path) -> list[BulletinCase]:
    """The cases of a bulletins file: a JSON list of `{id, published, text, expect}`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"cannot read the JSON: {exc}")]) from exc
    if not isinstance(data, list):
        raise InvalidInputError([Problem(str(path), 1, "expected a JSON list of cases")])
    problems: list[Problem] = []
    cases: list[BulletinCase] = []
    for index, raw in enumerate(data):
        where = f"{path}: case {index + 1}"
        if not isinstance(raw, dict) or not {"id", "published", "text", "expect"} <= set(raw):
            problems.append(Problem(where, 0, "a case needs id, published, text and expect"))
            continue
        try:
            published = dt.date.fromisoformat(str(raw["published"]))
        except ValueError:
            problems.append(Problem(where, 0, f"published: not a date: {raw['published']!r}"))
            continue
        facts = [_fact(f, f"{where} ({raw['id']})", problems) for f in raw["expect"] or []]
        cases.append(BulletinCase(str(raw["id"]), published, str(raw["text"]),
                                  tuple(f for f in facts if f is not None)))  # fmt: skip
    if problems:
        raise InvalidInputError(problems)
    return cases


def fact_checks(fact: BulletinFact, event: Event) -> dict[str, bool]:
    """Which of the checks a fact sets one extracted event passes (the type is always set)."""
    out = {"type": event.type in fact.types, "modality": event.modality == fact.modality}
    if fact.dates is not None:
        day = event.date.value if event.date and event.date.precision == "day" else None
        out["date"] = day in fact.dates
    if fact.place is not None:
        out["place"] = (
            event.place is not None
            and haversine_km(event.place.lat, event.place.lon, fact.place[1], fact.place[2])
            <= BULLETIN_PLACE_KM
        )
    if fact.country is not None:
        out["country"] = any(a.country == fact.country for a in (*event.actors, *event.targets))
    if fact.quantity is not None:
        out["quantity"] = event.quantity is not None and event.quantity.value == fact.quantity
    return out


def bulletins(path: Path, nlp: Language) -> JsonObject:
    """Share of the bulletin facts found (a fact is found when one event of its case passes
    every check it sets), overall, by source (the id's prefix), and per check kind (among the
    facts that set a check, the share with an event of the right type passing it); the facts
    missed on one check only, for error analysis."""
    cases = read_bulletin_cases(path)
    found = total = 0
    by_source: dict[str, list[int]] = {}
    per_check: dict[str, list[int]] = {c: [0, 0] for c in BULLETIN_CHECKS}
    one_off: Counter[str] = Counter()
    misses: list[JsonValue] = []
    events_total = 0
    for case in cases:
        events = extract_events(nlp, case.text, case.published)
        events_total += len(events)
        for index, fact in enumerate(case.facts):
            results = [fact_checks(fact, e) for e in events]
            hit = any(all(r.values()) for r in results)
            total += 1
            found += hit
            source = by_source.setdefault(case.id.split("-")[0], [0, 0])
            source[0] += hit
            source[1] += 1
            typed = [r for r in results if r["type"]]
            for check in BULLETIN_CHECKS:
                if check == "type" or _sets(fact, check):
                    per_check[check][1] += 1
                    per_check[check][0] += (
                        bool(typed) if check == "type" else any(r.get(check) for r in typed)
                    )
            if not hit:
                failing = min((sorted(k for k, v in r.items() if not v) for r in results),
                              key=len, default=["type"])  # fmt: skip
                if len(failing) == 1:
                    one_off[failing[0]] += 1
                misses.append({"case": case.id, "fact": index, "fails": list(failing)})
    return {
        "cases": len(cases),
        "facts": total,
        "events": events_total,
        "found": round(found / total, 4) if total else 0.0,
        "by_source": {k: round(v[0] / v[1], 4) for k, v in sorted(by_source.items())},
        "checks": {k: round(v[0] / v[1], 4) for k, v in per_check.items() if v[1]},
        "missed_on_one_check": dict(sorted(one_off.items())),
        "misses": misses,
    }


def _sets(fact: BulletinFact, check: str) -> bool:
    value = {"modality": fact.modality, "date": fact.dates, "place": fact.place,
             "country": fact.country, "quantity": fact.quantity}.get(check)  # fmt: skip
    return value is not None


def extract_events(nlp: Language, text: str, published: dt.date) -> tuple[Event, ...]:
    """The events the full pipeline finds in one text published on `published`."""
    return result(nlp(make_doc(nlp, text, published))).events
