"""Articles the ingest tests share, written here."""

from __future__ import annotations

import json
from pathlib import Path

#: Two articles, a day apart, reporting the same handover of Aghdam (one as "Agdam").
AGHDAM_HANDED_OVER = [
    {"url": "http://a.example/1", "published": "2020-11-20",
     "text": "Azerbaijani army units entered the Aghdam district on Friday after it was "
             "handed over by Armenia."},
    {"url": "http://b.example/2", "published": "2020-11-21",
     "text": "Agdam was handed over to Azerbaijan yesterday, the defence ministry in Baku "
             "said in a statement."},
]  # fmt: skip


def write_jsonl(path: Path, lines: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return path
