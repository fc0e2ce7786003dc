"""Attack surface: a seller reconnects (a new WB token) while `agentiq keys rotate` runs. The rotation re-encrypts
each token compare-and-set, so the reconnected token is never overwritten with the old one."""

from __future__ import annotations

import asyncio

from cryptography.fernet import Fernet

from core.models import Channel, Seller
from core.secrets import secret_box
from core.settings import load_settings
from core.tokens import TokenCheck, get_token, reencrypt_tokens, set_token

SELLERS = 200


async def test_reconnect_during_rotation_keeps_the_new_token(db: None) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    before = load_settings(encryption_keys=old)
    during = load_settings(encryption_keys=f"{new},{old}")
    box = secret_box(before)
    await Seller.bulk_create([Seller(name=f"s{n}", wb_token_enc=box.encrypt(f"old-token-{n}")) for n in range(SELLERS)])
    ids = sorted(await Seller.all().values_list("id", flat=True))
    first, late = ids[0], ids[-10:]
    first_cipher = (await Seller.get(id=first)).wb_token_enc

    rotation = asyncio.create_task(reencrypt_tokens(during))
    # As soon as the rotation has begun, the last sellers reconnect with new tokens.
    while (await Seller.get(id=first)).wb_token_enc == first_cipher:
        assert not rotation.done(), "the rotation finished before the reconnects could race it"
        await asyncio.sleep(0)
    check = TokenCheck(channels=frozenset({Channel.REVIEW}), expires_at=None)
    for seller_id in late:
        await set_token(seller_id=seller_id, token=f"new-token-{seller_id}", check=check, settings=during)
    assert not rotation.done(), "the reconnects must land while the rotation still runs"
    assert await rotation == SELLERS

    only_new = load_settings(encryption_keys=new)
    for seller in await Seller.filter(id__in=late):
        assert get_token(seller, only_new) == f"new-token-{seller.id}"
    assert get_token(await Seller.get(id=first), only_new) == "old-token-0"
