"""`agentiq admin serve` (the web admin) and `agentiq admin create-user` (an admin account with a bcrypt hash)."""

from __future__ import annotations

import asyncio
import sys

import click

from core.models import AdminRole

MIN_PASSWORD_LENGTH = 10


@click.group("admin")
def admin_group() -> None:
    """The web admin."""


@admin_group.command("serve")
@click.option("--host", default=None, help="Bind address [default: AGENTIQ_ADMIN__HOST]")
@click.option("--port", type=int, default=None, help="Port [default: AGENTIQ_ADMIN__PORT]")
def serve(host: str | None, port: int | None) -> None:
    """Serve the admin pages, the JSON API, /healthz, /readyz and /metrics."""
    import uvicorn

    from admin.app import create_app
    from cli.main import _settings

    settings = _settings()
    # proxy_headers: behind a reverse proxy the client IP (login throttling) comes from X-Forwarded-For.
    uvicorn.run(
        create_app(settings),
        host=host or settings.admin.host,
        port=port or settings.admin.port,
        proxy_headers=True,
        log_level=settings.log_level.lower(),
        # Keep `agentiq`'s logging (JSON in production, secrets redacted; access lines only at WARNING):
        # uvicorn's default config would replace it with its own plain-text handlers.
        log_config=None,
    )


async def _create_user(email: str, password: str, role: AdminRole) -> bool:
    from admin.security import hash_password
    from cli.main import _settings
    from core.db import database
    from core.models import AdminUser

    async with database(_settings()):
        _, created = await AdminUser.get_or_create(
            email=email, defaults={"password_hash": hash_password(password), "role": role}
        )
        return created


@admin_group.command("create-user")
@click.option("--email", required=True, help="Login e-mail (stored lower-case).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
@click.option(
    "--role", type=click.Choice([r.value for r in AdminRole]), default=AdminRole.ADMIN.value, show_default=True
)
def create_user(email: str, password_stdin: bool, role: str) -> None:
    """Create an admin account (the first one too); exits 1 when the e-mail is taken."""
    email = email.strip().lower()
    if "@" not in email:
        raise click.BadParameter("not an e-mail address", param_hint="--email")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    from admin.security import MAX_PASSWORD_BYTES

    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise click.ClickException(f"the password must fit in {MAX_PASSWORD_BYTES} bytes (bcrypt's limit)")
    if not asyncio.run(_create_user(email, password, AdminRole(role))):
        raise click.ClickException(f"an admin with e-mail {email} already exists")
    click.echo(f"admin {email} created")


def register(main: click.Group) -> None:
    """Attach the group to the `agentiq` command."""
    main.add_command(admin_group)
