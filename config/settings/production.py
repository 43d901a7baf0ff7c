"""Production: the same settings with safe defaults, and a refusal to start when they are unsafe."""

import os

from config.settings import *  # noqa: F403
from config.settings import DEV_APPS, INSTALLED_APPS, env_bool, env_list
from config.settings.checks import check_production_settings

# Unlike development, production has no friendly defaults: what is not set explicitly is refused.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")

check_production_settings(DEBUG, SECRET_KEY, ALLOWED_HOSTS)

# Development commands never run against production, even from a checkout.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in DEV_APPS]

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True

# No mock defaults for the DSO connection: unset, the client refuses to run and the webhook refuses
# every notification (docs/dso-koppeling.md explains how to obtain each value).
DSO_BASIS_URL = os.environ.get("DSO_BASIS_URL", "")
DSO_API_SLEUTEL = os.environ.get("DSO_API_SLEUTEL", "")
DSO_WEBHOOK_GEHEIM = os.environ.get("DSO_WEBHOOK_GEHEIM", "")
