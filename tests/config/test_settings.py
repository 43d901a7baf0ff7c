"""Production refuses unsafe settings."""

import json
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from config.settings import DEFAULT_SECRET_KEY
from config.settings.checks import check_production_settings
from tests.support.paden import ROOT

GOOD_KEY = "q3V9-zL2xT7_pK0mWc4RbN8sYh1uJ6eGdA5fIoE-rH2tZ9vXk_Bn"  # noqa: S105 (a test key)


@pytest.mark.parametrize(
    ("debug", "key", "hosts", "fragment"),
    [
        (True, GOOD_KEY, ["loket.denhelder.nl"], "DEBUG"),
        (False, DEFAULT_SECRET_KEY, ["loket.denhelder.nl"], "SECRET_KEY"),
        (False, "", ["loket.denhelder.nl"], "SECRET_KEY"),
        (False, GOOD_KEY, [], "ALLOWED_HOSTS"),
        # Issue 13 point 10: 32 times one character used to pass.
        (False, "a" * 32, ["loket.denhelder.nl"], "te zwak"),
        (False, "ab" * 40, ["loket.denhelder.nl"], "te zwak"),
        (False, "django-insecure-" + GOOD_KEY, ["loket.denhelder.nl"], "te zwak"),
    ],
)
def test_production_refuses_unsafe_settings(debug, key, hosts, fragment):
    with pytest.raises(ImproperlyConfigured, match=fragment):
        check_production_settings(debug, key, hosts)


def test_production_accepts_safe_settings():
    check_production_settings(False, GOOD_KEY, ["loket.denhelder.nl"])


def _import_production(env):
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_module_will_not_load_without_explicit_settings():
    result = _import_production({})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is leeg" in result.stderr and "SECRET_KEY" in result.stderr


def test_production_module_loads_with_explicit_settings():
    result = _import_production(
        {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "loket.denhelder.nl", "DEBUG": "false"}
    )
    assert result.returncode == 0, result.stderr


def _productie_waarden(env, namen):
    code = "import json, config.settings.production as p; print(json.dumps({n: getattr(p, n, None) for n in %r}))"
    result = subprocess.run(
        [sys.executable, "-c", code % (namen,)],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "loket.example", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_productie_achter_proxy_kent_https_en_de_publieke_origin():
    namen = ["SECURE_PROXY_SSL_HEADER", "CSRF_TRUSTED_ORIGINS", "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT"]
    waarden = _productie_waarden(
        {"TRUSTED_PROXIES": "10.0.0.5", "PORTAAL_URL": "https://loket.example"}, namen
    )
    assert waarden == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "CSRF_TRUSTED_ORIGINS": ["https://loket.example"],
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
    }
    # Without a proxy to trust, nobody's X-Forwarded-Proto is believed.
    assert _productie_waarden({}, ["SECURE_PROXY_SSL_HEADER"]) == {"SECURE_PROXY_SSL_HEADER": None}


def _inloggen_via_proxy(host):
    """The proxy ends TLS and forwards plain http; the browser posts from https://loket.example."""
    headers = {"HTTP_HOST": host, "HTTP_X_FORWARDED_PROTO": "https", "REMOTE_ADDR": "10.0.0.5"}
    client = Client(enforce_csrf_checks=True)
    client.get("/backoffice/inloggen", **headers)
    data = {
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        "username": "niemand",
        "password": "fout",
    }
    origin = {
        "HTTP_ORIGIN": "https://loket.example",
        "HTTP_REFERER": "https://loket.example/backoffice/inloggen",
    }
    # 200 is the form again with "wrong password": the CSRF checks passed.
    return client.post("/backoffice/inloggen", data, **headers, **origin).status_code


@pytest.mark.django_db
def test_inloggen_via_de_proxy_haalt_de_origin_controle(settings):
    settings.ALLOWED_HOSTS = ["loket.example", "web.intern"]
    settings.CSRF_TRUSTED_ORIGINS = []
    settings.SECURE_PROXY_SSL_HEADER = None
    assert _inloggen_via_proxy("loket.example") == 403  # before: "Origin checking failed"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert _inloggen_via_proxy("loket.example") == 200
    # A proxy that forwards to the app under another host name needs the public origin listed.
    assert _inloggen_via_proxy("web.intern") == 403
    settings.CSRF_TRUSTED_ORIGINS = ["https://loket.example"]
    assert _inloggen_via_proxy("web.intern") == 200


def test_productie_sessiecookie_alleen_over_https_en_voor_deze_host():
    waarden = _productie_waarden(
        {}, ["SESSION_COOKIE_NAME", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY"]
    )
    assert waarden == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
    }
