"""The WB sandbox's raw serve rate: items/s the real WB client fetches from it, limits off.

This is the "physical limit" every ingest figure is compared to. The sandbox runs in its own process (uvicorn,
one worker) so the client's parsing and the server's serialisation do not share a core.

    .venv/bin/python bench/wb_sandbox.py [--sellers 200] [--reviews 200] [--take 100] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import time
from collections.abc import Iterator
from typing import Any

import httpx

from cli.serving import free_port
from core.settings import WBSettings
from sync.wb import WBAuth, WBClient

RAW = {"questions": 20, "chats": 5, "limits": False, "moderation_rate": 0}  # the raw-rate sandbox: no limits


def _serve(port: int, sellers: int, reviews: int) -> None:
    """The raw-rate sandbox (`bench/ingest.py` starts it too)."""
    _serve_app(port, {"seed": 1, "sellers": sellers, "reviews": reviews, **RAW})


def _serve_app(port: int, options: dict[str, Any]) -> None:
    import uvicorn

    from sandbox.wb.server import create_app

    # No access log: one line per request would be the benchmark.
    uvicorn.run(create_app(**options), host="127.0.0.1", port=port, log_level="warning", access_log=False)


@contextlib.contextmanager
def sandbox_process(**options: Any) -> Iterator[str]:
    """Run `create_app(**options)` under uvicorn (one worker) in a child process; yields its base URL."""
    port = free_port()
    server = multiprocessing.get_context("spawn").Process(target=_serve_app, args=(port, options), daemon=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.join()


async def _wait_up(url: str) -> list[dict[str, object]]:
    """Wait for the sandbox at `url` to answer; returns its sellers (`GET /_sandbox/sellers`, with tokens)."""
    async with httpx.AsyncClient(base_url=url) as http:
        for _ in range(600):
            try:
                return (await http.get("/_sandbox/sellers", timeout=2)).json()
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise RuntimeError("sandbox did not start")


async def _fetch_all(client: WBClient, auth: WBAuth, take: int) -> tuple[int, int]:
    """Every review of one seller (unanswered + answered + archive); returns (items, requests)."""
    items = requests = 0
    for answered in (False, True, None):
        skip = 0
        while True:
            if answered is None:
                page = await client.list_archived_feedbacks(auth, take=take, skip=skip)
            else:
                page = await client.list_feedbacks(auth, is_answered=answered, take=take, skip=skip)
            requests += 1
            items += len(page.items)
            if len(page.items) < take:
                break
            skip += take
    return items, requests


async def _bench(url: str, sellers: list[dict[str, object]], take: int, concurrency: int) -> None:
    client = WBClient(WBSettings(feedbacks_base_url=url, chat_base_url=url, timeout=30))
    gate = asyncio.Semaphore(concurrency)

    async def one(seller: dict[str, object]) -> tuple[int, int]:
        async with gate:
            return await _fetch_all(client, WBAuth(str(seller["token"]), str(seller["seller_id"])), take)

    started = time.perf_counter()
    results = await asyncio.gather(*(one(s) for s in sellers))
    elapsed = time.perf_counter() - started
    await client.aclose()
    items, requests = sum(r[0] for r in results), sum(r[1] for r in results)
    print(f"sellers={len(sellers)} take={take} concurrency={concurrency}")
    print(f"items={items} requests={requests} seconds={elapsed:.2f}")
    print(f"items/s={items / elapsed:,.0f} requests/s={requests / elapsed:,.0f}")


def main() -> None:
    """Start the sandbox in a child process, fetch every seller's reviews, print the rates."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sellers", type=int, default=200)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--take", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    with sandbox_process(seed=1, sellers=args.sellers, reviews=args.reviews, **RAW) as url:
        started = time.perf_counter()
        sellers = asyncio.run(_wait_up(url))
        print(f"sandbox up with {len(sellers)} sellers in {time.perf_counter() - started:.1f}s")
        asyncio.run(_bench(url, sellers, args.take, args.concurrency))


if __name__ == "__main__":
    main()
