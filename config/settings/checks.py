"""The rules production settings must meet; kept apart so they can be tested without tripping them."""

from django.core.exceptions import ImproperlyConfigured

from config.settings import DEFAULT_SECRET_KEY


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
