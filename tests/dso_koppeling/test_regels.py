"""Rules and plan sync: through the importer port, only what changed, atomic per file. `Importeur` is
a double for the sync mechanics only (it records what it got and can fail on request); the last test
runs the real STTR importer of toepasbare_regels on the sample files the mock serves."""

import json

import pytest

from dev.sample.toepasbare_regels import BESTANDEN
from dso_koppeling import regels
from dso_koppeling.models import Regelbestand
from tests.support.knooppunt import maak_client

N = len(BESTANDEN)  # the sample's STTR files the mock knooppunt serves

pytestmark = pytest.mark.django_db


class Importeur:
    def __init__(self, faal_op: str = ""):
        self.ontvangen: list[tuple[str, bytes]] = []
        self.faal_op = faal_op

    def __call__(self, inhoud: bytes, bron: str):
        from loket.zaken.models import Team

        # A real import writes rows; a failure after writing must leave nothing behind.
        Team.objects.create(code=f"t{len(self.ontvangen)}-{abs(hash(bron)) % 10**6}", naam=bron[:100])
        self.ontvangen.append((bron, inhoud))
        if self.faal_op and self.faal_op in bron:
            raise ValueError("DMN-bestand past niet bij het STTR-schema")
        return {"besluiten": 1, "regels": 2}


def test_alleen_wat_veranderde_komt_binnen(knooppunt):
    app, url = knooppunt(aantal=1)
    sttr, plan = Importeur(), Importeur()
    client = maak_client(url)

    eerste = regels.synchroniseer(client, sttr_importeur=sttr, plan_importeur=plan)
    assert eerste.ok and eerste.telling["sttr_geimporteerd"] == N and eerste.telling["plan_geimporteerd"] == 1
    assert all(b"dmn" in inhoud[:400] for _, inhoud in sttr.ontvangen)
    bundel = json.loads(plan.ontvangen[0][1])
    assert bundel["regeling"]["identificatie"] == "/akn/nl/act/gm0400/2026/omgevingsplan"
    assert (
        bundel["locaties"][0]["geometrie"]["type"] == "Polygon"
        and bundel["activiteiten"]
        and bundel["gebiedsaanwijzingen"]
    )

    aanroepen = client.statistiek["aanroepen"]
    tweede = regels.synchroniseer(client, sttr_importeur=sttr, plan_importeur=plan)
    assert tweede.telling["sttr_ongewijzigd"] == N and tweede.telling["plan_ongewijzigd"] == 1
    assert len(sttr.ontvangen) == N and len(plan.ontvangen) == 1
    # Unchanged STTR files are not even downloaded: the list's hash says enough.
    # The plan takes about ten calls (list, search, geometries); N downloads would add N more.
    assert client.statistiek["aanroepen"] - aanroepen < N + 10

    app.regels.publiceer(2)
    derde = regels.synchroniseer(client, sttr_importeur=sttr, plan_importeur=plan)
    assert derde.telling["sttr_geimporteerd"] == 1 and derde.telling["sttr_ongewijzigd"] == N - 1
    assert Regelbestand.objects.get(soort="sttr", sleutel="2").versie == "2"


def test_mislukt_bestand_rolt_alleen_zichzelf_terug(knooppunt):
    from loket.zaken.models import Team

    _, url = knooppunt(aantal=1)
    teams_vooraf = Team.objects.count()  # the sample categories (meldingen) bring their own teams
    sttr = Importeur(faal_op="sttr:3:")
    r = regels.synchroniseer(maak_client(url), sttr_importeur=sttr, plan_importeur=Importeur())
    assert not r.ok and r.telling["sttr_mislukt"] == 1 and r.telling["sttr_geimporteerd"] == N - 1
    assert [m[:2] for m in r.bevindingen] == [("import_mislukt", "3")]
    assert not Regelbestand.objects.filter(soort="sttr", sleutel="3").exists()
    # the other STTR files and the plan; the failed one left nothing
    assert Team.objects.count() == teams_vooraf + (N - 1) + 1

    # Next run: only the failed file is tried again.
    sttr.faal_op = ""
    opnieuw = regels.synchroniseer(maak_client(url), sttr_importeur=sttr, plan_importeur=Importeur())
    assert opnieuw.ok and opnieuw.telling["sttr_geimporteerd"] == 1


def test_droog_en_zonder_importeur(knooppunt, settings):
    _, url = knooppunt(aantal=1)
    droog = regels.synchroniseer(maak_client(url), droog=True, sttr_importeur=Importeur())
    assert droog.telling["zou_importeren"] == N + 1 and not Regelbestand.objects.exists()

    settings.DSO_REGELS_IMPORTEUR = "bestaat.niet.importeer"
    settings.DSO_PLAN_IMPORTEUR = ""
    los = regels.synchroniseer(maak_client(url))
    assert los.telling["niet_gekoppeld"] == N + 1 and not Regelbestand.objects.exists()
    assert {m[0] for m in los.bevindingen} == {"importeur_ontbreekt"}


def test_echte_importeurs_via_de_instellingen(knooppunt, settings):
    from django.contrib.gis.geos import Point

    from kern.crs import RD_NEW
    from toepasbare_regels.models import ToepasbareRegelBestand
    from toepasbare_regels.omgevingsplan.services import gebiedsaanwijzingen_op, regels_op

    app, url = knooppunt(aantal=1)
    settings.DSO_REGELS_IMPORTEUR = "toepasbare_regels.importing.importeer_sttr"
    settings.DSO_PLAN_IMPORTEUR = "toepasbare_regels.omgevingsplan.importing.ozon.importeer_ozon"
    eerste = regels.synchroniseer(maak_client(url))
    assert eerste.telling["sttr_geimporteerd"] == N, eerste.bevindingen
    assert ToepasbareRegelBestand.objects.count() == N
    assert Regelbestand.objects.get(soort="sttr", sleutel="1").resultaat == {"uitkomst": "nieuw"}
    # The plan as Ozon presents it lands in the omgevingsplan: in the centre the stadsgezicht applies
    # and building there needs a vergunning; elsewhere in the municipality a melding.
    assert eerste.telling["plan_geimporteerd"] == 1, eerste.bevindingen
    centrum = Point(113000, 553000, srid=RD_NEW)
    assert [g["naam"] for g in gebiedsaanwijzingen_op(centrum)] == ["Beschermd stadsgezicht"]
    kwalificaties = {r["kwalificatie"] for a in regels_op(centrum)["activiteiten"] for r in a["regels"]}
    assert "vergunningplicht" in kwalificaties

    app.regels.publiceer(4)
    tweede = regels.synchroniseer(maak_client(url))
    assert tweede.telling["sttr_geimporteerd"] == 1 and tweede.telling["sttr_ongewijzigd"] == N - 1
    assert Regelbestand.objects.get(soort="sttr", sleutel="4").resultaat == {"uitkomst": "gewijzigd"}
