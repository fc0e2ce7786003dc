"""`agentiq draft`: the reading (topics, situations, mood, reply language), the draft and its guardrail verdict for a
buyer text — the bot's drafting path,
for sellers tuning their voice and for support."""

from __future__ import annotations

import asyncio
import functools

import click

from core.models.enums import Channel


@click.command("draft")
@click.option("--channel", type=click.Choice([c.value for c in Channel if c.value != "return"]), required=True)
@click.option("--rating", type=click.IntRange(1, 5), default=None, help="Review rating (reviews only).")
@click.option("--text", required=True, help="What the buyer wrote.")
@click.option("--pros", default=None, help="Review: advantages.")
@click.option("--cons", default=None, help="Review: disadvantages.")
@click.option("--seller", "seller_id", type=int, default=None, help="Use this seller's voice, facts and LLM switch.")
@click.option("--nm-id", type=int, default=None, help="Product (WB nmId) whose facts to use.")
@click.option("--product", "product_name", default=None, help="Product name (tells the reader the product's kind).")
@click.option("--variant", type=int, default=0, show_default=True, help="Regenerate: the next variant.")
@click.option("--lang", default=None, type=click.Choice(["ru", "en"]), help="Language of the verdict's reasons.")
def draft(
    channel: str,
    rating: int | None,
    text: str,
    pros: str | None,
    cons: str | None,
    seller_id: int | None,
    nm_id: int | None,
    product_name: str | None,
    variant: int,
    lang: str | None,
) -> None:
    """Print the reading (topics, situations, mood, language, product kind), the draft and its guardrail verdict
    (exit 1 when the draft is blocked)."""
    from cli.main import _settings
    from core import db as core_db
    from core.drafting.trial import Trial, trial
    from core.llm import process_client
    from core.models import Seller

    settings = _settings()

    typed = functools.partial(
        trial,
        channel=Channel(channel),
        text=text,
        rating=rating,
        pros=pros,
        cons=cons,
        product_name=product_name,
        variant=variant,
        settings=settings,
    )

    async def run() -> Trial:
        if seller_id is None:
            return await typed()
        async with core_db.database(settings):
            seller = await Seller.get_or_none(id=seller_id)
            if seller is None:
                raise click.ClickException(f"no seller {seller_id}")
            llm_client = process_client(settings.llm)
            try:
                return await typed(seller=seller, nm_id=nm_id, llm_client=llm_client)
            finally:
                if llm_client is not None:
                    await llm_client.close()

    result = asyncio.run(run())
    language = lang or settings.default_language
    reading = result.reading
    click.echo(f"topics: {', '.join(t.value for t in reading.topics) or '-'}" + (" (unsure)" if reading.unsure else ""))
    click.echo(f"situations: {', '.join(s.value for s in reading.situations) or '-'}")
    click.echo(f"mood: {reading.mood.value}")
    click.echo(f"language: {reading.language}")
    click.echo(f"product kind: {reading.kind.value}")
    click.echo(f"origin: {result.draft.origin.value}")
    if result.draft.asked:
        # No template or product fact answers what the buyer asked: the draft is a holding line (issue 25).
        from core.i18n import translator

        click.echo(translator(language)("draft-needs-answer", asked=result.draft.asked))
    click.echo("draft:")
    click.echo(result.draft.text)
    verdict = result.draft.verdict
    click.echo("guardrails: " + ("ok" if verdict.ok else "blocked"))
    for reason in verdict.reasons(language):
        click.echo(f"  - {reason}")
    if not verdict.ok:
        raise SystemExit(1)


def register(main: click.Group) -> None:
    """Attach the command to `agentiq`."""
    main.add_command(draft)
