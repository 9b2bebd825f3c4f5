"""Agora's GraphQL API as a storefront reaches it: POST over HTTP with the public token.

Busy answers (429 and 5xx) and dropped connections are retried a bounded number of times,
waiting what `Retry-After` asks (capped) or backing off exponentially. Anything else that is
not data, an HTTP error or a GraphQL error, raises `ApiError` with a message a person can act on.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import orjson

TOKEN_HEADER = "Agora-Storefront-Token"  # noqa: S105 - a header name, not a secret
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
ACCEPT = "application/graphql-response+json, application/json;q=0.9"

Sleep = Callable[[float], Awaitable[None]]


class ApiError(Exception):
    """The API refused or failed a request; the message says what and where."""


class StorefrontApi:
    """Runs GraphQL documents against one storefront.

    `http` is any httpx client: the CLI's own, or one over an ASGI transport in tests.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        url: str,
        token: str,
        *,
        attempts: int = 5,
        max_wait: float = 60.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.http = http
        self.url = url
        self.token = token
        self.attempts = attempts
        self.max_wait = max_wait
        self.sleep = sleep

    async def query(self, document: str, variables: Mapping[str, object]) -> dict[str, Any]:
        """The `data` of a query that ran without errors."""
        body = orjson.dumps({"query": document, "variables": dict(variables)})
        headers = {TOKEN_HEADER: self.token, "Content-Type": "application/json", "Accept": ACCEPT}
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = await self.http.post(self.url, content=body, headers=headers)
            except httpx.TransportError as error:
                if last:
                    raise ApiError(
                        f"cannot reach {self.url} ({self.attempts} attempts): {error!r}"
                    ) from error
                await self.sleep(self._backoff(attempt))
                continue
            if response.status_code in RETRIED_STATUSES and not last:
                await self.sleep(self._wait(response, attempt))
                continue
            return self._data(response)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _backoff(self, attempt: int) -> float:
        return float(min(self.max_wait, 2 ** (attempt - 1)))

    def _wait(self, response: httpx.Response, attempt: int) -> float:
        """What `Retry-After` asks (seconds or an HTTP date), within bounds; else back off."""
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is None:
            return self._backoff(attempt)
        return min(self.max_wait, max(0.0, asked))

    def _data(self, response: httpx.Response) -> dict[str, Any]:
        try:
            payload = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            payload = None
        if not isinstance(payload, dict):
            raise ApiError(f"HTTP {response.status_code} from {self.url}: not a GraphQL response")
        errors = payload.get("errors") or []
        if errors:
            raise ApiError(f"HTTP {response.status_code} from {self.url}: {describe(errors)}")
        if response.status_code != httpx.codes.OK or not isinstance(payload.get("data"), dict):
            raise ApiError(f"HTTP {response.status_code} from {self.url}: no data")
        data: dict[str, Any] = payload["data"]
        return data


def describe(errors: list[Any]) -> str:
    """GraphQL errors as one line: 'message (CODE); ...'."""
    parts = []
    for error in errors:
        if not isinstance(error, dict):
            parts.append(str(error))
            continue
        code = (error.get("extensions") or {}).get("code")
        message = str(error.get("message", "unknown error"))
        parts.append(f"{message} ({code})" if code else message)
    return "; ".join(parts)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date)."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - (now or datetime.now(UTC))).total_seconds()
