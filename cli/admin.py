"""`agentiq admin serve` (the web admin) and the account commands: `create-user`, `set-password`, `set-role`,
`disable-user`, `enable-user` (bcrypt hashes; every change ends the account's sessions)."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Awaitable, Callable

import click

from core.models import AdminRole


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
    from cli.serving import EmbeddedServer

    settings = _settings()
    config = uvicorn.Config(
        create_app(settings),
        host=host or settings.admin.host,
        port=port or settings.admin.port,
        # The app reads X-Forwarded-For itself, and only from AGENTIQ_ADMIN__TRUSTED_PROXIES (admin.throttle);
        # uvicorn's own proxy handling would believe any local address.
        proxy_headers=False,
        log_level=settings.log_level.lower(),
        # Keep `agentiq`'s logging (JSON in production, secrets redacted): uvicorn's default config would replace
        # it with plain-text handlers, and an access line per probe says nothing an operator needs.
        log_config=None,
        access_log=False,
    )
    # uvicorn.run re-raises SIGTERM after its graceful shutdown, so the process would end "killed by SIGTERM"
    # (exit status 143 to compose and systemd); here the signal only asks the server to finish: exit 0.
    server = EmbeddedServer(config)

    async def main() -> None:
        from core.watchdog import watching

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, setattr, server, "should_exit", True)
        async with watching("admin", settings.metrics.watchdog_s):
            await server.serve()

    asyncio.run(main())


def _read_password(password_stdin: bool) -> str:
    """The new password from stdin or a prompt, checked by the policy the users page applies too."""
    from admin.accounts import MIN_PASSWORD_LENGTH, password_problem
    from admin.security import MAX_PASSWORD_BYTES

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password)
    if problem == "short":
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    if problem == "long":
        raise click.ClickException(f"the password must fit in {MAX_PASSWORD_BYTES} bytes (bcrypt's limit)")
    return password


def _account_change(change: Callable[[], Awaitable[object]], done: str) -> None:
    """Run one change of `admin.accounts` on the database; a missing account is a clear error (exit 1)."""
    from admin.accounts import NoSuchAdmin
    from cli.main import _settings
    from core.db import database

    async def run() -> None:
        async with database(_settings()):
            await change()

    try:
        asyncio.run(run())
    except NoSuchAdmin as exc:
        raise click.ClickException(f"no admin with e-mail {exc}") from None
    click.echo(done)


async def _create_user(email: str, password: str, role: AdminRole) -> bool:
    from admin import accounts
    from cli.main import _settings
    from core.db import database

    async with database(_settings()):
        return await accounts.create(email, password, role) is not None


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
    password = _read_password(password_stdin)
    if not asyncio.run(_create_user(email, password, AdminRole(role))):
        raise click.ClickException(f"an admin with e-mail {email} already exists")
    click.echo(f"admin {email} created")


@admin_group.command("set-password")
@click.option("--email", required=True, help="The account's e-mail.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
def set_password(email: str, password_stdin: bool) -> None:
    """Set a new password; every session of the account ends."""
    from admin import accounts

    password = _read_password(password_stdin)
    _account_change(lambda: accounts.set_password(email, password), f"password of {email} changed; sessions ended")


@admin_group.command("set-role")
@click.option("--email", required=True, help="The account's e-mail.")
@click.option("--role", type=click.Choice([r.value for r in AdminRole]), required=True)
def set_role(email: str, role: str) -> None:
    """Change the account's role; every session of the account ends."""
    from admin import accounts

    _account_change(lambda: accounts.set_role(email, AdminRole(role)), f"{email} is now {role}; sessions ended")


@admin_group.command("disable-user")
@click.option("--email", required=True, help="The account's e-mail.")
def disable_user(email: str) -> None:
    """Disable the account: it cannot sign in and every session of it ends."""
    from admin import accounts

    _account_change(lambda: accounts.set_disabled(email, True), f"{email} disabled; sessions ended")


@admin_group.command("enable-user")
@click.option("--email", required=True, help="The account's e-mail.")
def enable_user(email: str) -> None:
    """Enable a disabled account again."""
    from admin import accounts

    _account_change(lambda: accounts.set_disabled(email, False), f"{email} enabled")


def register(main: click.Group) -> None:
    """Attach the group to the `agentiq` command."""
    main.add_command(admin_group)
