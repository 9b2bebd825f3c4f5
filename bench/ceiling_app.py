"""The ceiling for bench/cached_http.py: a bare Starlette endpoint returning fixed bytes.

    AGORA_BENCH_BODY=/tmp/body.json .venv/bin/python -m uvicorn --factory \\
        bench.ceiling_app:app_factory --port 8001
"""

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def app_factory() -> Starlette:
    body = Path(os.environ["AGORA_BENCH_BODY"]).read_bytes()

    async def graphql(request: Request) -> Response:
        await request.body()
        return Response(body, media_type="application/json")

    async def ready(_request: Request) -> Response:
        return Response(b'{"status":"ready"}', media_type="application/json")

    routes = [Route("/graphql", graphql, methods=["GET", "POST"]), Route("/readyz", ready)]
    return Starlette(routes=routes)
