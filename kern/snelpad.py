"""What the fast paths in front of Django (public tiles, the vergunningcheck's _bepaal calls) share:
whether a request may skip Django at all, and the headers Django's middleware would have added.

A fast path serves only the ordinary case and hands everything else to Django, which stays the one
place for redirects, refusals and errors; its tests hold the two paths equal, byte for byte.
"""

from functools import cache, lru_cache

from django.conf import settings
from django.http.request import split_domain_port, validate_host

from kern.csp import BELEID


@cache
def vaste_koppen(https: bool) -> tuple[tuple[str, str], ...]:
    """What SecurityMiddleware, XFrameOptionsMiddleware and our CSP middleware add to an answer."""
    koppen = []
    if https and settings.SECURE_HSTS_SECONDS:
        waarde = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            waarde += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            waarde += "; preload"
        koppen.append(("Strict-Transport-Security", waarde))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        koppen.append(("X-Content-Type-Options", "nosniff"))
    if settings.SECURE_REFERRER_POLICY:
        koppen.append(("Referrer-Policy", settings.SECURE_REFERRER_POLICY))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        koppen.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    koppen.append(("X-Frame-Options", settings.X_FRAME_OPTIONS))
    koppen.append(("Content-Security-Policy", BELEID))
    return tuple(koppen)


def https(environ) -> bool | None:
    """Whether the request came in over HTTPS; None when Django must decide (it may redirect)."""
    veilig = environ.get("wsgi.url_scheme") == "https"
    if settings.SECURE_PROXY_SSL_HEADER:
        kop, waarde = settings.SECURE_PROXY_SSL_HEADER
        # As HttpRequest.is_secure(): the proxy's first value counts.
        veilig = environ.get(kop, "").split(",", 1)[0].strip() == waarde
    if settings.SECURE_SSL_REDIRECT and not veilig:
        return None
    return veilig


def host_toegestaan(environ) -> bool:
    return _host_toegestaan(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))


@lru_cache(maxsize=64)  # bounded: the Host header is whatever a client sends
def _host_toegestaan(host: str) -> bool:
    domein, _ = split_domain_port(host)
    allowed = settings.ALLOWED_HOSTS
    if settings.DEBUG and not allowed:
        allowed = [".localhost", "127.0.0.1", "[::1]"]
    return bool(domein) and validate_host(domein, allowed)


def vergeet() -> None:
    """Read the settings again (tests change them)."""
    vaste_koppen.cache_clear()
    _host_toegestaan.cache_clear()
