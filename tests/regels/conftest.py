"""The sample rules and the sample omgevingsplan over the kaartlagen sample, loaded once per test."""

import pytest

from dev.sample import toepasbare_regels as regels_sample
from toepasbare_regels.importing import importeer_pad


@pytest.fixture
def regels(db, tmp_path):
    for naam, inhoud in regels_sample.bestanden().items():
        (tmp_path / naam).write_bytes(inhoud)
    resultaat = importeer_pad(tmp_path)
    assert resultaat.ok, resultaat.samenvatting()
    return resultaat


def antwoord_voor(vraag_id: str, antwoorden: dict[str, str]) -> str | None:
    """Answers in the tables are keyed by the question's variable name (U_<naam> → <naam>)."""
    naam = vraag_id.rsplit(".", 1)[-1].removeprefix("U_")
    return antwoorden.get(naam)


def doorloop(refs, geometrie, antwoorden: dict[str, str]):
    """Play a user: answer each question group from `antwoorden` until the check is done.

    Returns the result and the questions asked, in order; fails on a question the table has no answer for.
    """
    from toepasbare_regels.plek import Plek
    from toepasbare_regels.vergunningcheck import Check

    gegeven, gesteld = {}, []
    for _ in range(30):
        resultaat = Check(refs, Plek(geometrie), gegeven).uitvoeren()
        if resultaat["klaar"]:
            return resultaat, gesteld
        for vraag in resultaat["vraaggroep"]["vragen"]:
            waarde = antwoord_voor(vraag["id"], antwoorden)
            assert waarde is not None, f"onverwachte vraag: {vraag['tekst']} ({vraag['id']})"
            gesteld.append(vraag["id"].rsplit(".", 1)[-1].removeprefix("U_"))
            gegeven[vraag["id"]] = waarde
    raise AssertionError("de check werd niet klaar")


@pytest.fixture(scope="module")
def stad(django_db_setup, django_db_blocker, sample_dir, tmp_path_factory):
    """The whole Den Helder sample in the database for a module: BAG/BGT/CBS, the sample omgevingsplan
    and the sample rules. Loaded once (loading takes seconds), emptied again afterwards."""
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from dev.sample import omgevingsplan as plan_sample
    from toepasbare_regels.omgevingsplan.importing import importeer

    plan_dir = tmp_path_factory.mktemp("plan")
    regels_dir = tmp_path_factory.mktemp("regels")
    plan_sample.generate(plan_dir, sample_dir, settings.GEMEENTE_BBOX_RD)
    for naam, inhoud in regels_sample.bestanden().items():
        (regels_dir / naam).write_bytes(inhoud)
    with django_db_blocker.unblock():
        call_command("load_sample", str(sample_dir), verbosity=0)
        importeer(plan_dir)
        assert importeer_pad(regels_dir).ok
        yield
        tabellen = [
            m._meta.db_table
            for label in ("kern", "kaartlagen", "omgevingsplan", "toepasbare_regels")
            for m in apps.get_app_config(label).get_models()
            if m._meta.model_name != "kaartlaag"
        ]
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tabellen)} CASCADE")


def adres_in(soort: str):
    """The point of the first sample address that is a monument, in the beschermd dorpsgezicht (and
    no monument), or neither; found through the omgevingsplan itself, not hard-coded."""
    from kaartlagen.models import Verblijfsobject
    from toepasbare_regels.omgevingsplan.services import locaties_op

    for vbo in Verblijfsobject.objects.filter(actief=True).order_by("identificatie").iterator():
        locaties = locaties_op(vbo.geom)
        monument = "nl.imow-gm0400.gebiedengroep.Monumenten" in locaties
        beschermd = "nl.imow-gm0400.gebied.BeschermdDorpsgezicht" in locaties
        if (soort, monument, beschermd) in {
            ("monument", True, beschermd),
            ("beschermd", False, True),
            ("gewoon", False, False),
        }:
            return vbo.geom
    raise AssertionError(f"geen adres van soort {soort} in de sample")
