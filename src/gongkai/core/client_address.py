"""The client's address, read from the header settings.GONGKAI_CLIENT_IP_HEADER names (behind a reverse proxy)."""

import ipaddress

from django.conf import settings

UNKNOWN = "unknown"


def client_address(request) -> str:
    """A list header (X-Forwarded-For: client, proxy1, …) is read from the right: the last entry is the one
    our own proxy appended, the entries before it are whatever the client chose to send."""
    raw = request.META.get(settings.GONGKAI_CLIENT_IP_HEADER) or ""
    for candidate in (raw.split(",")[-1].strip(), request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return UNKNOWN


def address_block(address: str) -> str:
    """What one client controls: an IPv4 address, or the /64 network an IPv6 host picks its addresses from."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped:  # ::ffff:a.b.c.d is an IPv4 client
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/64", strict=False))
