"""How errors leave the schema: one shape, a code on every error, nothing internal leaked."""

import logging
import re
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from domain.errors import DomainError, Throttled, UserError

logger = logging.getLogger("agora.graphql")
_SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")

INTERNAL_MESSAGE = "Internal server error."


def _extensions(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    if isinstance(original, DomainError):
        extensions: dict[str, Any] = {"code": original.code.value}
        if isinstance(original, UserError) and original.field:
            extensions["field"] = original.field
        if isinstance(original, Throttled):
            extensions["retryAfter"] = original.retry_after
        return extensions
    if isinstance(error, GraphQLSyntaxError) or error.message.startswith("Syntax Error"):
        return {"code": "GRAPHQL_PARSE_FAILED"}
    if original is None and error.path is None:
        return {"code": "GRAPHQL_VALIDATION_FAILED"}
    if error.path is None and (
        isinstance(original, GraphQLError) or error.message.startswith("Variable '$")
    ):
        return {"code": "BAD_USER_INPUT"}  # a variable's value could not be coerced
    return {"code": "BAD_USER_INPUT"} if original is None else {"code": "INTERNAL_ERROR"}


class ErrorShaping(SchemaExtension):
    """Give every error `extensions.code`; mask unexpected ones; hide schema hints in production."""

    def __init__(self, *, hide_suggestions: bool) -> None:
        self.hide_suggestions = hide_suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [self._shape(error) for error in errors]

    def _shape(self, error: GraphQLError) -> GraphQLError:
        extensions = {**(error.extensions or {}), **_extensions(error)}
        message = error.message
        if extensions["code"] == "INTERNAL_ERROR":
            context = self.execution_context.context
            logger.error(
                "unexpected error in %s (request %s)",
                self.execution_context.operation_name or "anonymous operation",
                getattr(context, "request_id", "-"),
                exc_info=error.original_error,
            )
            message = INTERNAL_MESSAGE
        elif self.hide_suggestions:
            message = _SUGGESTION.sub("", message)
        return GraphQLError(
            message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=error.original_error if extensions["code"] != "INTERNAL_ERROR" else None,
            extensions=extensions,
        )
