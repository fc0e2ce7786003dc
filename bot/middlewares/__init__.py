"""Outer middlewares: resolve the Telegram user to a seller member, then pick the translator."""

from bot.middlewares.i18n import I18nMiddleware
from bot.middlewares.member import MemberMiddleware

__all__ = ["I18nMiddleware", "MemberMiddleware"]
