"""Readers for the public evaluation formats and the scores computed over them (pure, no model).

- GeoWebNews XML (`article/text`, `toponyms/toponym` with `start`, `end`, `extractedName`,
  `nonLocational`, `latitude`, `longitude`) and the TR-News/LGL XML (`toponym` with `phrase`,
  `start`, `end`, `gaztag` holding `lat`, `lon`, `country`);
- CASE 2021 task 2 TSV (`id<TAB>EventSnippet<TAB>SubType`, header line);
- TimeML (`TIMEX3` elements; the document creation time has `functionInDocument="CREATION_TIME"`).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ceasefire.errors import InvalidInputError, Problem
from ceasefire.extraction.values import JsonObject


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    country: str | None = None  # country name as the gold gives it (TR-News), else None


@dataclass
class GoldArticle:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _text(element: ET.Element | None, tag: str) -> str:
    if element is None:
        return ""
    child = element.find(tag)
    return (child.text or "").strip() if child is not None and child.text else ""


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def read_geoparse_xml(path: Path) -> list[GoldArticle]:
    """Articles with their locational gold toponyms from a GeoWebNews or TR-News/LGL XML file."""
    try:
        root = ET.parse(path).getroot()  # noqa: S314  (a local file the person names; expat expands no external entities)
    except (OSError, ET.ParseError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"cannot read the XML: {exc}")]) from exc
    articles: list[GoldArticle] = []
    for node in root.iter("article"):
        text_node = node.find("text")
        text = text_node.text or "" if text_node is not None else ""
        article = GoldArticle(text=text)
        for top in node.iter("toponym"):
            start, end = _float(_text(top, "start")), _float(_text(top, "end"))
            if start is None or end is None:
                continue
            if _text(top, "nonLocational").lower() == "yes":
                continue
            gaz = top.find("gaztag")
            if gaz is not None:
                lat, lon = _float(_text(gaz, "lat")), _float(_text(gaz, "lon"))
                name = _text(top, "phrase")
                country = _text(gaz, "country") or None
            else:
                lat, lon = _float(_text(top, "latitude")), _float(_text(top, "longitude"))
                name = _text(top, "extractedName")
                country = None
            if lat is None or lon is None:
                continue
            article.toponyms.append(GoldToponym(int(start), int(end), name, lat, lon, country))
        articles.append(article)
    return articles


def overlap_prf(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]]
) -> tuple[int, int, int]:
    """(true positives over predictions, predictions, gold found): spans match when they overlap."""

    def hit(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
        return any(span[0] < o[1] and o[0] < span[1] for o in others)

    tp_pred = sum(1 for p in predicted if hit(p, gold))
    found_gold = sum(1 for g in gold if hit(g, predicted))
    return tp_pred, len(predicted), found_gold


@dataclass(frozen=True)
class LabelledSnippet:
    id: str
    text: str
    label: str


def read_case_tsv(path: Path) -> list[LabelledSnippet]:
    """CASE 2021 task 2 rows (`id`, `EventSnippet`, `SubType`); the header line is optional."""
    problems: list[Problem] = []
    out: list[LabelledSnippet] = []
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise InvalidInputError([Problem(str(path), 1, f"cannot read: {exc}")]) from exc
    with handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or not "".join(row).strip():
                continue
            if number == 1 and row[0].strip().lower() == "id":
                continue
            if len(row) < 3:
                problems.append(Problem(str(path), number, "expected id, EventSnippet and SubType"))
                continue
            out.append(LabelledSnippet(row[0].strip(), row[1].strip(), row[-1].strip()))
    if problems:
        raise InvalidInputError(problems)
    return out


def f1_scores(gold: list[str], predicted: list[str]) -> JsonObject:
    """Weighted and macro F1 over the gold labels, and precision, recall, F1 and support per label."""
    labels = sorted(set(gold))
    per_label: JsonObject = {}
    f1_of: dict[str, float] = {}
    support = Counter(gold)
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / support[label] if support[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1_of[label] = round(f1, 4)
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support[label],
        }
    n = len(gold)
    weighted = sum(f1_of[lb] * support[lb] for lb in labels) / n if n else 0.0
    macro = sum(f1_of[lb] for lb in labels) / len(labels) if labels else 0.0
    return {
        "n": n,
        "weighted_f1": round(weighted, 4),
        "macro_f1": round(macro, 4),
        "per_label": per_label,
    }


@dataclass(frozen=True)
class GoldTimex:
    text: str
    value: str
    weekday: bool


@dataclass
class TimeMLDocument:
    path: str
    creation: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def read_timeml(path: Path) -> TimeMLDocument:
    """The document creation time and the DATE TIMEX3 expressions (text, gold value) of a file."""
    try:
        root = ET.parse(path).getroot()  # noqa: S314  (a local file the person names; expat expands no external entities)
    except (OSError, ET.ParseError) as exc:
        raise InvalidInputError([Problem(str(path), 1, f"cannot read the TimeML: {exc}")]) from exc
    doc = TimeMLDocument(path=str(path), creation=None)
    for node in root.iter("TIMEX3"):
        text = "".join(node.itertext()).strip()
        value = node.get("value", "")
        if node.get("functionInDocument") == "CREATION_TIME":
            doc.creation = value[:10]
            continue
        if node.get("type") != "DATE" or not value:
            continue
        doc.timexes.append(GoldTimex(text, value, bool(_WEEKDAY.search(text))))
    return doc
