"""The feature routers, in the order the Dispatcher includes them (the catch-all errors router last)."""

from aiogram import Router


def get_routers() -> list[Router]:
    """Fresh imports are module singletons: build one Dispatcher per process (tests build theirs in turn)."""
    from bot.routers import (
        answer_edits,
        backlog_bulk,
        cards,
        chat_files,
        claims,
        drafting,
        edit,
        errors,
        exports,
        facts,
        help,
        inbox,
        members,
        memberships,
        onboarding,
        question_actions,
        settings,
        spikes,
        stats,
        summary,
        teach,
    )

    return [
        onboarding.router,
        edit.router,
        claims.router,
        question_actions.router,
        answer_edits.router,
        cards.router,
        teach.router,
        chat_files.router,
        inbox.router,
        stats.router,
        exports.router,
        summary.router,
        spikes.router,
        backlog_bulk.router,
        settings.router,
        drafting.router,
        facts.router,
        members.router,
        memberships.router,
        help.router,
        errors.router,
    ]
