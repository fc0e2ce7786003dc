"""Secrets at rest: WB tokens are Fernet-encrypted; keys rotate by putting a new key first.

`AGENTIQ_ENCRYPTION_KEYS` holds comma-separated Fernet keys, newest first. Without it (the embedded default)
a key is generated once into `<data dir>/secret.key` with mode 0600, so a single-machine install just works.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from core.settings import Settings

# Generated secrets are 44 (Fernet key) or 64 characters; anything shorter in a secret file is damage, not a key.
MIN_STORED_SECRET = 32


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
    """The secret in `<data dir>/<name>`, generated once with `make()` (mode 0600). The file appears whole or not
    at all (written aside, then linked in place), so of racing processes the first link wins and every one reads
    it; an empty or short file is refused rather than used as a key."""
    path = data_dir / name
    if not path.exists():
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        _create_whole(path, make())
    value = path.read_text().strip()
    if len(value) < MIN_STORED_SECRET:
        raise SecretError(
            f"{path} is empty or shorter than {MIN_STORED_SECRET} characters: delete it to make a new one"
        )
    return value


def _create_whole(path: Path, value: str) -> None:
    """Write `value` to a private temporary file, fsync it, then link it to `path` unless it exists already."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(value)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):  # another process linked its own first: that one is the secret
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


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
