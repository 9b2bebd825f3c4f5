"""Errors answered at the HTTP level, before or around GraphQL execution."""

import orjson


class RequestError(Exception):
    """The HTTP request itself is malformed or refused: answered with `status` and a code."""

    def __init__(
        self, status: int, message: str, code: str = "BAD_REQUEST", **headers: str
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = headers


def error_body(message: str, code: str) -> bytes:
    return orjson.dumps({"errors": [{"message": message, "extensions": {"code": code}}]})
