"""Who is on the other end of a request: the real client address, also behind a reverse proxy.

`X-Forwarded-For` is written by whoever sent the request, so it is believed only as far as the chain of
proxies we trust (`TRUSTED_PROXIES`, addresses or networks). Each proxy appends the address it got the
request from; we read the header from the right and stop at the first address that is not one of our
proxies: that is the client. An address an untrusted sender put in the header is never reached.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _netwerken(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _vertrouwd(adres: str, netwerken) -> bool:
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return False
    return any(ip in netwerk for netwerk in netwerken)


def client_ip(request) -> str:
    """The client's IP address: REMOTE_ADDR, or the nearest untrusted hop when a trusted proxy forwards."""
    adres = request.META.get("REMOTE_ADDR", "")
    netwerken = _netwerken(tuple(settings.TRUSTED_PROXIES))
    if not netwerken or not _vertrouwd(adres, netwerken):
        return adres
    keten = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(keten):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # A trusted proxy wrote something that is no address: the last hop we could verify stands.
            return adres
        adres = hop
        if not _vertrouwd(hop, netwerken):
            return hop
    return adres
