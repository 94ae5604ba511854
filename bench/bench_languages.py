"""Language detection at intake (`extraction.languages.detect`) against the English pipeline over
the same articles: what telling each article's language adds to reading it. CPU seconds of this
process; the GeoWebNews and TR-News articles as in `bench_news` (or its generated ones)."""

from __future__ import annotations

import random
import resource
import time

from bench.bench_news import N_ARTICLES, make_article, real_articles
from bench.common import Result


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run() -> list[Result]:
    from ceasefire.extraction import languages
    from ceasefire.extraction.pipeline import build_nlp, extract_many

    articles = real_articles() or [make_article(random.Random(11), i) for i in range(N_ARTICLES)]
    texts = [text for text, _ in articles]
    before = rss_mb()
    start = time.perf_counter()
    languages.detect("Peacekeepers deployed to the corridor on Tuesday.")
    for sample in ("Миротворцы выставили пост.", "Խաղաղապահները պարեկում են։"):
        languages.detect(sample)
    load_s = time.perf_counter() - start
    loaded = rss_mb()
    start = cpu()
    found = [languages.detect(text).code for text in texts]
    ours = cpu() - start
    nlp = build_nlp()
    list(extract_many(nlp, articles[:10]))  # warm up
    start = cpu()
    for _ in extract_many(nlp, articles, batch_size=32):
        pass
    english = cpu() - start
    return [
        Result(
            f"language detection, CPU s ({len(texts)} articles)",
            ours,
            english,
            "English pipeline, CPU s",
            f"{1000 * ours / len(texts):.1f} ms an article, the pipeline "
            f"{1000 * english / len(texts):.1f}; models loaded in {load_s:.1f} s, "
            f"{loaded - before:.0f} MB more resident; {found.count('en')} of {len(found)} 'en'",
        )
    ]
