"""`ceasefire witness ...` and `ceasefire mirror`: a monitoring party's own hold on the record."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import httpx
import typer
from sqlalchemy.orm import Session

from ceasefire import db as store
from ceasefire.audit import mirror as audit_mirror
from ceasefire.audit import notes
from ceasefire.audit import witness as audit_witness
from ceasefire.cli.common import DbOption, engine_for, fail, handle_errors

witness_app = typer.Typer(
    help="A monitoring party's witness: cosign the center's checkpoints, refuse forks.",
    no_args_is_help=True,
)

UrlArgument = Annotated[
    str,
    typer.Argument(help="The log's URL, e.g. `https://center.example/tlog`.", show_default=False),
]
LogKeyOption = Annotated[
    Path,
    typer.Option("--log-key", help="The center's log public key (PEM), e.g. its `tlog.pub`."),
]
OriginOption = Annotated[
    str,
    typer.Option("--origin", help="The log's origin line, as the center's CEASEFIRE_TLOG_ORIGIN."),
]
KeyOption = Annotated[
    Path, typer.Option("--key", help="This witness's own Ed25519 private key (PEM).")
]
StateOption = Annotated[
    Path, typer.Option("--state", help="This witness's state file (made on the first run).")
]


def http_fetch(base: str, *, token: str | None = None) -> audit_witness.Fetch:
    """GET under the log's URL: the body, None for 404, an error for anything else."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client = httpx.Client(timeout=60, headers=headers)

    def fetch(path: str) -> bytes | None:
        response = client.get(f"{base.rstrip('/')}/{path}")
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            fail(f"{base}/{path}: HTTP {response.status_code} {response.text[:200]}", 3)
        return response.content

    return fetch


def _hand_in(base: str) -> Callable[[str], None]:
    def hand_in(text: str) -> None:
        response = httpx.post(
            f"{base.rstrip('/')}/cosignature",
            content=text.encode(),
            headers={"Content-Type": "text/plain"},
            timeout=60,
        )
        if response.status_code != 200:
            fail(
                f"the center did not take the cosignature: HTTP {response.status_code} {response.text[:200]}",
                3,
            )

    return hand_in


@witness_app.command("run")
@handle_errors
def run(
    url: UrlArgument,
    key: KeyOption,
    state: StateOption,
    log_key: LogKeyOption,
    origin: OriginOption,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help="The witness's key name (default: the key file's stem, e.g. TUR)."
        ),
    ] = None,
    every: Annotated[
        float, typer.Option("--every", help="Seconds between rounds; 0 runs one round.")
    ] = 0,
) -> None:
    """Fetch the center's checkpoint, check it extends the last one cosigned (consistency proof
    computed from the log's tiles), cosign it and hand the cosignature in. Exit 0 when
    cosigned; exit 2 with ALARM on stderr on a fork, a rewrite, a forged checkpoint or an edited
    state file; after an alarm every run refuses until `witness clear`."""
    private = notes.load_private_key(key)
    public_log = notes.load_public_key(log_key)
    fetch = http_fetch(url)
    while True:
        try:
            cosigned = audit_witness.witness_once(
                fetch,
                state_path=state,
                key=private,
                name=name or key.stem,
                origin=origin,
                log_key=public_log,
                hand_in=_hand_in(url),
            )
        except audit_witness.WitnessRefusalError as refusal:
            typer.echo(f"{'ALARM' if refusal.alarm else 'refused'}: {refusal}", err=True)
            raise typer.Exit(2 if refusal.alarm else 1) from None
        typer.echo(f"cosigned {origin} at size {cosigned.checkpoint.size}")
        if not every:
            return
        time.sleep(every)


@witness_app.command("clear")
@handle_errors
def clear(
    key: KeyOption,
    state: StateOption,
    origin: OriginOption,
    by: Annotated[str, typer.Option("--by", help="Who looked into the failure and clears it.")],
    reason: Annotated[str, typer.Option("--reason", help="What was found.")],
) -> None:
    """Clear the witness's failure after a person looked into it (kept in the state's history).
    The root last cosigned stays: a log that was rewritten is refused again."""
    try:
        cleared = audit_witness.clear(
            state, key=notes.load_private_key(key), origin=origin, by=by, reason=reason
        )
    except audit_witness.WitnessRefusalError as refusal:
        fail(str(refusal))
    typer.echo(f"cleared; the witness goes on from size {cleared.size}")


@witness_app.command("keygen")
@handle_errors
def keygen(
    path: Annotated[
        Path,
        typer.Argument(
            help="Where to write the private key (PARTY.key); the public key goes beside it as PARTY.pub."
        ),
    ],
) -> None:
    """Make a witness (or log) key: Ed25519, PEM, owner-only; never overwrites."""
    try:
        key = notes.generate_key(path)
    except FileExistsError:
        fail(f"{path}: exists already; a key is never overwritten")
    typer.echo(
        f"wrote {path} and {path.with_suffix('.pub')} ({notes.verifier_key(path.stem, key.public_key())})"
    )


@handle_errors
def mirror(
    url: UrlArgument,
    log_key: LogKeyOption,
    origin: OriginOption,
    db: DbOption = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", envvar="CEASEFIRE_MIRROR_TOKEN", help="Bearer token for the entry bundles."
        ),
    ] = None,
    every: Annotated[
        float, typer.Option("--every", help="Seconds between rounds; 0 runs one round.")
    ] = 0,
) -> None:
    """Copy the center's log into this party's own store (`--db`), checking every entry, link and
    the tree against the signed checkpoint; resumes where the last run stopped. Exit 2 naming the
    first divergent entry, object and field when the center's log no longer matches the copy."""
    public_log = notes.load_public_key(log_key)
    fetch = http_fetch(url, token=token)
    with engine_for(db) as engine:
        store.upgrade(engine)
        while True:
            started = time.perf_counter()
            try:
                result = audit_mirror.sync(
                    lambda: Session(engine), fetch, origin=origin, log_key=public_log
                )
            except audit_mirror.MirrorError as exc:
                typer.echo(f"DIVERGENCE: {exc}", err=True)
                raise typer.Exit(2) from None
            elapsed = time.perf_counter() - started
            added = result.after - result.before
            rate = f", {added / elapsed:,.0f} entries/s" if added and elapsed > 0 else ""
            typer.echo(f"mirrored {result.after} entries ({added} new in {elapsed:.2f} s{rate})")
            if not every:
                return
            time.sleep(every)
