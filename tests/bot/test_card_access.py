"""Card access is resolved once, by the router: every handler that acts on an interaction sits on a `card_router`
and receives the checked `access`, so a handler cannot forget the check; a forged button for another seller's item
is refused before any handler runs."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.middlewares.access import InteractionAccess
from bot.routers import get_routers
from core.models import AuditEvent, Channel, Interaction, InteractionStatus
from tests.bot.conftest import make_interaction, make_member, make_seller


def _guarded(router: Router) -> bool:
    observers = (router.callback_query, router.message)
    return all(any(isinstance(m, InteractionAccess) for m in observer.middleware) for observer in observers)


def _callback_data_classes(handler) -> list[type]:
    return [f.callback.callback_data for f in handler.filters or () if isinstance(f.callback, CallbackQueryFilter)]


def test_every_handler_of_a_card_button_is_on_a_guarded_router() -> None:
    routers = get_routers()
    acting = {
        (router.name, handler.callback.__name__)
        for router in routers
        for handler in router.callback_query.handlers
        if any("interaction_id" in cls.model_fields for cls in _callback_data_classes(handler))
    }
    assert acting, "no card buttons found: the filter introspection is broken"
    unguarded = {
        (name, handler) for name, handler in acting if not _guarded(next(r for r in routers if r.name == name))
    }
    assert unguarded == set()
    # And a guarded router holds nothing but handlers of one interaction: each takes the checked pair.
    for router in filter(_guarded, routers):
        for handler in (*router.callback_query.handlers, *router.message.handlers):
            assert "access" in handler.params, f"{router.name}.{handler.callback.__name__} ignores its checked access"
            assert "member" not in handler.params, f"{router.name}.{handler.callback.__name__} reads the raw member"


async def test_a_forged_button_for_another_sellers_item_is_refused_by_the_router(db, tg, feed) -> None:
    mine, theirs = await make_seller(), await make_seller()
    chat = await tg.user()
    await make_member(mine, chat)
    foreign = await make_interaction(theirs, channel=Channel.REVIEW, status=InteractionStatus.NEEDS_RESPONSE)
    await tg.send(chat, "/inbox")
    await feed()
    anchor = (await tg.messages(chat))[-1]
    for data in (f"c:sk:{foreign.id}:0", f"cl:c:approve1:{foreign.id}:0:0", f"f:{foreign.id}:"):
        pressed = await tg.press(chat, anchor["message_id"], data=data)
        await feed()
        answer = await tg.callback(pressed["callback_query_id"])
        assert answer.get("answered") and "out of date" in (answer.get("text") or ""), (data, answer)
    assert (await Interaction.get(id=foreign.id)).status == InteractionStatus.NEEDS_RESPONSE
    assert await AuditEvent.filter(action="access.denied", actor_tg_user_id=chat).count() == 3
