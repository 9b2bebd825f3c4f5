"""A GraphQL-over-HTTP client for tests: exactly what a storefront or admin app would send."""

from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class Response:
    status: int
    headers: httpx.Headers
    body: dict[str, Any]

    @property
    def data(self) -> dict[str, Any]:
        assert self.body.get("data") is not None, self.body
        return self.body["data"]  # type: ignore[no-any-return]

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.body.get("errors") or []

    @property
    def error_codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.errors]


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def execute(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        storefront: str | None = None,
        headers: dict[str, str] | None = None,
        operation_name: str | None = None,
    ) -> Response:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        if storefront is not None:
            all_headers["Agora-Storefront-Token"] = storefront
        body: dict[str, Any] = {"query": query}
        if variables is not None:
            body["variables"] = variables
        if operation_name is not None:
            body["operationName"] = operation_name
        response = await self.http.post("/graphql", json=body, headers=all_headers)
        return Response(response.status_code, response.headers, response.json())
