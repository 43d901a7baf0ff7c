"""The shared rate limit: counted per kind and client in PostgreSQL, and not fooled by a spoofed header."""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from kern import ratelimit
from kern.models import Verzoekteller

pytestmark = pytest.mark.django_db
rf = RequestFactory()


def verzoek(remote, xff=None):
    extra = {"REMOTE_ADDR": remote}
    if xff:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return rf.post("/", **extra)


def test_telt_per_soort_en_client(settings):
    settings.TRUSTED_PROXIES = []
    a = verzoek("203.0.113.7")
    assert [ratelimit.tel(a, "melden", 2) for _ in range(3)] == [True, True, False]
    assert ratelimit.tel(a, "zoeken", 2)  # another kind has its own count
    assert ratelimit.tel(verzoek("203.0.113.8"), "melden", 2)  # another client too
    assert all("203.0.113" not in t.sleutel for t in Verzoekteller.objects.all())


def test_vervalste_forwarded_for_van_onvertrouwd_adres_ontloopt_de_limiet_niet(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    uitkomsten = [ratelimit.tel(verzoek("203.0.113.7", f"198.51.100.{i}"), "melden", 2) for i in range(4)]
    assert uitkomsten == [True, True, False, False]


def test_achter_de_proxy_telt_elke_client_apart(settings):
    # Without the trusted proxy setting, every client would share the proxy's address and its count.
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    for i in range(4):
        assert ratelimit.tel(verzoek("10.0.0.5", f"198.51.100.{i}"), "melden", 1)
    assert not ratelimit.tel(verzoek("10.0.0.5", "198.51.100.0"), "melden", 1)


def test_ruim_op_verwijdert_alleen_oude_vensters(settings):
    ratelimit.tel(verzoek("203.0.113.7"), "melden", 5)
    Verzoekteller.objects.create(sleutel="x", venster=timezone.now() - timedelta(hours=2), aantal=3)
    assert ratelimit.ruim_op() == 1
    assert Verzoekteller.objects.count() == 1
