"""A valid key list that opens none of the stored WB tokens (the wrong key, a key dropped too early): every process
would start and every sync fail, so `/readyz` and `agentiq health …` fail instead, saying why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from admin.app import create_app
from core.heartbeat import beat
from core.secrets import secret_box
from core.settings import Settings, load_settings
from tests.conftest import ENCRYPTION_KEY
from tests.factories import new_seller
from tests.processes import ROOT, agentiq_env

WRONG_KEY = Fernet.generate_key().decode()


async def _stored_token() -> None:
    box = secret_box(load_settings(encryption_keys=ENCRYPTION_KEY))
    await new_seller("connected", wb_token_enc=box.encrypt("wb-token"))


async def _readyz(settings: Settings) -> httpx.Response:
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://admin.test") as http:
        return await http.get("/readyz")


async def test_readyz_fails_when_the_keys_open_no_stored_token(settings: Settings, db: None) -> None:
    await _stored_token()
    assert (await _readyz(settings)).status_code == 200  # the right key: ready
    response = await _readyz(
        settings.model_copy(update={"encryption_keys": load_settings(encryption_keys=WRONG_KEY).encryption_keys})
    )
    assert response.status_code == 503
    check = response.json()["checks"]["tokens"]
    assert "1 of 1 stored WB tokens" in check and "AGENTIQ_ENCRYPTION_KEYS" in check


async def test_health_fails_when_the_keys_open_no_stored_token(
    db: None, database_url: str, redis_url: str, redis_client, tmp_path: Path
) -> None:
    await _stored_token()
    await beat(redis_client, "worker", 10.0)  # the process itself is alive

    def health(keys: str) -> subprocess.CompletedProcess[str]:
        env = agentiq_env(database_url, tmp_path, REDIS_URL=redis_url, ENCRYPTION_KEYS=keys)
        return subprocess.run(
            [sys.executable, "-m", "cli", "health", "worker"], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip

    assert health(ENCRYPTION_KEY).returncode == 0
    wrong = health(WRONG_KEY)
    assert wrong.returncode == 1
    assert "cannot be decrypted with AGENTIQ_ENCRYPTION_KEYS" in wrong.stderr
