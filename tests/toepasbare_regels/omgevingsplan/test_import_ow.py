"""The STOP/TPOD importer on Geonovum's real 'Gemeentestad' delivery (gm0297, Zaltbommel)."""

import io
import shutil
from datetime import date

import pytest
from django.contrib.gis.geos import Point

from kern.crs import RD_NEW
from kern.models import ImportRun
from tests.toepasbare_regels.omgevingsplan.helpers import ow_telling
from toepasbare_regels.omgevingsplan import models as m
from toepasbare_regels.omgevingsplan import services
from toepasbare_regels.omgevingsplan.importing import importeer

pytestmark = pytest.mark.conformance
REGELING = "/akn/nl/act/gm0297/2019/reg456"


def _versie():
    return m.RegelingVersie.objects.get(regeling__identificatie=REGELING)


def _stand(versie) -> dict:
    """Everything stored for the version, as comparable values (no database ids)."""
    return {
        "locaties": sorted(
            m.Locatie.objects.filter(versie=versie).values_list("identificatie", "soort", "noemer", "leden")
        ),
        "vlakken": m.LocatieVlak.objects.filter(versie=versie).count(),
        "regels": sorted(
            m.JuridischeRegel.objects.filter(versie=versie).values_list("identificatie", "locaties")
        ),
        "ala": sorted(
            m.ActiviteitLocatieaanduiding.objects.filter(versie=versie).values_list(
                "identificatie", "kwalificatie", "locaties"
            )
        ),
        "teksten": sorted(m.Regeltekst.objects.filter(versie=versie).values_list("wid", "kop", "tekst")),
    }


@pytest.mark.django_db
def test_gemeentestad_imports_completely(gemeentestad):
    [resultaat] = importeer(gemeentestad)
    assert resultaat.status == "klaar", resultaat.fout
    versie = _versie()
    bestand = ow_telling(gemeentestad)
    locaties = m.Locatie.objects.filter(versie=versie)
    assert locaties.filter(soort="gebied").count() == bestand["Gebied"] == 14
    assert locaties.filter(soort="gebiedengroep").count() == bestand["Gebiedengroep"] == 6
    assert locaties.filter(soort="ambtsgebied").count() == bestand["Ambtsgebied"]
    assert m.Activiteit.objects.filter(versie=versie).count() == bestand["Activiteit"] == 16
    assert m.Regeltekst.objects.filter(versie=versie).count() == bestand["Regeltekst"] == 14
    regels = m.JuridischeRegel.objects.filter(versie=versie)
    assert regels.filter(soort="RegelVoorIedereen").count() == bestand["RegelVoorIedereen"] == 20
    assert regels.filter(soort="Omgevingswaarderegel").count() == bestand["Omgevingswaarderegel"]
    assert (
        m.ActiviteitLocatieaanduiding.objects.filter(versie=versie).count()
        == bestand["ActiviteitLocatieaanduiding"]
        == 19
    )
    assert m.Gebiedsaanwijzing.objects.filter(versie=versie).count() == bestand["Gebiedsaanwijzing"] == 2
    normen = m.Omgevingsnorm.objects.filter(versie=versie)
    assert normen.filter(soort="omgevingsnorm").count() == bestand["Omgevingsnorm"] == 2
    assert normen.filter(soort="omgevingswaarde").count() == bestand["Omgevingswaarde"] == 1
    assert m.Normwaarde.objects.filter(versie=versie).count() == bestand["Normwaarde"]
    # Every gebied got its geometry from the GIO, and every groep its members.
    assert not locaties.filter(soort="gebied", geom__isnull=True).exists()
    assert all(g.leden for g in locaties.filter(soort="gebiedengroep"))
    assert versie.regeling.bevoegd_gezag == "gm0297"
    assert versie.begin_geldigheid == date(2020, 1, 14)


@pytest.mark.django_db
def test_regeltekst_comes_from_the_akn_besluit(gemeentestad):
    importeer(gemeentestad)
    tekst = services.regeltekst("gm0297_1__chp_2__subchp_2.2__art_2.4", date(2024, 1, 1))
    assert tekst["kop"] == "Artikel 2.4 Gebruiksactiviteiten die zonder vergunning of melding zijn toegestaan"
    assert "b. het wonen in een bedrijfswoning" in tekst["tekst"]
    lid = services.regeltekst("gm0297_1__chp_2__subchp_2.2__art_2.6__para_1", date(2024, 1, 1))
    assert lid["kop"].startswith("Artikel 2.6") and "lid 1" in lid["kop"]
    assert services.regeltekst("bestaat_niet") is None


@pytest.mark.django_db
def test_second_import_changes_nothing(gemeentestad):
    importeer(gemeentestad)
    voor = _stand(_versie())
    [tweede] = importeer(gemeentestad)
    assert tweede.status == "al_geimporteerd"
    [opnieuw] = importeer(gemeentestad, opnieuw=True)
    assert opnieuw.status == "klaar"
    assert m.RegelingVersie.objects.filter(regeling__identificatie=REGELING).count() == 1
    assert _stand(_versie()) == voor


@pytest.mark.django_db
def test_a_zipped_delivery_is_the_same_delivery(gemeentestad, tmp_path):
    zip_pad = shutil.make_archive(str(tmp_path / "levering"), "zip", gemeentestad)
    [resultaat] = importeer(zip_pad)
    assert resultaat.status == "klaar", resultaat.fout
    assert m.Locatie.objects.filter(versie=_versie(), soort="gebied").count() == 14


@pytest.mark.django_db
def test_rules_at_a_point_of_the_delivery(gemeentestad):
    importeer(gemeentestad)
    gebied = m.Locatie.objects.get(identificatie="nl.imow-gm0297.gebied.2019000010")
    punt = gebied.geom.point_on_surface
    regels = services.regels_op(punt, date(2024, 1, 1))
    # The point lies in a member gebied, so the groepen it belongs to are found by the same query.
    assert "nl.imow-gm0297.gebiedengroep.Bedrijfcategorie2" in regels["locaties"]
    activiteit = next(a for a in regels["activiteiten"] if a["identificatie"].endswith("2019000241"))
    assert activiteit["regels"][0]["kwalificatie"] == "toegestaan"
    assert activiteit["regels"][0]["artikel"]["wId"] == "gm0297_1__chp_2__subchp_2.2__art_2.4"
    hoogte = [n for n in regels["normen"] if n["type"] == "MaximumBouwhoogte" and n["eenheid"] == "Meter"]
    assert [n["waarde"] for n in hoogte] == [13.0]
    assert {g["groep"] for g in regels["gebiedsaanwijzingen"]} == {"Bedrijf"}


@pytest.mark.django_db
def test_peildatum_selects_the_version_in_force(gemeentestad, tmp_path):
    """A later version of the same regeling ends the first; each date sees its own rules."""
    importeer(gemeentestad)
    tweede = tmp_path / "tweede"
    shutil.copytree(gemeentestad, tweede)
    akn = tweede / "akn_nl_bill_gm0297-3520-01.xml"
    tekst = akn.read_text(encoding="utf-8")
    tekst = tekst.replace("/akn/nl/act/gm0297/2019/reg456/nld@1", "/akn/nl/act/gm0297/2019/reg456/nld@2")
    tekst = tekst.replace("<datum>2020-01-14</datum>", "<datum>2025-01-01</datum>")
    akn.write_text(tekst, encoding="utf-8")
    ow = tweede / "owRegeltekst-Gemeentestad.xml"
    ow.write_text(
        ow.read_text(encoding="utf-8").replace(
            "activiteitregelkwalificatie/id/concept/Toegestaan",
            "activiteitregelkwalificatie/id/concept/Vergunningplicht",
        ),
        encoding="utf-8",
    )
    [resultaat] = importeer(tweede)
    assert resultaat.status == "klaar", resultaat.fout
    versies = list(
        m.RegelingVersie.objects.filter(regeling__identificatie=REGELING).order_by("begin_geldigheid")
    )
    assert [(v.begin_geldigheid, v.eind_geldigheid) for v in versies] == [
        (date(2020, 1, 14), date(2025, 1, 1)),
        (date(2025, 1, 1), None),
    ]
    punt = (
        m.Locatie.objects.filter(identificatie="nl.imow-gm0297.gebied.2019000010")
        .first()
        .geom.point_on_surface
    )

    def kwalificaties(dag):
        return {r["kwalificatie"] for a in services.regels_op(punt, dag)["activiteiten"] for r in a["regels"]}

    assert services.regels_op(punt, date(2019, 12, 31))["locaties"] == []
    assert "toegestaan" in kwalificaties(date(2024, 6, 1))
    assert "toegestaan" not in kwalificaties(date(2025, 6, 1))
    assert "vergunningplicht" in kwalificaties(date(2025, 6, 1))


@pytest.mark.django_db
def test_plan_data_outside_den_helder_is_accepted(gemeentestad):
    """Only user input is limited to the municipality; a plan elsewhere imports and answers queries."""
    importeer(gemeentestad)
    assert ImportRun.objects.filter(soort="imow", status="klaar").exists()
    zaltbommel = Point(138400, 424550, srid=RD_NEW)
    assert services.locaties_op(zaltbommel, date(2024, 1, 1))


@pytest.mark.django_db
def test_the_command_reports_progress_and_a_summary(gemeentestad):
    from django.core.management import call_command

    uit, voortgang = io.StringIO(), io.StringIO()
    call_command("import_omgevingsplan", str(gemeentestad), stdout=uit, stderr=voortgang)
    assert "1 geïmporteerd, 0 al eerder geïmporteerd, 0 mislukt" in uit.getvalue()
    assert "owLocaties-Gemeentestad.xml gelezen" in voortgang.getvalue()
    assert "14 gebied" in voortgang.getvalue() and "19 activiteitlocatieaanduiding" in voortgang.getvalue()
    uit = io.StringIO()
    call_command("import_omgevingsplan", str(gemeentestad), stdout=uit, stderr=io.StringIO())
    assert "0 geïmporteerd, 1 al eerder geïmporteerd" in uit.getvalue()


@pytest.mark.django_db
def test_import_in_the_background_is_a_job_that_does_the_same(gemeentestad):
    from django.core.management import call_command
    from procrastinate.contrib.django.models import ProcrastinateJob

    from toepasbare_regels.omgevingsplan.tasks import importeer_omgevingsplan

    call_command("import_omgevingsplan", str(gemeentestad), "--achtergrond", stdout=io.StringIO())
    [job] = ProcrastinateJob.objects.filter(task_name="omgevingsplan.importeer")
    assert (job.queue_name, job.status) == ("imports", "todo")
    assert not m.Regeling.objects.filter(identificatie=REGELING).exists()
    [uitkomst] = importeer_omgevingsplan(**job.args)
    assert uitkomst["status"] == "klaar" and uitkomst["telling"]["gebied"] == 14
