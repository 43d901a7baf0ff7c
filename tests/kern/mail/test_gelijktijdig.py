"""Several SMTP connections at once, and rows another sender holds: each message arrives once.

Transactional: the connections run in threads with database connections of their own, which must see
the planned rows."""

from collections import Counter

import psycopg
import pytest
from django.db import connection, transaction

from kern.mail import plan_mail, verzending
from kern.mail.models import GEPLAND, VERSTUURD, Bezorging

pytestmark = pytest.mark.django_db(transaction=True)


def _plan(aantal: int) -> None:
    with transaction.atomic():
        for i in range(aantal):
            plan_mail(sleutel=f"g:{i}", aan=f"g{i}@example.org", onderwerp="x", tekst="x", soort="test")


def test_meerdere_verbindingen_elk_bericht_een_keer(sink, settings):
    settings.MAIL_VERBINDINGEN = 3
    _plan(130)
    sink.rcpt_vertraging = 0.002  # the connections really overlap
    ronde = verzending.verstuur(max_aantal=100)
    assert ronde.verstuurd == 100  # the round's budget holds across connections
    assert verzending.verstuur().verstuurd == 30
    per_adres = Counter(b["To"] for b in sink)
    assert len(per_adres) == 130 and set(per_adres.values()) == {1}
    assert Bezorging.objects.filter(status=VERSTUURD).count() == 130


def test_rijen_van_een_andere_verzender_overgeslagen_en_na_zijn_einde_weer_aan_de_beurt(sink, settings):
    """Another session (a worker mid-send) holds three rows: they are passed over, not sent twice; when
    that session ends (a killed worker's connection closes) they are due again at once."""
    settings.MAIL_VERBINDINGEN = 2
    _plan(10)
    ids = list(Bezorging.objects.order_by("id").values_list("id", flat=True)[:3])
    params = connection.get_connection_params()
    ander = psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True)
    try:
        for pk in ids:
            ander.execute("SELECT pg_advisory_lock(%s, %s)", [verzending.KLASSE, pk % 2**31])
        assert verzending.verstuur().verstuurd == 7
        assert set(Bezorging.objects.filter(status=GEPLAND).values_list("id", flat=True)) == set(ids)
    finally:
        ander.close()
    assert verzending.verstuur().verstuurd == 3
    assert sorted(Counter(b["To"] for b in sink).values()) == [1] * 10
