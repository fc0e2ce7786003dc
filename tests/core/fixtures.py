"""Builders the core tests share."""

from __future__ import annotations


class Queue:
    """The send step as a test sees it: which reply ids were handed on, in order."""

    def __init__(self) -> None:
        self.ids: list[int] = []

    async def __call__(self, reply_id: int) -> None:
        self.ids.append(reply_id)
