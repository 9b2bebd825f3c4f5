"""Messages to people (verification codes, password resets) and the port that sends them.

The domain says what to send; the server decides how (a log line in development, SMTP when
configured, a capturing fake in tests). Sending happens after the transaction commits.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str
    # What kind of message this is ("customer.verify_email", ...), for templates and logs.
    kind: str
    # Values a template or a test may need (e.g. the token); never logged.
    data: Mapping[str, str] = field(default_factory=dict, repr=False)


class Notifier(Protocol):
    async def send(self, message: Message) -> None:
        """Deliver or hand off the message; failures are logged, never raised to the caller."""
        ...
