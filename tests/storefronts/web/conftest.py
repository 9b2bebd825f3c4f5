"""A real `agora serve --demo` on its own port and SQLite file, and a real headless Chromium.

The browser is Debian's chromium package (/usr/bin/chromium, which .ci/run installs), driven by
Playwright for Python; Playwright's own browser downloads are never used. Without the browser
the end-to-end tests are skipped, saying why. Product pictures (demo media on picsum.photos)
are answered locally, so the tests need no network and the screenshots look like a shop.
"""

import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SERVER_START_SECONDS = 120
# Generous, for busy CI machines: password hashing (registration, sign-in) is slow on purpose.
STEP_TIMEOUT_MS = 30_000
PALETTE = ["#2f5233", "#1f2a44", "#a0482a", "#8cb8d8", "#d8c8a8", "#3c3f44", "#6b4e71", "#c98b2b"]

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="end-to-end shop tests need Debian's chromium at /usr/bin/chromium "
    "(apt-get install chromium; .ci/run installs it)",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"agora serve --demo exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise AssertionError(
        f"{base} was not ready in {SERVER_START_SECONDS}s:\n{log.read_text()[-3000:]}"
    )


@pytest.fixture(scope="session")
def shop_url() -> Iterator[str]:
    """`agora serve --demo` as a newcomer runs it, on a fresh SQLite file; yields its origin."""
    workdir = Path(tempfile.mkdtemp(prefix="agora-shop-e2e-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGORA_")}
    env["AGORA_DATABASE_URL"] = f"sqlite+aiosqlite:///{workdir / 'agora.db'}"
    env["AGORA_WEBHOOK_WORKER"] = "false"
    port = _free_port()
    log = workdir / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--demo", "--port", str(port)],
            env=env,
            cwd=workdir,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base, server, log)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(autouse=True)
def clean_state() -> None:
    """These tests touch no suite database: nothing to clean (and no asyncio fixture may run
    while Playwright's synchronous API drives its own event loop in this thread)."""


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Per test: Playwright's sync API holds an event loop in this thread while it runs, so it
    must be stopped before the next asyncio test in this worker."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield chromium
        chromium.close()


def _picture(route: Route) -> None:
    """A stand-in for a product photo: a soft colour field chosen by the URL."""
    digest = hashlib.sha256(route.request.url.encode()).digest()
    first, second = PALETTE[digest[0] % len(PALETTE)], PALETTE[digest[1] % len(PALETTE)]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">'
        f'<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{first}"/>'
        f'<stop offset="1" stop-color="{second}"/></linearGradient></defs>'
        '<rect width="800" height="800" fill="url(#g)"/>'
        '<circle cx="400" cy="420" r="190" fill="#ffffff" fill-opacity="0.16"/></svg>'
    )
    route.fulfill(status=200, content_type="image/svg+xml", body=svg)


@pytest.fixture
def page(browser: Browser, shop_url: str) -> Iterator[Page]:
    """A fresh browser context (empty storage) on the shop; any script error fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=shop_url)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    expect.set_options(timeout=STEP_TIMEOUT_MS)
    context.route("https://picsum.photos/**", _picture)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield tab
    context.close()
    assert errors == [], f"script errors or CSP violations in the shop: {errors}"


def screenshot(page: Page, name: str, *, full_page: bool = False) -> None:
    """The page as it looks, without the passing "added to your cart" notice."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#toast").evaluate("toast => toast.classList.remove('shown')")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
