"""Production: the same settings with safe defaults, and a refusal to start when they are unsafe."""

import os

from config.settings import *  # noqa: F403
from config.settings import (
    DEV_APPS,
    INSTALLED_APPS,
    PORTAAL_URL,
    STORAGES,
    TRUSTED_PROXIES,
    env_bool,
    env_list,
)
from config.settings.checks import check_production_settings

# Unlike development, production has no friendly defaults: what is not set explicitly is refused.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")

check_production_settings(DEBUG, SECRET_KEY, ALLOWED_HOSTS)

# Development commands never run against production, even from a checkout.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in DEV_APPS]

# collectstatic runs at every release: names carry a content hash and browsers may keep them a year.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "config.statisch.Statisch"}}
WHITENOISE_USE_FINDERS = False

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# "__Host-": the browser takes this cookie only over https, for this host alone, never from a subdomain.
SESSION_COOKIE_NAME = "__Host-sessionid"
SECURE_CONTENT_TYPE_NOSNIFF = True
# HSTS: browsers use only https for a year. Subdomains and the preload list are the municipality's call
# (other hosts under the same domain must all speak https first), so they are opt-in.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's and monitoring's probes speak plain http to the app server itself.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid$", r"^gereed$"]

# Behind the reverse proxy (docs/production.md) TLS ends at the proxy: it tells us with X-Forwarded-Proto,
# and it must overwrite that header from clients. Only when we are told which proxies to trust
# (TRUSTED_PROXIES) do we believe it; without a proxy the header is ignored.
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The origins a form may be posted from: the public address (PORTAAL_URL), plus any the proxy serves
# under another name. Without it a login through a proxy on another address fails "Origin checking".
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", PORTAAL_URL)

# No mock defaults for the DSO connection: unset, the client refuses to run and the webhook refuses
# every notification (docs/dso-koppeling.md explains how to obtain each value).
DSO_BASIS_URL = os.environ.get("DSO_BASIS_URL", "")
DSO_API_SLEUTEL = os.environ.get("DSO_API_SLEUTEL", "")
DSO_WEBHOOK_GEHEIM = os.environ.get("DSO_WEBHOOK_GEHEIM", "")
