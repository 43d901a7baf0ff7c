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
