"""`agentiq wb check`: run the read-only WB contract check for one token and print a localised report."""

from __future__ import annotations

import asyncio
import sys

import click

from core.i18n import translator
from core.secrets import mask_token


@click.group("wb")
def wb_group() -> None:
    """Wildberries seller API tools."""


@wb_group.command("check")
@click.option("--token", required=True, envvar="AGENTIQ_WB_CHECK_TOKEN", help="The seller's WB API token.")
@click.option("--feedbacks-url", default=None, help="Reviews/questions API base URL (default: settings).")
@click.option("--chat-url", default=None, help="Buyer chat API base URL (default: settings).")
@click.option("--returns-url", default=None, help="Buyer returns API base URL (default: settings).")
@click.option("--lang", default=None, type=click.Choice(["ru", "en"]), help="Report language.")
@click.option(
    "--wb-sandbox",
    is_flag=True,
    help="Check against WB's own sandbox (feedbacks-api-sandbox.wildberries.ru, a 'Test scope' token): reviews and "
    "questions only, WB has no chat or returns sandbox.",
)
def wb_check(
    token: str,
    feedbacks_url: str | None,
    chat_url: str | None,
    returns_url: str | None,
    lang: str | None,
    wb_sandbox: bool,
) -> None:
    """Read one page of each channel, validate shapes, report differences; list the drift radar's sightings (this
    check's and, with Redis, every worker's); exit 1 when a check fails."""
    from cli.main import _settings
    from core import redisconn
    from core.settings import WB_SANDBOX_FEEDBACKS_URL
    from sync.drift import DriftRadar
    from sync.wb.check import CheckReport, run_check
    from sync.wb.client import WBClient
    from sync.wb.drift import Drift
    from sync.wb.transport import WBAuth

    settings = _settings()
    if wb_sandbox:
        feedbacks_url = feedbacks_url or WB_SANDBOX_FEEDBACKS_URL
    wb = settings.wb.model_copy(
        update={
            "feedbacks_base_url": (feedbacks_url or settings.wb.feedbacks_base_url).rstrip("/"),
            "chat_base_url": (chat_url or settings.wb.chat_base_url).rstrip("/"),
            "returns_base_url": (returns_url or settings.wb.returns_base_url).rstrip("/"),
        }
    )
    t = translator(lang or settings.default_language)

    async def check() -> tuple[CheckReport, list[tuple[Drift, int]]]:
        radar = DriftRadar()
        async with WBClient(wb, observer=radar) as client:
            report = await run_check(
                client,
                WBAuth(token, "check"),
                feedbacks_url=wb.feedbacks_base_url,
                chat_url=None if wb_sandbox else wb.chat_base_url,
                returns_url=None if wb_sandbox else wb.returns_base_url,
            )
        seen = dict(await radar.sightings())
        if settings.redis_url:
            redis = redisconn.client(settings.redis_url)
            try:
                for found, count in await DriftRadar(redis).sightings():
                    seen[found] = max(count, seen.get(found, 0))
            finally:
                await redis.aclose()
        return report, sorted(seen.items(), key=lambda pair: (-pair[1], pair[0].endpoint, pair[0].field))

    report, drift = asyncio.run(check())
    click.echo(
        t("wb-check-title", feedbacks_url=wb.feedbacks_base_url, chat_url=wb.chat_base_url, token=mask_token(token))
    )
    info = report.token
    expires = info.expires_at.strftime("%Y-%m-%d %H:%M UTC") if info.expires_at else t("wb-check-never")
    if not info.well_formed:
        click.echo(t("wb-check-token-malformed"))
    elif info.test:
        click.echo(t("wb-check-token-test"))
    if info.well_formed and info.expired():
        click.echo(t("wb-check-token-expired", expires=expires))
    elif info.well_formed:
        scopes = ", ".join(sorted(info.scopes)) if info.scopes is not None else t("wb-check-scopes-unknown")
        click.echo(
            t("wb-check-token-info", scopes=scopes, expires=expires, read_only="yes" if info.read_only else "no")
        )
    for ch in report.channels:
        if ch.denied:
            click.echo(t("wb-check-channel-denied", name=ch.name, error=ch.error))
        elif ch.error:
            click.echo(t("wb-check-channel-error", name=ch.name, error=ch.error))
        elif ch.malformed:
            click.echo(t("wb-check-channel-malformed", name=ch.name, malformed=ch.malformed, items=ch.items))
        else:
            click.echo(t("wb-check-channel-ok", name=ch.name, items=ch.items))
        if ch.unknown_fields:
            click.echo(t("wb-check-unknown-fields", fields=", ".join(sorted(ch.unknown_fields))))
        if ch.missing_fields:
            click.echo(t("wb-check-missing-fields", fields=", ".join(sorted(ch.missing_fields))))
    click.echo(t("wb-check-drift-title") if drift else t("wb-check-drift-none"))
    for found, count in drift:
        what = t(f"wb-drift-{found.kind}")
        click.echo(t("wb-check-drift-line", endpoint=found.endpoint, what=what, field=found.field, count=count))
    ok = report.ok
    click.echo(t("wb-check-result-ok" if ok else "wb-check-result-failed"))
    if not ok:
        sys.exit(1)


def register(main: click.Group) -> None:
    """Attach the group to the `agentiq` command."""
    main.add_command(wb_group)
