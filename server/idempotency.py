"""`Idempotency-Key`: one mechanism for every mutation of the API.

The first request with a key from a principal runs and its response is stored for 24 hours;
the same key with the same document and variables replays that response (marked with
`Idempotent-Replayed: true`); the same key with anything else is refused (422). A request that
arrives while the first is still running waits for it briefly, then replays or gets a 409.
Anonymous callers have no identity to scope a key to, so for them the header is ignored.

Stored bodies are sealed (they may hold a secret shown once, such as a new API key). What is not
stored, so a retry runs again: unexpected failures, and answers refused for access (the caller
may sign in or be granted the permission, then retry with the same key).
"""

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import orjson
from starlette.responses import Response

from domain.principals import Anonymous, Principal
from persistence.idempotency import Claim, ClaimState
from server.http_errors import RequestError
from server.state import AppState

_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.05


_NOT_STORED = frozenset({"INTERNAL_ERROR", "UNAUTHENTICATED", "FORBIDDEN", "THROTTLED"})


def _replay(state: AppState, claim: Claim, owner: bytes) -> Response:
    return Response(
        state.sealer.unseal(claim.body or b"", owner),
        status_code=claim.status_code or 200,
        media_type=claim.content_type,
        headers={"Idempotent-Replayed": "true"},
    )


def _worth_keeping(response: Response) -> bool:
    """False for a 5xx, or for a failure the caller may retry successfully (an unexpected error
    or an access refusal inside a 200: `application/json` answers are always 200)."""
    if response.status_code >= 500:
        return False
    try:
        errors = orjson.loads(bytes(response.body)).get("errors") or []
    except (orjson.JSONDecodeError, AttributeError):
        return True
    return not any((e.get("extensions") or {}).get("code") in _NOT_STORED for e in errors)


async def _wait_for(state: AppState, principal: str, key: str, fingerprint: str) -> Claim:
    deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
    while asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(POLL_SECONDS)
        claim = await state.idempotency.peek(principal, key, fingerprint)
        if claim.state != ClaimState.IN_PROGRESS:
            return claim
    return Claim(ClaimState.IN_PROGRESS)


async def run_idempotently(
    state: AppState,
    principal: Principal,
    key: str,
    fingerprint: str,
    run: Callable[[], Awaitable[Response]],
) -> Response:
    if not _KEY.match(key):
        raise RequestError(400, "Idempotency-Key must be 1 to 255 visible ASCII characters.")
    if isinstance(principal, Anonymous):
        return await run()
    identity = principal.identity
    owner = f"{identity}\n{key}".encode()
    claim = await state.idempotency.claim(identity, key, fingerprint, datetime.now(UTC))
    if claim.state == ClaimState.IN_PROGRESS:
        claim = await _wait_for(state, identity, key, fingerprint)
    if claim.state == ClaimState.REPLAY:
        return _replay(state, claim, owner)
    if claim.state == ClaimState.MISMATCH:
        raise RequestError(
            422,
            "This Idempotency-Key was used with a different request; use a new key.",
            "IDEMPOTENCY_KEY_REUSED",
        )
    if claim.state == ClaimState.IN_PROGRESS:
        raise RequestError(
            409, "A request with this Idempotency-Key is still running.", "IDEMPOTENCY_KEY_IN_USE"
        )
    try:
        response = await run()
    except BaseException:
        await state.idempotency.release(identity, key)
        raise
    if not _worth_keeping(response):
        await state.idempotency.release(identity, key)
        return response
    await state.idempotency.complete(
        identity,
        key,
        status_code=response.status_code,
        content_type=response.media_type or "application/json",
        body=state.sealer.seal(bytes(response.body), owner),
        now=datetime.now(UTC),
    )
    return response
