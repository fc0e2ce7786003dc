"""Login throttling and the client's address.

Every attempt is counted before its password is checked, by `limits`' moving windows whose check-and-count is one
atomic step (a Lua script in Redis when configured, so every admin process shares the counts; a lock in memory
otherwise): a burst of concurrent attempts cannot all slip through.

- Per client address, whatever the account: spraying many e-mails from one address slows down. An IPv6 address
  counts as its /64 (one subscriber's network: its addresses are free for the taking); attempts on unknown
  accounts also count per IPv4 /24 (and /64), with 5x an address's budget.
- Per account, whatever the IP, in tiers (per minute, 4x per hour, 10x per day): brute force from many addresses
  slows down more and more the longer it goes on.
- A browser that signed in to the account before carries a signed device cookie: its attempts count against its
  own small budget instead of the account's, so an attack on the account does not lock its owner out (OWASP's
  "device cookies"). Its attempts count neither against the address nor against the account, and its password
  checks have a bcrypt thread of their own: a flood cannot queue in front of them.

bcrypt (~0.2 s of CPU) runs in a small thread pool, never on the event loop, and a full queue is refused at once.
An unknown account costs no bcrypt at all: it waits as long as a real check takes (their running average) without
using a thread, so a flood of made-up e-mails neither fills the queue nor tells which accounts exist.
"""

from __future__ import annotations

import asyncio
import ipaddress
import random
import secrets
import time
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
# Known devices' checks wait for their own thread; beyond this many waiting, they too are refused.
DEVICE_MAX_WAITING = 8
# What one bcrypt check (cost 12) takes before any was measured; then the running average of the real ones.
BCRYPT_TYPICAL_S = 0.25


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


def _address(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    return ip.ipv4_mapped or ip if isinstance(ip, ipaddress.IPv6Address) else ip


def address_key(address: str) -> str:
    """The address an attempt is counted under: an IPv6 address's /64, an IPv4 address itself."""
    ip = _address(address)
    if ip is None:
        return address
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else str(ip)


def network_key(address: str) -> str:
    """The network unknown-account attempts are counted under: IPv4 /24, IPv6 /64."""
    ip = _address(address)
    if ip is None:
        return address
    return str(ipaddress.ip_network(f"{ip}/{24 if ip.version == 4 else 64}", strict=False))


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
        self._unknown_net = [parse(f"{per_ip * 5}/minute"), parse(f"{per_ip * 25}/hour")]
        self.trusted = [ipaddress.ip_network(p, strict=False) for p in settings.admin.trusted_proxies]
        self._devices = URLSafeTimedSerializer(secret, salt="agentiq-admin-device")
        self._pool = ThreadPoolExecutor(max_workers=BCRYPT_THREADS, thread_name_prefix="bcrypt")
        self._device_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bcrypt-device")
        self._waiting = 0
        self._device_waiting = 0
        self._typical_s = BCRYPT_TYPICAL_S

    async def _hit(self, limits: list[RateLimitItem], *key: str) -> bool:
        # Check-and-count in one step per window; a refused window stops the others from being counted.
        for limit in limits:
            if not await self._limiter.hit(limit, "admin-login", *key):
                return False
        return True

    async def admit(self, *, ip: str, email: str, device: str | None) -> bool:
        """Count this attempt; False when a window is full (the password is then not checked). A known device
        counts against its own budget only."""
        if device is not None:
            return await self._hit(self._device, "device", email, device)
        if not await self._hit(self._ip, "ip", address_key(ip)):
            return False
        return await self._hit(self._account, "account", email)

    async def admit_unknown(self, *, ip: str) -> bool:
        """Count an attempt on an account that does not exist against the client's /24 (IPv4) or /64 (IPv6)."""
        return await self._hit(self._unknown_net, "unknown-net", network_key(ip))

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

    async def check_password(self, password: str, password_hash: str, *, device: bool = False) -> bool | None:
        """bcrypt in the thread pool (a known device's in its own); None when too many checks are already waiting."""
        if device:
            if self._device_waiting >= DEVICE_MAX_WAITING:
                return None
            self._device_waiting += 1
        else:
            if self._waiting >= BCRYPT_MAX_WAITING:
                return None
            self._waiting += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._device_pool if device else self._pool, self._timed, password, password_hash
            )
        finally:
            if device:
                self._device_waiting -= 1
            else:
                self._waiting -= 1

    def _timed(self, password: str, password_hash: str) -> bool:
        started = time.perf_counter()
        try:
            return verify_password(password, password_hash)
        finally:
            # A running average of the real checks: what an unknown account's answer waits for.
            self._typical_s = 0.8 * self._typical_s + 0.2 * (time.perf_counter() - started)

    async def no_such_account(self) -> bool:
        """As long as a password check takes, without one: an unknown account's answer (always a mismatch)."""
        await asyncio.sleep(self._typical_s * random.uniform(0.9, 1.1))
        return False

    def close(self) -> None:
        """Stop the bcrypt threads."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._device_pool.shutdown(wait=False, cancel_futures=True)
