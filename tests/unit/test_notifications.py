"""How messages leave the server: chosen from settings, SMTP failures logged, never raised."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from domain.notifications import Message
from server.notifications import (
    CapturingNotifier,
    LoggingNotifier,
    SmtpNotifier,
    build_notifier,
)

MESSAGE = Message(
    to="ada@example.com",
    subject="Reset your password",
    body="code: agora_pr_secret",
    kind="customer.reset_password",
    data={"token": "agora_pr_secret"},
)


@contextmanager
def logged() -> Iterator[list[str]]:
    """The messages the notifications logger writes while the block runs."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("agora.notifications")
    handler, level = Keep(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield lines
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_the_notifier_is_chosen_from_settings() -> None:
    assert isinstance(build_notifier(None, "x@y.z", testing=False), LoggingNotifier)
    assert isinstance(build_notifier(None, "x@y.z", testing=True), CapturingNotifier)
    smtp = build_notifier("smtps://user%40x:p%3Ass@mail.example.com", "x@y.z", testing=True)
    assert smtp == SmtpNotifier("mail.example.com", 465, "user@x", "p:ss", True, "x@y.z")
    plain = SmtpNotifier.from_url("smtp://mail.example.com", "x@y.z")
    assert (plain.port, plain.implicit_tls, plain.username) == (587, False, None)
    assert "p:ss" not in repr(smtp)


async def test_the_logging_notifier_never_logs_the_code_or_the_whole_address() -> None:
    with logged() as lines:
        await LoggingNotifier().send(MESSAGE)
    text = "\n".join(lines)
    assert "customer.reset_password" in text
    assert "agora_pr_secret" not in text and "ada@example.com" not in text


async def test_an_unreachable_smtp_server_is_logged_not_raised() -> None:
    notifier = SmtpNotifier("127.0.0.1", 1, None, None, False, "shop@example.com")
    with logged() as lines:
        await notifier.send(MESSAGE)
    assert any("could not send customer.reset_password" in line for line in lines)
