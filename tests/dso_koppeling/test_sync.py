"""Verzoeken become zaken: incremental, idempotent, aanvullingen and new versions update, broken XML
is quarantined."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dso_koppeling import verzoeken
from dso_koppeling.models import Aanvulling, Quarantaine, Slot, Synctoestand, Verzoek
from dso_koppeling.vergrendeling import alleen
from loket.zaken.models import Document, Gebeurtenis, Zaak
from tests.support.knooppunt import maak_client

pytestmark = pytest.mark.django_db


def test_eerste_sync_maakt_van_elk_verzoek_een_zaak(knooppunt, media):
    app, url = knooppunt(aantal=12, kapot=1, aanvullingen=2)
    resultaat = verzoeken.synchroniseer(maak_client(url), grootte=5)

    assert resultaat.ok, resultaat.bevindingen
    assert resultaat.telling["nieuw"] == 11
    assert resultaat.telling["aanvulling"] == 2
    assert resultaat.telling["quarantaine"] == 1
    assert Zaak.objects.filter(bron="dso").count() == 11
    assert Synctoestand.objects.get(naam="verzoeken").cursor == len(app.opslag.feed)
    [kapot] = Quarantaine.objects.all()
    assert kapot.code == "xml_onleesbaar" and kapot.verzoeknummer == "V-2026-000012"

    v = Verzoek.objects.select_related("zaak__zaaktype").get(verzoeknummer="V-2026-000003")
    bron = app.opslag.verzoeken["V-2026-000003"]
    assert (
        v.zaak.zaaktype.code
        == {
            "aanvraag": "vergunningaanvraag",
            "melding": "melding-omgevingswet",
            "informatie": "informatie-omgevingswet",
        }[bron["type"]]
    )
    assert v.zaak.externe_identificatie == "V-2026-000003"
    assert (round(v.zaak.geometrie.x, 3), round(v.zaak.geometrie.y, 3)) == tuple(bron["punt"])
    assert v.activiteiten == bron["activiteiten"]
    assert bron["adres"]["straatnaam"] in v.zaak.adres
    # The publishable PDF and every bijlage, as zaak documents.
    assert Document.objects.filter(zaak=v.zaak).count() == 1 + len(bron["bijlagen"])
    assert Document.objects.filter(zaak=v.zaak).first().bestand.read().startswith(b"%PDF-")
    assert Gebeurtenis.objects.filter(soort="dso.verzoek_ontvangen").count() == 11


def test_nog_een_keer_syncen_verandert_niets(knooppunt, media):
    _, url = knooppunt(aantal=8)
    verzoeken.synchroniseer(maak_client(url))
    zaken, documenten = Zaak.objects.count(), Document.objects.count()

    opnieuw = verzoeken.synchroniseer(maak_client(url))
    assert opnieuw.telling["nieuw"] == 0 and opnieuw.telling["paginas"] == 1
    # Even from the start of the feed (cursor lost): same zaken, same documents.
    Synctoestand.objects.update(cursor=0)
    vanaf_nul = verzoeken.synchroniseer(maak_client(url))
    assert vanaf_nul.telling["ongewijzigd"] + vanaf_nul.telling["quarantaine"] == 8 + 3
    assert (Zaak.objects.count(), Document.objects.count()) == (zaken, documenten)


def test_aanvulling_en_nieuwe_versie_werken_de_zaak_bij(knooppunt, media):
    app, url = knooppunt(aantal=6, aanvullingen=0, kapot=0)
    verzoeken.synchroniseer(maak_client(url))
    nummer = "V-2026-000002"
    oud = app.opslag.verzoeken[nummer]["activiteiten"][0]["antwoorden"][0]["antwoord"]
    app.opslag.aanvulling(nummer, 0, "anders dan " + oud)
    app.opslag.nieuwe_versie(nummer, "Gecorrigeerde omschrijving")

    resultaat = verzoeken.synchroniseer(maak_client(url))
    assert (resultaat.telling["aanvulling"], resultaat.telling["bijgewerkt"]) == (1, 1)
    v = Verzoek.objects.get(verzoeknummer=nummer)
    assert v.versie == 2 and v.zaak.omschrijving == "Gecorrigeerde omschrijving"
    assert v.activiteiten[0]["antwoorden"][0]["antwoord"] == "anders dan " + oud
    assert Aanvulling.objects.get().verzoek == v
    assert Zaak.objects.count() == 6


def test_droog_schrijft_niets(knooppunt, media):
    _, url = knooppunt(aantal=5)
    resultaat = verzoeken.synchroniseer(maak_client(url), droog=True)
    assert resultaat.telling["gelezen"] == 5 + 3 - 1 and resultaat.telling["quarantaine"] == 1
    assert not Zaak.objects.exists() and not Quarantaine.objects.exists()
    assert Synctoestand.objects.get(naam="verzoeken").cursor == 0


def test_aanvulling_die_voor_haar_verzoek_komt_wacht_in_quarantaine_en_komt_goed(knooppunt, media):
    app, url = knooppunt(aantal=4, aanvullingen=0, kapot=0)
    # The aanvulling arrives, then the knooppunt republishes its verzoek: the verzoek moves to the end
    # of the feed, after its aanvulling.
    aanvulling = app.opslag.aanvulling("V-2026-000002", 0, "gewijzigd")
    app.opslag.nieuwe_versie("V-2026-000002", "Opnieuw gepubliceerd")

    resultaat = verzoeken.synchroniseer(maak_client(url))
    assert resultaat.telling["quarantaine"] == 1 and resultaat.telling["uit_quarantaine"] == 1
    assert not Quarantaine.objects.exists()
    assert Aanvulling.objects.get().verzoeknummer == aanvulling["verzoeknummer"]
    v = Verzoek.objects.get(verzoeknummer="V-2026-000002")
    assert v.versie == 2 and v.activiteiten[0]["antwoorden"][0]["antwoord"] == "gewijzigd"


def test_verzoek_dat_geen_zaak_kan_worden_gaat_in_quarantaine(knooppunt, media):
    from loket.zaken.models import Zaaktype
    from loket.zaken.services import maak_zaak

    app, url = knooppunt(aantal=3, aanvullingen=0, kapot=0)
    basis = app.opslag.verzoeken["V-2026-000001"]
    buiten = app.opslag.nieuw(
        "aanvraag",
        basis["adres"],
        (155000.0, 463000.0),
        basis["activiteiten"],
        "Utrecht",
        basis["initiatiefnemer"],
    )
    # Someone registered V-2026-000002 by hand already: the zaak core refuses a second one.
    maak_zaak(
        Zaaktype.objects.get(code="vergunningaanvraag"), bron="dso", externe_identificatie="V-2026-000002"
    )

    resultaat = verzoeken.synchroniseer(maak_client(url))
    assert resultaat.ok and resultaat.telling["nieuw"] == 2 and resultaat.telling["quarantaine"] == 2
    redenen = dict(Quarantaine.objects.values_list("verzoeknummer", "code"))
    assert redenen == {buiten["verzoeknummer"]: "buiten_gemeente", "V-2026-000002": "zaak_bestaat_al"}
    assert Synctoestand.objects.get(naam="verzoeken").cursor == len(app.opslag.feed)


@pytest.mark.django_db(transaction=True)  # the other connection commits its row
def test_twee_syncs_tegelijk_de_tweede_wacht_niet_maar_stopt(knooppunt, media):
    import psycopg
    from django.db import connection

    _, url = knooppunt(aantal=2, kapot=0)
    db = connection.settings_dict
    # Another process on another connection (the webhook's job, say) holds the sync's lease.
    with psycopg.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"]) as ander:
        ander.execute(
            "INSERT INTO dso_koppeling_slot (naam, houder, tot) VALUES ('verzoeken', 'ander', now() + interval '1 minute')"
        )
    resultaat = verzoeken.synchroniseer(maak_client(url))
    assert resultaat.afgebroken == "al_bezig" and not Zaak.objects.exists()
    # That process was killed and its lease ran out: the next sync takes over.
    Slot.objects.filter(naam="verzoeken").update(tot=timezone.now() - timedelta(seconds=1))
    assert verzoeken.synchroniseer(maak_client(url)).telling["nieuw"] == 2
    assert not Slot.objects.exists()  # released at the end


def test_slot_los_van_de_verbinding_en_verlengd(settings):
    """Taken and released in statements of their own: no session state a pooler could hand to another
    client. A holder that renews keeps it."""
    settings.DSO_SLOT_DUUR = 60
    with alleen("proef") as eerste:
        assert eerste
        tot = Slot.objects.get(naam="proef").tot
        with alleen("proef") as tweede:
            assert not tweede
        eerste.verleng()
        assert Slot.objects.get(naam="proef").tot >= tot
    assert not Slot.objects.filter(naam="proef").exists()
