"""News channel throughput: clean, extract, geocode and store articles, score each event's
relevance to the loaded agreement (the default scenario) and propose the relevant ones as
incidents, against spaCy's bare pipeline (the same model, all its default components, nothing
of ours) over the same texts, both with the same batch size and worker processes. The ratio is
per CPU-second of all processes (the machine is shared; wall time is in the note).

The texts are real news: the 318 GeoWebNews and TR-News articles, read at run time from
`../shared/eval/geoparsing` beside the repository. Without them (or with BENCH_NEWS_SOURCE=
generated) the articles are generated from templates written here, each ~300 words with a
title, boilerplate lines, places, dates, quotes and several events.

The Russian case runs the Russian reader (`extraction/ru`) over Russian articles generated here
from templates (bulletins and wire reports, ~300 words each) against the English pipeline over as
many generated English articles, one process each, in articles per CPU-second; the target is at
least half the English figure. `BENCH_NEWS_ONLY=russian` runs that case alone.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from bench.common import Result

N_ARTICLES = int(os.environ.get("BENCH_NEWS_ARTICLES", "1000"))
BATCH = 32

PLACES = ["Stepanakert", "Shusha", "Aghdam", "Kalbajar", "Lachin", "Goris", "Hadrut", "Baku",
          "Yerevan", "Tartar", "Barda", "Ganja", "Fuzuli", "Martuni", "Askeran"]  # fmt: skip
PEOPLE = [("Ilham Aliyev", "Azerbaijan's President"), ("Nikol Pashinyan", "Armenian Prime Minister"),
          ("Vladimir Putin", "Russian President"), ("Hulusi Akar", "Turkey's Defence Minister"),
          ("Rustam Muradov", "the peacekeeping commander")]  # fmt: skip
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "yesterday", "late on Friday", "last week"]
SENTENCES = [
    "{title} {name} met the visiting delegation in {place} {day} to discuss the corridor.",
    "Russian peacekeepers deployed {n} more servicemen to {place} {day}, the ministry said.",
    "Residents of {place} said artillery shells hit the outskirts of the town {day}.",
    "Armenian units must withdraw from the {place} district by the end of this month.",
    "Hundreds of protesters took to the streets of {place} to denounce the agreement.",
    "The sides exchanged {n} prisoners of war near {place} {day}, mediated by the peacekeepers.",
    "A joint patrol drove along the road between {place} and {place2} {day}.",
    "Sappers cleared mines from fields around {place}, officials said {day}.",
    "Both sides accused each other of violating the ceasefire near {place} {day}.",
    "The district of {place} was handed over to Azerbaijan {day} under the agreement.",
]
QUOTE = '"{words}," said {name}.'
WORDS = ["The situation remains calm and under control", "We will not allow any provocation",
         "Our monitors are working around the clock", "This is an important step for peace"]  # fmt: skip


def make_article(rng: random.Random, number: int) -> tuple[str, dt.date]:
    published = dt.date(2020, 11, 10) + dt.timedelta(days=rng.randrange(60))
    place = rng.choice(PLACES)
    title = f"Report {number}: developments around {place}"
    lines = [title, "", title, f"{rng.randint(2, 6)} min read",
             published.strftime("%d %B, %Y"), f"A convoy near {place} [Getty]"]  # fmt: skip
    for _ in range(12):
        name, role = rng.choice(PEOPLE)
        lines.append("")
        if rng.random() < 0.25:
            lines.append(QUOTE.format(words=rng.choice(WORDS), name=name))
            continue
        lines.append(" ".join(
            rng.choice(SENTENCES).format(
                title=role, name=name, place=rng.choice(PLACES), place2=rng.choice(PLACES),
                day=rng.choice(DAYS), n=rng.choice([40, 120, 300, 2000]),
            )
            for _ in range(2)
        ))  # fmt: skip
    lines += ["", "Follow us on Facebook, Twitter and Instagram to stay connected"]
    return "\n".join(lines), published


RU_PLACES = ["Степанакерте", "Шуше", "Агдаме", "Лачине", "Горисе", "Гадруте", "Баку", "Ереване",
             "Тертере", "Барде", "Гяндже", "Физули", "Мартуни", "Аскеране"]  # fmt: skip
RU_DISTRICTS = ["Мартунинском", "Аскеранском", "Мардакертском", "Шушинском", "Гадрутском",
                "Кашатагском"]  # fmt: skip
RU_DISTRICTS_OF = [d.removesuffix("ом") + "ого" for d in RU_DISTRICTS]
RU_DAYS = ["в понедельник", "во вторник", "в среду", "вчера", "сегодня", "в ночь на {d} {m}",
           "{d} {m}", "{d} {m} 2020 года"]  # fmt: skip
RU_MONTHS = ["ноября", "декабря"]
RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря"]  # fmt: skip
RU_SENTENCES = [
    "За прошедшие сутки зафиксировано {w} нарушения режима прекращения огня в {district} районе.",
    "В {district} районе нарушений режима прекращения огня не зафиксировано.",
    "Российские миротворцы продолжают выполнять задачи на {n} наблюдательных постах.",
    "Проведено патрулирование по {n} маршрутам, обеспечено сопровождение {n2} колонн.",
    "Президент Азербайджана Ильхам Алиев {day} провёл встречу с делегацией в {place}.",
    "По заявлению Минобороны Азербайджана, армянские подразделения {day} обстреляли позиции у "
    "села в {district} районе.",
    "Министерство обороны Армении опровергло сообщения об обстреле позиций в {place}.",
    "Армения и Азербайджан {day} провели обмен военнопленными: переданы {n} пленных.",
    "Сапёры миротворческого контингента обезвредили {n} взрывоопасных предметов в {place}.",
    "В свои дома в {place} вернулись {n} вынужденных переселенцев, сообщили в центре.",
    "Вывод армянских войск из {district_of} района завершится к {d} {m}.",
    "Жители рассказали, что {day} слышали взрывы на окраине города в {place}.",
]
RU_QUOTE = "«{words}», — заявил {name}."
RU_WORDS = ["Обстановка остаётся спокойной и контролируемой", "Мы не допустим провокаций",
            "Наблюдатели работают круглосуточно", "Это важный шаг к миру"]  # fmt: skip
RU_PEOPLE = ["Рустам Мурадов", "Никол Пашинян", "Ильхам Алиев", "Сергей Шойгу"]
RU_COUNTS = ["два", "три", "четыре"]


def make_russian_article(rng: random.Random, number: int) -> tuple[str, dt.date]:
    """A Russian article of ~300 words: a headline, a dateline and fourteen paragraphs."""
    published = dt.date(2020, 11, 10) + dt.timedelta(days=rng.randrange(60))
    place = rng.choice(RU_PLACES)
    lines = [f"Сводка {number}: обстановка в {place}", "",
             f"МОСКВА, {published.day} {RU_GENITIVE[published.month - 1]}. /ТАСС/."]  # fmt: skip
    for _ in range(14):
        lines.append("")
        if rng.random() < 0.25:
            lines.append(RU_QUOTE.format(words=rng.choice(RU_WORDS), name=rng.choice(RU_PEOPLE)))
            continue
        day = rng.choice(RU_DAYS).format(d=rng.randint(1, 28), m=rng.choice(RU_MONTHS))
        lines.append(" ".join(
            rng.choice(RU_SENTENCES).format(
                w=rng.choice(RU_COUNTS), district=rng.choice(RU_DISTRICTS),
                district_of=rng.choice(RU_DISTRICTS_OF),
                place=rng.choice(RU_PLACES), day=day, n=rng.choice([4, 12, 27, 44, 300]),
                n2=rng.choice([3, 12, 40]), d=rng.randint(1, 28), m=rng.choice(RU_MONTHS),
            )
            for _ in range(2)
        ))  # fmt: skip
    return "\n".join(lines), published


def russian() -> Result:
    """The Russian reader against the English pipeline, each over its own generated articles
    (one process, so CPU time is the work alone), in CPU seconds per article."""
    from ceasefire.extraction.pipeline import build_nlp, extract_many
    from ceasefire.extraction.ru import read

    n = int(os.environ.get("BENCH_NEWS_RUSSIAN_ARTICLES", "300"))
    rng = random.Random(11)
    english = [make_article(rng, i) for i in range(n)]
    russian = [make_russian_article(rng, i) for i in range(n)]
    nlp = build_nlp()
    list(extract_many(nlp, english[:10]))  # warm up: model, gazetteer
    for text, published in russian[:10]:
        read(text, published)
    cpu = cpu_seconds()
    english_events = sum(len(r.events) for r in extract_many(nlp, english, batch_size=BATCH))
    english_cpu = cpu_seconds() - cpu
    cpu = cpu_seconds()
    russian_events = sum(len(read(text, published).events) for text, published in russian)
    russian_cpu = cpu_seconds() - cpu
    words_en = sum(len(t.split()) for t, _ in english) / n
    words_ru = sum(len(t.split()) for t, _ in russian) / n
    return Result(
        f"news in Russian, CPU s per article ({n} generated each)",
        russian_cpu / n,
        english_cpu / n,
        "English pipeline, CPU s",
        f"{n / russian_cpu:.1f} Russian articles per CPU-second ({words_ru:.0f} words each, "
        f"{russian_events} events), {n / english_cpu:.1f} English ({words_en:.0f} words, "
        f"{english_events} events); the target is x0.5 or more",
    )


EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geoparsing"


def real_articles() -> list[tuple[str, dt.date | None]]:
    """The GeoWebNews and TR-News article texts (no publication dates), or [] when absent."""
    if os.environ.get("BENCH_NEWS_SOURCE") == "generated":
        return []
    out: list[tuple[str, dt.date | None]] = []
    for name in ("GWN.xml", "TR-News.xml"):
        path = EVAL / name
        if not path.exists():
            return []
        for node in ET.parse(path).getroot().iter("article"):
            text = node.findtext("text") or ""
            if text.strip():
                out.append((text, None))
    return out


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the worker processes are
    counted once their pool closes): the work done, whatever else the machine is doing."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run() -> list[Result]:
    if os.environ.get("BENCH_NEWS_ONLY") == "russian":
        return [russian()]
    return [*end_to_end(), russian()]


def end_to_end() -> list[Result]:
    import spacy

    from ceasefire import db as store
    from ceasefire import scenarios
    from ceasefire.agreements import service as agreements_service
    from ceasefire.agreements.document import parse_agreement
    from ceasefire.extraction.pipeline import MODEL, build_nlp, default_processes, extract_many
    from ceasefire.ingest import candidates as candidates_service
    from ceasefire.ingest import proposals
    from ceasefire.ingest import service as ingest_service
    from ceasefire.ingest.readers import RawArticle

    rng = random.Random(11)
    articles: list[tuple[str, dt.date | None]] = real_articles()
    source = "GeoWebNews and TR-News articles" if articles else "generated articles"
    if not articles:
        articles = [make_article(rng, i) for i in range(N_ARTICLES)]
    n_articles = len(articles)
    texts = [t for t, _ in articles]
    words = sum(len(t.split()) for t in texts)

    workers = default_processes()
    bare = spacy.load(MODEL)
    list(bare.pipe(texts[:20]))  # warm up
    start, cpu = time.perf_counter(), cpu_seconds()
    for _ in bare.pipe(texts, batch_size=BATCH, n_process=workers):
        pass
    bare_s = time.perf_counter() - start
    bare_cpu = cpu_seconds() - cpu

    nlp = build_nlp()
    list(extract_many(nlp, ((t, p) for t, p in articles[:20])))  # warm up: gazetteer, model
    with tempfile.TemporaryDirectory() as folder:
        engine = store.make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        store.upgrade(engine)
        with store.transaction(engine) as session:  # relevance is scored against it
            name = scenarios.DEFAULT
            document = parse_agreement(scenarios.agreement_file(name).read_bytes(), name)
            agreements_service.store_document(session, document=document, source_name=name)
        start, cpu = time.perf_counter(), cpu_seconds()
        with store.transaction(engine) as session:
            ids = []
            for i, (text, published) in enumerate(articles):
                raw = RawArticle(f"bench#{i}", text.encode(), text, "text/plain")
                outcome = ingest_service.store_article(
                    session, article=raw, source="bench", published=published, actor="bench"
                )
                ids.append(outcome.article_id)
            results = extract_many(nlp, articles, batch_size=BATCH, n_process=workers)
            events = 0
            proposed = {"proposed": 0, "attached": 0}
            for article_id, result in zip(ids, results, strict=True):
                rows = candidates_service.store_candidates(
                    session, article_id=article_id, result=result, actor="bench")  # fmt: skip
                events += len(rows)
                counts = proposals.propose_incidents(
                    session, article_id=article_id, rows=rows, actor="bench")  # fmt: skip
                for key, value in counts.items():
                    proposed[key] += value
        ours_s = time.perf_counter() - start
        ours_cpu = cpu_seconds() - cpu
        engine.dispose()
    rate = n_articles / ours_s
    cores = os.cpu_count() or 1
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        Result(
            f"news end to end, CPU s ({n_articles} {source}, {words} words)",
            ours_cpu,
            bare_cpu,
            "spaCy bare pipeline, CPU s",
            f"{rate:.1f} articles/s ours, {n_articles / bare_s:.1f} bare (wall); per CPU-second "
            f"(all processes) {n_articles / ours_cpu:.1f} ours, {n_articles / bare_cpu:.1f} bare, "
            f"so {cores * n_articles / ours_cpu:.1f} ours on {cores} free cores (a shared machine "
            f"gives our processes less); relevance included; {events} candidate events, "
            f"{proposed['proposed']} incidents proposed, {proposed['attached']} attached; "
            f"{workers} worker process(es), batches of {BATCH}; load average {load}",
        )
    ]
