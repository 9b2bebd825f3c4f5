"""The API client: retries what a busy server asks it to retry, and explains what it cannot."""

from datetime import UTC, datetime

import httpx
import orjson
import pytest

from storefronts.feeds.api import ApiError, StorefrontApi, retry_after_seconds

URL = "http://agora.test/graphql"
DATA = {"data": {"storefront": {"name": "Web"}}}


class Server:
    """Answers each request with the next response; records requests and waits."""

    def __init__(self, *responses: httpx.Response | Exception) -> None:
        self.responses = list(responses)
        self.requests: list[httpx.Request] = []
        self.waits: list[float] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.responses.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    def api(self, http: httpx.AsyncClient, attempts: int, max_wait: float) -> StorefrontApi:
        return StorefrontApi(
            http, URL, "agora_pt_test", attempts=attempts, max_wait=max_wait, sleep=self.sleep
        )


def reply(status: int, body: object = DATA, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=orjson.dumps(body), headers=headers)


async def ask(server: Server, attempts: int = 5, max_wait: float = 60) -> dict[str, object]:
    transport = httpx.MockTransport(server.handle)
    async with httpx.AsyncClient(transport=transport) as http:
        api = server.api(http, attempts, max_wait)
        return await api.query("{ storefront { name } }", {"x": 1})


async def test_a_query_is_posted_as_json_with_the_storefront_token() -> None:
    server = Server(reply(200))
    assert await ask(server) == DATA["data"]
    [request] = server.requests
    assert request.method == "POST"
    assert request.headers["Agora-Storefront-Token"] == "agora_pt_test"
    assert request.headers["Content-Type"] == "application/json"
    assert orjson.loads(request.content) == {
        "query": "{ storefront { name } }",
        "variables": {"x": 1},
    }


async def test_busy_answers_are_retried_waiting_what_retry_after_asks() -> None:
    # given a server that is throttling (wait 7 s), then unavailable, then answers
    server = Server(reply(429, {}, **{"Retry-After": "7"}), reply(503, {}), reply(200))
    # when the client asks
    data = await ask(server)
    # then it waited 7 s, then backed off 2 s (the second attempt), and got the data
    assert data == DATA["data"]
    assert server.waits == [7.0, 2.0]


async def test_a_long_retry_after_is_capped() -> None:
    server = Server(reply(429, {}, **{"Retry-After": "3600"}), reply(200))
    await ask(server, max_wait=30)
    assert server.waits == [30.0]


async def test_a_dropped_connection_is_retried() -> None:
    server = Server(httpx.ConnectError("connection refused"), reply(200))
    assert await ask(server) == DATA["data"]
    assert server.waits == [1.0]


async def test_the_client_gives_up_after_its_attempts() -> None:
    # given a server that stays unavailable
    server = Server(*(reply(502, {}) for _ in range(3)))
    # when the client asks with 3 attempts, then it fails saying how, after 2 waits
    with pytest.raises(ApiError) as raised:
        await ask(server, attempts=3)
    assert str(raised.value) == "HTTP 502 from http://agora.test/graphql: no data"
    assert len(server.requests) == 3
    assert server.waits == [1.0, 2.0]


async def test_an_unreachable_server_fails_after_its_attempts() -> None:
    server = Server(*(httpx.ConnectError("connection refused") for _ in range(3)))
    with pytest.raises(ApiError) as raised:
        await ask(server, attempts=3)
    assert str(raised.value) == (
        "cannot reach http://agora.test/graphql (3 attempts): ConnectError('connection refused')"
    )
    assert server.waits == [1.0, 2.0]


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (
            reply(
                401,
                {
                    "errors": [
                        {"message": "Unknown token", "extensions": {"code": "UNAUTHENTICATED"}}
                    ]
                },
            ),
            "HTTP 401 from http://agora.test/graphql: Unknown token (UNAUTHENTICATED)",
        ),
        (
            reply(200, {"data": None, "errors": [{"message": "Unknown language 'xx'."}]}),
            "HTTP 200 from http://agora.test/graphql: Unknown language 'xx'.",
        ),
        (
            httpx.Response(404, text="<html>Not found</html>"),
            "HTTP 404 from http://agora.test/graphql: not a GraphQL response",
        ),
    ],
)
async def test_refusals_and_errors_are_not_retried_and_explained(
    response: httpx.Response, message: str
) -> None:
    server = Server(response)
    with pytest.raises(ApiError) as raised:
        await ask(server)
    assert str(raised.value) == message
    assert server.waits == []


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("Thu, 03 Dec 2026 08:01:00 GMT", 60.0),
        ("soon", None),
        (None, None),
    ],
)
def test_retry_after_is_seconds_or_an_http_date(header: str | None, seconds: float | None) -> None:
    now = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    assert retry_after_seconds(header, now) == seconds
