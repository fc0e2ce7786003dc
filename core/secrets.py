"""Secrets at rest: WB tokens are Fernet-encrypted; keys rotate by putting a new key first.

`AGENTIQ_ENCRYPTION_KEYS` holds comma-separated Fernet keys, newest first. Without it (the embedded default)
a key is generated once into `<data dir>/secret.key` with mode 0600, so a single-machine install just works.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from core.settings import Settings


class SecretError(RuntimeError):
    """A ciphertext cannot be decrypted with any configured key."""


class SecretBox:
    """Encrypts and decrypts short secrets with the configured keys."""

    def __init__(self, keys: list[bytes]) -> None:
        if not keys:
            raise SecretError("no encryption key configured")
        self._fernet = MultiFernet([Fernet(k) for k in keys])

    def __repr__(self) -> str:
        return "<SecretBox>"

    def encrypt(self, plaintext: str) -> str:
        """Ciphertext of `plaintext`, with the newest key."""
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        """The plaintext of `ciphertext`, trying every key."""
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except InvalidToken:
            raise SecretError("the secret cannot be decrypted with the configured keys") from None

    def rotate(self, ciphertext: str) -> str:
        """Re-encrypt `ciphertext` with the newest key (run after adding a key in front)."""
        try:
            return self._fernet.rotate(ciphertext.encode()).decode()
        except InvalidToken:
            raise SecretError("the secret cannot be decrypted with the configured keys") from None


def stored_secret(data_dir: Path, name: str, make: Callable[[], str] = lambda: secrets.token_urlsafe(48)) -> str:
    """The secret in `<data dir>/<name>`, generated once with `make()` (mode 0600; the first of racing processes
    writes it, the others read it)."""
    path = data_dir / name
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as fh:
            fh.write(make())
    return path.read_text().strip()


def _key_file(data_dir: Path) -> bytes:
    return stored_secret(data_dir, "secret.key", lambda: Fernet.generate_key().decode()).encode()


def secret_box(settings: Settings) -> SecretBox:
    """The box for these settings: configured keys, else the data dir's generated key."""
    if settings.encryption_keys is not None:
        raw = settings.encryption_keys.get_secret_value()
        keys = [k.strip().encode() for k in raw.split(",") if k.strip()]
        try:
            return SecretBox(keys)
        except (ValueError, TypeError):
            raise SecretError("AGENTIQ_ENCRYPTION_KEYS: every key must be a url-safe base64 Fernet key") from None
    return SecretBox([_key_file(settings.data_dir)])


def mask_token(token: str | None) -> str:
    """A display form that never shows the secret: the first 4 and last 4 characters at most."""
    if not token:
        return "—"
    if len(token) <= 12:
        return "•" * 8
    return f"{token[:4]}…{token[-4:]}"
