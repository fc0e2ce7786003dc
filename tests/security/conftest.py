"""The attack tests use the bot's and the admin's own wiring (sandboxes over HTTP, the real database)."""

from tests.admin.conftest import admin_user, app, client, logged_in  # noqa: F401
from tests.bot.conftest import (  # noqa: F401
    bot,
    bot_settings,
    dispatcher,
    dp,
    feed,
    notifier,
    stack,
    tg,
    tg_server,
    wb,
    wb_server,
    wb_url,
)
