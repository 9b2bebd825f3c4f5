"""`agora-feeds`: the command a merchant schedules, reading the API like any client would."""

import csv
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import pytest

from storefronts.feeds.cli import run
from tests.storefronts.feeds.conftest import API_URL, FeedStore


def arguments(token: str, tmp_path: Path, *more: str) -> list[str]:
    return [
        "--api", API_URL,
        "--token", token,
        "--base-url", "https://shop.example.com/p/",
        "--google", str(tmp_path / "google.xml"),
        "--meta", str(tmp_path / "meta.csv"),
        *more,
    ]  # fmt: skip


async def test_the_command_writes_both_feeds_and_shows_its_progress(
    store: FeedStore,
    transport: httpx.ASGITransport,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # when the command exports the social storefront in French
    status = await run(arguments(store.social, tmp_path, "--language", "fr"), transport=transport)
    # then it succeeds, telling progress and what it wrote on stderr (stdout stays empty)
    out, err = capsys.readouterr()
    assert status == 0
    assert out == ""
    assert err.splitlines() == [
        "agora-feeds: 3/3 products read",
        f"agora-feeds: Social: 3 products, 4 items written to {tmp_path / 'google.xml'} "
        f"and {tmp_path / 'meta.csv'}",
        "agora-feeds: 1 variants have no price in this storefront and are in neither feed",
    ]
    # and both feeds hold the storefront's items, in French where translated
    rss = ET.parse(tmp_path / "google.xml").getroot()  # noqa: S314 - our own feed, in a test
    assert len(rss.findall("channel/item")) == 4
    with (tmp_path / "meta.csv").open(newline="", encoding="utf-8") as feed:
        rows = {row["id"]: row for row in csv.DictReader(feed)}
    assert rows["TENT-1"]["title"] == "Tente"
    assert rows["TENT-1"]["link"] == "https://shop.example.com/p/tent"


async def test_a_refused_token_exits_non_zero_with_the_reason(
    store: FeedStore,
    transport: httpx.ASGITransport,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = await run(arguments("agora_pt_unknown", tmp_path), transport=transport)
    _out, err = capsys.readouterr()
    assert status == 1
    assert err.startswith(f"agora-feeds: error: HTTP 401 from {API_URL}: ")
    assert err.rstrip().endswith("(UNAUTHENTICATED)")
    assert list(tmp_path.iterdir()) == []


def test_python_m_storefronts_feeds_is_the_command() -> None:
    # when the module is run without a feed to write
    done = subprocess.run(
        [sys.executable, "-m", "storefronts.feeds", "--api", API_URL, "--token", "t",
         "--base-url", "https://shop.example.com"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )  # fmt: skip
    # then it stops before any request, saying what is missing
    assert done.returncode == 2
    assert "name at least one feed to write: --google FILE and/or --meta FILE" in done.stderr
