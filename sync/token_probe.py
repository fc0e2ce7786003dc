"""The live WB token check used by onboarding (`core.tokens.TokenProbe`): the bot's entry points open it
(`open_token_probe`) and hand it to the bot, which never talks to WB itself.

The token's payload (`inspect_token`) says which categories it claims and when it expires; a real call per
claimed category proves WB accepts it. Only categories whose call succeeded are reported as covered. WB's answers
also tell a Base token (its burst, `X-Ratelimit-Limit`, is 1): see `core.tokens.TokenType`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from core.models import Channel
from core.settings import WBSettings
from core.tokens import TokenCheck, TokenProbe, TokenRejected, TokenType
from sync.wb import WBAuth, WBClient, errors
from sync.wb.token import inspect_token

ALL_CHANNELS = frozenset(Channel)


def make_probe(wb: WBClient, *, wb_sandbox: bool = False) -> TokenProbe:
    """A probe calling WB through `wb` (rate-limited like every other call of this process). `wb_sandbox`: reviews and
    questions go to WB's own sandbox, where only a «Test scope» token works and no chat or returns API exists;
    elsewhere a test token is refused at once (it would fail against the seller's shop)."""

    async def _one_claim(auth: WBAuth) -> object:
        return await wb.list_claims(auth, is_archive=False, limit=1)

    async def probe(token: str) -> TokenCheck:
        info = inspect_token(token)
        if info.expired():
            raise TokenRejected("expired")
        if info.test != wb_sandbox:
            raise TokenRejected("test-token" if info.test else "not-test-token")
        claimed = info.scopes if info.scopes is not None else ALL_CHANNELS
        if wb_sandbox:
            claimed &= {Channel.REVIEW, Channel.QUESTION}
        # Keyed by the token's own id: the probe runs before the seller row holds the token.
        auth = WBAuth(token=token, seller_key=f"probe:{info.token_id or 'anon'}")
        checks = (
            (claimed & {Channel.REVIEW, Channel.QUESTION}, wb.count_unanswered_feedbacks),
            (claimed & {Channel.CHAT}, wb.list_chats),
            (claimed & {Channel.RETURN}, _one_claim),
        )
        covered: set[Channel] = set()
        refused = False
        for channels, call in checks:
            if not channels:
                continue
            try:
                await call(auth)
            except errors.WBAuthError:
                # A token can be good for one category and refused for another: keep what worked.
                refused = True
                continue
            except errors.WBError:
                if channels == {Channel.RETURN}:
                    # The returns API is a separate host: its outage leaves returns out, it does not refuse the token.
                    continue
                raise TokenRejected("unreachable") from None
            covered |= channels
        if not covered and refused:
            raise TokenRejected("invalid")
        if not covered:
            raise TokenRejected("no-scope")
        return TokenCheck(channels=frozenset(covered), expires_at=info.expires_at, token_type=_type(wb, auth, info))

    return probe


def _type(wb: WBClient, auth: WBAuth, info: object) -> TokenType | None:
    """The token's type from its payload (a test token) and WB's answers to the probe (a Base token's burst)."""
    if getattr(info, "test", False):
        return TokenType.TEST
    base = wb.base_token_seen(auth.seller_key)
    return None if base is None else TokenType.BASE if base else TokenType.STANDARD


@contextlib.asynccontextmanager
async def open_token_probe(settings: WBSettings) -> AsyncIterator[TokenProbe]:
    """A probe on a WB client of its own, closed on exit."""
    async with contextlib.aclosing(WBClient(settings)) as wb:
        yield make_probe(wb, wb_sandbox=settings.feedbacks_sandbox)
