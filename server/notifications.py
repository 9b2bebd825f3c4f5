"""How messages to people leave the server: a log line, SMTP, or (in tests) a capture.

Chosen once from settings: SMTP when AGORA_SMTP_URL names a server
(`smtp://user:password@host:587`, STARTTLS; `smtps://` for TLS from the start), a capturing
notifier in the test environment, else a log line. Sending never fails the request that
caused it: the codes are already committed, and the customer can ask for a new one.
"""

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from domain.notifications import Message, Notifier

logger = logging.getLogger("agora.notifications")


def _masked(address: str) -> str:
    """Enough to tell messages apart in a log, not enough to identify the person."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


class LoggingNotifier:
    """Development default: records that a message would be sent (never its codes)."""

    async def send(self, message: Message) -> None:
        logger.info("message %s to %s: %s", message.kind, _masked(message.to), message.subject)


@dataclass
class CapturingNotifier:
    """What tests read: every message the app would have sent, in order."""

    sent: list[Message] = field(default_factory=list)

    async def send(self, message: Message) -> None:
        self.sent.append(message)

    def last_to(self, address: str, kind: str) -> Message | None:
        found = [m for m in self.sent if m.to == address and m.kind == kind]
        return found[-1] if found else None


@dataclass(frozen=True)
class SmtpNotifier:
    host: str
    port: int
    username: str | None
    password: str | None = field(repr=False)
    implicit_tls: bool
    sender: str

    @classmethod
    def from_url(cls, url: str, sender: str) -> "SmtpNotifier":
        parts = urlsplit(url)
        implicit = parts.scheme == "smtps"
        return cls(
            host=parts.hostname or "localhost",
            port=parts.port or (465 if implicit else 587),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            implicit_tls=implicit,
            sender=sender,
        )

    def _deliver(self, email: EmailMessage) -> None:
        context = ssl.create_default_context()
        if self.implicit_tls:
            with smtplib.SMTP_SSL(self.host, self.port, context=context, timeout=10) as smtp:
                self._login_and_send(smtp, email)
            return
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.starttls(context=context)
            self._login_and_send(smtp, email)

    def _login_and_send(self, smtp: smtplib.SMTP, email: EmailMessage) -> None:
        if self.username and self.password:
            smtp.login(self.username, self.password)
        smtp.send_message(email)

    async def send(self, message: Message) -> None:
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.to
        email["Subject"] = message.subject
        email.set_content(message.body)
        try:
            await asyncio.to_thread(self._deliver, email)
        except (OSError, smtplib.SMTPException):
            logger.exception("could not send %s to %s", message.kind, _masked(message.to))


def build_notifier(smtp_url: str | None, sender: str, *, testing: bool) -> Notifier:
    if smtp_url:
        return SmtpNotifier.from_url(smtp_url, sender)
    if testing:
        return CapturingNotifier()
    return LoggingNotifier()
