"""Import jobs go through procrastinate, and a job is enqueued only with the transaction around it."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from procrastinate.contrib.django.models import ProcrastinateJob

from kaartlagen.models import Pand
from kaartlagen.tasks import importeer_levering
from tests.support import bagxml

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_queue():
    # procrastinate's tables are not Django-managed, so the test database flush leaves them alone.
    with connection.cursor() as cursor:
        cursor.execute("truncate procrastinate_jobs cascade")


@pytest.fixture
def pand_file(tmp_path):
    path = tmp_path / "0400PND01112026-000001.xml"
    path.write_text(bagxml.document(bagxml.pand()))
    return path


def test_import_command_in_background_enqueues_a_job(pand_file):
    call_command("import_bag", str(pand_file), "--achtergrond")
    [job] = ProcrastinateJob.objects.all()
    assert (job.task_name, job.queue_name, job.status) == ("kaartlagen.importeer_levering", "imports", "todo")
    assert job.args == {"soort": "bag", "pad": str(pand_file), "opnieuw": False, "opties": {}}
    assert not Pand.objects.exists()

    # What the worker does with it: the same service as the command.
    telling = importeer_levering(**job.args)
    assert telling["nieuw"] == 1 and Pand.objects.count() == 1


def test_a_job_deferred_in_a_rolled_back_transaction_never_exists(pand_file):
    with pytest.raises(RuntimeError), transaction.atomic():
        importeer_levering.defer(soort="bag", pad=str(pand_file))
        raise RuntimeError("iets anders ging mis")
    assert not ProcrastinateJob.objects.exists()


def test_a_failed_import_fails_the_job(tmp_path):
    broken = tmp_path / "0400PND01112026-000001.xml"
    broken.write_text("<niet-afgesloten>")
    with pytest.raises(Exception, match="MISLUKT"):
        importeer_levering(soort="bag", pad=str(broken))


def test_buurten_in_background_keep_the_gemeente_choice(tmp_path):
    path = tmp_path / "buurten.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    call_command("import_buurten", str(path), "--gemeente", "GM0400", "--achtergrond")
    [job] = ProcrastinateJob.objects.all()
    assert job.args["opties"] == {"gemeente": "GM0400"}
