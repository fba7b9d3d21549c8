"""``harmwatch serve`` and ``harmwatch token create|list|revoke``.

``register(app)`` adds them to the main CLI; the database is the main app's ``--db``, read
from Typer's context (``ctx.obj.db``), so this package never imports ``harmwatch.cli``.
"""
from __future__ import annotations

import sys
from typing import Optional

import typer

token_app = typer.Typer(help="API tokens: writes through the API need one.", no_args_is_help=True)


def _main_db(ctx: typer.Context) -> Optional[str]:
    """The main app's ``--db`` (``None``: ``$HARMWATCH_DB``, else ./harmwatch.db)."""
    return getattr(ctx.obj, "db", None)


def _store(ctx: typer.Context):
    from ..store import Store

    return Store(_main_db(ctx))


def serve(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path "
                                     "(default: the main --db / $HARMWATCH_DB)."),
    host: str = typer.Option("127.0.0.1", help="Address to bind (loopback unless told "
                             "otherwise: writes need tokens, but reads are open by default)."),
    port: int = typer.Option(8000, min=1, max=65535),
    read_token: bool = typer.Option(False, "--read-token-required",
                                    help="Require a token for reads too."),
    max_body: int = typer.Option(2 * 1024 * 1024, min=1024, help="Largest request body (bytes)."),
) -> None:
    """Serve the REST API (/api/v1) and the offline web app (/)."""
    import uvicorn

    from .app import Settings, create_app

    app = create_app(Settings(db=db or _main_db(ctx), read_token_required=read_token, max_body=max_body))
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: reachable from other machines", err=True)
    typer.echo(f"harmwatch desk on http://{host}:{port}/  (API: /api/v1/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


@token_app.command("create")
def token_create(
    ctx: typer.Context,
    name: str = typer.Option(..., "--name", help="Who (the analyst named in the audit log)."),
    role: str = typer.Option("analyst", "--role", help="analyst or admin."),
) -> None:
    """Create a token and print it once (only its hash is stored)."""
    from ..store.tokens import create_token

    with _store(ctx) as store:
        try:
            token, rec = create_token(store, name, role)
        except ValueError as exc:
            raise typer.BadParameter(str(exc))
    typer.echo(f"token #{rec.id} for {rec.name} ({rec.role}); it is shown only now:", err=True)
    sys.stdout.write(token + "\n")


@token_app.command("list")
def token_list(ctx: typer.Context) -> None:
    """Tokens by id: name, role, created, revoked (never the token)."""
    from ..store.tokens import list_tokens

    with _store(ctx) as store:
        for t in list_tokens(store):
            state = "revoked" if t.revoked else "live"
            typer.echo(f"{t.id}\t{t.name}\t{t.role}\t{t.created_at:%Y-%m-%d %H:%M}\t{state}")


@token_app.command("revoke")
def token_revoke(ctx: typer.Context, token_id: int = typer.Argument(..., help="The token's number (token list).")) -> None:
    """Revoke a token: it stops working at once."""
    from ..store.tokens import revoke_token

    with _store(ctx) as store:
        if not revoke_token(store, token_id):
            typer.echo(f"no token #{token_id}", err=True)
            raise typer.Exit(2)
    typer.echo(f"token #{token_id} revoked")


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``token ...`` to the main CLI (its context object carries ``db``)."""
    app.command("serve")(serve)
    app.add_typer(token_app, name="token")
