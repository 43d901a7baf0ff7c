"""Production: the same settings with safe defaults, and a refusal to start when they are unsafe."""

import os

from django.core.exceptions import ImproperlyConfigured

from loket.settings import *  # noqa: F403
from loket.settings import DEFAULT_SECRET_KEY, env_bool, env_list

# Unlike development, production has no friendly defaults: what is not set explicitly is refused.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")


def check_production_settings(debug: bool, secret_key: str, allowed_hosts: list[str]) -> None:
    problems = []
    if debug:
        problems.append("DEBUG staat aan; zet DEBUG=false")
    if not secret_key or secret_key == DEFAULT_SECRET_KEY or len(secret_key) < 32:
        problems.append("SECRET_KEY ontbreekt, is de standaardwaarde of is korter dan 32 tekens")
    if not allowed_hosts:
        problems.append("ALLOWED_HOSTS is leeg")
    if problems:
        raise ImproperlyConfigured("Productie-instellingen zijn onveilig: " + "; ".join(problems))


check_production_settings(DEBUG, SECRET_KEY, ALLOWED_HOSTS)

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True
