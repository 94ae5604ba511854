"""The web pages with 100,000 incidents in the store, each against a bare query in the same run.

- the map's data for the whole region (clustered by the database) vs a bare SELECT of every
  incident's position and finding (what a map without server-side clustering must ship);
- the map's data for a one-week window vs a bare SELECT of that week's positions;
- the first page of the incident list (HTML, through the application) vs a bare
  `SELECT ... ORDER BY start_at DESC LIMIT 50` plus the count.
Payload sizes are printed beside each. Incidents are synthetic (not real events), spread over the
region and over 2020-11-10..2021-12-31. BENCH_INCIDENTS overrides the count.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient
from sqlalchemy import insert, text
from starlette.datastructures import QueryParams

from bench.common import Result, best_of
from ceasefire import db as store
from ceasefire import scenarios
from ceasefire.accounts import service as accounts_service
from ceasefire.agreements import service as agreements_service
from ceasefire.agreements.document import parse_agreement
from ceasefire.app import create_app
from ceasefire.incidents.models import Incident
from ceasefire.settings import Settings
from ceasefire.web import filters, map_data

COUNT = int(os.environ.get("BENCH_INCIDENTS", "100000"))
ZONE = ZoneInfo("Europe/Moscow")
TYPES = ["ceasefire-violation", "armed-clash", "shelling-artillery-missile-attack", "patrol"]
FINDINGS = ["pending", "pending", "confirmed", "disputed", "rejected"]
WEEK = ("2021-03-01", "2021-03-07")
PASSWORD = "bench only password"


def _fill(url: str, count: int) -> None:
    engine = store.make_engine(url)
    store.upgrade(engine)
    document = parse_agreement(
        scenarios.agreement_file(scenarios.DEFAULT).read_bytes(), scenarios.DEFAULT
    )
    rng = random.Random(2020)
    start = dt.datetime(2020, 11, 10, tzinfo=dt.UTC)
    with store.transaction(engine) as session:
        agreements_service.store_document(session, document=document, source_name="bench")
        accounts_service.create_user(
            session, name="bench", role="monitor", party="TUR", password=PASSWORD, actor="bench"
        )
    batch: list[dict[str, object]] = []
    for i in range(count):
        lon, lat = rng.uniform(45.6, 47.4), rng.uniform(39.2, 40.5)
        at = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 416))
        batch.append(
            {
                "agreement_id": scenarios.DEFAULT,
                "type": TYPES[i % len(TYPES)],
                "status": "open",
                "origin": "import",
                "summary": f"Synthetic incident {i}",
                "start_at": at,
                "end_at": at,
                "time_label": at.date().isoformat(),
                "time_precision": "day",
                "place_name": f"Place {i % 300}",
                "location_precision": "exact",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "min_lon": lon,
                "max_lon": lon,
                "min_lat": lat,
                "max_lat": lat,
                "actors": [{"name": "Side", "party": "AZE" if i % 2 else "ARM"}],
                "casualties": [],
                "sources": [],
                "finding": FINDINGS[i % len(FINDINGS)],
                "created_by": "bench",
            }
        )
        if len(batch) == 10_000:
            with store.transaction(engine) as session:
                session.execute(insert(Incident), batch)
            batch = []
    if batch:
        with store.transaction(engine) as session:
            session.execute(insert(Incident), batch)
    engine.dispose()


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'web.db'}"
        _fill(url, COUNT)
        engine = store.make_engine(url)
        with store.transaction(engine) as session:
            user = accounts_service.get_user(session, name="bench")
            region = filters.parse(QueryParams(""), default_agreement=scenarios.DEFAULT)
            week = filters.parse(
                QueryParams(f"start={WEEK[0]}&end={WEEK[1]}"), default_agreement=scenarios.DEFAULT
            )
            sizes: dict[str, int] = {}

            def ours(flt: filters.PageFilter, key: str) -> None:
                data = map_data.map_data(session, flt, user=user, zone=ZONE, zoom=8)
                sizes[key] = len(json.dumps(data, separators=(",", ":")))
                sizes[key + "-total"] = data["total"]

            def bare(where: str, key: str) -> None:
                rows = session.execute(
                    text(
                        "SELECT id, (min_lon + max_lon) / 2, (min_lat + max_lat) / 2, finding "
                        f"FROM incidents WHERE status = 'open' {where}"
                    )
                ).all()
                naive = {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [x, y]},
                            "properties": {"id": i, "status": f},
                        }
                        for i, x, y, f in rows
                    ],
                }
                sizes[key] = len(json.dumps(naive, separators=(",", ":")))

            # the same week in UTC, roughly (the baseline only needs the same scale of rows)
            week_sql = f"AND start_at < '{WEEK[1]} 21:00:00' AND end_at >= '{WEEK[0]}'"
            t_ours = best_of(lambda: ours(region, "region"))
            t_bare = best_of(lambda: bare("", "region-bare"))
            results.append(
                Result(
                    f"map data, whole region ({sizes['region-total']:,} incidents)",
                    t_ours,
                    t_bare,
                    "bare SELECT of all points",
                    f"payload {_kb(sizes['region'])} vs {_kb(sizes['region-bare'])}",
                )
            )
            t_ours = best_of(lambda: ours(week, "week"))
            t_bare = best_of(lambda: bare(week_sql, "week-bare"))
            results.append(
                Result(
                    f"map data, one week ({sizes['week-total']:,} incidents)",
                    t_ours,
                    t_bare,
                    "bare SELECT of the week",
                    f"payload {_kb(sizes['week'])} vs {_kb(sizes['week-bare'])}",
                )
            )

            def bare_page() -> None:
                session.execute(text("SELECT count(*) FROM incidents WHERE status = 'open'")).one()
                session.execute(
                    text(
                        "SELECT * FROM incidents WHERE status = 'open' "
                        "ORDER BY start_at DESC, id DESC LIMIT 50"
                    )
                ).all()

            t_bare = best_of(bare_page)
        engine.dispose()

        app = create_app(Settings(database_url=url, development=True, secret_key="b" * 40))
        with TestClient(app) as client:
            client.post("/signin", data={"name": "bench", "password": PASSWORD})
            page_size = 0

            def list_page() -> None:
                nonlocal page_size
                response = client.get("/incidents")
                assert response.status_code == 200
                page_size = len(response.content)

            t_ours = best_of(list_page)
        results.append(
            Result(
                "incident list, first page (HTML, via HTTP)",
                t_ours,
                t_bare,
                "bare count + LIMIT 50",
                f"page {_kb(page_size)}",
            )
        )
    return results
