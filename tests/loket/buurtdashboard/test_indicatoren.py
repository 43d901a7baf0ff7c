"""Indicators against hand-computed values on fixed meldingen, and suppression in every output."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from kern.crs import RD_NEW
from loket.buurtdashboard import aggregatie, indicatoren
from loket.buurtdashboard.gebieden import gebied
from loket.buurtdashboard.models import MeldingenCel
from loket.buurtdashboard.overzicht import TABELLEN
from loket.meldingen.models import Melding
from loket.zaken.models import Zaak, Zaaktype
from tests.loket.buurtdashboard.conftest import BUURT_A1, BUURT_B1, WIJK_A, WIJK_B, zaak
from tests.support import factories as f

TZ = ZoneInfo("Europe/Amsterdam")
# Two weeks inside the dashboard's 24 months (the tests run in 2026 and later).
WEEK_A = datetime(2026, 11, 3, 10, tzinfo=TZ)
WEEK_B = datetime(2026, 11, 10, 10, tzinfo=TZ)


def melding(categorie, buurt, wijk, gemeld, dagen=None, termijn=3):
    eind = gemeld + timedelta(days=dagen) if dagen is not None else None
    z = zaak("melding-openbare-ruimte", buurt, wijk, gemeld, termijn=termijn, eind=eind)
    Melding.objects.create(zaak=z, categorie=categorie)
    return z


@pytest.fixture
def vaste_meldingen(gebied):
    afval = f.CategorieFactory(naam="Afval", slug="afval-t")
    zwerfvuil = f.CategorieFactory(naam="Zwerfvuil", slug="zwerfvuil-t", hoofdcategorie=afval)
    # Buurt A1: 6 meldingen; closed after 1, 2, 3 (in time: termijn 3 days) and 5 days (late); 2 open.
    for dagen in (1, 2, 3, 5, None, None):
        melding(zwerfvuil, BUURT_A1, WIJK_A, WEEK_A, dagen)
    # Buurt B1: 2 meldingen, both closed after 4 days (late).
    for _ in range(2):
        melding(zwerfvuil, BUURT_B1, WIJK_B, WEEK_B, 4)
    aggregatie.ververs_alles()
    return afval


def test_kerngetallen_met_de_hand_berekend(vaste_meldingen):
    sinds = indicatoren.periode_start()
    a = indicatoren.kerngetallen(gebied(BUURT_A1), sinds)
    assert (a.nieuw, a.open, a.afgehandeld, a.mediaan_dagen, a.binnen_termijn_pct) == (6, 2, 4, 2.5, 75.0)
    assert indicatoren.kerngetallen(gebied(WIJK_A), sinds) == a
    g = indicatoren.kerngetallen(gebied("GM0400"), sinds)
    # doorlooptijden 1, 2, 3, 5, 4, 4 → median 3.5; in time 3 of 6
    assert (g.nieuw, g.open, g.afgehandeld, g.mediaan_dagen, g.binnen_termijn_pct) == (8, 2, 6, 3.5, 50.0)
    per = indicatoren.per_hoofdcategorie(gebied("GM0400"), sinds)
    assert list(per) == [vaste_meldingen.pk] and per[vaste_meldingen.pk] == g
    weken = dict(indicatoren.reeks(gebied("GM0400"), sinds, "week"))
    assert weken[WEEK_A.date() - timedelta(days=1)] == 6 and weken[WEEK_B.date() - timedelta(days=1)] == 2
    assert sum(weken.values()) == 8 and len(weken) >= 104
    maanden = dict(indicatoren.reeks(gebied(WIJK_B), sinds, "month"))
    assert maanden[WEEK_A.date().replace(day=1)] == 2 and sum(maanden.values()) == 2


def test_cellen_bij_nieuwe_of_gewijzigde_zaak_bijgewerkt(vaste_meldingen):
    zaak = Zaak.objects.filter(buurtcode=BUURT_A1, einddatum__isnull=True).first()
    Zaak.objects.filter(pk=zaak.pk).update(einddatum=WEEK_A + timedelta(days=2))
    extra = melding(Melding.objects.first().categorie, BUURT_A1, WIJK_A, WEEK_A + timedelta(days=1), None)
    aggregatie.ververs_zaken([zaak.pk, extra.pk])
    cel = MeldingenCel.objects.get(buurtcode=BUURT_A1)
    assert (cel.nieuw, cel.afgehandeld, cel.binnen_termijn) == (7, 5, 4)
    assert MeldingenCel.objects.get(buurtcode=BUURT_B1).nieuw == 2  # other cells untouched


def test_pagina_leest_de_cijfers_die_de_job_berekende(vaste_meldingen):
    """The refresh job stores per gebied what a page shows; a page does not compute it again."""
    sinds = indicatoren.periode_start()
    opgeslagen = indicatoren.opgeslagen([BUURT_A1, WIJK_B, "GM0400"])
    assert opgeslagen[BUURT_A1].totaal == indicatoren.kerngetallen(gebied(BUURT_A1), sinds)
    assert opgeslagen["GM0400"].per_hoofdcategorie == indicatoren.per_hoofdcategorie(gebied("GM0400"), sinds)
    assert opgeslagen[WIJK_B].trend == indicatoren.trend(indicatoren.reeks(gebied(WIJK_B), sinds))["tekst"]
    for per in ("week", "month"):  # the series the page draws, stored by the job
        assert opgeslagen["GM0400"].reeks(per) == indicatoren.reeks(gebied("GM0400"), sinds, per)
        assert opgeslagen[BUURT_A1].reeks(per) == indicatoren.reeks(gebied(BUURT_A1), sinds, per)
    # A new melding in buurt A1 changes buurt A1, wijk A and the gemeente, after the job ran.
    extra = melding(Melding.objects.first().categorie, BUURT_A1, WIJK_A, WEEK_A, 1)
    assert indicatoren.opgeslagen([WIJK_A])[WIJK_A].totaal.nieuw == 6
    aggregatie.ververs_zaken([extra.pk])
    na = indicatoren.opgeslagen([BUURT_A1, WIJK_A, "GM0400"])
    assert (na[BUURT_A1].totaal.nieuw, na[WIJK_A].totaal.nieuw, na["GM0400"].totaal.nieuw) == (7, 7, 9)
    assert na["GM0400"].totaal.mediaan_dagen == 3.0  # 1, 1, 2, 3, 4, 4, 5


def test_veel_gewijzigde_weken_herbouwen_alle_cellen(vaste_meldingen, monkeypatch):
    zaak = Zaak.objects.filter(buurtcode=BUURT_A1).first()
    assert aggregatie.ververs_zaken([zaak.pk]) == 1  # one (buurt, week) pair: its one cell
    monkeypatch.setattr(aggregatie, "HERBOUW_MINIMUM", 0)
    # 1 of the 2 pairs is more than HERBOUW_AANDEEL: every cell is rebuilt (and counted).
    assert aggregatie.ververs_zaken([zaak.pk]) == 2
    assert MeldingenCel.objects.get(buurtcode=BUURT_B1).nieuw == 2


def _alle_cellen(client, code):
    """Every value of every output: page tables (via the API, same source), CSV exports."""
    api = client.get(reverse("buurtdashboard:api-gebied", args=[code])).json()
    waarden = [c for t in api["tabellen"] for r in t["rijen"] for c in r[1:]]
    for naam in TABELLEN:
        tekst = client.get(reverse("buurtdashboard:export", args=[code, naam])).content.decode()
        waarden += [c for r in list(csv.reader(io.StringIO(tekst), delimiter=";"))[1:] for c in r[1:]]
    return waarden, client.get(reverse("buurtdashboard:gebied", args=[code])).content.decode()


def test_kleine_aantallen_nergens_zichtbaar(client, medewerker, vaste_meldingen):
    client.force_login(medewerker)
    waarden, pagina = _alle_cellen(client, WIJK_B)
    klein = {str(n) for n in range(1, 5)} | set(range(1, 5))
    assert "<5" in waarden
    assert not [w for w in waarden if w in klein], "een aantal van 1–4 is zichtbaar"
    # wijk B: 2 meldingen → count, median and share all hidden
    api = client.get(reverse("buurtdashboard:api-gebied", args=[WIJK_B])).json()
    rij = next(t for t in api["tabellen"] if t["naam"] == "meldingen")["rijen"][0]
    assert rij[1:6] == ["<5", 0, "<5", "<5", "<5"]
    assert ">2<" not in pagina and "<td>2</td>" not in pagina
    # buurt A1: 6 meldingen are shown, its 2 open ones are not
    api = client.get(reverse("buurtdashboard:api-gebied", args=[BUURT_A1])).json()
    rij = next(t for t in api["tabellen"] if t["naam"] == "meldingen")["rijen"][0]
    assert rij[1:6] == [6, "<5", "<5", "<5", "<5"]


def test_geen_verwijzing_naar_een_losse_melding(client, medewerker, vaste_meldingen):
    client.force_login(medewerker)
    for code in (WIJK_A, BUURT_A1, "GM0400"):
        pagina = client.get(reverse("buurtdashboard:gebied", args=[code])).content.decode()
        assert "MOR-" not in pagina and "/backoffice/MOR" not in pagina


@pytest.mark.django_db(transaction=True)
def test_cellen_volgen_de_outbox():
    from django.db import transaction

    from loket.zaken import services as zaken
    from tests.support.outbox import wacht_tot_gebeurtenissen_vrij

    hoofd = f.CategorieFactory(naam="Groen", slug="groen-o")
    sub = f.CategorieFactory(naam="Onkruid", slug="onkruid-o", hoofdcategorie=hoofd)
    aggregatie.ververs_nieuw()  # whatever the outbox held before this test
    with transaction.atomic():
        zaak = zaken.maak_zaak(
            Zaaktype.objects.get(code="melding-openbare-ruimte"),
            geometrie=Point(111000, 547000, srid=RD_NEW),
            verrijking={"buurtcode": BUURT_A1, "wijkcode": WIJK_A},
        )
        Melding.objects.create(zaak=zaak, categorie=sub)
    wacht_tot_gebeurtenissen_vrij()
    assert aggregatie.ververs_nieuw() >= 1
    cel = MeldingenCel.objects.get(buurtcode=BUURT_A1, categorie=sub.pk)
    assert (cel.nieuw, cel.afgehandeld, cel.hoofdcategorie) == (1, 0, hoofd.pk)
    zaken.wijzig_status(zaak, "afgehandeld")
    wacht_tot_gebeurtenissen_vrij()
    aggregatie.ververs_nieuw()
    cel = MeldingenCel.objects.get(buurtcode=BUURT_A1, categorie=sub.pk)  # rebuilt, so read again
    assert (cel.nieuw, cel.afgehandeld, cel.binnen_termijn, len(cel.doorlooptijden)) == (1, 1, 1, 1)


def test_trend_gelijk_aan_statsmodels_en_zonder_wilde_getallen():
    """The batch fit gives statsmodels' quasi-Poisson slope and 90 % interval (overdispersed series);
    a series with counts in only one or two months has no trend, a just-started one no huge number."""
    from datetime import date

    import numpy as np
    import statsmodels.api as sm

    tellingen = [3, 9, 4, 12, 6, 15, 5, 18, 9, 14, 22, 11, 25, 13, 30, 0]  # the last: the running month
    maanden = [(date(2025, 1, 1), n) for n in tellingen]
    t = np.arange(len(tellingen) - 1) / 12.0
    ref = sm.GLM(np.array(tellingen[:-1]), sm.add_constant(t), family=sm.families.Poisson()).fit(scale="X2")
    assert ref.scale > 1  # overdispersed: then φ ≥ 1 changes nothing
    laag, hoog = ref.conf_int(alpha=0.10)[1]
    uit = indicatoren.trend(maanden)
    assert uit["per_jaar_pct"] == round(100 * (np.exp(ref.params[1]) - 1), 1)
    assert uit["duidelijk"] == (laag > 0 or hoog < 0) and uit["tekst"].startswith("stijgend: +")
    weinig = [(date(2025, 1, 1), 0)] * 22 + [(date(2026, 11, 1), 6), (date(2026, 12, 1), 0)]
    assert indicatoren.trend(weinig)["tekst"] == "te weinig gegevens voor een trend"
    nieuw = [(date(2025, 1, 1), 0)] * 20 + [(date(2025, 1, 1), n) for n in (1, 1, 6, 0)]
    assert "meer dan +1000% per jaar" in indicatoren.trend(nieuw)["tekst"]
