"""The reference web shop (storefronts/web/) served at /shop/, wired to one storefront.

The shop is a static client: HTML, CSS and ES modules that speak to /graphql with a public
storefront token, like any third-party storefront. The server only hands out its files and a
generated `config.json` naming the API and the token (`AGORA_WEB_SHOP_TOKEN`; `agora serve
--demo` sets the demo web shop's). Hosted anywhere else, the same files read a `config.json`
written beside them. The shop's pages carry their own strict CSP: scripts, styles and API calls
from this origin only; images from https too (product media live on other hosts).
"""

from pathlib import Path

from starlette.responses import JSONResponse
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SHOP_DIRECTORY = Path(__file__).resolve().parent.parent / "storefronts" / "web"
SHOP_PATH = "/shop"
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    # Development serving: always revalidate, so an edited file shows on the next reload.
    (b"cache-control", b"no-cache"),
]


class ShopHeaders:
    """Adds the shop's security headers to every answer under /shop/ (and only there)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = [*kept, *HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def shop_mount(storefront_token: str, directory: Path = SHOP_DIRECTORY) -> Mount:
    """The shop's files at /shop/, with a config.json pointing it at this server's API."""

    async def config(_request: object) -> JSONResponse:
        return JSONResponse({"apiUrl": "/graphql", "storefrontToken": storefront_token})

    shop = Router(
        routes=[
            Route("/config.json", config, methods=["GET"]),
            Mount("/", app=StaticFiles(directory=directory, html=True)),
        ]
    )
    return Mount(SHOP_PATH, app=ShopHeaders(shop))
