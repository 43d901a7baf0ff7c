"""The rules production settings must meet; kept apart so they can be tested without tripping them."""

from django.core.exceptions import ImproperlyConfigured

from config.settings import DEFAULT_SECRET_KEY


def check_production_settings(debug: bool, secret_key: str, allowed_hosts: list[str]) -> None:
    problems = []
    if debug:
        problems.append("DEBUG staat aan; zet DEBUG=false")
    if not secret_key or secret_key == DEFAULT_SECRET_KEY:
        problems.append("SECRET_KEY ontbreekt of is de standaardwaarde")
    elif len(secret_key) < 50 or len(set(secret_key)) < 5 or secret_key.startswith("django-insecure-"):
        # Django's own measure (check security.W009): long enough, and not one character repeated.
        problems.append(
            "SECRET_KEY is te zwak: neem minstens 50 willekeurige tekens, bijvoorbeeld van "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`"
        )
    if not allowed_hosts:
        problems.append("ALLOWED_HOSTS is leeg")
    if problems:
        raise ImproperlyConfigured("Productie-instellingen zijn onveilig: " + "; ".join(problems))
