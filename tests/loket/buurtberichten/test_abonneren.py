"""Subscribing without an account: the no-map path, double opt-in, the daily cap on confirmation
mails, the rate limit per client IP, cleaning up unconfirmed subscriptions after 48 hours."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from loket.buurtberichten import abonnementen, matching, verspreiding
from loket.buurtberichten.mails import SOORT_BERICHT, SOORT_BEVESTIGING
from loket.buurtberichten.models import Abonnement, Bevestigingsteller, Bezorging, Gebied
from tests.loket.buurtberichten.helpers import ADRES_12A, BIJ_12A, bericht, geplande_mails

pytestmark = pytest.mark.django_db


def formulier(**extra) -> dict:
    return {
        "email": "bewoner@example.org",
        "gebied_soort": "adres",
        "adres": "Keizerstraat 12a",
        "straal": "250",
        "onderwerpen": ["werkzaamheden", "evenement"],
        "frequentie": "direct",
        "toestemming": "ja",
        **extra,
    }


def bevestiglink(mail: dict) -> str:
    return re.search(r"http\S+/buurtberichten/bevestig/\S+", mail["tekst"]).group(0)


def test_startpagina_zonder_kaart_compleet(client, buurt):
    r = client.get("/buurtberichten/")
    assert r.status_code == 200
    html = r.content.decode()
    for veld in (
        'name="adres"',
        'name="straal"',
        'name="buurt"',
        'name="wijk"',
        'name="email"',
        'name="toestemming"',
    ):
        assert veld in html
    assert "Centrum" in html and "Binnenstad" in html and "Havenkwartier" in html
    assert 'value="3000"' in html and 'value="100"' in html


def test_aanmelden_met_getypt_adres_en_pas_na_bevestiging_berichten(client, buurt):
    r = client.post("/buurtberichten/", formulier())
    assert r.status_code == 302 and r["Location"] == "/buurtberichten/aangemeld"
    abonnement = Abonnement.objects.get()
    assert abonnement.bevestigd_op is None and abonnement.bron.startswith("website")
    gebied = abonnement.gebieden.get()
    assert (
        gebied.soort == Gebied.Soort.ADRES
        and gebied.straal_m == 250
        and "Keizerstraat 12a" in gebied.omschrijving
    )
    [mail] = geplande_mails(SOORT_BEVESTIGING)
    assert mail["aan"] == "bewoner@example.org" and "48 uur" in mail["tekst"] and mail["html"]

    # Before confirmation nothing reaches this address, not even a matching bericht.
    b = bericht()
    verspreiding.verspreid(b.pk)
    assert not Bezorging.objects.exists()

    link = bevestiglink(mail)
    pad = link[link.index("/buurtberichten/") :]
    assert client.get(pad).status_code == 200  # a mail scanner opening the link confirms nothing
    abonnement.refresh_from_db()
    assert abonnement.bevestigd_op is None
    r = client.post(pad)
    assert r.status_code == 302 and f"/buurtberichten/beheer/{abonnement.token}" in r["Location"]
    abonnement.refresh_from_db()
    assert abonnement.bevestigd_op is not None
    tweede = bericht(titel="Tweede bericht")
    verspreiding.verspreid(tweede.pk)
    verspreiding.mail_direct(tweede.pk)
    [bezorgd] = geplande_mails(SOORT_BERICHT)
    assert bezorgd["onderwerp"] == "Buurtbericht: Tweede bericht"


def test_aanmelden_met_buurt_en_met_adres_id(client, buurt):
    assert (
        client.post("/buurtberichten/", formulier(gebied_soort="buurt", buurt=buurt, adres="")).status_code
        == 302
    )
    assert (
        client.post("/buurtberichten/", formulier(adres_id=ADRES_12A, adres="", straal="3000")).status_code
        == 302
    )
    assert sorted(Gebied.objects.values_list("soort", flat=True)) == ["adres", "buurt"]
    assert matching.bereik(BIJ_12A, "werkzaamheden") == 0  # none confirmed yet


def test_buurt_gekozen_zonder_het_rondje_ervoor(client, buurt):
    """A resident picks a buurt from the list but leaves the radio on "Rond een adres" (the address
    field empty): what they filled in counts, instead of "Kies een buurt" for a buurt they chose."""
    r = client.post("/buurtberichten/", formulier(gebied_soort="adres", adres="", buurt=buurt))
    assert r.status_code == 302
    assert Gebied.objects.get().code == buurt
    # With an address typed as well, the radio decides.
    client.post("/buurtberichten/", formulier(email="twee@example.org", buurt=buurt))
    assert Gebied.objects.filter(soort=Gebied.Soort.ADRES).count() == 1


@pytest.mark.parametrize(
    ("extra", "code_tekst"),
    [
        ({"toestemming": ""}, "vinkje"),
        ({"email": "geen-adres"}, "e-mailadres klopt niet"),
        ({"onderwerpen": []}, "minstens één onderwerp"),
        ({"straal": "5000"}, "100 tot 3000 meter"),
        ({"adres": "Nergensstraat 999"}, "vinden dit adres niet"),
        ({"gebied_soort": "buurt", "buurt": "", "adres": ""}, "Kies een adres"),
    ],
)
def test_foute_invoer_geweigerd_en_niets_bewaard(client, buurt, extra, code_tekst):
    r = client.post("/buurtberichten/", formulier(**extra))
    assert r.status_code == 400
    assert code_tekst in r.content.decode()
    assert not Abonnement.objects.exists() and not geplande_mails()


def test_hoogstens_enkele_bevestigingsmails_per_adres_per_dag(client, buurt, settings):
    settings.BUURTBERICHTEN_BEVESTIGINGEN_PER_DAG = 3
    antwoorden = [client.post("/buurtberichten/", formulier(email="Buur@Example.org")) for _ in range(5)]
    # The same answer every time, so nobody learns whether an address is known...
    assert {r["Location"] for r in antwoorden} == {"/buurtberichten/aangemeld"}
    # ...but the neighbour's mailbox gets three, and nothing more is stored.
    assert len(geplande_mails(SOORT_BEVESTIGING)) == 3
    assert Abonnement.objects.count() == 3
    assert Bevestigingsteller.objects.get().sleutel != "buur@example.org"


def test_rate_limit_per_client_ip(client, buurt, settings):
    settings.BUURTBERICHTEN_MAX_PER_UUR = 2
    for i in range(2):
        assert client.post("/buurtberichten/", formulier(email=f"a{i}@example.org")).status_code == 302
    r = client.post("/buurtberichten/", formulier(email="a9@example.org"))
    assert r.status_code == 429 and "te vaak" in r.content.decode()
    # Another client (another REMOTE_ADDR) is not held up.
    assert (
        client.post("/buurtberichten/", formulier(email="b@example.org"), REMOTE_ADDR="10.0.0.9").status_code
        == 302
    )


def test_honeypot(client, buurt):
    assert client.post("/buurtberichten/", formulier(website="http://spam")).status_code == 302
    assert not Abonnement.objects.exists()


def test_onbevestigd_na_48_uur_gewist(buurt):
    oud = abonnementen.abonneer(
        "oud@example.org",
        [abonnementen_gebied()],
        abonnementen.Voorkeuren(["werkzaamheden"], "direct"),
        "test",
    )
    abonnementen.abonneer(
        "nieuw@example.org",
        [abonnementen_gebied()],
        abonnementen.Voorkeuren(["werkzaamheden"], "direct"),
        "test",
    )
    bevestigd = abonnementen.abonneer(
        "ja@example.org",
        [abonnementen_gebied()],
        abonnementen.Voorkeuren(["werkzaamheden"], "direct"),
        "test",
    )
    abonnementen.bevestig(bevestigd.bevestig_token)
    Abonnement.objects.filter(pk__in=[oud.pk, bevestigd.pk]).update(
        aangemaakt=timezone.now() - timedelta(hours=49)
    )
    assert abonnementen.ruim_onbevestigd_op() == 1
    assert set(Abonnement.objects.values_list("email", flat=True)) == {"nieuw@example.org", "ja@example.org"}
    assert not Gebied.objects.filter(abonnement_id=oud.pk).exists()


def test_bevestigen_met_onbekende_link(client, buurt):
    r = client.post("/buurtberichten/bevestig/onzin")
    assert r.status_code == 404 and "werkt niet" in r.content.decode()


def abonnementen_gebied():
    from loket.buurtberichten import gebieden

    return gebieden.rond_adres(ADRES_12A, 250)
