"""Logging, configured once: request id, merchant and operation on every record."""

import logging
import sys
from contextvars import ContextVar

import orjson

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
merchant_var: ContextVar[str] = ContextVar("merchant", default="-")
operation_var: ContextVar[str] = ContextVar("operation", default="-")


class _ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        record.merchant = merchant_var.get()
        record.operation = operation_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "merchant": getattr(record, "merchant", "-"),
            "operation": getattr(record, "operation", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry).decode()


def configure_logging(*, json: bool, debug: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_ContextFilter())
    handler.setFormatter(
        JsonFormatter()
        if json
        else logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(merchant)s %(operation)s] %(message)s"
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.DEBUG if debug else logging.INFO)
