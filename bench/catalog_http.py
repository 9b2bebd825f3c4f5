"""The storefront catalog over real HTTP: uvicorn in a subprocess, PostgreSQL, httpx clients.

    .venv/bin/python bench/catalog_http.py                          # fresh DB, seed, measure
    .venv/bin/python bench/catalog_http.py --skip-seed --seconds 5  # reuse the database
    .venv/bin/python bench/catalog_http.py --skip-seed --profile listing --requests 300

Steps: drop and create the database (default `agora_bench_http` on 127.0.0.1; see
--database-url), then `agora migrate` and `agora seed-demo` as subprocesses (timed); start
`agora serve --workers 1` in production mode (random secret, no debug, no GraphiQL) on a
free port and wait for /readyz; drive two storefront queries, a 20-product listing and a
product page, at each concurrency (default 1 and 16) for --seconds after a warm-up, and print
requests/s, p50/p99 latency, errors and the server's CPU time per request (from /proc: steadier
than wall-clock figures on a busy machine). SQL statements per request are counted in-process
(the app built against the same database, a `before_cursor_execute` listener on its engine,
each query run once warmed up). The server is always stopped; the database is dropped only
with --drop, so reruns can pass --skip-seed.

`--profile listing|product` skips the HTTP run: it times --requests in-process requests, runs
as many again under pyinstrument and prints the call tree, the top functions by own time and
the time by area (GraphQL execution, SQL, HTTP/JSON, authentication, idle).

Figures, not assertions: compare them between changes on the same machine.
"""

import argparse
import asyncio
import logging
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from asgi_lifespan import LifespanManager
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import make_url
from starlette.applications import Starlette

from server.app import create_app
from server.context import STOREFRONT_HEADER
from server.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
AGORA = Path(sys.executable).parent / "agora"  # the CLI of the venv running this script
PROFILE_TOP = 25
DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/agora_bench_http"

VARIANT_FIELDS = """
      id sku name
      price { amount currencyCode }
      compareAtPrice { amount currencyCode }
      quantityAvailable inStock"""
PRICE_RANGE = "priceRange { start { amount currencyCode } stop { amount currencyCode } }"
LISTING = f"""query Listing {{
  products(first: 20) {{
    nodes {{
      id name slug
      thumbnail {{ url alt }}
      category {{ id name slug }}
      {PRICE_RANGE}
      variants {{{VARIANT_FIELDS} }}
    }}
  }}
}}"""
PRODUCT_PAGE = f"""query ProductPage($slug: String!) {{
  product(slug: $slug) {{
    name descriptionHtml seoTitle
    media {{ url alt kind }}
    category {{ name slug }}
    metadata {{ key value }}
    {PRICE_RANGE}
    variants {{{VARIANT_FIELDS} }}
  }}
}}"""


@dataclass(frozen=True)
class Case:
    name: str
    body: dict[str, Any]


@dataclass(frozen=True)
class Result:
    case: str
    concurrency: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int
    server_cpu_seconds: float | None  # the server process's CPU time over the measured span

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.server_cpu_seconds is None or not self.requests:
            return None
        return self.server_cpu_seconds / self.requests * 1000


# -- database -------------------------------------------------------------------------------


def _asyncpg_dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def recreate_database(url: str) -> None:
    name = make_url(url).database
    assert name, "the database URL must name a database"
    connection = await asyncpg.connect(_asyncpg_dsn(url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def drop_database(url: str) -> None:
    connection = await asyncpg.connect(_asyncpg_dsn(url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
    finally:
        await connection.close()


def agora_env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGORA_")}
    env.update({"AGORA_DATABASE_URL": url, **extra})
    return env


def migrate_and_seed(url: str) -> float:
    """Run the project's CLI as a developer would; returns the seconds seeding took."""
    env = agora_env(url)
    subprocess.run([str(AGORA), "migrate"], env=env, check=True, cwd=ROOT)
    started = time.perf_counter()
    subprocess.run(
        [str(AGORA), "seed-demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


async def demo_fixtures(url: str) -> tuple[str, str]:
    """The demo storefront's token and the slug of a product published on it."""
    connection = await asyncpg.connect(_asyncpg_dsn(url))
    try:
        row = await connection.fetchrow(
            """SELECT s.token, p.slug FROM storefronts s
               JOIN product_listings l ON l.storefront_id = s.id
               JOIN products p ON p.id = l.product_id
               WHERE l.is_published AND p.archived_at IS NULL AND s.is_active
               ORDER BY s.created_at, p.slug LIMIT 1"""
        )
    finally:
        await connection.close()
    if row is None:
        sys.exit("catalog_http: no published product found; run without --skip-seed")
    return str(row["token"]), str(row["slug"])


# -- server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Server:
    base: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """User + system CPU time of the server process (Linux /proc; None elsewhere).

        Less sensitive to a busy machine than wall-clock figures: compare these first.
        """
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def running_server(url: str, port: int, log: Path, **extra_env: str) -> Iterator[Server]:
    """`agora serve` in production mode; always terminated on the way out."""
    env = agora_env(
        url,
        AGORA_ENV="production",
        AGORA_SECRET_KEY=secrets.token_urlsafe(48),
        AGORA_DEBUG="false",
        AGORA_LOG_JSON="true",
        **extra_env,
    )
    command = [str(AGORA), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, process, log)
            yield Server(base, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_ready(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"catalog_http: the server exited early; see {log}")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    sys.exit(f"catalog_http: the server was not ready within 30 s; see {log}")


# -- load -----------------------------------------------------------------------------------


async def check(client: httpx.AsyncClient, case: Case) -> dict[str, Any]:
    """One request that must answer with data and no errors; returns its `data`."""
    response = await client.post("/graphql", json=case.body)
    body = response.json()
    data = body.get("data") or {}
    if response.status_code != 200 or "errors" in body or not all(data.values()):
        sys.exit(f"catalog_http: {case.name} failed: {response.status_code} {body}")
    return dict(data)


def describe(case: Case, data: dict[str, Any]) -> str:
    products = data["products"]["nodes"] if "products" in data else [data["product"]]
    variants = sum(len(p["variants"]) for p in products)
    return f"{case.name}: {len(products)} product(s), {variants} variant(s) per response"


async def drive(
    client: httpx.AsyncClient,
    server: Server,
    case: Case,
    concurrency: int,
    seconds: float,
    warmup: float,
) -> Result:
    latencies: list[float] = []
    errors = 0

    async def worker(until: float, record: bool) -> None:
        nonlocal errors
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                response = await client.post("/graphql", json=case.body)
                ok = response.status_code == 200 and b'"errors"' not in response.content
            except httpx.HTTPError:
                ok = False
            if record:
                latencies.append(time.perf_counter() - started)
                errors += not ok

    end = time.perf_counter() + warmup
    await asyncio.gather(*(worker(end, False) for _ in range(concurrency)))
    cpu_before = server.cpu_seconds()
    began = time.perf_counter()
    end = began + seconds
    await asyncio.gather(*(worker(end, True) for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    cpu_after = server.cpu_seconds()
    latencies.sort()
    return Result(
        case=case.name,
        concurrency=concurrency,
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=statistics.median(latencies) * 1000 if latencies else 0.0,
        p99_ms=latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        if latencies
        else 0.0,
        errors=errors,
        server_cpu_seconds=None
        if cpu_before is None or cpu_after is None
        else cpu_after - cpu_before,
    )


async def measure_http(
    server: Server, token: str, cases: list[Case], concurrencies: list[int], seconds: float
) -> list[Result]:
    limits = httpx.Limits(max_connections=max(concurrencies), max_keepalive_connections=None)
    headers = {STOREFRONT_HEADER: token}
    async with httpx.AsyncClient(
        base_url=server.base, headers=headers, limits=limits, timeout=30
    ) as client:
        for case in cases:
            print("  " + describe(case, await check(client, case)))
        results = []
        for case in cases:
            for concurrency in concurrencies:
                warmup = min(2.0, seconds)
                result = await drive(client, server, case, concurrency, seconds, warmup)
                results.append(result)
                print(f"  {case.name:12} c={concurrency:<3} {result.rate:7.0f} req/s", flush=True)
        return results


# -- in-process: statements and profile -----------------------------------------------------


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def in_process_app(url: str) -> Starlette:
    # These figures are for executing the documents: the response cache is off, and so is
    # the background worker (its rounds would be counted with a request's statements).
    app = create_app(
        Settings(database_url=url, graphiql=False, response_cache=False, webhook_worker=False),
        serving=True,
    )
    # create_app configures logging for the server; the bench's own client stays quiet.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return app


def engine_of(app: Starlette) -> Engine:
    engine: Engine = app.state.agora.database.engine.sync_engine
    return engine


async def count_statements(url: str, token: str, cases: list[Case]) -> dict[str, int]:
    app = in_process_app(url)
    counts: dict[str, int] = {}
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        headers = {STOREFRONT_HEADER: token}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=headers
        ) as client:
            for case in cases:
                for _ in range(3):  # warm: caches, pool connections
                    await check(client, case)
                with counting(engine_of(app)) as statements:
                    await check(client, case)
                counts[case.name] = len(statements)
    return counts


# Where a sample's time goes, by the innermost frame that says so. "auth" and "SQL" are sticky:
# everything below them (domain dataclasses built from rows, say) counts as theirs.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("SQL (SQLAlchemy, asyncpg, persistence/)", ("/sqlalchemy/", "/asyncpg/", "/persistence/")),
    (
        "GraphQL execution (strawberry, graphql-core, schema/, resolvers/, domain/)",
        ("/strawberry/", "/graphql/", "/schema/", "/resolvers/", "/domain/"),
    ),
    (
        "HTTP and JSON (starlette, server/, httpx client)",
        ("/starlette/", "/server/", "/httpx/", "/httpcore/", "/anyio/", "/json/"),
    ),
    ("idle (waiting for PostgreSQL)", ("/selectors.py",)),
)
AUTH = "authentication (server/context.py authenticate)"
STICKY = (AUTH, AREAS[0][0])


def area_of(frame: Any, inherited: str) -> str:
    if inherited in STICKY:
        return inherited
    path = frame.file_path or ""
    if frame.function == "authenticate" and path.endswith("server/context.py"):
        return AUTH
    for name, markers in AREAS:
        if any(marker in path for marker in markers):
            return name
    return inherited


def time_by_area(root: Any) -> dict[str, float]:
    totals: dict[str, float] = {}
    stack = [(root, "event loop and the rest")]
    while stack:
        frame, inherited = stack.pop()
        area = area_of(frame, inherited)
        own = frame.time - sum(child.time for child in frame.children)
        totals[area] = totals.get(area, 0.0) + own
        stack.extend((child, area) for child in frame.children)
    return totals


async def profile(url: str, token: str, case: Case, requests: int) -> None:
    from pyinstrument import Profiler

    app = in_process_app(url)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        headers = {STOREFRONT_HEADER: token}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://bench", headers=headers
        ) as client:
            for _ in range(20):
                await check(client, case)
            started, cpu_started = time.perf_counter(), time.process_time()
            for _ in range(requests):
                await check(client, case)
            plain = (time.perf_counter() - started) / requests
            cpu = (time.process_time() - cpu_started) / requests
            # Real stacks (no async attribution): each task's work shows where it runs.
            profiler = Profiler(interval=0.0005, async_mode="disabled")
            with profiler:
                for _ in range(requests):
                    await check(client, case)
    print(profiler.output_text(unicode=True, time="percent_of_total"))
    flat = profiler.output_text(unicode=True, flat=True, time="percent_of_total").splitlines()
    rows = [line for line in flat if "%" in line and " " in line.strip()]
    print("Top functions by own time:")
    print("\n".join(rows[:PROFILE_TOP]))
    root = profiler.last_session.root_frame() if profiler.last_session else None
    if root is not None:
        print("\nTime by area (share of profiled time):")
        for area, seconds in sorted(time_by_area(root).items(), key=lambda kv: -kv[1]):
            print(f"  {seconds / root.time:6.1%}  {area}")
    print(
        f"\n{case.name}: {plain * 1000:.2f} ms per request in-process, unprofiled, of which "
        f"{cpu * 1000:.2f} ms CPU in this process (client included; {requests} requests; "
        "pyinstrument adds overhead on top)"
    )


# -- report ---------------------------------------------------------------------------------


def print_table(results: list[Result], counts: dict[str, int]) -> None:
    print()
    print(
        "| query | concurrency | req/s | p50 ms | p99 ms | errors | server CPU ms/req | SQL/req |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        cpu = r.cpu_ms_per_request
        print(
            f"| {r.case} | {r.concurrency} | {r.rate:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} "
            f"| {r.errors} | {'?' if cpu is None else f'{cpu:.1f}'} | {counts.get(r.case, '?')} |"
        )
    print(
        "\nSQL/req: counted in-process (same database, before_cursor_execute on the app's "
        "engine, one warmed-up request per query; BEGIN/ROLLBACK and pool pings not included)."
        "\nserver CPU ms/req: the uvicorn process's user+system time over the measured span."
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--seconds", type=float, default=10.0, help="per case and concurrency")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--skip-seed", action="store_true", help="reuse the existing database")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--profile", choices=["listing", "product"])
    parser.add_argument("--requests", type=int, default=300, help="requests under --profile")
    return parser.parse_args()


async def main_async(args: argparse.Namespace) -> None:
    url: str = args.database_url
    if not make_url(url).drivername.startswith("postgresql"):
        sys.exit("catalog_http: --database-url must be a PostgreSQL URL")
    if not args.skip_seed:
        await recreate_database(url)
        seeded = await asyncio.to_thread(migrate_and_seed, url)
        print(f"migrated and seeded {make_url(url).database}: seed-demo took {seeded:.1f} s")
    token, slug = await demo_fixtures(url)
    cases = [
        Case("listing", {"query": LISTING}),
        Case("product", {"query": PRODUCT_PAGE, "variables": {"slug": slug}}),
    ]
    try:
        if args.profile:
            case = next(c for c in cases if c.name == args.profile)
            await profile(url, token, case, args.requests)
            return
        counts = await count_statements(url, token, cases)
        log = Path(os.environ.get("TMPDIR", "/tmp")) / "agora-bench-http-server.log"
        # Executing every request (bench/cached_http.py measures the response cache).
        with running_server(url, free_port(), log, AGORA_RESPONSE_CACHE="false") as server:
            print(f"server up at {server.base} (production mode, 1 worker; log {log})")
            results = await measure_http(server, token, cases, args.concurrency, args.seconds)
        print_table(results, counts)
    finally:
        if args.drop:
            await drop_database(url)


def main() -> None:
    asyncio.run(main_async(parse_args()))


if __name__ == "__main__":
    main()
