"""From bericht to mail: direct per bericht, digests per subscriber (no empty mail), HTML and text,
the small map from our own basemap inline, and every key planned once however often a job runs."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from PIL import Image
from procrastinate.contrib.django.models import ProcrastinateJob

from kern.mail.models import Bijlage
from loket.buurtberichten import gebieden, kaartbeeld, verspreiding
from loket.buurtberichten.mails import MERK, SOORT_BERICHT, SOORT_OVERZICHT, link
from loket.buurtberichten.models import Bericht, Bezorging, Onderwerp
from tests.loket.buurtberichten.helpers import (
    ADRES_12A,
    BIJ_12A,
    VER_WEG,
    abonnement,
    bericht,
    geplande_mails,
    lijn,
    rond,
)
from tests.support.factories import BgtObjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def eigen_basiskaart(settings, tmp_path):
    settings.BASISKAART_DIR = tmp_path / "basiskaart"


def test_direct_een_mail_per_bericht_met_kaartje(buurt):
    abo = abonnement(gebieden.rond_adres(ADRES_12A, 250))
    b = bericht(begin=None)
    assert verspreiding.verspreid(b.pk) == 1
    assert verspreiding.mail_direct(b.pk) == (1, False)
    [mail] = geplande_mails(SOORT_BERICHT)
    assert mail["sleutel"] == f"buurtbericht:{abo.pk}:{b.pk}"
    assert "De straat gaat open" in mail["tekst"] and f"/buurtberichten/berichten/{b.uuid}" in mail["tekst"]
    assert (
        f'src="cid:kaart-{b.uuid}.png"' in mail["html"]
        and "http" not in mail["html"].split("<img")[1].split(">")[0]
    )
    [(cid, png, mime)] = mail["bijlagen"]
    assert cid == f"kaart-{b.uuid}.png" and mime == "image/png"
    assert Image.open(io.BytesIO(png)).size == (kaartbeeld.BREED, kaartbeeld.HOOG)
    # Again: nothing new (the bezorging is marked, the key is taken).
    assert verspreiding.verspreid(b.pk) == 0
    assert verspreiding.mail_direct(b.pk) == (0, False)
    assert len(geplande_mails()) == 1


def test_direct_in_porties(buurt):
    for i in range(5):
        abonnement(rond(113005, 553005, 300), email=f"b{i}@example.org")
    b = bericht()
    verspreiding.verspreid(b.pk)
    assert verspreiding.mail_direct(b.pk, batch=2) == (2, True)
    assert verspreiding.mail_direct(b.pk, batch=2) == (2, True)
    assert verspreiding.mail_direct(b.pk, batch=2) == (1, False)
    assert len({m["aan"] for m in geplande_mails(SOORT_BERICHT)}) == 5
    # The fan-out deferred the first portion's job, each full portion the next one, with its work.
    jobs = ProcrastinateJob.objects.filter(task_name="buurtberichten.mail_direct", args={"bericht_id": b.pk})
    assert jobs.count() == 3


def test_overzicht_groepeert_per_abonnee_en_geen_lege_mail(buurt):
    dagelijks = abonnement(rond(113005, 553005, 250), frequentie="dagelijks", email="dag@example.org")
    wekelijks = abonnement(rond(113005, 553005, 3000), frequentie="wekelijks", email="week@example.org")
    abonnement(
        rond(113005, 553005, 250), frequentie="wekelijks", email="stil@example.org", onderwerpen=["besluit"]
    )
    for titel, geom in [("Riolering", BIJ_12A), ("Markt", BIJ_12A), ("Ver weg", VER_WEG)]:
        verspreiding.verspreid(bericht(titel=titel, geom=geom).pk)
    assert verspreiding.overzichten("dagelijks") == 1
    assert verspreiding.overzichten("wekelijks") == 1
    mails = {m["aan"]: m for m in geplande_mails(SOORT_OVERZICHT)}
    assert set(mails) == {"dag@example.org", "week@example.org"}  # "stil" had nothing: no mail
    assert "2 berichten" in mails["dag@example.org"]["onderwerp"]
    assert (
        "3 berichten" in mails["week@example.org"]["onderwerp"]
        and "deze week" in mails["week@example.org"]["onderwerp"]
    )
    for titel in ("Riolering", "Markt", "Ver weg"):
        assert titel in mails["week@example.org"]["tekst"] and titel in mails["week@example.org"]["html"]
    assert "Ver weg" not in mails["dag@example.org"]["tekst"]
    assert mails["dag@example.org"]["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Run again: nothing waits, nothing is sent.
    assert verspreiding.overzichten("dagelijks") == 0 and verspreiding.overzichten("wekelijks") == 0
    assert not Bezorging.objects.filter(gemaild_op__isnull=True).exists()
    # A new bericht later the same week: a new digest with a key of its own, only the new one in it.
    verspreiding.verspreid(bericht(titel="Nog een", geom=BIJ_12A).pk)
    assert verspreiding.overzichten("wekelijks") == 1
    nieuwste = geplande_mails(SOORT_OVERZICHT)[-1]
    assert (
        "Nog een" in nieuwste["tekst"]
        and "Riolering" not in nieuwste["tekst"]
        and "1 bericht" in nieuwste["onderwerp"]
    )
    assert wekelijks.pk and dagelijks.pk


def test_elke_abonnee_zijn_eigen_links_in_een_portie(buurt):
    """One rendering for the whole portion: each mail must still carry its own subscriber's token."""
    abos = [abonnement(rond(113005, 553005, 300), email=f"t{i}@example.org") for i in range(3)]
    b = bericht()
    verspreiding.verspreid(b.pk)
    assert verspreiding.mail_direct(b.pk) == (3, False)
    mails = {m["aan"]: m for m in geplande_mails(SOORT_BERICHT)}
    for abo in abos:
        mail = mails[abo.email]
        assert mail["headers"]["List-Unsubscribe"] == f"<{link('buurtberichten:afmelden', abo.token)}>"
        for deel in ("tekst", "html"):
            assert f"/buurtberichten/beheer/{abo.token}" in mail[deel]
            assert f"/buurtberichten/afmelden/{abo.token}" in mail[deel]
            assert MERK not in mail[deel]
        assert all(a.token not in mail["tekst"] for a in abos if a != abo)


def test_overzicht_met_kaartje_van_het_gebied_gedeeld_waar_gelijk(buurt):
    buren = [
        abonnement(rond(113005, 553005, 250), frequentie="wekelijks", email=f"n{i}@example.org")
        for i in range(2)
    ]
    ver = abonnement(rond(113005, 553005, 3000), frequentie="wekelijks", email="ver@example.org")
    oud = bericht(titel="Riolering", geom=BIJ_12A)
    nieuw = bericht(titel="Markt", geom=lijn((112990, 553000), (113020, 553010)))
    Bericht.objects.filter(pk=oud.pk).update(gepubliceerd=nieuw.gepubliceerd - timedelta(hours=1))
    for b in (oud, nieuw):
        verspreiding.verspreid(b.pk)
    assert verspreiding.overzichten("wekelijks", batch=2) == 3  # two portions
    mails = {m["aan"]: m for m in geplande_mails(SOORT_OVERZICHT)}
    kaarten = {}
    for abo in (*buren, ver):
        mail = mails[abo.email]
        [(cid, png, mime)] = mail["bijlagen"]
        assert mime == "image/png" and f'src="cid:{cid}"' in mail["html"]
        assert Image.open(io.BytesIO(png)).size == (kaartbeeld.BREED, kaartbeeld.HOOG)
        # Numbered newest first, as on the map.
        assert mail["tekst"].index("1. Markt") < mail["tekst"].index("2. Riolering")
        kaarten[abo.email] = png
    # Same area, same berichten: one image; the wider area has a frame of its own.
    assert kaarten["n0@example.org"] == kaarten["n1@example.org"] != kaarten["ver@example.org"]
    assert Bijlage.objects.count() == 2


def test_kaderraster_bevat_het_gebied():
    """The snapped frame always holds the whole extent, the smallest rung that can; neighbours share it;
    and every frame lies inside its basemap block."""
    for omvang in [
        (113000, 553000, 113200, 553200),
        (112000, 551000, 115000, 553000),
        (113001, 553001, 113002, 553002),
        (113390, 553240, 113410, 553260),
    ]:
        plek = kaartbeeld.raster(omvang)
        trede, cx, cy = plek
        sx, sy = kaartbeeld._stap(trede)
        kader = (cx * sx, cy * sy, (cx + kaartbeeld.CELLEN) * sx, (cy + kaartbeeld.CELLEN) * sy)
        assert (
            kader[0] <= omvang[0]
            and kader[1] <= omvang[1]
            and kader[2] >= omvang[2]
            and kader[3] >= omvang[3]
        )
        assert kader[2] - kader[0] == kaartbeeld.LADDER[trede]
        _, bx, by = kaartbeeld.blok_van(plek)
        binnen_blok = kaartbeeld.BLOK + kaartbeeld.CELLEN
        assert bx * kaartbeeld.BLOK <= cx and cx + kaartbeeld.CELLEN <= bx * kaartbeeld.BLOK + binnen_blok
        assert by * kaartbeeld.BLOK <= cy and cy + kaartbeeld.CELLEN <= by * kaartbeeld.BLOK + binnen_blok
    assert (
        kaartbeeld.raster((112000, 551000, 115000, 553000))[0]
        > kaartbeeld.raster((113000, 553000, 113200, 553200))[0]
    )
    assert kaartbeeld.raster((113000, 553000, 113200, 553200)) == kaartbeeld.raster(
        (113010, 553005, 113210, 553205)
    )


@pytest.mark.django_db(transaction=True)  # MapServer reads the BGT over its own connection
def test_kaartbeeld_uit_de_eigen_basiskaart(buurt, settings):
    """Drawn on the basemap this machine's release built for MapProxy (`bouw_basiskaart`): that very
    mapfile, so a colour changed in it shows in the mail's map, and the mail's map writes none."""
    BgtObjectFactory(objecttype="pand", bbox=(112950, 552950, 113060, 553060))
    call_command("bouw_basiskaart", stdout=io.StringIO())
    kaart = settings.BASISKAART_DIR / "basiskaart.map"
    kaart.write_text(kaart.read_text().replace("COLOR 214 202 190", "COLOR 20 60 240"))  # the panden
    png = kaartbeeld.maak(lijn((112980, 553005), (113030, 553005)))
    beeld = Image.open(io.BytesIO(png)).convert("RGB")
    kleuren = {kleur for _, kleur in beeld.getcolors(maxcolors=100_000)}
    assert any(abs(r - 20) < 16 and abs(g - 60) < 16 and abs(b - 240) < 16 for r, g, b in kleuren), (
        "geen BGT-pand uit de gebouwde mapfile"
    )
    assert any(r > 150 and g < 80 and b < 80 for r, g, b in kleuren), "de lijn van het bericht ontbreekt"
    assert "20 60 240" in kaart.read_text()


def test_kaartbeeld_zonder_gebouwde_basiskaart(buurt, settings, caplog):
    """Before a release built the basemap on this machine: the shape on a plain background, as without
    MapServer, with a warning that names the command; nothing written. A digest run warns once."""
    BgtObjectFactory(objecttype="pand", bbox=(112950, 552950, 113060, 553060))
    geom = lijn((112980, 553005), (113030, 553005))
    with caplog.at_level("WARNING", logger="loket.buurtberichten.kaartbeeld"):
        beeld = Image.open(io.BytesIO(kaartbeeld.maak(geom))).convert("RGB")
    assert all(abs(k - a) < 8 for k, a in zip(beeld.getpixel((3, 3)), kaartbeeld.ACHTERGROND, strict=True))
    assert any(r > 150 and g < 80 and b < 80 for _, (r, g, b) in beeld.getcolors(maxcolors=100_000))
    assert "manage.py bouw_basiskaart" in caplog.text
    caplog.clear()
    plekken = [
        kaartbeeld.raster(o) for o in [(112900, 552900, 113100, 553100), (120000, 560000, 120100, 560100)]
    ]
    with caplog.at_level("WARNING", logger="loket.buurtberichten.kaartbeeld"):
        assert len(list(kaartbeeld.Overzichtkaarten().maak_alle([(p, [geom]) for p in plekken]))) == 2
    assert caplog.text.count("bouw_basiskaart") == 1
    assert not settings.BASISKAART_DIR.exists()


@pytest.mark.django_db(transaction=True)  # MapServer reads the BGT over its own connection
def test_overzichtkaarten_vooruit_getekend_als_een_voor_een(buurt):
    """The run draws the next basemap blocks while it cuts frames from this one: the same images as
    drawn one at a time, for frames in several blocks and rungs."""
    call_command("bouw_basiskaart", stdout=io.StringIO())
    BgtObjectFactory(objecttype="pand", bbox=(112950, 552950, 113060, 553060))
    geom = lijn((112980, 553005), (113030, 553005))
    plekken = sorted(
        {
            kaartbeeld.raster(o)
            for o in [
                (112900, 552900, 113100, 553100),
                (120000, 560000, 120100, 560100),
                (112000, 551000, 115000, 553000),
                (113390, 553240, 113410, 553260),
            ]
        },
        key=lambda p: (kaartbeeld.blok_van(p), p),
    )
    assert len({kaartbeeld.blok_van(p) for p in plekken}) >= 3
    vooruit = list(kaartbeeld.Overzichtkaarten().maak_alle([(p, [geom]) for p in plekken]))
    assert vooruit == [kaartbeeld.Overzichtkaarten().maak(p, [geom]) for p in plekken]
    assert len(set(vooruit)) == len(plekken)


def test_bericht_zonder_persoonsgegevens_in_de_outbox(buurt):
    b = bericht(soort=Onderwerp.EVENEMENT)
    assert {f.name for f in Bericht._meta.get_fields()} & {"email", "naam", "telefoon"} == set()
    assert b.bron_sleutel is None


def test_adres_met_harde_bounces_gaat_op_pauze(buurt):
    from django.utils import timezone

    from kern.mail.models import Adres
    from kern.mail.planning import kenmerk

    weg = abonnement(rond(113005, 553005, 250), email="bestaat-niet@example.org")
    goed = abonnement(rond(113005, 553005, 250), email="goed@example.org")
    Adres.objects.create(
        kenmerk=kenmerk("bestaat-niet@example.org"), harde_bounces=2, geblokkeerd_sinds=timezone.now()
    )
    b = bericht()
    verspreiding.verspreid(b.pk)
    assert verspreiding.mail_direct(b.pk) == (1, False)
    weg.refresh_from_db()
    goed.refresh_from_db()
    assert weg.gepauzeerd and not goed.gepauzeerd
    assert [m["aan"] for m in geplande_mails()] == ["goed@example.org"]
    assert verspreiding.verspreid(bericht(titel="Nog een").pk) == 1  # matching skips the paused one
