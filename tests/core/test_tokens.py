"""The stored WB token (core.tokens): a key rotation re-encrypts every stored token with the newest key."""

from cryptography.fernet import Fernet

from core.secrets import secret_box
from core.settings import load_settings
from core.tokens import get_token, reencrypt_tokens
from tests.factories import new_seller

TOKEN = "eyJhbGciOiJFUzI1NiJ9.payload.signature-rotated"


async def test_key_rotation_reencrypts_stored_tokens(db: None) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    seller = await new_seller("s", wb_token_enc=secret_box(load_settings(encryption_keys=old)).encrypt(TOKEN))
    await new_seller("no token yet")
    assert await reencrypt_tokens(load_settings(encryption_keys=f"{new},{old}")) == 1
    await seller.refresh_from_db()
    assert get_token(seller, load_settings(encryption_keys=new)) == TOKEN
