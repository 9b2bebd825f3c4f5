"""Production mode: nothing internal leaks, and the schema cannot be guessed from error hints."""

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text

from resolvers import storefronts as storefront_resolvers
from resolvers.context import AgoraInfo
from server import graphql_http
from tests.conftest import make_settings
from tests.support.apps import serving

SECRET_KEY = "x" * 40
GRAPHQL_RESPONSE = "application/graphql-response+json"
CURRENT_STOREFRONT = "{ storefront { id } }"
# Documents with a near-miss, each of which GraphQL would answer with "Did you mean ...?"
NEAR_MISSES = {
    "field": "{ storefrnt { id } }",
    "argument": "{ storefronts(frist: 1) { nodes { id } } }",
    "type": "query($input: StorefrontInpt) { __typename }",
    "enum value": "mutation { storefrontCreate(input: {kind: WEBB}) { userErrors { code } } }",
    "input field": 'mutation { storefrontCreate(input: {nmae: "Web"}) { userErrors { code } } }',
}
WRONG_ENUM_VARIABLE = """
mutation($input: StorefrontInput!) { storefrontCreate(input: $input) { userErrors { code } } }
"""


@pytest_asyncio.fixture
async def production(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(
        database_url, environment="production", secret_key=SECRET_KEY, introspection=False
    )
    async with serving(settings) as http:
        yield http


@pytest.fixture
def broken_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    """The visitor's `storefront` field fails with a bug that names internals."""

    def explode(*_args: Any) -> Any:
        raise RuntimeError("secret internals: password=hunter2 at /srv/agora/db.py")

    monkeypatch.setattr(storefront_resolvers, "current_storefront", explode)


class Captured(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def graphql_log() -> Iterator[Captured]:
    handler = Captured()
    logger = logging.getLogger("agora.graphql")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def messages(response: httpx.Response) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


async def test_an_unexpected_error_is_masked_as_internal_error(
    production: httpx.AsyncClient, broken_resolver: None
) -> None:
    # when a field hits a bug
    response = await production.post("/graphql", json={"query": CURRENT_STOREFRONT})
    # then the client learns only that something went wrong on our side
    assert response.status_code == 200
    body = response.json()
    assert body["data"] == {"storefront": None}
    [error] = body["errors"]
    assert error["message"] == "Internal server error."
    assert error["extensions"] == {"code": "INTERNAL_ERROR"}
    assert error["path"] == ["storefront"]
    for leak in ("secret", "hunter2", "RuntimeError", "Traceback", "/srv/agora", ".py"):
        assert leak not in response.text


async def test_an_unexpected_error_is_logged_with_the_request_id(
    production: httpx.AsyncClient, broken_resolver: None, graphql_log: Captured
) -> None:
    # given a request traced with its own id
    request_id = "support-ticket-4711"
    # when it hits a bug
    response = await production.post(
        "/graphql", json={"query": CURRENT_STOREFRONT}, headers={"X-Request-Id": request_id}
    )
    # then the log holds the real exception under the id the client was given
    assert response.headers["x-request-id"] == request_id
    [record] = [r for r in graphql_log.records if r.levelno >= logging.ERROR]
    assert request_id in record.getMessage()
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)


async def test_an_unexpected_error_outside_graphql_is_a_masked_500(
    production: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given authentication itself failing with a bug
    async def explode(*_args: Any) -> Any:
        raise RuntimeError("secret internals: connection string postgres://admin:pw@db")

    monkeypatch.setattr(graphql_http, "authenticate", explode)
    # when any request arrives
    response = await production.post("/graphql", json={"query": "{ __typename }"})
    # then it is a plain 500 with a code and a request id, and no internals
    assert response.status_code == 500
    assert response.json() == {
        "errors": [{"message": "Internal server error.", "extensions": {"code": "INTERNAL_ERROR"}}]
    }
    assert response.headers["x-request-id"]
    assert "secret" not in response.text


@pytest.mark.parametrize("document", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
async def test_production_errors_carry_no_suggestions(
    production: httpx.AsyncClient, document: str
) -> None:
    # when a document has a near-miss name
    response = await production.post("/graphql", json={"query": document})
    # then it is refused with a clear message, but the message hints at no real name
    assert response.json()["errors"], response.text
    for message in messages(response):
        assert "Did you mean" not in message
        assert "storefront'" not in message and "'first'" not in message
        assert "'WEB'" not in message and "'name'" not in message


async def test_production_hides_suggestions_for_bad_variable_values(
    production: httpx.AsyncClient,
) -> None:
    response = await production.post(
        "/graphql",
        json={"query": WRONG_ENUM_VARIABLE, "variables": {"input": {"kind": "WEBB"}}},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert response.status_code == 400
    [message] = messages(response)
    assert "WEBB" in message
    assert "Did you mean" not in message and "'WEB'" not in message


@pytest.mark.parametrize("document", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
async def test_development_errors_do_suggest_the_near_miss(
    http: httpx.AsyncClient, document: str
) -> None:
    response = await http.post("/graphql", json={"query": document})
    assert any("Did you mean" in message for message in messages(response)), response.text


async def test_production_still_explains_guard_and_validation_errors(
    production: httpx.AsyncClient,
) -> None:
    # when documents break a guard, or the rules of GraphQL
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(31)) + " }"
    too_many = await production.post("/graphql", json={"query": aliases})
    unknown = await production.post("/graphql", json={"query": "{ nothingHere }"})
    # then the messages say what is wrong: only internals are masked
    assert messages(too_many) == ["31 aliases found. Allowed: 30"]
    assert messages(unknown) == ["Cannot query field 'nothingHere' on type 'Query'."]
    assert unknown.json()["errors"][0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


async def test_production_with_introspection_off_keeps_the_schema_private(
    production: httpx.AsyncClient,
) -> None:
    response = await production.post("/graphql", json={"query": "{ __schema { types { name } } }"})
    assert "data" not in response.json()
    assert "introspection has been disabled" in messages(response)[0]
    assert "Storefront" not in response.text


# --- SQL parameters in logs -------------------------------------------------------------------

CUSTOMER_EMAIL = "jane.doe@customer.example.com"
FAILING_STATEMENT = "SELECT id FROM no_such_table WHERE email = :email"


@pytest.fixture
def database_error_with_an_email(monkeypatch: pytest.MonkeyPatch) -> None:
    """The visitor's `storefront` field runs a statement that fails, with an email bound."""

    async def query_a_missing_table(info: AgoraInfo) -> Any:
        async with info.context.platform_work() as uow:
            session = uow.session  # type: ignore[attr-defined]  # the SQL unit of work's session
            await session.execute(text(FAILING_STATEMENT), {"email": CUSTOMER_EMAIL})

    monkeypatch.setattr(storefront_resolvers, "current_storefront", query_a_missing_table)


def logged_errors(log: Captured) -> str:
    """Every error record as a handler would write it, traceback included."""
    formatter = logging.Formatter()
    return "\n".join(formatter.format(r) for r in log.records if r.levelno >= logging.ERROR)


async def test_a_logged_database_error_does_not_carry_its_statement_parameters(
    http: httpx.AsyncClient, database_error_with_an_email: None, graphql_log: Captured
) -> None:
    # when a request hits a database error whose statement has an email bound to it
    response = await http.post("/graphql", json={"query": CURRENT_STOREFRONT})
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_ERROR"
    # then the error is logged with its statement, but without the email
    logged = logged_errors(graphql_log)
    assert "no_such_table" in logged
    assert CUSTOMER_EMAIL not in logged


async def test_in_debug_mode_a_logged_database_error_shows_its_parameters(
    database_url: str, database_error_with_an_email: None, graphql_log: Captured
) -> None:
    # given an app a developer runs with debug on
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    try:
        async with serving(make_settings(database_url, debug=True)) as http:
            # when a request hits the same database error
            await http.post("/graphql", json={"query": CURRENT_STOREFRONT})
    finally:
        root.setLevel(level)
        root.handlers = handlers
    # then the parameters are there to debug with (so the test above can tell them apart)
    assert CUSTOMER_EMAIL in logged_errors(graphql_log)
