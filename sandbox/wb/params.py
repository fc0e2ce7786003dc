"""Query parameters of the feedbacks API, refused the way WB refuses them (400 with the envelope's errorText)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from sandbox.wb import responses
from sandbox.wb.gateway import Refused

MAX_TAKE_FEEDBACKS = 5000
MAX_SKIP_FEEDBACKS = 199_990
MAX_WINDOW_QUESTIONS = 10_000


def _bad(text: str) -> Refused:
    return Refused(responses.feedback_error(400, text))


def boolean(request: Request, name: str, *, required: bool) -> bool | None:
    """`true`/`false`; anything else is WB's "Плохой формат <name>"."""
    value = request.query_params.get(name)
    if value is None:
        if required:
            raise _bad(f"Плохой формат {name}")
        return None
    if value.lower() not in ("true", "false"):
        raise _bad(f"Плохой формат {name}")
    return value.lower() == "true"


def integer(request: Request, name: str, *, required: bool = False) -> int | None:
    """A non-negative integer parameter."""
    value = request.query_params.get(name)
    if value is None:
        if required:
            raise _bad(f"Плохой формат {name}")
        return None
    try:
        number = int(value)
    except ValueError:
        raise _bad(f"Плохой формат {name}") from None
    if number < 0:
        raise _bad(f"Плохой формат {name}")
    return number


@dataclass(frozen=True)
class ListQuery:
    """The filters and page of a list request."""

    take: int
    skip: int
    descending: bool
    nm_id: int | None
    date_from: int | None
    date_to: int | None


def list_query(request: Request, *, questions: bool, dates: bool = True) -> ListQuery:
    """Parse take/skip/order/nmId/dateFrom/dateTo with WB's limits (take ≤ 5000, skip ≤ 199990; questions:
    take + skip ≤ 10000)."""
    take = integer(request, "take", required=True)
    skip = integer(request, "skip", required=True)
    assert take is not None and skip is not None
    if questions:
        if take + skip > MAX_WINDOW_QUESTIONS:
            raise _bad("Сумма параметров take и skip не должна превышать 10000")
    elif take > MAX_TAKE_FEEDBACKS:
        raise _bad("Параметр take не может быть больше 5000")
    elif skip > MAX_SKIP_FEEDBACKS:
        raise _bad("Параметр skip не может быть больше 199990")
    if take == 0:
        raise _bad("Параметр take должен быть больше 0")
    order = request.query_params.get("order", "dateDesc")
    if order not in ("dateAsc", "dateDesc"):
        raise _bad("Плохой формат order")
    return ListQuery(
        take=take,
        skip=skip,
        descending=order == "dateDesc",
        nm_id=integer(request, "nmId"),
        date_from=integer(request, "dateFrom") if dates else None,
        date_to=integer(request, "dateTo") if dates else None,
    )
