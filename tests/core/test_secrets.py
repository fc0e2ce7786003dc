"""WB tokens are encrypted at rest (the secret box), keys rotate, and the display form never shows the secret."""

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from core.secrets import SecretError, mask_token, secret_box
from core.settings import SettingsError, load_settings

TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjQwNzE1djEiLCJ0eXAiOiJKV1QifQ.payload.signature-XYZ9"


def test_roundtrip_and_ciphertext_hides_token() -> None:
    box = secret_box(load_settings(encryption_keys=Fernet.generate_key().decode()))
    ciphertext = box.encrypt(TOKEN)
    assert TOKEN not in ciphertext
    assert box.decrypt(ciphertext) == TOKEN
    assert "SecretBox" in repr(box)


def test_rotation_new_key_first() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    ciphertext = secret_box(load_settings(encryption_keys=old)).encrypt(TOKEN)
    both = secret_box(load_settings(encryption_keys=f"{new},{old}"))
    assert both.decrypt(ciphertext) == TOKEN
    rotated = both.rotate(ciphertext)
    only_new = secret_box(load_settings(encryption_keys=new))
    assert only_new.decrypt(rotated) == TOKEN
    with pytest.raises(SecretError):
        only_new.decrypt(ciphertext)


def test_generated_key_file_is_private_and_stable(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    ciphertext = secret_box(settings).encrypt(TOKEN)
    key_file = tmp_path / "secret.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert secret_box(settings).decrypt(ciphertext) == TOKEN


def test_bad_key_is_a_clear_error() -> None:
    with pytest.raises(SettingsError, match="AGENTIQ_ENCRYPTION_KEYS"):
        load_settings(encryption_keys="not-a-key")


@pytest.mark.parametrize(
    ("token", "shown"),
    [(TOKEN, "eyJh…XYZ9"), ("short", "••••••••"), ("", "—"), (None, "—")],
)
def test_mask_token(token: str | None, shown: str) -> None:
    assert mask_token(token) == shown
