"""HTTP caching headers for GraphQL answers.

- An anonymous storefront's cacheable catalog read (server/response_cache.py) carries a strong
  `ETag` (a digest of the body) and `Cache-Control: public, max-age=N`
  (`AGORA_HTTP_MAX_AGE_SECONDS`, 5 by default: a browser or CDN may reuse it that long; Agora
  itself never serves it stale). One that selects an exact `quantityAvailable` says
  `public, no-cache` instead: keep it, but ask again every time (cheap: a 304).
- `Vary` names what the answer depends on besides the URL: the storefront token, `Accept`
  and `Authorization` (a shared cache must not hand one storefront's answer to another).
- Everything else (mutations, signed-in callers, staff and partner apps, errors) is
  `Cache-Control: private, no-store`.
- `Agora-Cache: hit` or `miss` on cacheable reads: whether Agora's response cache answered.
- `If-None-Match` naming the current `ETag` is answered `304 Not Modified` with no body.
"""

from starlette.responses import Response

NO_STORE = "private, no-store"
VARY = "Agora-Storefront-Token, Accept, Authorization"


def public_headers(etag: str, exact_stock: bool, max_age: int, *, hit: bool) -> dict[str, str]:
    """`Agora-Cache` says whether Agora's own response cache answered (`hit`) or not."""
    control = "public, no-cache" if exact_stock else f"public, max-age={max_age}"
    return {
        "ETag": etag,
        "Cache-Control": control,
        "Vary": VARY,
        "Agora-Cache": "hit" if hit else "miss",
    }


def not_modified(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    candidates = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in candidates or "*" in candidates


def answer(
    body: bytes,
    media_type: str,
    headers: dict[str, str],
    if_none_match: str | None,
) -> Response:
    if not_modified(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)
