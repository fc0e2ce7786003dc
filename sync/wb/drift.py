"""The drift radar: every WB answer compared with WB's 2026 contract — unknown fields, missing required fields and
statuses WB does not document, counted per endpoint.

`contract.json` (beside this file) is WB's `communications-2026.openapi.yaml` reduced to what the radar needs: per
operation (`"GET /api/v1/seller/chats"`) its documented statuses and, per status, every field path it may carry
(`result[].goodCard.rid`) and the required ones. It is built by `build_contract` from the spec and checked against
it by tests/sync/test_wb_drift.py; regenerate it with

    .venv/bin/python -c "import json, yaml; from sync.wb.drift import build_contract; print(json.dumps(build_contract(
        yaml.safe_load(open('sandbox/wb/communications-2026.openapi.yaml'))), ensure_ascii=False, indent=1,
        sort_keys=True))" > sync/wb/contract.json

`find_drift` walks one decoded answer (the first items of each list only: a new field shows on every item) and
returns what differs; `sync.drift.DriftRadar` counts it and raises the alerts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CONTRACT_PATH = Path(__file__).with_name("contract.json")
# Items of a list that are walked: a field WB adds or drops shows on each of them.
ITEMS_WALKED = 20
UNKNOWN, MISSING, STATUS = "unknown_field", "missing_required", "new_status"


@dataclass(frozen=True)
class Drift:
    """One difference: an endpoint (`GET /api/v1/seller/chats`), its kind and the field path (or the status)."""

    endpoint: str
    kind: str
    field: str


# --- building the contract from WB's spec (tests and regeneration only) --------------------------------------------


def _resolve(spec: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _fields(spec: dict[str, Any], schema: Any, prefix: str, known: set[str], required: set[str]) -> None:
    schema = _resolve(spec, schema)
    if not isinstance(schema, dict):
        return
    for part in schema.get("allOf", []) + schema.get("oneOf", []) + schema.get("anyOf", []):
        _fields(spec, part, prefix, known, required)
    if schema.get("type") == "array" or "items" in schema:
        _fields(spec, schema.get("items", {}), prefix + "[]", known, required)
    for name, sub in (schema.get("properties") or {}).items():
        path = f"{prefix}.{name}" if prefix else name
        known.add(path)
        _fields(spec, sub, path, known, required)
    for name in schema.get("required", []):
        required.add(f"{prefix}.{name}" if prefix else name)


def build_contract(spec: dict[str, Any]) -> dict[str, Any]:
    """Per operation: documented statuses and, per JSON status, the known and required field paths."""
    out: dict[str, Any] = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            entry: dict[str, Any] = {"statuses": sorted(op["responses"])}
            for status, response in op["responses"].items():
                response = _resolve(spec, response)
                schemas = [
                    media["schema"]
                    for kind, media in (response.get("content") or {}).items()
                    if "json" in kind and "schema" in media
                ]
                if not schemas:
                    continue
                known: set[str] = set()
                required: set[str] = set()
                for schema in schemas:
                    _fields(spec, schema, "", known, required)
                entry[status] = {"known": sorted(known), "required": sorted(required & known)}
            out[f"{method.upper()} {path}"] = entry
    return out


# --- reading answers ---------------------------------------------------------------------------------------------


@cache
def contract() -> dict[str, Any]:
    """The packaged contract."""
    return json.loads(CONTRACT_PATH.read_text(encoding="utf-8"))


@cache
def _templates() -> list[tuple[str, re.Pattern[str], str]]:
    out = []
    for key in contract():
        method, path = key.split(" ", 1)
        out.append((method, re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"), key))
    return out


def endpoint_of(method: str, path: str) -> str | None:
    """The contract's operation for a request (`GET /api/v1/seller/download/abc` → `GET …/download/{id}`)."""
    for m, pattern, key in _templates():
        if m == method.upper() and pattern.match(path):
            return key
    return None


def _walk(value: Any, prefix: str, seen: set[str], containers: dict[str, list[dict[str, Any]]]) -> None:
    if isinstance(value, list):
        for item in value[:ITEMS_WALKED]:
            _walk(item, prefix + "[]", seen, containers)
    elif isinstance(value, dict):
        containers.setdefault(prefix, []).append(value)
        for key, sub in value.items():
            path = f"{prefix}.{key}" if prefix else key
            seen.add(path)
            _walk(sub, path, seen, containers)


def find_drift(endpoint: str, status: int, body: Any) -> list[Drift]:
    """What an answer of `endpoint` with `status` carries that WB's contract does not say (server errors, which WB
    documents nowhere, are not drift)."""
    entry = contract().get(endpoint)
    if entry is None or status >= 500:
        return []
    if str(status) not in entry["statuses"]:
        return [Drift(endpoint, STATUS, str(status))]
    shape = entry.get(str(status))
    if shape is None or not isinstance(body, dict | list):
        return []
    seen: set[str] = set()
    containers: dict[str, list[dict[str, Any]]] = {}
    _walk(body, "", seen, containers)
    known = set(shape["known"])
    # A field under an unknown one is not reported again (its parent already is).
    unknown = sorted(
        p
        for p in seen - known
        if not any(p.startswith(u + ".") or p.startswith(u + "[]") for u in seen - known if u != p)
    )
    out = [Drift(endpoint, UNKNOWN, p) for p in unknown]
    for path in shape["required"]:
        parent, _, name = path.rpartition(".")
        if any(name not in obj for obj in containers.get(parent, [])):
            out.append(Drift(endpoint, MISSING, path))
    return out
