"""Issue 13 point 4: the staff login limits attempts per account (from one client) and per client IP,
a lock lifts by itself and never shuts out a colleague elsewhere; DRF's Basic authentication is off;
staff may add a second factor (TOTP); the session is renewed at login and ends with the browser."""

import base64
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.factories import GebruikerFactory

pytestmark = pytest.mark.django_db

WACHTWOORD = "een-lang-goed-wachtwoord-42"  # noqa: S105
AANVALLER, COLLEGA = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def medewerker():
    return GebruikerFactory(username="mw", is_staff=True, password=WACHTWOORD)


def inloggen(client, gebruiker="mw", wachtwoord=WACHTWOORD, ip=AANVALLER, **extra):
    return client.post(
        "/backoffice/inloggen",
        {"username": gebruiker, "password": wachtwoord, **extra},
        REMOTE_ADDR=ip,
    )


def ingelogd(client) -> bool:
    return client.get("/backoffice/").status_code == 200


def code(apparaat: TOTPDevice, stap: int = 0) -> str:
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = timezone.now().timestamp() + stap * apparaat.step
    return f"{totp.token():0{apparaat.digits}d}"


def test_dertig_foute_wachtwoorden_dan_het_goede_geeft_geen_toegang(client, medewerker, settings):
    """Before: 30 wrong passwords, then the right one gave a session."""
    for _ in range(30):
        r = inloggen(client, wachtwoord="fout")
    assert r.status_code == 429 and int(r["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "Probeer het over 15 minuten opnieuw" in r.content.decode()
    r = inloggen(client)
    assert r.status_code == 429 and not ingelogd(client)


def test_slot_per_ip_over_accounts_heen_en_niet_te_omzeilen_met_forwarded_for(client, medewerker):
    for naam in ("a", "b", "c", "d", "e"):
        inloggen(client, gebruiker=naam, wachtwoord="fout")
    # Another name, a made-up X-Forwarded-For (no proxy is trusted): still the same client.
    r = client.post(
        "/backoffice/inloggen",
        {"username": "mw", "password": WACHTWOORD},
        REMOTE_ADDR=AANVALLER,
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert r.status_code == 429


def test_een_collega_wordt_nooit_voor_altijd_buitengesloten(client, medewerker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        inloggen(client, wachtwoord="fout")
    assert inloggen(client).status_code == 429
    # The same account from the colleague's own computer: not locked by what the attacker did.
    collega = client.__class__()
    assert inloggen(collega, ip=COLLEGA).status_code == 302 and ingelogd(collega)
    # And the lock lifts by itself after the cool-off.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert inloggen(client).status_code == 302 and ingelogd(client)


def test_basic_authentication_staat_uit(client, medewerker):
    basic = "Basic " + base64.b64encode(f"mw:{WACHTWOORD}".encode()).decode()
    r = client.get("/api/backoffice/meldingen", HTTP_AUTHORIZATION=basic)
    assert r.status_code in (401, 403)
    assert r["Content-Type"].startswith("application/problem+json")
    client.force_login(medewerker)
    assert client.get("/api/backoffice/meldingen").status_code == 200


def test_tweede_factor_instellen_en_dan_verplicht_bij_inloggen(client, medewerker):
    assert inloggen(client).status_code == 302
    pagina = client.get("/backoffice/tweede-factor")
    assert pagina.status_code == 200
    apparaat = TOTPDevice.objects.get(user=medewerker, confirmed=False)
    assert "otpauth://totp/" in pagina.content.decode()
    assert client.post("/backoffice/tweede-factor", {"code": "000000"}).status_code == 200
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    time.sleep(1.1)  # django-otp holds the next try back a second after a wrong code
    r = client.post("/backoffice/tweede-factor", {"code": code(apparaat)})
    assert r.status_code == 302 and TOTPDevice.objects.get().confirmed
    client.post("/backoffice/uitloggen")

    # Now the password alone is not enough, and a wrong code counts as a failed attempt.
    r = inloggen(client)
    assert r.status_code == 200 and "Vul ook de code uit uw app in" in r.content.decode()
    r = inloggen(client, code="123456")
    assert r.status_code == 200 and "De code klopt niet" in r.content.decode()
    assert AccessAttempt.objects.get(username="mw").failures_since_start == 1
    time.sleep(1.1)
    r = inloggen(client, code=code(apparaat, stap=1))
    assert r.status_code == 302 and ingelogd(client)


def test_sessie_zonder_tweede_factor_telt_niet_voor_wie_er_een_heeft(client, medewerker):
    """A session made some other way (here: force_login) is not verified: the backoffice refuses it."""
    TOTPDevice.objects.create(user=medewerker, name="app", confirmed=True)
    client.force_login(medewerker)
    assert client.get("/backoffice/")["Location"].startswith("/backoffice/inloggen")


def test_sessie_nieuw_bij_inloggen_en_eindigt_met_de_browser(client, medewerker, settings):
    client.get("/backoffice/inloggen")
    client.cookies["sessionid"] = "vastgezet-door-een-aanvaller"
    r = inloggen(client)
    cookie = r.cookies["sessionid"]
    assert cookie.value != "vastgezet-door-een-aanvaller"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_beheer_inloggen_gaat_via_de_ene_login(client):
    r = client.get("/beheer/login/?next=/beheer/")
    assert r.status_code == 302 and r["Location"] == "/backoffice/inloggen?next=/beheer/"
