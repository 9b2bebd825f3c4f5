"""SSRF protection: refused targets never see a connection; allowed ones get the checked IP."""

import ipaddress

import httpx
import pytest
from standardwebhooks import Webhook

from domain.ids import new_id
from domain.webhooks.addresses import IPAddress
from domain.webhooks.signing import generate_secret
from persistence.webhook_outbox import Claim
from server.webhook_sender import Resolver, SenderOptions, WebhookSender
from tests.support.receiver import Receiver

SECRET = generate_secret()


class Recording:
    """A transport standing in for the network: it records what would have been sent."""

    def __init__(self, status: int = 204, headers: dict[str, str] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.status = status
        self.headers = headers or {}

    def transport(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            self.requests.append(request)
            return httpx.Response(self.status, headers=self.headers)

        return httpx.MockTransport(handle)


def stub_resolver(*answers: str) -> tuple[list[str], Resolver]:
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[IPAddress]:
        asked.append(host)
        return [ipaddress.ip_address(a) for a in answers]

    return asked, resolve


def claim(url: str) -> Claim:
    return Claim(new_id(), new_id(), new_id(), url, [], str(new_id()), b'{"type":"webhook.ping"}')


@pytest.mark.parametrize(
    "answers",
    [
        ["127.0.0.1"],
        ["10.0.0.7"],
        ["192.168.1.20"],
        ["169.254.169.254"],
        ["::1"],
        ["fd12::1"],
        ["93.184.216.34", "10.0.0.7"],  # one private answer among public ones is enough
    ],
)
async def test_a_host_resolving_to_a_private_address_is_refused_before_any_connection(
    answers: list[str],
) -> None:
    # given a host name the (stub) resolver maps to internal addresses
    asked, resolver = stub_resolver(*answers)
    network = Recording()
    sender = WebhookSender(SenderOptions(), resolver, network.transport())
    # when a webhook is sent there
    outcome = await sender.send(claim("https://hooks.example.com/agora"), [SECRET])
    # then it fails without a single request leaving, and says why
    assert asked == ["hooks.example.com"]
    assert network.requests == []
    assert outcome.status_code is None and outcome.error and "non-public" in outcome.error


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/x", "https://[::1]/x", "http://169.254.169.254/latest/"]
)
async def test_a_literal_private_address_is_refused_without_resolving(url: str) -> None:
    asked, resolver = stub_resolver("93.184.216.34")
    network = Recording()
    sender = WebhookSender(SenderOptions(), resolver, network.transport())
    outcome = await sender.send(claim(url), [SECRET])
    assert asked == [] and network.requests == [] and outcome.error


async def test_the_connection_goes_to_the_checked_address_with_the_original_host() -> None:
    # given a host that resolves to a public address
    _asked, resolver = stub_resolver("93.184.216.34")
    network = Recording()
    sender = WebhookSender(SenderOptions(), resolver, network.transport())
    # when a webhook is sent there
    outcome = await sender.send(claim("https://hooks.example.com:8443/agora?x=1"), [SECRET])
    # then the request targets the checked IP (no second lookup), with the original Host
    # header and TLS server name, and a valid signature
    [request] = network.requests
    assert outcome.status_code == 204
    assert request.url.host == "93.184.216.34" and request.url.port == 8443
    assert request.url.path == "/agora" and request.url.query == b"x=1"
    assert request.headers["host"] == "hooks.example.com:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.com"
    Webhook(SECRET).verify(request.content, dict(request.headers))


async def test_redirects_are_not_followed() -> None:
    # given an endpoint answering with a redirect to an internal address
    _asked, resolver = stub_resolver("93.184.216.34")
    network = Recording(302, {"location": "http://169.254.169.254/latest/meta-data/"})
    sender = WebhookSender(SenderOptions(), resolver, network.transport())
    # when a webhook is sent, then the redirect is a failure and is not followed
    outcome = await sender.send(claim("https://hooks.example.com/agora"), [SECRET])
    assert outcome.status_code == 302 and not outcome.succeeded
    assert len(network.requests) == 1


async def test_private_targets_are_reached_when_explicitly_allowed() -> None:
    _asked, resolver = stub_resolver("10.0.0.7")
    network = Recording()
    options = SenderOptions(allow_private=True)
    sender = WebhookSender(options, resolver, network.transport())
    outcome = await sender.send(claim("http://internal.example.com/agora"), [SECRET])
    assert outcome.succeeded and network.requests[0].url.host == "10.0.0.7"


async def test_a_proxy_from_the_environment_is_not_used(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given proxy variables pointing at nothing (a proxy would connect elsewhere than checked)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    sender = WebhookSender(SenderOptions(allow_private=True))
    try:
        # when a webhook is sent to the endpoint, then it arrives directly
        outcome = await sender.send(claim(receiver.url), [SECRET])
    finally:
        await sender.close()
    assert outcome.status_code == 204 and len(receiver.received) == 1
