"""WB-looking API tokens for sandbox sellers: JWTs whose payload carries `exp` and the access-category mask `s`.

Bits (as the WB community decodes real tokens): 7 reviews+questions, 9 buyer chat, 11 buyer returns, 30 read-only.
The signature is random bytes: nothing can verify it, exactly like a client holding a real WB token.
"""

from __future__ import annotations

import base64
import json
import random
import time
import uuid

BITS = {"review": 7, "question": 7, "chat": 9, "return": 11}
READ_ONLY_BIT = 30
FEEDBACKS_MASK = 1 << BITS["review"]
CHAT_MASK = 1 << BITS["chat"]
RETURNS_MASK = 1 << BITS["return"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def scope_mask(scopes: list[str] | tuple[str, ...], *, read_only: bool = False) -> int:
    """The `s` mask for scope names ("review", "question", "chat")."""
    mask = 0
    for scope in scopes:
        mask |= 1 << BITS[scope]
    return mask | ((1 << READ_ONLY_BIT) if read_only else 0)


def mint(rng: random.Random, *, seller_num: int, mask: int, expires_at: float | None = None, test: bool = False) -> str:
    """A JWT-shaped token for `seller_num` with category `mask`, expiring at `expires_at` (Unix s; default +180 d);
    `test` sets `t: true` (a «Тестовый контур» token, good only for WB's sandbox)."""
    header = {"alg": "ES256", "kid": "20250101v1", "typ": "JWT"}
    payload = {
        "acc": 1,
        "ent": 1,
        "exp": int(expires_at if expires_at is not None else time.time() + 180 * 86400),
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "iid": seller_num,
        "oid": seller_num,
        "s": mask,
        "sid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "t": test,
        "uid": 10_000_000 + seller_num,
    }
    signature = bytes(rng.getrandbits(8) for _ in range(64))
    return ".".join((_b64(json.dumps(header).encode()), _b64(json.dumps(payload).encode()), _b64(signature)))
