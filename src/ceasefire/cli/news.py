"""The news channel's commands: extract events from an article, and measure the extraction."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ceasefire.cli.common import (
    DbOption,
    FormatOption,
    OutputFormat,
    engine_for,
    fail,
    handle_errors,
    print_json,
)
from ceasefire.db import transaction
from ceasefire.extraction import evaluate, languages, pipeline
from ceasefire.extraction.values import JsonObject
from ceasefire.ingest import proposals
from ceasefire.ingest.readers import article_text
from ceasefire.ingest.service import ingest_paths

PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        help="Publication date (YYYY-MM-DD) when the article does not carry one; relative dates "
        "('on Tuesday', 'by the end of this month') are resolved against it.",
        show_default=False,
    ),
]


def parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--published: expected a date as YYYY-MM-DD, got {value!r}")


@handle_errors
def extract(
    file: Annotated[
        Path, typer.Argument(help="An article: plain text, or HTML (main text extracted).")
    ],
    published: PublishedOption = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            help="The article's language (ISO 639-1: en, ru, tr, az, hy...), instead of the one "
            "detected.",
            show_default=False,
        ),
    ] = None,
    output: FormatOption = OutputFormat.json,
) -> None:
    """Extract places, actors, events, dates and quotes from one article (no database).

    Prints one object: the language (detected, or --language) and its confidence, whether it was
    read (a language without a reader is "not read"), title, published, places, actors, events
    and quotes, with the evidence sentence and character span of every event. See
    docs/extraction.md.
    """
    try:
        raw = file.read_bytes()
    except OSError as exc:
        fail(f"{file}: cannot read: {exc.strerror or exc}")
    if language is not None and not languages.is_code(language):
        fail(
            f"--language: expected an ISO 639-1 code such as en, ru, tr, az or hy, got {language!r}"
        )
    text = article_text(raw, str(file))
    result = languages.read(
        text, parse_published(published), language=languages.given(language) if language else None
    )
    if output == OutputFormat.json:
        print_json(result.as_json())
        return
    when_published = result.published.isoformat() if result.published else "unknown"
    typer.echo(f"{result.title or file.name}  (published {when_published})")
    typer.echo(f"  language {result.language} ({result.language_confidence:.2f}): {result.reading}")
    for event in result.events:
        place = event.place.name if event.place else "-"
        when = event.date.value if event.date else "-"
        typer.echo(f"  {event.type:<36} {event.modality:<10} {place:<20} {when:<10} "
                   f"{event.confidence:.2f}")  # fmt: skip
    for quote in result.quotes:
        typer.echo(f"  quote  {quote.speaker or '?'}: {quote.text[:70]}")


eval_app = typer.Typer(
    help="Measure the extraction on public evaluation formats.", no_args_is_help=True
)


def _print(result: JsonObject, output: OutputFormat) -> None:
    if output == OutputFormat.json:
        print_json(result)
        return
    for key, value in result.items():
        if isinstance(value, dict | list):
            typer.echo(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        else:
            typer.echo(f"{key}: {value}")


@eval_app.command("geoparse")
@handle_errors
def eval_geoparse(
    file: Annotated[Path, typer.Argument(help="GeoWebNews or TR-News/LGL XML file.")],
    output: FormatOption = OutputFormat.table,
) -> None:
    """Toponym recognition (P/R/F1, overlapping spans), resolution on the gold spans (share within
    161 km, right country, mean and median error in km) and end-to-end accuracy."""
    _print(evaluate.geoparse(file, pipeline.shared_nlp()), output)


@eval_app.command("event-types")
@handle_errors
def eval_event_types(
    file: Annotated[Path, typer.Argument(help="CASE 2021 task 2 TSV: id, EventSnippet, SubType.")],
    output: FormatOption = OutputFormat.table,
) -> None:
    """Weighted and macro F1, and per-label precision, recall and F1, of the event-type
    classifier after mapping our taxonomy to the CASE labels (docs/extraction.md)."""
    _print(evaluate.event_types(file), output)


@eval_app.command("bulletins")
@handle_errors
def eval_bulletins(
    file: Annotated[
        Path, typer.Argument(help="Bulletin cases: a JSON list of {id, published, text, expect}.")
    ],
    output: FormatOption = OutputFormat.table,
) -> None:
    """Share of the bulletin facts found (type, modality, day, place within 25 km, country,
    quantity), overall, by source and per check kind, and the facts missed on one check only."""
    _print(evaluate.bulletins(file, pipeline.shared_nlp()), output)


@eval_app.command("dates")
@handle_errors
def eval_dates(
    files: Annotated[list[Path], typer.Argument(help="TimeML files (.tml).")],
    output: FormatOption = OutputFormat.table,
) -> None:
    """Share of DATE expressions resolved to the gold value against the document creation time,
    overall and for weekday names."""
    _print(evaluate.date_resolution(files), output)


@handle_errors
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders: .txt, .html, .jsonl ({url, title, published, "
            "text | html} a line), .rss/.atom/.xml feeds; folders recursively.",
            show_default=False,
        ),
    ] = None,
    source: Annotated[
        str, typer.Option("--source", help="Name of the channel the articles came from.")
    ] = "news",
    published: PublishedOption = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store the articles only; extract later.")
    ] = False,
    extract_pending: Annotated[
        bool,
        typer.Option(
            "--extract-pending",
            help="Extract the stored articles not extracted yet (stored with --no-extract, or "
            "by a run that stopped); with no PATHS, only that.",
        ),
    ] = False,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Store news articles as received (SHA-256; identical ones skipped, near-duplicates linked)
    and propose the events found in them as candidate incidents.

    Every run that extracts also extracts the articles an earlier run stored but did not
    extract. A file that cannot be read is reported with its reason and the run goes on; the
    exit code is 1 when anything failed, else 0.
    """
    paths = paths or []
    if not paths and not extract_pending:
        fail("give the files or folders to ingest, or --extract-pending")
    if no_extract and extract_pending:
        fail("--no-extract and --extract-pending contradict each other")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}")
    with engine_for(db) as engine, Progress(
        SpinnerColumn(), TextColumn("{task.completed} articles  {task.description}"),
        TimeElapsedColumn(), transient=True, disable=not sys.stderr.isatty(),
    ) as progress:  # fmt: skip
        task = progress.add_task("", total=None)

        def advance(origin: str) -> None:
            progress.update(task, advance=1, description=Path(origin.split("#")[0]).name)

        report = ingest_paths(
            engine, paths=paths, source=source, published=parse_published(published),
            extract=not no_extract, on_article=advance,
        )  # fmt: skip
    summary = report.as_dict()
    if output == OutputFormat.json:
        print_json(summary)
    else:
        typer.echo(
            f"stored {report.stored}, near-duplicates {report.near_duplicates} (stored, linked), "
            f"identical skipped {report.duplicates}, candidate events {report.candidate_events}, "
            f"not about any agreement {report.not_about_any_agreement}, "
            f"incidents proposed {report.incidents_proposed}, "
            f"reports attached to incidents {report.reports_attached}"
        )
        if report.earlier_extracted:
            typer.echo(f"{report.earlier_extracted} article(s) stored earlier were extracted now")
        if report.not_read:
            typer.echo(f"{report.not_read} article(s) stored but not read: no reader for their "
                       "language, or it could not be told (see each article's `reading`)")  # fmt: skip
        if report.no_date:
            typer.echo(f"{report.no_date} article(s) without a publication date (none given, "
                       "none found): relative dates in them are left unresolved")  # fmt: skip
        for problem in report.problems:
            typer.echo(f"error: {problem}", err=True)
    if report.failed:
        raise typer.Exit(1)


@handle_errors
def promote(
    candidate: Annotated[str, typer.Argument(help="The candidate event's id.")],
    by: Annotated[str, typer.Option("--by", help="Who promotes it (kept in the record).")],
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Put a candidate event stored as "not about any agreement" in the queue after all: it is
    marked relevant and proposed as a candidate incident (or attached to a matching one)."""
    with engine_for(db) as engine, transaction(engine) as session:
        counts = proposals.promote_candidate(session, candidate_id=candidate, actor=by)
    if output == OutputFormat.json:
        print_json(dict(counts))
    else:
        typer.echo(f"incidents proposed {counts['proposed']}, attached {counts['attached']}")
