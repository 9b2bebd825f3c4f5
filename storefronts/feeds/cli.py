"""`agora-feeds` (or `python -m storefronts.feeds`): export a storefront's product feeds.

    agora-feeds --api https://api.example.com/graphql --token agora_pt_... \\
        --base-url https://shop.example.com/products --google google.xml --meta meta.csv

Progress goes to stderr; the exit status is 1 with a one-line reason when the API refuses or
fails, 2 for wrong arguments.
"""

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import httpx

from storefronts.feeds.api import ApiError, StorefrontApi
from storefronts.feeds.catalog import Progress
from storefronts.feeds.export import FeedOptions, FeedSummary, export_feeds

PROG = "agora-feeds"
TOKEN_ENV = "AGORA_STOREFRONT_TOKEN"  # noqa: S105 - a variable name, not a secret
TIMEOUT_SECONDS = 60.0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog=PROG,
        description="Write a storefront's Google Merchant Center feed (RSS 2.0) and Meta "
        "catalog (CSV), read through Agora's GraphQL API.",
    )
    root.add_argument("--api", required=True, type=_http_url, help="the GraphQL endpoint URL")
    root.add_argument(
        "--token", default=os.environ.get(TOKEN_ENV), help=f"storefront token (or ${TOKEN_ENV})"
    )
    root.add_argument(
        "--base-url", required=True, type=_http_url, help="product pages: this URL + '/' + slug"
    )
    root.add_argument("--google", type=Path, metavar="FILE", help="write the Google RSS feed here")
    root.add_argument("--meta", type=Path, metavar="FILE", help="write the Meta CSV feed here")
    root.add_argument("--language", help="read the catalog in this language, e.g. fr")
    root.add_argument("--brand", help="brand of products without a brand attribute")
    return root


def main(argv: list[str] | None = None) -> int:
    return asyncio.run(run(argv))


async def run(
    argv: list[str] | None = None, *, transport: httpx.AsyncBaseTransport | None = None
) -> int:
    """The command's work and exit status; `transport` lets a test reach the app in-process."""
    args = parser().parse_args(argv)
    if not args.token:
        parser().error(f"--token is required (or set {TOKEN_ENV})")
    if args.google is None and args.meta is None:
        parser().error("name at least one feed to write: --google FILE and/or --meta FILE")
    options = FeedOptions(
        base_url=args.base_url,
        google=args.google,
        meta=args.meta,
        language=args.language,
        brand=args.brand,
    )
    try:
        summary = await _export(args.api, args.token, options, transport)
    except ApiError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{PROG}: error: cannot write the feed: {error}", file=sys.stderr)
        return 1
    _report(summary, options)
    return 0


async def _export(
    url: str, token: str, options: FeedOptions, transport: httpx.AsyncBaseTransport | None
) -> FeedSummary:
    async with httpx.AsyncClient(transport=transport, timeout=TIMEOUT_SECONDS) as http:
        return await export_feeds(StorefrontApi(http, url, token), options, progress(sys.stderr))


def progress(out: TextIO) -> Progress:
    """Products read (of how many) after each page: one updating line on a terminal."""
    on_terminal = out.isatty()

    def show(read: int, total: int | None) -> None:
        of = f"/{total}" if total is not None else ""
        line = f"{PROG}: {read}{of} products read"
        print(f"\r{line}" if on_terminal else line, end="" if on_terminal else "\n", file=out)
        out.flush()

    return show


def _report(summary: FeedSummary, options: FeedOptions) -> None:
    written = [str(path) for path in (options.google, options.meta) if path is not None]
    after_progress_line = "\n" if sys.stderr.isatty() else ""
    print(
        f"{after_progress_line}{PROG}: {summary.storefront}: {summary.products} products, {summary.items} items "
        f"written to {' and '.join(written)}",
        file=sys.stderr,
    )
    if summary.unpriced_variants:
        print(
            f"{PROG}: {summary.unpriced_variants} variants have no price in this storefront "
            "and are in neither feed",
            file=sys.stderr,
        )


def _http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    return value
