"""What the domain asks of the thing that keeps secrets unreadable at rest.

Some secrets must be read back, not only compared (a webhook signing secret signs every
message), so they cannot be hashed. They are stored sealed: encrypted with authentication under
a key the database does not hold, and bound to the row that owns them, so a sealed value copied
to another row does not open. The server provides the implementation (server/security/sealing.py).
"""

from typing import Protocol
from uuid import UUID


class SecretSealer(Protocol):
    def seal(self, secret: str, owner: UUID) -> bytes:
        """The secret, sealed for storage in `owner`'s row."""
        ...

    def open(self, sealed: bytes, owner: UUID) -> str:
        """The secret again; raises ValueError if it was altered or sealed for another owner
        or under another key."""
        ...
