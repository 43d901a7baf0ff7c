"""Berichten from the outbox (own consumer cursor): a vergunningaanvraag and its besluit with the end
of the bezwaartermijn; meldingen aggregated per street and day; new omgevingsplan versions over
their werkingsgebied; an event that cannot be handled is parked with its reason, the rest goes on."""

from datetime import date, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.utils import timezone

from kern.crs import RD_NEW
from loket.buurtberichten import uit_outbox
from loket.buurtberichten.models import Bericht, Meldingendag, Onderwerp, Parkeerplaats
from loket.zaken import services
from loket.zaken.models import Zaaktype
from tests.support.adressen import NUM_12A, NUM_SPOOR
from tests.support.factories import rechthoek
from tests.support.outbox import wacht_tot_gebeurtenissen_vrij
from toepasbare_regels.omgevingsplan.models import Locatie, Regeling, RegelingVersie

pytestmark = pytest.mark.django_db(transaction=True)


def lees():
    wacht_tot_gebeurtenissen_vrij()
    return uit_outbox.lees_outbox()


def aanvraag(x=113005, y=553005, geometrie=True):
    zaak = services.maak_zaak(
        Zaaktype.objects.get(code="vergunningaanvraag"),
        omschrijving="Jan Jansen wil een dakkapel",  # a name: it must never reach a bericht
        geometrie=Point(x, y, srid=RD_NEW) if geometrie else None,
        verrijking={
            "adres": "Keizerstraat 12a, 1781AB Den Helder",
            "buurtcode": "BU04000102",
            "buurtnaam": "Centrum",
        },
        bron="dso",
        externe_identificatie=f"V{x}{y}{geometrie}",
    )
    services.gebeurtenis(
        "dso.verzoek_ontvangen", zaak, verzoeknummer=zaak.externe_identificatie, type="aanvraag"
    )
    return zaak


def test_aanvraag_en_besluit_met_bezwaartermijn(buurt, settings):
    zaak = aanvraag()
    assert lees() >= 2
    [b] = Bericht.objects.filter(soort=Onderwerp.VERGUNNINGAANVRAAG)
    assert b.titel == "Aanvraag omgevingsvergunning: Keizerstraat 12a" and zaak.referentie in b.tekst
    assert "Jan" not in b.tekst and "Jansen" not in b.titel and b.geom.equals(zaak.geometrie)

    services.wijzig_status(zaak, "in_behandeling")
    services.wijzig_status(zaak, "besluit_genomen")
    lees()
    [besluit] = Bericht.objects.filter(soort=Onderwerp.BESLUIT)
    vandaag = timezone.localdate()
    assert besluit.begin == vandaag and besluit.eind == vandaag + timedelta(days=42)
    einde = besluit.eind
    assert f"tot en met {einde.day}-{einde.month}-{einde.year}" in besluit.tekst
    # Read again (a rerun of the job): nothing new.
    assert lees() == 0 and Bericht.objects.count() == 2


def test_onverwerkbare_gebeurtenis_geparkeerd_de_rest_gaat_door(buurt):
    zonder_plek = aanvraag(geometrie=False)
    goed = aanvraag(113010, 553010)
    lees()
    [parkeer] = Parkeerplaats.objects.all()
    assert parkeer.soort == "dso.verzoek_ontvangen" and "zaak_zonder_plek" in parkeer.reden
    assert zonder_plek.referentie in parkeer.reden
    assert Bericht.objects.filter(bron_sleutel=f"vergunningaanvraag:{goed.referentie}").exists()


def melding(nummeraanduiding, x, y, afhandelen=False):
    zaak = services.maak_zaak(
        Zaaktype.objects.get(code="melding-openbare-ruimte"),
        omschrijving="Losse tegel, bel me op 06-12345678",
        geometrie=Point(x, y, srid=RD_NEW),
        locatie_openbaar=Point(round(x, -1), round(y, -1), srid=RD_NEW),
        verrijking={"nummeraanduiding": nummeraanduiding, "buurtcode": "BU04000102", "buurtnaam": "Centrum"},
    )
    if afhandelen:
        services.wijzig_status(zaak, "afgehandeld")
    return zaak


def test_meldingen_per_straat_en_dag_samengevoegd(buurt):
    melding(NUM_12A, 113003, 553004, afhandelen=True)
    melding(NUM_12A, 113021, 553008)
    melding(NUM_SPOOR, 113496, 553497)
    lees()
    tellingen = {
        t.straatnaam: (t.aangemaakt, t.afgehandeld, len(t.punten)) for t in Meldingendag.objects.all()
    }
    assert tellingen == {"Keizerstraat": (2, 1, 3), "Spoorstraat": (1, 0, 1)}
    assert not Bericht.objects.exists()  # nobody gets a mail per pothole: only after the day
    assert uit_outbox.publiceer_meldingendagen(vandaag=timezone.localdate()) == 0
    morgen = timezone.localdate() + timedelta(days=1)
    assert uit_outbox.publiceer_meldingendagen(vandaag=morgen) == 2
    keizer = Bericht.objects.get(titel__startswith="Meldingen in Keizerstraat")
    assert "2 nieuwe meldingen en 1 melding afgehandeld" in keizer.tekst
    assert "06-12345678" not in keizer.tekst and keizer.geom.geom_type == "MultiPoint"
    assert all(p.x % 10 == 0 and p.y % 10 == 0 for p in keizer.geom)  # only the rounded public points
    assert uit_outbox.publiceer_meldingendagen(vandaag=morgen) == 0


def test_nieuwe_omgevingsplanversie_over_haar_werkingsgebied(buurt):
    regeling = Regeling.objects.create(
        identificatie="/akn/nl/act/gm0400/2026/plan",
        titel="Omgevingsplan gemeente",
        bevoegd_gezag="gm0400",
        bron="ow",
    )
    versie = RegelingVersie.objects.create(
        regeling=regeling, expressie="v1", begin_geldigheid=date(2026, 7, 1), vingerafdruk="x"
    )
    Locatie.objects.create(
        versie=versie,
        identificatie="gebied-1",
        soort="gebied",
        geom=rechthoek(112900, 552900, 113100, 553100),
    )
    Locatie.objects.create(
        versie=versie,
        identificatie="gebied-2",
        soort="gebied",
        geom=rechthoek(113100, 553100, 113200, 553300),
    )
    assert uit_outbox.lees_omgevingsplan() == 1
    [b] = Bericht.objects.filter(soort=Onderwerp.OMGEVINGSPLAN)
    assert "1-7-2026" in b.tekst and b.begin == date(2026, 7, 1)
    assert b.geom.contains(Point(113000, 553000, srid=RD_NEW)) and not b.geom.intersects(
        Point(113500, 553500, srid=RD_NEW)
    )
    assert uit_outbox.lees_omgevingsplan() == 0


def test_echte_dso_sync_tegen_het_nagebootste_knooppunt(knooppunt, settings, tmp_path):
    """End to end: the DSO sync makes zaken from the mock knooppunt's verzoeken, the outbox carries
    them to us, and every aanvraag becomes a bericht without the initiatiefnemer's name or e-mail."""
    from dso_koppeling import verzoeken
    from dso_koppeling.models import Verzoek
    from tests.support.knooppunt import maak_client

    settings.MEDIA_ROOT = tmp_path / "media"
    app, url = knooppunt(aantal=10)
    verzoeken.synchroniseer(maak_client(url))
    lees()
    aanvragen = Verzoek.objects.filter(type="aanvraag").select_related("zaak")
    assert aanvragen.exists()
    gemaakt = Bericht.objects.filter(soort=Onderwerp.VERGUNNINGAANVRAAG)
    assert {b.bron_sleutel for b in gemaakt} == {f"vergunningaanvraag:{v.zaak.referentie}" for v in aanvragen}
    alle_tekst = " ".join(f"{b.titel} {b.tekst}" for b in gemaakt)
    for v in app.opslag.verzoeken.values():
        assert (
            v["initiatiefnemer"]["email"] not in alle_tekst and v["initiatiefnemer"]["naam"] not in alle_tekst
        )
    assert not Parkeerplaats.objects.exists()
