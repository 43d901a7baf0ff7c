"""Fixtures for the meldingen tests: the sample teams and categories, posting a melding, and a real SMTP
server on 127.0.0.1. What they speak of (the place, a melding's body, photos) is in helpers.py."""

import pytest

from kern.crs import RD_NEW
from loket.zaken.models import Team
from tests.loket.meldingen.helpers import melding_data
from tests.support.smtp import smtp_sink


@pytest.fixture
def meld(client):
    """POST to the public API; returns the response."""

    def _meld(fmt="json", **extra):
        data = {k: v for k, v in melding_data(**extra).items() if v is not None}
        if fmt == "json":
            return client.post("/api/meldingen", data, content_type="application/json")
        return client.post("/api/meldingen", data)

    return _meld


@pytest.fixture
def teams(db):
    return {t.code: t for t in Team.objects.all()}


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (tests/support/smtp.py); yields the list of received messages."""
    with smtp_sink() as sink:
        yield sink


@pytest.fixture
def smtp(settings, smtp_server):
    """Mail goes out over SMTP to `smtp_server`, with links to the portal's public address; yields the
    list of received messages."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.poort
    settings.PORTAAL_URL = "https://loket.example"
    return smtp_server


@pytest.fixture
def rd_srid():
    return RD_NEW


@pytest.fixture(autouse=True)
def categorieen(request):
    """The sample teams, categories and routing rules these tests speak of. Migrations make none (a
    production database gets the municipality's own), so every test that uses the database gets them."""
    gebruikt_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if gebruikt_db:
        from dev.sample.meldingen import maak_categorieen

        maak_categorieen()
