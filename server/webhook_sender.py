"""Send one webhook attempt: resolve, check the addresses, connect to a checked one, sign, POST.

SSRF protection (see domain/webhooks/addresses.py): the host is resolved by `resolver` once;
unless private targets are allowed, the attempt is refused before any connection if ANY address
it resolves to is not public. The request then goes to the checked IP itself, with the original
`Host` header and TLS SNI/certificate check on the original host name, so a second DNS answer
(DNS rebinding) can never redirect it. Redirects are not followed (a 3xx is a failure).
"""

import asyncio
import ipaddress
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import httpx

from domain.webhooks import signing
from domain.webhooks.addresses import IPAddress, is_public
from domain.webhooks.deliveries import Outcome
from persistence.webhook_outbox import Claim

Resolver = Callable[[str, int], Awaitable[list[IPAddress]]]
USER_AGENT = "Agora-Webhooks/1"


async def system_resolver(host: str, port: int) -> list[IPAddress]:
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return [ipaddress.ip_address(info[4][0]) for info in infos]


class RefusedTarget(Exception):
    """The target may not be connected to (SSRF protection) or cannot be resolved."""


@dataclass(frozen=True)
class SenderOptions:
    timeout_seconds: float = 10.0
    allow_private: bool = False


class WebhookSender:
    def __init__(
        self,
        options: SenderOptions,
        resolver: Resolver = system_resolver,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.options = options
        self.resolver = resolver
        # The webhook-timestamp is the wall-clock time of the attempt (receivers compare it to
        # theirs to refuse replays), whatever clock schedules the retries.
        self.clock = clock
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            # Never through a proxy from the environment: the connection must go to the
            # address that was checked.
            trust_env=False,
            timeout=httpx.Timeout(options.timeout_seconds),
            headers={"user-agent": USER_AGENT},
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def send(self, claim: Claim, secrets: Sequence[str]) -> Outcome:
        """Post the claimed message, signed with each of `secrets` (opened by the caller)."""
        started = time.perf_counter()

        def took() -> int:
            return int((time.perf_counter() - started) * 1000)

        try:
            url, host_header, sni = await self.target(claim.url)
        except RefusedTarget as refusal:
            return Outcome(None, took(), str(refusal))
        timestamp = int(self.clock().timestamp())
        headers = signing.headers(secrets, claim.message_id, timestamp, claim.body)
        headers["host"] = host_header
        extensions = {"sni_hostname": sni} if sni else {}
        try:
            response = await self._client.post(
                url, content=claim.body, headers=headers, extensions=extensions
            )
        except httpx.TimeoutException:
            return Outcome(None, took(), "timed out")
        except httpx.HTTPError as error:
            return Outcome(None, took(), f"{type(error).__name__}: {error}"[:500])
        return Outcome(response.status_code, took(), None)

    async def target(self, url: str) -> tuple[str, str, str | None]:
        """The URL to connect to (a checked IP), the Host header, and the TLS server name."""
        parts = urlsplit(url)
        host = parts.hostname
        if not host:
            raise RefusedTarget("The URL has no host.")
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [literal]
        else:
            try:
                addresses = await self.resolver(host, port)
            except OSError as error:
                raise RefusedTarget(f"{host} could not be resolved: {error}") from None
        if not addresses:
            raise RefusedTarget(f"{host} could not be resolved.")
        if not self.options.allow_private:
            refused = [a for a in addresses if not is_public(a)]
            if refused:
                raise RefusedTarget(f"{host} resolves to a non-public address ({refused[0]}).")
        chosen = addresses[0]
        netloc = f"[{chosen}]" if chosen.version == 6 else str(chosen)
        if parts.port:
            netloc += f":{parts.port}"
        host_header = parts.netloc.rsplit("@", 1)[-1]
        target = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        return target, host_header, host if https and literal is None else None
