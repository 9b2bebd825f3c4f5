"""Storefront reads at cache speed: warm response cache, one uvicorn worker, real HTTP.

    .venv/bin/python -m bench.cached_http                           # fresh DB, seed, measure
    .venv/bin/python -m bench.cached_http --skip-seed --seconds 5   # reuse the database
    .venv/bin/python -m bench.cached_http --skip-seed --cache-url redis://127.0.0.1:6379/7

Uses bench/catalog_http.py's database, seeding and server (`agora serve --workers 1`,
production mode) and its two documents: the 20-product listing and the product page. Each is
sent once to warm the response cache, then driven at --concurrency (default 16) for --seconds.
Beside them, in the same run, the ceiling: a bare Starlette endpoint under the same uvicorn
settings returning the listing's bytes, fixed (bench/ceiling_app.py).

The load comes from a small keep-alive HTTP/1.1 client on raw asyncio streams (httpx would
saturate first: it costs more per request than the cached server does). It shares the machine
with the server, as the ceiling's client does, so compare the two, not absolute figures.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import orjson
from sqlalchemy.engine.url import make_url

from bench.catalog_http import (
    DEFAULT_URL,
    LISTING,
    PRODUCT_PAGE,
    ROOT,
    Case,
    Result,
    Server,
    demo_fixtures,
    free_port,
    migrate_and_seed,
    recreate_database,
    running_server,
    wait_ready,
)
from server.context import STOREFRONT_HEADER


def raw_request(body: bytes, token: str | None) -> bytes:
    head = [
        b"POST /graphql HTTP/1.1",
        b"Host: 127.0.0.1",
        b"Content-Type: application/json",
        b"Accept: application/json",
        b"Content-Length: " + str(len(body)).encode(),
    ]
    if token:
        head.append(STOREFRONT_HEADER.encode() + b": " + token.encode())
    return b"\r\n".join(head) + b"\r\n\r\n" + body


async def one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> bool:
    """Send one request on a kept-alive connection and read its whole answer."""
    writer.write(raw)
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    body = await reader.readexactly(length)
    return head.startswith(b"HTTP/1.1 200") and b'"errors"' not in body[:20_000]


async def drive(server: Server, case: str, raw: bytes, concurrency: int, seconds: float) -> Result:
    host, port = server.base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0

    async def worker(until: float, record: bool) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while time.perf_counter() < until:
                started = time.perf_counter()
                ok = await one(reader, writer, raw)
                if record:
                    latencies.append(time.perf_counter() - started)
                    errors += not ok
        finally:
            writer.close()

    warmup = time.perf_counter() + min(2.0, seconds)
    await asyncio.gather(*(worker(warmup, False) for _ in range(concurrency)))
    cpu_before = server.cpu_seconds()
    began = time.perf_counter()
    await asyncio.gather(*(worker(began + seconds, True) for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    cpu_after = server.cpu_seconds()
    latencies.sort()
    count = len(latencies)
    return Result(
        case=case,
        concurrency=concurrency,
        requests=count,
        seconds=elapsed,
        p50_ms=statistics.median(latencies) * 1000 if count else 0.0,
        p99_ms=latencies[min(count - 1, int(count * 0.99))] * 1000 if count else 0.0,
        errors=errors,
        server_cpu_seconds=None
        if cpu_before is None or cpu_after is None
        else cpu_after - cpu_before,
    )


@contextmanager
def ceiling_server(body_file: Path, log: Path) -> Iterator[Server]:
    """A bare Starlette endpoint returning fixed bytes, under `agora serve`'s uvicorn settings."""
    port = free_port()
    env = {**os.environ, "AGORA_BENCH_BODY": str(body_file)}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "bench.ceiling_app:app_factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, process, log)
            yield Server(base, process.pid)
        finally:
            process.terminate()
            process.wait(timeout=10)


def print_table(results: list[Result]) -> None:
    print()
    print("| case | concurrency | req/s | p50 ms | p99 ms | errors | server CPU ms/req |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        cpu = f"{r.cpu_ms_per_request:.2f}" if r.cpu_ms_per_request is not None else "-"
        print(
            f"| {r.case} | {r.concurrency} | {r.rate:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} "
            f"| {r.errors} | {cpu} |"
        )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--cache-url", default=None, help="AGORA_CACHE_URL for the server")
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    return parser.parse_args()


async def warm(server: Server, token: str, cases: list[Case]) -> bytes:
    """Send each document until the cache answers it; returns the first case's bytes."""
    first = b""
    async with httpx.AsyncClient(base_url=server.base, headers={STOREFRONT_HEADER: token}) as c:
        for case in cases:
            answer = await c.post("/graphql", json=case.body)
            again = await c.post("/graphql", json=case.body)
            assert again.headers.get("agora-cache") == "hit", again.headers
            first = first or answer.content
            print(f"  {case.name}: {len(answer.content)} bytes, cache warm")
    return first


async def main_async(args: argparse.Namespace) -> None:
    url: str = args.database_url
    if not args.skip_seed:
        await recreate_database(url)
        seeded = await asyncio.to_thread(migrate_and_seed, url)
        print(f"migrated and seeded {make_url(url).database}: seed-demo took {seeded:.1f} s")
    token, slug = await demo_fixtures(url)
    cases = [
        Case("listing (cached)", {"query": LISTING}),
        Case("product page (cached)", {"query": PRODUCT_PAGE, "variables": {"slug": slug}}),
    ]
    tmp = Path(tempfile.gettempdir())
    extra = {"AGORA_CACHE_URL": args.cache_url} if args.cache_url else {}
    results: list[Result] = []
    with running_server(url, free_port(), tmp / "agora-bench-cached.log", **extra) as server:
        print(f"server up at {server.base} (production mode, 1 worker)")
        listing_bytes = await warm(server, token, cases)
        for case in cases:
            raw = raw_request(orjson.dumps(case.body), token)
            results.append(await drive(server, case.name, raw, args.concurrency, args.seconds))
            print(f"  {case.name:24} {results[-1].rate:7.0f} req/s", flush=True)
    body_file = tmp / "agora-bench-ceiling-body.json"
    body_file.write_bytes(listing_bytes)
    with ceiling_server(body_file, tmp / "agora-bench-ceiling.log") as ceiling:
        raw = raw_request(orjson.dumps(cases[0].body), token)
        results.append(
            await drive(ceiling, "ceiling: fixed bytes", raw, args.concurrency, args.seconds)
        )
        print(f"  {'ceiling':24} {results[-1].rate:7.0f} req/s", flush=True)
    print_table(results)


def main() -> None:
    asyncio.run(main_async(parse_args()))


if __name__ == "__main__":
    main()
