"""The zaak core: references, the status machine, assignment, visibility and the event outbox."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.gis.geos import Point
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kern.crs import RD_NEW
from loket.zaken import services
from loket.zaken.models import Gebeurtenis, Status, Zaak
from loket.zaken.services import ZaakFout
from tests.loket.zaken.helpers import PROEF
from tests.support.factories import GebruikerFactory, MedewerkerFactory, TeamFactory
from tests.support.outbox import wacht_tot_gebeurtenissen_vrij

pytestmark = pytest.mark.django_db


def test_referentie_per_zaaktype_en_jaar(zaaktype):
    eerste = services.maak_zaak(zaaktype)
    tweede = services.maak_zaak(zaaktype)
    jaar = timezone.localdate().year
    assert eerste.referentie == f"PRF-{jaar}-000001"
    assert tweede.referentie == f"PRF-{jaar}-000002"
    vorig = services.maak_zaak(zaaktype, tijdstip=timezone.now().replace(year=jaar - 1))
    assert vorig.referentie == f"PRF-{jaar - 1}-000001"


def test_nieuwe_zaak_heeft_beginstatus_historie_termijn_en_gebeurtenis(zaaktype):
    zaak = services.maak_zaak(
        zaaktype,
        omschrijving="x",
        geometrie=Point(113000, 553000, srid=RD_NEW),
        verrijking={"buurtcode": "BU1"},
    )
    assert zaak.status.code == "ontvangen"
    assert zaak.uiterlijke_einddatum == zaak.startdatum + timedelta(days=5)
    [status] = zaak.statussen.all()
    assert status.tekst_voor_burger == "We hebben uw verzoek ontvangen."
    [event] = Gebeurtenis.objects.filter(zaak=zaak)
    assert event.soort == services.AANGEMAAKT
    assert event.gegevens["buurtcode"] == "BU1" and event.gegevens["punt_rd"] == [113000.0, 553000.0]


def test_toegestane_overgang_wordt_vastgelegd(zaaktype):
    user = MedewerkerFactory(username="piet")
    zaak = services.maak_zaak(zaaktype)
    services.wijzig_status(zaak, "in_behandeling", user, "intern", "We gaan aan de slag")
    services.wijzig_status(zaak, "afgehandeld", user)
    zaak.refresh_from_db()
    assert zaak.status.code == "afgehandeld" and zaak.einddatum is not None
    assert [s.statustype.code for s in zaak.statussen.all()] == ["ontvangen", "in_behandeling", "afgehandeld"]
    tweede = zaak.statussen.all()[1]
    assert (tweede.door, tweede.toelichting_intern, tweede.tekst_voor_burger) == (
        user,
        "intern",
        "We gaan aan de slag",
    )
    # The status type's standard text when the medewerker gives none.
    assert zaak.statussen.last().tekst_voor_burger == "Uw verzoek is afgehandeld."
    services.wijzig_status(zaak, "heropend")
    zaak.refresh_from_db()
    assert zaak.einddatum is None
    assert Gebeurtenis.objects.filter(zaak=zaak, soort=services.STATUS_GEWIJZIGD).count() == 3


def test_ongeldige_overgang_geweigerd_en_niets_vastgelegd(zaaktype):
    zaak = services.maak_zaak(zaaktype)
    with pytest.raises(ZaakFout) as fout:
        services.wijzig_status(zaak, "heropend")
    assert fout.value.code == "statusovergang_ongeldig"
    with pytest.raises(ZaakFout) as fout:
        services.wijzig_status(zaak, "bestaat-niet")
    assert fout.value.code == "statustype_onbekend"
    assert Status.objects.filter(zaak=zaak).count() == 1
    assert Gebeurtenis.objects.filter(zaak=zaak).count() == 1
    assert services.toegestane_statussen(zaak)[0].code == "in_behandeling"


def test_externe_identificatie_uniek_per_bron(zaaktype):
    services.maak_zaak(zaaktype, bron="dso", externe_identificatie="V123")
    services.maak_zaak(zaaktype, bron="ander", externe_identificatie="V123")
    with pytest.raises(ZaakFout) as fout:
        services.maak_zaak(zaaktype, bron="dso", externe_identificatie="V123")
    assert fout.value.code == "zaak_bestaat_al"
    with pytest.raises(IntegrityError), transaction.atomic():
        Zaak.objects.filter(bron="ander").update(bron="dso")


def test_toewijzen_alleen_aan_teamlid_en_zichtbaarheid_per_team(zaaktype):
    a, b = TeamFactory(code="a", naam="A"), TeamFactory(code="b", naam="B")
    anna = MedewerkerFactory(username="anna", teams=[a])
    bert = MedewerkerFactory(username="bert", teams=[b])
    zaak_a = services.maak_zaak(zaaktype, team=a)
    services.maak_zaak(zaaktype, team=b)
    with pytest.raises(ZaakFout) as fout:
        services.wijs_toe(zaak_a, medewerker=bert)
    assert fout.value.code == "medewerker_niet_in_team"
    services.wijs_toe(zaak_a, medewerker=anna)
    assert Zaak.objects.get(pk=zaak_a.pk).toegewezen_aan == anna
    assert list(Zaak.objects.zichtbaar_voor(anna)) == [zaak_a]
    assert Zaak.objects.zichtbaar_voor(GebruikerFactory(username="burger")).count() == 0
    bert.user_permissions.add(Permission.objects.get(codename="alle_zaken"))
    bert = User.objects.get(pk=bert.pk)
    assert Zaak.objects.zichtbaar_voor(bert).count() == 2


def test_over_termijn(zaaktype):
    zaak = services.maak_zaak(zaaktype)
    assert not services.is_over_termijn(zaak)
    assert services.is_over_termijn(zaak, vandaag=zaak.uiterlijke_einddatum + timedelta(days=1))


def test_gebeurtenis_alleen_met_de_wijziging(zaaktype):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.maak_zaak(zaaktype)
        raise RuntimeError("afgebroken")
    assert not Gebeurtenis.objects.exists() and not Zaak.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_referenties_uniek_bij_gelijktijdig_aanmaken():
    from loket.zaken.definitie import definieer

    zaaktype = definieer(PROEF)
    referenties, fouten = [], []

    def maak():
        try:
            for _ in range(15):
                referenties.append(services.maak_zaak(zaaktype).referentie)
        except Exception as exc:  # noqa: BLE001 (reported by the assert below)
            fouten.append(exc)
        finally:
            connection.close()

    draden = [threading.Thread(target=maak) for _ in range(4)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert not fouten
    assert sorted(int(r[-6:]) for r in referenties) == list(range(1, 61))


@pytest.mark.django_db(transaction=True)
def test_consument_mist_niets_als_transacties_in_andere_volgorde_committen():
    from loket.zaken.definitie import definieer

    zaaktype = definieer(PROEF)
    gezien = []
    assert services.verwerk_gebeurtenissen("test", gezien.append) == 0

    begonnen, klaar = threading.Event(), threading.Event()

    def trage_transactie():
        # Only an event: a zaak would hold the zaaktype's number lock and make the other one wait.
        with transaction.atomic():
            services.gebeurtenis("proef.traag", None)
            begonnen.set()
            klaar.wait(10)
        connection.close()

    draad = threading.Thread(target=trage_transactie)
    draad.start()
    begonnen.wait(10)
    services.maak_zaak(zaaktype, omschrijving="snel")  # later id and transaction, committed first
    assert services.verwerk_gebeurtenissen("test", gezien.append) == 0
    klaar.set()
    draad.join()
    wacht_tot_gebeurtenissen_vrij()
    assert services.verwerk_gebeurtenissen("test", gezien.append) == 2
    assert [g.soort for g in gezien] == ["proef.traag", services.AANGEMAAKT]
    assert services.verwerk_gebeurtenissen("test", gezien.append) == 0


@pytest.mark.django_db(transaction=True)
def test_consument_leest_opnieuw_als_verwerken_mislukt():
    from loket.zaken.definitie import definieer

    zaak = services.maak_zaak(definieer(PROEF))

    def mislukt(_):
        raise RuntimeError("stuk")

    wacht_tot_gebeurtenissen_vrij()
    with pytest.raises(RuntimeError):
        services.verwerk_gebeurtenissen("kapot", mislukt)
    gezien = []
    assert services.verwerk_gebeurtenissen("kapot", gezien.append) == 1
    assert gezien[0].zaak == zaak and gezien[0].soort == services.AANGEMAAKT
