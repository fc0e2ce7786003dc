"""Entry points as real processes against the test database, each proving it reads and writes it.

The others live beside what they exercise: `admin serve` (tests/admin/test_serve.py), `bot` (tests/bot/test_webhook.py),
`worker` + `scheduler` + `bot` (tests/test_multiprocess.py), `demo` (tests/test_demo.py), `admin create-user`
(tests/admin/test_cli.py), `db upgrade` / `db status` (tests/core/test_migrations.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from cli.serving import free_port, serve_app
from core.models import AdminRole, AdminUser, SellerMember
from core.secrets import secret_box
from core.settings import load_settings
from core.tokens import get_token
from sandbox.telegram.server import create_app as telegram_app
from sandbox.wb.server import create_app as wb_app
from tests.admin.conftest import PASSWORD, csrf_from, password_hash
from tests.conftest import ENCRYPTION_KEY
from tests.factories import new_seller
from tests.processes import ROOT, agentiq_env, answers_200, spawn, stop, tail, wait_until

BOT_TOKEN = "7000000004:AAH-entry-points-test-token"
USER = 4001


async def test_run_serves_the_admin_and_the_bot_on_one_database(db: None, database_url: str, tmp_path: Path) -> None:
    await AdminUser.create(email="ops@example.com", password_hash=password_hash(), role=AdminRole.ADMIN)
    port = free_port()
    async with (
        serve_app(wb_app(seed=3, sellers=0)) as wb_url,
        serve_app(telegram_app()) as tg_url,
        httpx.AsyncClient(base_url=tg_url, timeout=10) as telegram,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as admin,
    ):
        await telegram.post("/_sandbox/bots", json={"token": BOT_TOKEN})
        env = agentiq_env(
            database_url,
            tmp_path,
            TELEGRAM__BOT_TOKEN=BOT_TOKEN,
            TELEGRAM__API_BASE_URL=tg_url,
            WB__FEEDBACKS_BASE_URL=wb_url,
            WB__CHAT_BASE_URL=wb_url,
            WB__RETURNS_BASE_URL=wb_url,
            ADMIN__PORT=str(port),
            ADMIN__SECURE_COOKIES="false",
        )
        log = tmp_path / "run.log"
        proc = spawn(["run"], env, log)
        try:
            await wait_until(answers_200(admin, "/readyz"), proc, log)
            await telegram.post("/_sandbox/users", json={"id": USER, "first_name": "Run", "start": True})

            async def language_choice() -> bool:
                messages = (await telegram.get(f"/_sandbox/chats/{USER}/messages")).json()
                return any(m["from_bot"] and m["buttons"] for m in messages)

            await wait_until(language_choice, proc, log)
            choice = next(m for m in (await telegram.get(f"/_sandbox/chats/{USER}/messages")).json() if m["buttons"])
            press = {"message_id": choice["message_id"], "data": "l:en"}
            await telegram.post(f"/_sandbox/chats/{USER}/press", json=press)

            async def token_asked() -> bool:
                messages = (await telegram.get(f"/_sandbox/chats/{USER}/messages")).json()
                return any(m["from_bot"] and "WB API token" in m["text"] for m in messages)

            # Only an accepted WB token makes a seller (the language choice stores nothing).
            await wait_until(token_asked, proc, log)
            async with httpx.AsyncClient(base_url=wb_url) as wb:
                wb_token = (await wb.post("/_sandbox/sellers", json={})).json()["token"]
            await telegram.post(f"/_sandbox/chats/{USER}/send", json={"text": wb_token})

            async def onboarded() -> bool:
                return await SellerMember.filter(tg_user_id=USER).exists()

            await wait_until(onboarded, proc, log)
            token = csrf_from((await admin.get("/login")).text)
            form = {"email": "ops@example.com", "password": PASSWORD, "csrf_token": token, "next": "/"}
            assert (await admin.post("/login", data=form)).status_code == 303, tail(log)
            sellers = await admin.get("/sellers")
            assert sellers.status_code == 200 and "Run" in sellers.text, tail(log)
        finally:
            code = stop(proc, log)
    assert code == 0, tail(log)


def _agentiq(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


async def test_keys_rotate_reencrypts_the_stored_tokens(db: None, database_url: str, tmp_path: Path) -> None:
    new = Fernet.generate_key().decode()
    old_box = secret_box(load_settings(encryption_keys=ENCRYPTION_KEY))
    seller = await new_seller("rotating", wb_token_enc=old_box.encrypt("wb-token-to-rotate"))
    env = agentiq_env(database_url, tmp_path) | {"AGENTIQ_ENCRYPTION_KEYS": f"{new},{ENCRYPTION_KEY}"}
    done = _agentiq(["keys", "rotate"], env)
    assert done.returncode == 0, done.stderr
    assert "re-encrypted 1 token(s)" in done.stdout
    await seller.refresh_from_db()
    assert get_token(seller, load_settings(encryption_keys=new)) == "wb-token-to-rotate"
