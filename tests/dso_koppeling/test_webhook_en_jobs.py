"""The signed Verzoeknotificatie triggers a sync job (enqueued in its transaction); the periodic job
catches what a lost webhook missed."""

import json
import random
import time

import pytest
from django.db import connection
from procrastinate.contrib.django.models import ProcrastinateJob

from dso_koppeling import handtekening, tasks
from dso_koppeling.models import Notificatie, Verzoek
from tests.support.portaal import start_portaal

GEHEIM = "test-geheim"


@pytest.fixture(autouse=True)
def lege_wachtrij(request, settings):
    settings.DSO_WEBHOOK_GEHEIM = GEHEIM
    if not request.node.get_closest_marker("django_db"):
        return
    # procrastinate's tables are not Django-managed, so the test database flush leaves them alone.
    with connection.cursor() as cursor:
        cursor.execute("truncate procrastinate_jobs cascade")


def _post(client, body: bytes, header: str | None):
    extra = {"HTTP_X_DSO_HANDTEKENING": header} if header else {}
    return client.post("/dso/verzoeknotificatie", body, content_type="application/json", **extra)


@pytest.mark.django_db
def test_ondertekende_notificatie_zet_een_sync_klaar(client):
    body = json.dumps({"verzoeknummer": "V-2026-000001", "volgnummer": 1}).encode()
    response = _post(client, body, handtekening.onderteken(GEHEIM, body))
    assert response.status_code == 202
    [job] = ProcrastinateJob.objects.all()
    assert (job.task_name, job.queue_name, job.status) == ("dso_koppeling.sync_verzoeken", "dso", "todo")
    assert Notificatie.objects.get().verzoeknummer == "V-2026-000001"
    # A second notification while the sync still waits adds no second job.
    tweede = json.dumps({"verzoeknummer": "V-2026-000002", "volgnummer": 2}).encode()
    assert _post(client, tweede, handtekening.onderteken(GEHEIM, tweede)).status_code == 202
    assert ProcrastinateJob.objects.count() == 1 and Notificatie.objects.count() == 2


@pytest.mark.django_db
def test_herhaalde_notificatie_telt_een_keer(client):
    """Issue 13 point 7: the same signed body 200 times inside its window made 200 Notificatie rows."""
    body = json.dumps({"verzoeknummer": "V-2026-000001", "volgnummer": 1}).encode()
    t0 = int(time.time())
    header = handtekening.onderteken(GEHEIM, body, tijdstip=t0)
    antwoorden = [_post(client, body, header) for _ in range(200)]
    assert {a.status_code for a in antwoorden} == {202}
    assert [a.json().get("herhaald", False) for a in antwoorden].count(True) == 199
    assert Notificatie.objects.count() == 1 and ProcrastinateJob.objects.count() == 1
    # A new signature (another moment) over the same body is a new notification.
    ander = handtekening.onderteken(GEHEIM, body, tijdstip=t0 - 1)
    assert "herhaald" not in _post(client, body, ander).json()
    assert Notificatie.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    [
        None,
        "t=1,v1=00",
        "kapot",
        handtekening.onderteken("ander-geheim", b"{}"),
        handtekening.onderteken(GEHEIM, b"{}", tijdstip=int(time.time()) - 3600),
    ],
    ids=["zonder", "verkeerd", "onleesbaar", "ander_geheim", "te_oud"],
)
def test_zonder_geldige_handtekening_gebeurt_niets(client, header):
    response = _post(client, b"{}", header)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "handtekening_ongeldig"
    assert not ProcrastinateJob.objects.exists() and not Notificatie.objects.exists()


def test_periodieke_job_is_geregistreerd():
    periodiek = {t.task.name: t.cron for t in tasks.app.periodic_registry.periodic_tasks.values()}
    assert periodiek["dso_koppeling.periodieke_sync"] == "*/10 * * * *"


@pytest.mark.django_db(transaction=True)
def test_webhook_van_de_mock_tot_zaak(knooppunt, media, settings):
    """End to end: the mock signs and posts to our real portal; the job the webhook enqueued, run as the
    worker would, makes the zaak. A lost webhook is caught by the periodic job."""
    portaal = start_portaal(servers := [])
    try:
        app, url = knooppunt(
            aantal=2,
            kapot=0,
            aanvullingen=0,
            webhook=f"{portaal}/dso/verzoeknotificatie",
            webhook_geheim=GEHEIM,
        )
        settings.DSO_BASIS_URL = url
        v = app.nieuw_verzoek(random.Random(1), "aanvraag")
        tot = time.monotonic() + 10
        while not ProcrastinateJob.objects.filter(task_name="dso_koppeling.sync_verzoeken").exists():
            assert time.monotonic() < tot, "de webhook kwam niet aan"
            time.sleep(0.05)
        [job] = ProcrastinateJob.objects.filter(task_name="dso_koppeling.sync_verzoeken")
        tasks.sync_verzoeken(**job.args)
        assert Verzoek.objects.filter(verzoeknummer=v["verzoeknummer"]).exists()
        assert Verzoek.objects.count() == 3

        # The mock's webhook now points nowhere: lost. The periodic job still brings the verzoek in.
        app.webhook = None
        verloren = app.nieuw_verzoek(random.Random(2), "melding")
        tasks.periodieke_sync(timestamp=int(time.time()))
        assert Verzoek.objects.filter(verzoeknummer=verloren["verzoeknummer"]).exists()
    finally:
        for server in servers:
            server.shutdown()
