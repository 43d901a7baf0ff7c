"""The client address behind a reverse proxy: X-Forwarded-For counts only when a trusted proxy sends it."""

import pytest
from django.test import RequestFactory

from kern.netwerk import client_ip

rf = RequestFactory()


def verzoek(remote, xff=None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **extra)


def test_zonder_proxies_telt_alleen_remote_addr(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(verzoek("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize("xff", ["198.51.100.1", "198.51.100.1, 10.0.0.5", "onzin", ""])
def test_vervalste_header_van_onvertrouwd_adres_verandert_niets(settings, xff):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(verzoek("203.0.113.7", xff)) == "203.0.113.7"


def test_vertrouwde_proxy_geeft_het_clientadres(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_ip(verzoek("10.0.0.5", "198.51.100.1")) == "198.51.100.1"


def test_wat_de_client_zelf_vooraan_zet_wordt_niet_geloofd(settings):
    # The client sent "X-Forwarded-For: 1.2.3.4"; our proxy appended the address it really saw.
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert client_ip(verzoek("10.0.0.5", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def test_keten_van_vertrouwde_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    assert client_ip(verzoek("10.0.0.5", "1.2.3.4, 198.51.100.1, 2001:db8::1, 10.1.1.1")) == "198.51.100.1"


def test_ongeldige_hop_laat_het_laatste_geverifieerde_adres_staan(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(verzoek("10.0.0.5", "198.51.100.1, onzin")) == "10.0.0.5"


def test_alleen_proxies_in_de_keten(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(verzoek("10.0.0.5", "10.0.0.9")) == "10.0.0.9"
