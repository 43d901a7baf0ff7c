"""Melden through the API and the plain form: enrichment, routing to a team, refusals with a clear
problem+json and nothing stored."""

import pytest

from loket.meldingen import services
from loket.meldingen.models import Melding
from loket.zaken.models import Gebeurtenis, Zaak
from tests.loket.meldingen.helpers import PUNT_LL, PUNT_RD, melding_data
from tests.support.factories import BgtObjectFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db


def test_melden_verrijkt_routeert_en_legt_vast(adressen, meld):
    r = meld()
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["referentie"].startswith("MOR-") and body["status"] == "Gemeld"
    assert f"/meldingen/volgen/{body['token']}" in body["volg_url"]
    zaak = Zaak.objects.get(referentie=body["referentie"])
    assert zaak.adres == "Keizerstraat 12a, 1781AB Den Helder"
    assert (zaak.buurtcode, zaak.buurtnaam) == ("BU04000102", "Centrum")
    assert zaak.behandelend_team.code == "wegen"
    assert (zaak.uiterlijke_einddatum - zaak.startdatum).days == 14  # the category's termijn
    assert zaak.locatie_openbaar.x % 10 == 0 and zaak.locatie_openbaar.y % 10 == 0
    assert Gebeurtenis.objects.filter(zaak=zaak, soort="zaak.aangemaakt").exists()


def test_melden_in_wgs84_en_via_adres(adressen, meld):
    assert meld(x=PUNT_LL[0], y=PUNT_LL[1], crs="wgs84").status_code == 201
    r = meld(x=None, y=None, adres_id="adres-0400200000000002")
    assert r.status_code == 201, r.content
    assert Zaak.objects.get(referentie=r.json()["referentie"]).adres.startswith("Keizerstraat 14")


def test_melden_op_bgt_object(adressen, meld):
    from kern.crs import RD_NEW

    x, y = PUNT_RD
    BgtObjectFactory(
        objecttype="wegdeel", lokaal_id="G0400.1", functie="voetpad", bbox=(x - 5, y - 5, x + 5, y + 5)
    )
    zaak = Zaak.objects.get(referentie=meld().json()["referentie"])
    assert (zaak.bgt_objecttype, zaak.bgt_functie, zaak.bgt_lokaal_id) == ("wegdeel", "voetpad", "G0400.1")
    assert zaak.geometrie.srid == RD_NEW


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"x": 90000, "y": 450000}, "buiten_gemeente"),  # Utrecht: outside the municipality's box
        ({"x": 113900, "y": 553900}, "buiten_gemeente"),  # inside the box, outside every buurt
        ({"x": 4.9, "y": 152.3, "crs": "wgs84"}, "buiten_crs"),
        ({"x": None, "y": None}, "locatie_ontbreekt"),
        ({"adres_id": "adres-0400209999999999", "x": None, "y": None}, "adres_onbekend"),
        ({"categorie": "bestaat-niet"}, "categorie_onbekend"),
        ({"categorie": "wegen-en-verkeer"}, "categorie_onbekend"),  # a hoofdcategorie is not enough
        ({"omschrijving": "Kijk <script>alert(1)</script>"}, "tekst_ongeldig"),
        ({"omschrijving": "Klik <a href=x>hier</a>"}, "tekst_ongeldig"),
        ({"omschrijving": "x"}, "tekst_te_kort"),
        ({"email": "iemand@example.org"}, "toestemming_ontbreekt"),
        ({"email": "geen-adres", "toestemming": True}, "email_ongeldig"),
        ({"telefoon": "<b>06</b>", "toestemming": True}, "telefoon_ongeldig"),
        ({"website": "http://spam.example"}, "invoer_ongeldig"),  # the honeypot
    ],
)
def test_foute_invoer_geeft_probleem_en_slaat_niets_op(adressen, meld, extra, code):
    r = meld(**extra)
    assert r.status_code == 400, r.content
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["code"] == code
    assert not Zaak.objects.exists() and not Melding.objects.exists()


def test_te_lange_tekst_geweigerd(adressen, meld):
    r = meld(omschrijving="a" * 1001)
    assert r.status_code == 400 and r.json()["code"] == "invoer_ongeldig"
    assert not Zaak.objects.exists()


def test_tekst_wordt_als_tekst_bewaard_en_ge_escaped(adressen, meld, client, teams):
    r = meld(omschrijving='Tegel los & "gevaarlijk" voor 12a')
    client.force_login(MedewerkerFactory(username="wim", teams=[teams["wegen"]]))
    html = client.get(f"/backoffice/{r.json()['referentie']}").content.decode()
    assert "Tegel los &amp; &quot;gevaarlijk&quot; voor 12a" in html


def test_formulier_zonder_javascript_met_getypt_adres(adressen, client):
    r = client.get("/meldingen/nieuw")
    assert r.status_code == 200 and "Losse stoeptegel" in r.content.decode()
    data = melding_data(x="", y="", adres="Keizerstraat 14")
    r = client.post("/meldingen/nieuw", data)
    assert r.status_code == 302, r.content.decode()[:2000]
    assert "/meldingen/volgen/" in r["Location"]
    assert Zaak.objects.get().adres.startswith("Keizerstraat 14")


def test_formulier_fout_toont_melding_en_bewaart_niets(adressen, client):
    r = client.post("/meldingen/nieuw", melding_data(omschrijving="<script>x</script>"))
    assert r.status_code == 400
    assert "geen HTML of code" in r.content.decode()
    assert "<script>x</script>" not in r.content.decode()
    assert not Zaak.objects.exists()


def test_categorieen_boom(client, db):
    boom = client.get("/api/meldingen/categorieen").json()
    namen = {h["naam"]: [s["naam"] for s in h["subcategorieen"]] for h in boom}
    assert "Losse stoeptegel" in namen["Wegen en verkeer"] and "Lamp kapot" in namen["Straatverlichting"]
    assert {"Afval", "Groen", "Overlast"} <= set(namen)


def test_voorbeeldmeldingen_zonder_adressen_en_eenmalig(db, adressen):
    from django.core.management import call_command

    call_command("load_sample_meldingen")  # three addresses are too few: nothing made
    assert not Zaak.objects.exists()
    services.meld(services.Invoer("zwerfvuil", "Vuil op straat.", *PUNT_RD))
    call_command("load_sample_meldingen")
    assert Zaak.objects.count() == 1
