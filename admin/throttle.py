"""Login throttling and the client's address.

Every attempt is counted before its password is checked, by `limits`' moving windows whose check-and-count is one
atomic step (a Lua script in Redis when configured, so every admin process shares the counts; a lock in memory
otherwise): a burst of concurrent attempts cannot all slip through.

- Per client IP, whatever the account: spraying many e-mails from one address slows down.
- Per account, whatever the IP, in tiers (per minute, 4x per hour, 10x per day): brute force from many addresses
  slows down more and more the longer it goes on.
- A browser that signed in to the account before carries a signed device cookie: its attempts count against its
  own small budget instead of the account's, so an attack on the account does not lock its owner out (OWASP's
  "device cookies").

bcrypt (~0.2 s of CPU) runs in a small thread pool, never on the event loop, and a full queue is refused at once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import secrets
from concurrent.futures import ThreadPoolExecutor

from fastapi import Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import RateLimitItem, parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from admin.security import verify_password
from core.redisconn import resilient_options
from core.settings import Settings

DEVICE_COOKIE = "agentiq_device"
DEVICE_MAX_AGE_S = 180 * 86400
BCRYPT_THREADS = 2
# Checks waiting for a bcrypt thread beyond this are refused: a flood cannot queue minutes of work.
BCRYPT_MAX_WAITING = 32


def client_ip(request: Request, trusted: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> str:
    """The client's address: the peer, or — only when the peer is a trusted proxy — the nearest untrusted
    address of X-Forwarded-For (read from the right: the left part is whatever the client claimed)."""
    peer = request.client.host if request.client else "unknown"
    if not trusted or not _in(peer, trusted):
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _in(hop, trusted):
            return hop
    return peer


def _in(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


class LoginThrottle:
    """Counts login attempts per IP, per account and per known device; also runs the password checks."""

    def __init__(self, settings: Settings, secret: str) -> None:
        uri = f"async+{settings.redis_url}" if settings.redis_url else "async+memory://"
        # Reconnecting options: a Redis restart must not turn the next login into an error.
        options = {"implementation": "redispy", **resilient_options()} if settings.redis_url else {}
        self._limiter = MovingWindowRateLimiter(storage_from_string(uri, **options))
        per_account, per_ip = settings.admin.login_attempts_per_minute, settings.admin.login_ip_attempts_per_minute
        self._ip = [parse(f"{per_ip}/minute"), parse(f"{per_ip * 5}/hour")]
        self._account = [
            parse(f"{per_account}/minute"),
            parse(f"{per_account * 4}/hour"),
            parse(f"{per_account * 10}/day"),
        ]
        self._device = [parse(f"{per_account}/minute"), parse(f"{per_account * 4}/hour")]
        self.trusted = [ipaddress.ip_network(p, strict=False) for p in settings.admin.trusted_proxies]
        self._devices = URLSafeTimedSerializer(secret, salt="agentiq-admin-device")
        self._pool = ThreadPoolExecutor(max_workers=BCRYPT_THREADS, thread_name_prefix="bcrypt")
        self._waiting = 0

    async def _hit(self, limits: list[RateLimitItem], *key: str) -> bool:
        # Check-and-count in one step per window; a refused window stops the others from being counted.
        for limit in limits:
            if not await self._limiter.hit(limit, "admin-login", *key):
                return False
        return True

    async def admit(self, *, ip: str, email: str, device: str | None) -> bool:
        """Count this attempt; False when a window is full (the password is then not checked)."""
        if not await self._hit(self._ip, "ip", ip):
            return False
        if device is not None:
            return await self._hit(self._device, "device", email, device)
        return await self._hit(self._account, "account", email)

    def device_of(self, cookie: str | None, email: str) -> str | None:
        """The device id of a valid device cookie issued for `email`, else None."""
        if not cookie:
            return None
        try:
            owner, device = self._devices.loads(cookie, max_age=DEVICE_MAX_AGE_S)
        except (BadSignature, ValueError, TypeError):
            return None
        return device if owner == email else None

    def new_device_cookie(self, email: str) -> str:
        """A device cookie for a browser that just signed in to `email`."""
        return self._devices.dumps([email, secrets.token_urlsafe(12)])

    async def check_password(self, password: str, password_hash: str) -> bool | None:
        """bcrypt in the thread pool; None when too many checks are already waiting."""
        if self._waiting >= BCRYPT_MAX_WAITING:
            return None
        self._waiting += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._pool, verify_password, password, password_hash)
        finally:
            self._waiting -= 1

    def close(self) -> None:
        """Stop the bcrypt threads."""
        self._pool.shutdown(wait=False, cancel_futures=True)
