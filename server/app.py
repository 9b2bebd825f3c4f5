"""The Starlette application factory. Nothing is built at import time: all of it in lifespan."""

import logging
import os
import re
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from persistence.database import Database
from server.graphql_http import graphql_endpoint
from server.heap import settle_after_startup
from server.http_errors import error_body
from server.logs import configure_logging, merchant_var, operation_var, request_id_var
from server.settings import Settings, load_settings
from server.state import AppState, build_state
from server.web_shop import shop_mount

logger = logging.getLogger("agora.http")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Every response carries `X-Request-Id` (the caller's, if well-formed, or a new one);
    an unexpected exception becomes a 500 INTERNAL_ERROR logged with that id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        # Fresh logging context per request: no record carries a previous request's values.
        context_tokens = [
            (request_id_var, request_id_var.set(request_id)),
            (merchant_var, merchant_var.set("-")),
            (operation_var, operation_var.set("-")),
        ]
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            logger.exception("unhandled error (request %s)", request_id)
            if started:
                raise
            response = Response(
                error_body("Internal server error.", "INTERNAL_ERROR"),
                status_code=500,
                media_type="application/json",
            )
            await response(scope, receive, send_with_id)
        finally:
            for variable, token in context_tokens:
                variable.reset(token)


async def healthz(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    state: AppState = request.app.state.agora
    if await state.database.ping():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "database unreachable"}, status_code=503)


def create_app(
    settings: Settings | None = None, database: Database | None = None, *, serving: bool = False
) -> Starlette:
    """`serving`: this process only serves the app (tunes the collector once it started)."""
    settings = settings or load_settings(os.environ)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state = build_state(settings, database)
        app.state.agora = state
        logger.info("Agora starting with %s", settings.masked())
        if state.worker is not None:
            state.worker.start()
        if serving:
            settle_after_startup()
        try:
            yield
        finally:
            await state.close()

    configure_logging(json=settings.log_json, debug=settings.debug)
    middleware = [Middleware(RequestIdMiddleware)]
    if settings.allowed_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.allowed_origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=[
                    "authorization",
                    "content-type",
                    "agora-storefront-token",
                    "idempotency-key",
                    "x-request-id",
                ],
                expose_headers=["x-request-id"],
                max_age=600,
            )
        )
    routes: list[BaseRoute] = [
        Route("/graphql", graphql_endpoint, methods=["GET", "POST"]),
        Route("/healthz", healthz),
        Route("/readyz", readyz),
    ]
    if settings.web_shop_token:
        routes.append(shop_mount(settings.web_shop_token))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan, debug=False)


def app_factory() -> Starlette:
    """For `uvicorn --factory server.app:app_factory` and multi-worker serving."""
    return create_app(serving=True)
