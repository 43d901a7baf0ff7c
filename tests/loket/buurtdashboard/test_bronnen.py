"""Vergunningaanvragen per activiteit and werkzaamheden/buurtberichten per gebied, which the dashboard
reads from the sources other apps register (kaartlagen.gebiedsbronnen): hand-computed values on fixed
data, refresh from the outbox and by fingerprint, suppression and scope in every output."""

import csv
import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.gis.geos import LineString, Point
from django.urls import reverse
from django.utils import timezone

from dso_koppeling.models import Verzoek
from kern.crs import RD_NEW
from loket.buurtberichten.models import Bericht
from loket.buurtdashboard import broncellen, bronoverzicht, gebieden
from loket.buurtdashboard.models import Broncel
from loket.zaken.models import Zaak, Zaaktype
from tests.loket.buurtdashboard.conftest import BUURT_A1, BUURT_A2, BUURT_B1, WIJK_A, WIJK_B
from tests.loket.buurtdashboard.conftest import zaak as nieuwe_zaak

TZ = ZoneInfo("Europe/Amsterdam")
DAKKAPEL = {"urn": "nl.imow-gm0400.activiteit.dakkapel", "naam": "Dakkapel plaatsen", "antwoorden": []}
KAPPEN = {"urn": "nl.imow-gm0400.activiteit.kappen", "naam": "Houtopstand vellen", "antwoorden": []}
# Inside the 24 months whatever day the test runs: the two months before the running one.
_EERSTE = timezone.localdate().replace(day=1)
VORIGE = (_EERSTE - timedelta(days=1)).replace(day=1)
DAARVOOR = (VORIGE - timedelta(days=1)).replace(day=1)


def _op(maand: date, dag: int = 10) -> datetime:
    return datetime(maand.year, maand.month, dag, 10, tzinfo=TZ)


def aanvraag(buurt, wijk, activiteiten, ingediend, status="ontvangen", eind=None):
    n = Zaak.objects.count()
    zaak = nieuwe_zaak(
        "vergunningaanvraag",
        buurt,
        wijk,
        ingediend,
        termijn=56,
        eind=eind,
        status=status,
        bron="dso",
        externe_identificatie=f"T-{n}",
    )
    Verzoek.objects.create(
        zaak=zaak,
        verzoeknummer=zaak.externe_identificatie,
        type="aanvraag",
        versie=1,
        volgnummer=1,
        ingediend_op=ingediend,
        geom=zaak.geometrie,
        activiteiten=activiteiten,
        xml_sha256="",
    )
    return zaak


@pytest.fixture
def vaste_aanvragen(gebied):
    # Buurt A1: a dakkapel decided last month; dakkapel + kappen still open; kappen withdrawn.
    aanvraag(BUURT_A1, WIJK_A, [DAKKAPEL], _op(DAARVOOR), "besluit_genomen", _op(VORIGE, 3))
    aanvraag(BUURT_A1, WIJK_A, [DAKKAPEL, KAPPEN], _op(VORIGE))
    aanvraag(BUURT_A1, WIJK_A, [KAPPEN], _op(VORIGE), "ingetrokken", _op(VORIGE, 20))
    # Buurt A2: six dakkapellen last month, five decided that month, one open.
    for i in range(6):
        besloten = i < 5
        aanvraag(
            BUURT_A2,
            WIJK_A,
            [DAKKAPEL],
            _op(VORIGE, 1 + i),
            "besluit_genomen" if besloten else "in_behandeling",
            _op(VORIGE, 20) if besloten else None,
        )
    # Buurt B1: one open kappen.
    aanvraag(BUURT_B1, WIJK_B, [KAPPEN], _op(VORIGE))
    broncellen.ververs_alles()


def _cijfers(code):
    return bronoverzicht.lees(bronoverzicht.VERGUNNINGEN, gebieden.gebied(code), bronoverzicht.eerste_maand())


def test_aanvragen_en_besluiten_met_de_hand_berekend(vaste_aanvragen):
    a = _cijfers(WIJK_A)
    # Every aanvraag once: A1 3 + A2 6; besluiten A1 1 + A2 5 (withdrawn is no besluit); open A1 1 + A2 1.
    assert (a.totaal("aangevraagd"), a.totaal("besloten"), a.totaal("open")) == (9, 6, 2)
    dakkapel, kappen = DAKKAPEL["urn"], KAPPEN["urn"]
    # Per activiteit, an aanvraag for both counts for both: dakkapel 1 + 1 + 6, kappen 1 + 1.
    assert [a.totaal(m, dakkapel) for m in ("aangevraagd", "besloten", "open")] == [8, 6, 2]
    assert [a.totaal(m, kappen) for m in ("aangevraagd", "besloten", "open")] == [2, 0, 1]
    assert a.per_maand("aangevraagd") == {DAARVOOR: 1, VORIGE: 8}
    assert a.per_maand("besloten") == {VORIGE: 6}
    g = _cijfers("GM0400")
    assert (g.totaal("aangevraagd"), g.totaal("besloten"), g.totaal("open")) == (10, 6, 3)
    assert g.totaal("aangevraagd", kappen) == 3
    b1 = _cijfers(BUURT_B1)
    assert (b1.totaal("aangevraagd"), b1.totaal("open"), b1.namen[kappen]) == (1, 1, "Houtopstand vellen")


def test_tabellen_tonen_de_cijfers_met_onderdrukking(client, medewerker, vaste_aanvragen):
    client.force_login(medewerker)
    api = client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_A])).json()
    tabellen = {t["naam"]: t for t in api["tabellen"]}
    rijen = {r[0]: r for r in tabellen["vergunningen"]["rijen"]}
    assert rijen["Wijk A"][1:4] == [9, 6, "<5"]
    assert rijen["Buurt A1"][1:4] == ["<5", "<5", "<5"]  # 3, 1 and 1: all small
    assert rijen["Buurt A2"][1:4] == [6, 5, "<5"]
    per_act = {r[0]: r for r in tabellen["activiteiten"]["rijen"]}
    # wijk A: aangevraagd, besluiten, open; then the gemeente's three
    assert per_act["Dakkapel plaatsen"][1:] == [8, 6, "<5", 8, 6, "<5"]
    assert per_act["Houtopstand vellen"][1:] == ["<5", 0, "<5", "<5", 0, "<5"]
    maanden = {r[0]: r for r in tabellen["vergunningmaanden"]["rijen"]}
    assert maanden[f"{VORIGE:%Y-%m}"][1:] == [8, 6, 9, 6]  # the gemeente: + B1's kappen
    assert maanden[f"{DAARVOOR:%Y-%m}"][1:] == ["<5", 0, "<5", 0]
    assert tabellen["vergunningmaanden"]["rijen"][-1][0].startswith(f"{_EERSTE:%Y-%m} (lopend")


def test_vergunningen_nergens_kleine_aantallen(client, medewerker, vaste_aanvragen):
    """Wijk B has one aanvraag: page, API and every CSV of the new tables show "<5", never the 1."""
    client.force_login(medewerker)
    api = client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_B])).json()
    waarden = [
        c
        for t in api["tabellen"]
        if t["naam"] in ("vergunningen", "activiteiten", "vergunningmaanden")
        for r in t["rijen"]
        for c in r[1:]
    ]
    for naam in ("vergunningen", "activiteiten", "vergunningmaanden"):
        tekst = client.get(reverse("buurtdashboard:export", args=[WIJK_B, naam])).content.decode()
        waarden += [c for r in list(csv.reader(io.StringIO(tekst), delimiter=";"))[1:] for c in r[1:]]
    assert "<5" in waarden
    assert not [w for w in waarden if w in {1, 2, 3, 4, "1", "2", "3", "4"}]
    pagina = client.get(reverse("buurtdashboard:gebied", args=[WIJK_B])).content.decode()
    assert "<td>1</td>" not in pagina and "OV-T-" not in pagina and "T-1" not in pagina


def test_gebiedsmanager_ziet_alleen_eigen_wijken_in_de_nieuwe_tabellen(
    client, gebiedsmanager, vaste_aanvragen
):
    client.force_login(gebiedsmanager)
    for naam in ("vergunningen", "berichten"):
        tekst = client.get(reverse("buurtdashboard:export", args=["GM0400", naam])).content.decode()
        assert "Wijk A" in tekst and "Wijk B" not in tekst, naam
        assert client.get(reverse("buurtdashboard:export", args=[WIJK_B, naam])).status_code == 403
        assert client.get(reverse("buurtdashboard:export", args=[BUURT_B1, naam])).status_code == 403
    api = client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_B]))
    assert api.status_code == 403 and api.json()["code"] == "gebied_niet_toegestaan"


def bericht(soort, geom, begin=None, eind=None, gepubliceerd=None):
    return Bericht.objects.create(
        soort=soort,
        titel="t",
        tekst="t",
        geom=geom,
        begin=begin,
        eind=eind,
        gepubliceerd=gepubliceerd or timezone.now(),
    )


def lijn(*punten):
    return LineString(*punten, srid=RD_NEW)


def test_werkzaamheden_en_berichten_met_de_hand_berekend(gebied):
    vandaag = timezone.localdate()
    # A1: one running werkzaamheid, five old ones published the month before last.
    bericht("werkzaamheden", lijn((110400, 547000), (110600, 547000)), vandaag - timedelta(days=1), vandaag)
    for _ in range(5):
        bericht(
            "werkzaamheden",
            lijn((110400, 547100), (110600, 547100)),
            vandaag - timedelta(days=90),
            vandaag - timedelta(days=80),
            _op(DAARVOOR),
        )
    # Across the border of A1 and A2 (x = 111000), its middle vertex in A2: counted in A2 only.
    bericht(
        "werkzaamheden",
        lijn((110900, 547000), (111100, 547000), (111300, 547000)),
        vandaag,
        vandaag + timedelta(days=5),
    )
    # B1: an evenement that starts next week.
    bericht("evenement", lijn((112500, 547000), (112600, 547000)), vandaag + timedelta(days=7))
    assert broncellen.ververs_gewijzigd() == ["buurtberichten"]
    sinds = bronoverzicht.eerste_maand()

    def telling(code, maat, soort):
        return bronoverzicht.lees(bronoverzicht.BERICHTEN, gebieden.gebied(code), sinds).totaal(maat, soort)

    assert (telling(BUURT_A1, "bezig", "werkzaamheden"), telling(BUURT_A2, "bezig", "werkzaamheden")) == (
        1,
        1,
    )
    assert telling(WIJK_A, "bezig", "werkzaamheden") == 2  # not 3: the crossing one counts once
    assert telling(WIJK_A, "gepubliceerd", "werkzaamheden") == 7
    assert telling(BUURT_A1, "gepubliceerd", "werkzaamheden") == 6
    assert (telling(WIJK_B, "aangekondigd", "evenement"), telling(WIJK_B, "bezig", "evenement")) == (1, 0)
    assert telling("GM0400", "gepubliceerd", "werkzaamheden") == 7
    # Nothing changed: no rebuild; a new bericht changes the fingerprint.
    assert broncellen.ververs_gewijzigd() == []
    bericht("werkzaamheden", lijn((112500, 547100), (112600, 547100)), vandaag, vandaag)
    assert broncellen.ververs_gewijzigd() == ["buurtberichten"]
    assert telling(WIJK_B, "bezig", "werkzaamheden") == 1


def test_berichtentabel_onderdrukt_kleine_aantallen(client, medewerker, gebied):
    vandaag = timezone.localdate()
    for _ in range(6):
        bericht("werkzaamheden", lijn((110400, 547000), (110600, 547000)), vandaag, vandaag)
    bericht("evenement", lijn((112500, 547000), (112600, 547000)), vandaag, vandaag)
    broncellen.ververs_gewijzigd()
    client.force_login(medewerker)
    tekst = client.get(reverse("buurtdashboard:export", args=[WIJK_A, "berichten"])).content.decode()
    rijen = {r[0]: r[1:] for r in csv.reader(io.StringIO(tekst), delimiter=";")}
    # columns: Wijk A, the gemeente, Buurt A1, Buurt A2
    assert rijen["Werkzaamheden: nu bezig"] == ["6", "6", "6", "0"]
    assert rijen["Evenementen: nu bezig"] == ["0", "<5", "0", "0"]


@pytest.mark.django_db(transaction=True)
def test_vergunningcellen_volgen_de_outbox():
    from django.db import transaction

    from loket.buurtdashboard import aggregatie
    from loket.zaken import services as zaken
    from tests.support.outbox import wacht_tot_gebeurtenissen_vrij

    aggregatie.ververs_nieuw()  # whatever the outbox held before this test
    with transaction.atomic():
        zaak = zaken.maak_zaak(
            Zaaktype.objects.get(code="vergunningaanvraag"),
            geometrie=Point(110500, 547000, srid=RD_NEW),
            verrijking={"buurtcode": BUURT_A1, "wijkcode": WIJK_A},
            bron="dso",
            externe_identificatie="T-OUTBOX-1",
        )
        Verzoek.objects.create(
            zaak=zaak,
            verzoeknummer="T-OUTBOX-1",
            type="aanvraag",
            versie=1,
            volgnummer=1,
            ingediend_op=zaak.registratiedatum,
            geom=zaak.geometrie,
            activiteiten=[DAKKAPEL],
            xml_sha256="",
        )
    wacht_tot_gebeurtenissen_vrij()
    aggregatie.ververs_nieuw()
    cel = Broncel.objects.get(bron="vergunningen", buurtcode=BUURT_A1, sleutel=DAKKAPEL["urn"], maat="open")
    assert (cel.aantal, cel.wijkcode) == (1, WIJK_A)
    zaken.wijzig_status(zaak, "in_behandeling")
    zaken.wijzig_status(zaak, "besluit_genomen")
    wacht_tot_gebeurtenissen_vrij()
    aggregatie.ververs_nieuw()
    cellen = Broncel.objects.filter(bron="vergunningen", buurtcode=BUURT_A1, sleutel="")
    assert {c.maat: c.aantal for c in cellen} == {"aangevraagd": 1, "besloten": 1}
