"""GraphQL over HTTP (the GraphQL-over-HTTP specification), with idempotent mutations.

- POST `application/json` bodies; GET for queries only (a mutation over GET is 405).
- Responds `application/graphql-response+json` when the client accepts it (then a document
  that fails to parse or validate is a 400), else `application/json` (always 200 once the
  request itself is well-formed), per the specification's legacy rules.
- Batched operations (a JSON array) are refused: one operation per request keeps guards honest.
"""

import hashlib
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import (
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    get_operation_ast,
)
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType as StrawberryOperation

from domain.errors import AccessError
from resolvers.context import Context, data_scope
from schema.parsing import parse_cached
from server.context import authenticate, build_context
from server.http_caching import NO_STORE
from server.http_errors import RequestError, error_body
from server.idempotency import run_idempotently
from server.logs import merchant_var, operation_var, request_id_var
from server.persisted_queries import (
    NOT_FOUND_CODE,
    NOT_FOUND_MESSAGE,
    PersistedQueryNotFound,
    persisted_document,
    persisted_hash,
)
from server.response_cache import Lookup
from server.state import AppState
from server.storefront_reads import (
    CacheableRead,
    cacheable_read,
    from_cache,
    policy_for,
    run_and_store,
)
from server.trusted_documents import require_trusted, trusted_document

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_ACCESS_STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403, "THROTTLED": 429}
_QUERIES_ONLY = frozenset({StrawberryOperation.QUERY})
_ANY_OPERATION = frozenset({StrawberryOperation.QUERY, StrawberryOperation.MUTATION})


def _get_mutation_error() -> RequestError:
    return RequestError(
        405,
        "Only queries may use GET; send mutations with POST.",
        "METHOD_NOT_ALLOWED",
        Allow="POST",
    )


@dataclass(frozen=True)
class GraphQLRequest:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None

    def fingerprint(self, media_type: str) -> str:
        """What makes two requests the same request (the answer's media type included)."""
        data = {"q": self.query, "v": self.variables, "o": self.operation_name, "m": media_type}
        return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def negotiate(request: Request) -> str:
    accept = request.headers.get("accept", "")
    if not accept.strip():
        return JSON
    types = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in types:
        return GRAPHQL_RESPONSE
    if any(t in (JSON, "*/*", "application/*") for t in types):
        return JSON
    raise RequestError(406, f"Send 'Accept: {GRAPHQL_RESPONSE}' or '{JSON}'.", "NOT_ACCEPTABLE")


def _json_param(raw: str | None, name: str) -> Any:
    if raw is None or raw == "":
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RequestError(400, f"'{name}' is not valid JSON.") from None


async def read_params(request: Request, max_bytes: int) -> dict[str, Any]:
    if request.method == "GET":
        params = request.query_params
        return {
            "query": params.get("query"),
            "variables": _json_param(params.get("variables"), "variables"),
            "operationName": params.get("operationName"),
            "extensions": _json_param(params.get("extensions"), "extensions"),
        }
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != JSON:
        raise RequestError(415, f"POST bodies must be '{JSON}'.", "UNSUPPORTED_MEDIA_TYPE")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        raise RequestError(413, f"The body is larger than {max_bytes} bytes.", "PAYLOAD_TOO_LARGE")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise RequestError(
                413, f"The body is larger than {max_bytes} bytes.", "PAYLOAD_TOO_LARGE"
            )
    try:
        data = orjson.loads(bytes(body))
    except orjson.JSONDecodeError:
        raise RequestError(400, "The body is not valid JSON.") from None
    if isinstance(data, list):
        raise RequestError(400, "Batched operations are not supported: send one per request.")
    if not isinstance(data, dict):
        raise RequestError(400, "The body must be a JSON object.")
    return data


def validate_params(params: dict[str, Any]) -> GraphQLRequest:
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        raise RequestError(400, "A 'query' string is required.")
    variables = params.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError(400, "'variables' must be a JSON object.")
    operation_name = params.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestError(400, "'operationName' must be a string.")
    extensions = params.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestError(400, "'extensions' must be a JSON object.")
    return GraphQLRequest(query, variables, operation_name)


def operation_type(gql: GraphQLRequest, max_tokens: int) -> OperationType | None:
    """The operation's type, or None when the document does not parse (GraphQL reports that).

    A document whose operation to run is ambiguous or missing is refused here: left to run, it
    would execute the first operation, which could be a mutation that escaped the checks below.
    """
    try:
        document = parse_cached(gql.query, max_tokens)
    except GraphQLError:
        return None
    operation = get_operation_ast(document, gql.operation_name)
    if operation is None:
        if gql.operation_name is not None:
            message = f"The document has no operation named '{gql.operation_name}'."
        elif any(isinstance(d, OperationDefinitionNode) for d in document.definitions):
            message = "The document has several operations: name one with 'operationName'."
        else:
            message = "The document has no operation to run."
        raise RequestError(400, message)
    return operation.operation


def _executed(result: Any) -> bool:
    """Execution began (so the response has `data`, maybe null): errors other than a parse,
    validation or variables error, which carry no path, leave `data` out."""
    return result.data is not None or any(e.path is not None for e in result.errors or ())


def _status(result: Any, media_type: str) -> int:
    """Per GraphQL over HTTP: once execution began the answer is 200, even with `data: null`;
    a document that never executed (parse, validation, variables) is a 400 when the client
    accepts the new media type. Legacy `application/json` answers are always 200."""
    if media_type == JSON or _executed(result) or not result.errors:
        return 200
    if _retry_after(result):
        return 429  # a partner key over its query-cost budget: the document never ran
    return 400


def _body(result: Any) -> bytes:
    payload: dict[str, Any] = {}
    if _executed(result) or not result.errors:
        payload["data"] = result.data
    if result.errors:
        payload["errors"] = [error.formatted for error in result.errors]
    if getattr(result, "extensions", None):
        payload["extensions"] = result.extensions  # e.g. a partner API key's query cost
    return orjson.dumps(payload)


async def execute(
    state: AppState, context: Context, gql: GraphQLRequest, media_type: str, *, via_get: bool
) -> Response:
    response, _clean = await run_operation(state, context, gql, media_type, via_get=via_get)
    return response


async def run_operation(
    state: AppState, context: Context, gql: GraphQLRequest, media_type: str, *, via_get: bool
) -> tuple[Response, bool]:
    """The response, and whether the operation ran without any error."""
    allowed = _QUERIES_ONLY if via_get else _ANY_OPERATION
    try:
        result = await state.schema.execute(
            gql.query,
            variable_values=gql.variables,
            context_value=context,
            operation_name=gql.operation_name,
            allowed_operation_types=allowed,
        )
    except CannotGetOperationTypeError as error:
        raise RequestError(400, str(error) or "Name the operation to run.") from None
    except InvalidOperationTypeError:
        raise _get_mutation_error() from None
    response = Response(
        _body(result),
        status_code=_status(result, media_type),
        media_type=media_type,
        headers=_retry_after(result),
    )
    return response, not result.errors


def _retry_after(result: Any) -> dict[str, str]:
    """A throttled sign-in tells the client, in the standard header too, when to try again."""
    waits: list[int] = []
    for error in result.errors or ():
        extensions = error.extensions or {}
        if extensions.get("code") == "THROTTLED" and isinstance(extensions.get("retryAfter"), int):
            waits.append(extensions["retryAfter"])
    return {"Retry-After": str(max(waits))} if waits else {}


async def graphql_endpoint(request: Request) -> Response:
    state: AppState = request.app.state.agora
    try:
        if request.method == "GET" and _wants_ide(request) and state.settings.graphiql:
            return HTMLResponse(get_graphql_ide_html(graphql_ide="graphiql"))
        media_type = negotiate(request)
        params = await read_params(request, state.settings.max_body_bytes)
        digest = persisted_hash(params)
        read = cacheable_read(request, state, params, digest, media_type)
        cached = await from_cache(request, state, read)
        if isinstance(cached, Response):
            return cached
        response = await _run(request, state, params, digest, media_type, read, cached)
    except RequestError as error:
        response = Response(
            error_body(error.message, error.code),
            status_code=error.status,
            media_type=JSON,
            headers=error.headers,
        )
    except AccessError as error:
        response = Response(
            error_body(error.message, error.code.value),
            status_code=_ACCESS_STATUS.get(error.code.value, 403),
            media_type=JSON,
            headers={"WWW-Authenticate": "Bearer"} if error.code.value == "UNAUTHENTICATED" else {},
        )
    except PersistedQueryNotFound:
        response = Response(
            error_body(NOT_FOUND_MESSAGE, NOT_FOUND_CODE),
            status_code=200 if media_type == JSON else 400,
            media_type=media_type,
        )
    response.headers.setdefault("Cache-Control", NO_STORE)
    return response


async def _run(
    request: Request,
    state: AppState,
    params: dict[str, Any],
    digest: str | None,
    media_type: str,
    read: CacheableRead | None,
    lookup: Lookup | None,
) -> Response:
    settings = state.settings
    credentials = None
    if digest is not None:
        params = await persisted_document(state.persisted_queries, params, digest)
        if params.get("query") is None:
            # Not registered here: a storefront's trusted document, or not found.
            credentials = await authenticate(request, state)
            params = await trusted_document(state, params, digest, *credentials)
    gql = validate_params(params)
    operation_var.set(gql.operation_name or "-")
    kind = operation_type(gql, settings.max_tokens)
    via_get = request.method == "GET"
    if via_get and kind is not None and kind != OperationType.QUERY:
        raise _get_mutation_error()
    if credentials is None:
        credentials = await authenticate(request, state)
        await require_trusted(state, *credentials, gql.query)
    principal, storefront = credentials
    merchant_var.set(str(data_scope(principal, storefront) or "-"))
    context = build_context(state, request_id_var.get(), principal, storefront)
    key = request.headers.get("idempotency-key")
    if key is not None and kind == OperationType.MUTATION:
        return await run_idempotently(
            state,
            principal,
            key,
            gql.fingerprint(media_type),
            lambda: execute(state, context, gql, media_type, via_get=via_get),
        )
    policy = None
    if kind == OperationType.QUERY:
        policy = policy_for(
            read, principal, storefront, gql.query, gql.operation_name, settings.max_tokens
        )
    if read is None or policy is None or storefront is None:
        return await execute(state, context, gql, media_type, via_get=via_get)
    return await run_and_store(
        request,
        state,
        read,
        lookup,
        policy,
        storefront,
        lambda: run_operation(state, context, gql, media_type, via_get=via_get),
    )


def _wants_ide(request: Request) -> bool:
    return "query" not in request.query_params and "text/html" in request.headers.get("accept", "")
