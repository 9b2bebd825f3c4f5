"""The `agora` command as a newcomer and an operator use it, run as a real process."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from server.demo import DEMO_MERCHANT, DEMO_PASSWORD, DEMO_STAFF_EMAIL

LOGIN = """mutation($m: String!, $e: String!, $p: String!) {
  staffLogin(merchant: $m, email: $e, password: $p) { accessToken userErrors { code } } }"""
ADMIN_LOGIN = """mutation($e: String!, $p: String!) {
  platformAdminLogin(email: $e, password: $p) { accessToken userErrors { code } } }"""
STOREFRONT = "{ storefront { name currency } }"
DEMO_PRODUCTS = "{ products(first: 100) { nodes { name priceRange { start { currencyCode } } } } }"
ADMIN_PASSWORD = "a long operator password"


def agora(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_ready(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{base} did not become ready")


@pytest.fixture
def sqlite_env(tmp_path: Path) -> dict[str, str]:
    """A clean environment with its own SQLite file, as on a fresh machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGORA_")}
    env["AGORA_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'agora.db'}"
    return env


@pytest.fixture
def demo_server(sqlite_env: dict[str, str]) -> Iterator[tuple[str, str]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--demo", "--port", str(port)],
        env=sqlite_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        printed = []
        assert process.stdout is not None
        for line in process.stdout:
            printed.append(line)
            if line.startswith("GraphiQL:"):
                break
        token = next(line.split()[2] for line in printed if "Storefront token" in line)
        base = f"http://127.0.0.1:{port}"
        wait_until_ready(base)
        yield base, token
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_serve_demo_creates_the_database_and_serves_the_demo_store(
    demo_server: tuple[str, str],
) -> None:
    # given `agora serve --demo` on a machine with no database yet
    base, storefront_token = demo_server
    # when the demo owner signs in with the printed credentials
    login = httpx.post(
        f"{base}/graphql",
        json={
            "query": LOGIN,
            "variables": {"m": DEMO_MERCHANT, "e": DEMO_STAFF_EMAIL, "p": DEMO_PASSWORD},
        },
    )
    # then it works, and so does the printed storefront token
    assert login.json()["data"]["staffLogin"]["userErrors"] == []
    storefront = httpx.post(
        f"{base}/graphql",
        json={"query": STOREFRONT},
        headers={"Agora-Storefront-Token": storefront_token},
    )
    assert storefront.json() == {
        "data": {"storefront": {"name": "Demo Web Shop", "currency": "USD"}}
    }
    assert "x-request-id" in storefront.headers
    # and the web shop at /shop/ sells through that same storefront
    shop = httpx.get(f"{base}/shop/config.json").json()
    assert shop == {"apiUrl": "/graphql", "storefrontToken": storefront_token}
    assert httpx.get(f"{base}/shop/").status_code == 200


def test_seed_demo_twice_leaves_one_demo_store(sqlite_env: dict[str, str]) -> None:
    first = agora("seed-demo", env=sqlite_env)
    second = agora("seed-demo", env=sqlite_env)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    token = [line for line in first.stdout.splitlines() if "Storefront token" in line]
    assert token and token == [
        line for line in second.stdout.splitlines() if "Storefront token" in line
    ]


def test_createadmin_makes_a_platform_admin_who_can_sign_in(
    sqlite_env: dict[str, str], tmp_path: Path
) -> None:
    # given an operator creating the first platform admin
    created = agora(
        "createadmin",
        "--email",
        "ops@example.com",
        env={**sqlite_env, "AGORA_ADMIN_PASSWORD": ADMIN_PASSWORD},
    )
    assert created.returncode == 0, created.stderr
    # when the server runs on that database
    port = free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port)],
        env=sqlite_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as server:
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_ready(base)
            login = httpx.post(
                f"{base}/graphql",
                json={
                    "query": ADMIN_LOGIN,
                    "variables": {"e": "ops@example.com", "p": ADMIN_PASSWORD},
                },
            )
        finally:
            server.terminate()
    # then the admin signs in
    assert login.json()["data"]["platformAdminLogin"]["accessToken"]


def test_createadmin_refuses_a_weak_password_and_a_duplicate(sqlite_env: dict[str, str]) -> None:
    weak = agora(
        "createadmin",
        "--email",
        "ops@example.com",
        env={**sqlite_env, "AGORA_ADMIN_PASSWORD": "short"},
    )
    assert weak.returncode != 0 and "password" in weak.stderr
    env = {**sqlite_env, "AGORA_ADMIN_PASSWORD": ADMIN_PASSWORD}
    assert agora("createadmin", "--email", "ops@example.com", env=env).returncode == 0
    again = agora("createadmin", "--email", "ops@example.com", env=env)
    assert again.returncode != 0 and "exists" in again.stderr


def test_production_mode_refuses_to_start_with_the_development_secret(
    sqlite_env: dict[str, str],
) -> None:
    result = agora(
        "serve", "--port", str(free_port()), env={**sqlite_env, "AGORA_ENV": "production"}
    )
    assert result.returncode != 0
    assert "AGORA_SECRET_KEY" in result.stderr


def test_migrate_can_go_down_to_base_and_up_again(sqlite_env: dict[str, str]) -> None:
    assert agora("migrate", env=sqlite_env).returncode == 0
    down = agora("migrate", "--downgrade", "base", env=sqlite_env)
    assert down.returncode == 0 and "base" in down.stdout
    assert agora("migrate", env=sqlite_env).returncode == 0


def test_prune_events_forgets_what_is_older_than_the_retention(
    sqlite_env: dict[str, str],
) -> None:
    assert agora("migrate", env=sqlite_env).returncode == 0
    pruned = agora("prune-events", env={**sqlite_env, "AGORA_EVENT_RETENTION_DAYS": "7"})
    assert pruned.returncode == 0, pruned.stderr
    assert "Pruned 0 events older than 7 days" in pruned.stdout


def test_a_worker_process_runs_until_asked_to_stop(sqlite_env: dict[str, str]) -> None:
    # given a migrated database and a worker process delivering from it
    assert agora("migrate", env=sqlite_env).returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "worker"],
        env=sqlite_env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        assert "Delivering webhooks" in process.stderr.readline()
        # when it is sent SIGTERM (as a process manager would), then it stops cleanly
        process.terminate()
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
