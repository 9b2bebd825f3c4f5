"""Which network addresses a webhook may be sent to (SSRF protection).

A target's host is resolved first and EVERY address it resolves to is checked; the connection
then goes to a checked address (never a second, later lookup that could answer differently).
Refused unless private targets are explicitly allowed: loopback, private (RFC 1918, ULA),
link-local (which includes the cloud metadata address 169.254.169.254), carrier-grade NAT,
multicast, unspecified and reserved ranges, and IPv4 addresses embedded in IPv6 forms.
"""

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_EXTRA_BLOCKED = [
    ipaddress.ip_network("100.64.0.0/10"),  # carrier-grade NAT
    ipaddress.ip_network("192.0.0.0/24"),  # IETF protocol assignments
    ipaddress.ip_network("198.18.0.0/15"),  # benchmarking
    ipaddress.ip_network("fd00:ec2::254/128"),  # AWS metadata over IPv6
]


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(address, ipaddress.IPv6Address):
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
        if address in ipaddress.ip_network("64:ff9b::/96"):  # NAT64
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """Whether a webhook may connect to this address when private targets are not allowed."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)  # an IPv4 address in IPv6 clothing
    embedded = _embedded_ipv4(address)
    if embedded is not None and not is_public(embedded):
        return False
    if any(address in network for network in _EXTRA_BLOCKED if network.version == address.version):
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )
