"""A seller's drafting page: LLM on/off, voice (signature, brand, tone), own banned words, product facts by nmId.
Admin-role users change them (CSRF-checked forms, audited through core.voice / core.sellers)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from admin.deps import CurrentAdmin, EditorAdmin, request_language
from admin.templating import templates
from core import product_facts, voice
from core import sellers as seller_service
from core.models import FACT_KINDS, ProductFacts, Seller
from core.seller_settings import SellerSettings

router = APIRouter(prefix="/sellers", include_in_schema=False)
FACT_FORM_MAX = 1000  # what the form may carry per fact; core.product_facts stores at most FACT_MAX_CHARS


async def _seller(seller_id: int) -> Seller:
    seller = await Seller.get_or_none(id=seller_id)
    if seller is None:
        raise HTTPException(404, "no such seller")
    return seller


async def _page(request: Request, admin: object, seller: Seller, **extra: object) -> Response:
    facts = await ProductFacts.filter(seller_id=seller.id).order_by("nm_id")
    request.state.page_url = request.url_for("seller_drafting", seller_id=seller.id)
    context = {
        "admin": admin,
        "active": "sellers",
        "seller": seller,
        "current": SellerSettings.of(seller.settings),
        "facts": facts,
        "kinds": FACT_KINDS,
        **extra,
    }
    code = 422 if extra.get("errors") else status.HTTP_200_OK
    return templates.TemplateResponse(request, "seller_drafting.html", context, status_code=code)


def _back(request: Request, seller_id: int) -> RedirectResponse:
    url = request.url_for("seller_drafting", seller_id=seller_id)
    return RedirectResponse(str(url), status_code=status.HTTP_303_SEE_OTHER)


@router.get("/{seller_id}/drafting", name="seller_drafting")
async def drafting_page(request: Request, admin: CurrentAdmin, seller_id: int) -> Response:
    """The seller's drafting settings and product facts."""
    return await _page(request, admin, await _seller(seller_id))


@router.post("/{seller_id}/llm")
async def set_llm(
    request: Request, admin: EditorAdmin, seller_id: int, enabled: Annotated[bool, Form()] = False
) -> Response:
    """Switch LLM drafts on or off for the seller (audited)."""
    await _seller(seller_id)
    await voice.set_llm_for(seller_id, enabled, admin_id=admin.id)
    return _back(request, seller_id)


@router.post("/{seller_id}/voice")
async def set_voice(
    request: Request,
    admin: EditorAdmin,
    seller_id: int,
    tone: Annotated[Literal["formal", "friendly"], Form()],
    signature: Annotated[str, Form(max_length=200)] = "",
    brand: Annotated[str, Form(max_length=100)] = "",
    signature_en: Annotated[str, Form(max_length=200)] = "",
    brand_en: Annotated[str, Form(max_length=100)] = "",
    banned: Annotated[str, Form(max_length=5000)] = "",
) -> Response:
    """Save the voice (with the English signature and brand for replies in English) and the banned words
    (audited as a settings change)."""
    await _seller(seller_id)
    voice_fields = {"signature": signature, "brand": brand, "signature_en": signature_en, "brand_en": brand_en}
    changes = {
        "voice": {"tone": tone, **voice_fields},
        "banned_phrases": voice.parse_banned(banned) if banned.strip() else [],
    }
    try:
        await seller_service.change_settings(seller_id=seller_id, changes=changes, admin_id=admin.id)
    except ValidationError as exc:
        raise HTTPException(422, "invalid voice") from exc
    return _back(request, seller_id)


@router.post("/{seller_id}/facts")
async def set_facts(
    request: Request,
    admin: EditorAdmin,
    seller_id: int,
    nm_id: Annotated[int, Form(gt=0, lt=2**63)],
) -> Response:
    """Save a product's facts, one form field per kind (`FACT_KINDS`) and per language (`en_<kind>`: the English
    text quoted in English replies); a fact the guardrails block (or an English text with Russian letters) is
    refused (422, the page lists why, nothing saved)."""
    seller = await _seller(seller_id)
    form = await request.form()
    fields = {(kind, lang): f"en_{kind}" if lang == "en" else kind for kind in FACT_KINDS for lang in ("ru", "en")}
    values = {key: str(form.get(name) or "")[:FACT_FORM_MAX] for key, name in fields.items()}
    errors = {
        fields[key]: verdict.reasons(request_language(request))
        for key, text in values.items()
        if text.strip() and not (verdict := product_facts.check_fact(text, key[1])).ok
    }
    if errors:
        typed = {"nm_id": nm_id, **{fields[key]: text for key, text in values.items()}}
        return await _page(request, admin, seller, errors=errors, typed=typed)
    for (kind, lang), text in values.items():
        await product_facts.set_fact(seller_id, nm_id, kind, text, admin_id=admin.id, language=lang)
    return _back(request, seller_id)
