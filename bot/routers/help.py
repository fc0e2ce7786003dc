"""/help, and the command menu registered with setMyCommands in both languages."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import BotCommand, Message

from core.i18n import LANGUAGES, Translator, translator

router = Router(name="help")

COMMANDS = ("inbox", "stats", "digest", "export", "settings", "members", "invite", "connect", "sellers", "help")


@router.message(Command("help"))
async def help_command(message: Message, t: Translator) -> None:
    await message.answer(t("bot-help"))


async def set_commands(bot: Bot, default_language: str) -> None:
    """Register the menu per language; users of other languages get the default language's menu."""
    for language in LANGUAGES:
        t = translator(language)
        commands = [BotCommand(command=c, description=t(f"bot-cmd-{c}")) for c in COMMANDS]
        await bot.set_my_commands(commands, language_code=language)
        if language == default_language:
            await bot.set_my_commands(commands)
