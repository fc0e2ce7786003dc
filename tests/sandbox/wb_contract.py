"""WB's 2026 contract (`sandbox/wb/communications-2026.openapi.yaml`, WB's own description of the 25 communications
operations: reviews, questions, pins, buyer chat, claims) as a validator of sandbox answers.

Each answer is validated twice with openapi-core: against WB's spec as published, and against a STRICT copy in
which every object schema refuses properties the spec does not list (WB's `allOf` compositions are merged first, so
a property of one part is not refused by another). The strict pass is what fails when the sandbox still serves a
field WB removed (`clientID`, `needRefund`, `valuation`, …). A status WB documents nowhere (5xx) is validated against
the gateway's problem body; WB's undocumented 400 on a second answer edit against the feedbacks error envelope.
401/403/429 bodies are also checked field by field (WB lists no required field).
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import yaml
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_schema_validator import OAS30Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

import sandbox.wb

SPEC_PATH = Path(sandbox.wb.__file__).with_name("communications-2026.openapi.yaml")
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
_CONFIG = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
DOWNLOAD = "/api/v1/seller/download/{id}"


def _resolve(ref: str) -> Any:
    node: Any = SPEC
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _inline(node: Any) -> Any:
    """`node` with every `$ref` replaced by what it points at (WB's spec has no recursive schema)."""
    if isinstance(node, list):
        return [_inline(v) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target = _inline(copy.deepcopy(_resolve(node["$ref"])))
        return {**target, **{k: _inline(v) for k, v in node.items() if k != "$ref"}}
    return {k: _inline(v) for k, v in node.items()}


def _flatten(node: Any) -> Any:
    """`allOf` parts merged into one schema (later parts win a property named twice: WB's pins `data`)."""
    if isinstance(node, list):
        return [_flatten(v) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: _flatten(v) for k, v in node.items()}
    parts = node.pop("allOf", None)
    if parts is None:
        return node
    merged: dict[str, Any] = {}
    for part in [*parts, node]:
        props = {**merged.get("properties", {}), **part.get("properties", {})}
        required = sorted({*merged.get("required", []), *part.get("required", [])})
        merged.update({k: v for k, v in part.items() if k not in ("properties", "required")})
        if props:
            merged["properties"] = props
        if required:
            merged["required"] = required
    return merged


def _closed(node: Any) -> Any:
    """Every object schema with listed properties refuses any other."""
    if isinstance(node, list):
        return [_closed(v) for v in node]
    if not isinstance(node, dict):
        return node
    node = {k: _closed(v) for k, v in node.items()}
    if "properties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    return node


def _strict_spec() -> dict[str, Any]:
    paths = _closed(_flatten(_inline(copy.deepcopy(SPEC["paths"]))))
    return {**{k: v for k, v in SPEC.items() if k not in ("paths", "components")}, "paths": paths}


def _published() -> dict[str, Any]:
    # WB's pins answers are `allOf: [respond.SuccessResponse, {data: array | integer}]` while SuccessResponse says
    # `data` is an object: no body can meet both, so that one clash is lifted (`data` any; the strict copy merges
    # the parts and keeps the pins' own `data`).
    spec = copy.deepcopy(SPEC)
    spec["components"]["schemas"]["respond.SuccessResponse"]["properties"]["data"] = {}
    return spec


OPENAPI = OpenAPI.from_dict(_published(), config=_CONFIG)
STRICT = OpenAPI.from_dict(_strict_spec(), config=_CONFIG)


def template(path: str) -> str:
    """The spec's path template of a request path."""
    return path if path in SPEC["paths"] else DOWNLOAD


class _Req:
    def __init__(self, request: httpx.Request) -> None:
        path = request.url.path
        item = SPEC["paths"][template(path)]
        op = item[request.method.lower()]
        self.host_url = (op.get("servers") or item.get("servers"))[0]["url"]
        self.path = path
        self.method = request.method.lower()
        self.body = None  # only responses are validated here
        self.content_type = request.headers.get("content-type", "application/json")
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(request.url.query.decode())), header=Headers(dict(request.headers))
        )


class _Resp:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.content_type = response.headers.get("content-type", "application/json")
        self.headers = Headers(dict(response.headers))
        self.data = response.content or None


def documented(path: str, method: str, status: int) -> bool:
    """Whether WB's spec lists `status` for the operation."""
    return str(status) in SPEC["paths"][template(path)][method.lower()]["responses"]


def _problem_schema(status: int) -> dict[str, Any]:
    key = str(status) if str(status) in SPEC["components"]["responses"] else "401"
    return SPEC["components"]["responses"][key]["content"]["application/problem+json"]["schema"]


def strict(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every documented property required and no other allowed."""
    return {**schema, "required": sorted(schema["properties"]), "additionalProperties": False}


def assert_gateway_body(response: httpx.Response) -> None:
    """A 401/403/429 body is exactly WB's documented gateway body for that status."""
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    OAS30Validator(
        strict(_problem_schema(response.status_code)), format_checker=OAS30Validator.FORMAT_CHECKER
    ).validate(body)
    assert body["status"] == response.status_code
    assert body["statusText"] == HTTPStatus(response.status_code).phrase
    assert datetime.fromisoformat(body["timestamp"]).tzinfo is not None


def assert_valid(response: httpx.Response) -> None:
    """Validate one sandbox answer against WB's 2026 spec, as published and closed (no undocumented field)."""
    request = response.request
    if documented(request.url.path, request.method, response.status_code):
        OPENAPI.validate_response(_Req(request), _Resp(response))
        STRICT.validate_response(_Req(request), _Resp(response))
    elif response.status_code >= 500:
        OAS30Validator({**_problem_schema(500), "additionalProperties": False}).validate(response.json())
    else:
        # WB's refusal of a second answer edit (PATCH /feedbacks/answer 400) is real but undocumented: the feedbacks
        # API's error envelope.
        assert template(request.url.path).startswith("/api/v1/feedback"), (request.url.path, response.status_code)
        OAS30Validator(
            {**SPEC["components"]["schemas"]["responseFeedbackQuestionErr"], "additionalProperties": False}
        ).validate(response.json())
    if response.status_code in (401, 429) or (
        response.status_code == 403 and response.headers["content-type"].startswith("application/problem+json")
    ):
        assert_gateway_body(response)
