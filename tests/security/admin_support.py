"""Helpers for the admin attack tests: clients at chosen addresses, and reading/re-signing a session cookie the
way Starlette's SessionMiddleware does (to stand in for a cookie that has aged)."""

from __future__ import annotations

import json
from base64 import b64decode, b64encode
from typing import Any

import httpx
import itsdangerous
from fastapi import FastAPI

from admin.app import SESSION_COOKIE
from tests.admin.conftest import BASE_URL


def client_at(app: FastAPI, ip: str = "127.0.0.1") -> httpx.AsyncClient:
    """A client whose TCP peer address is `ip`."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(ip, 40000)), base_url=BASE_URL)


def read_session(cookie: str, secret: str) -> dict[str, Any]:
    """The session data inside a cookie value."""
    return json.loads(b64decode(itsdangerous.TimestampSigner(secret).unsign(cookie)))


def sign_session(data: dict[str, Any], secret: str) -> str:
    """A cookie value holding `data`, signed now."""
    return itsdangerous.TimestampSigner(secret).sign(b64encode(json.dumps(data).encode())).decode()


def session_cookie(http: httpx.AsyncClient) -> str:
    """The client's current session cookie value."""
    return http.cookies[SESSION_COOKIE]
