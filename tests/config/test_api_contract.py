"""Issue 13 point 9: docs/openapi.yaml is the truth. schemathesis runs over every operation of the
committed document against the whole portal on a real socket (tile fast path, Django) and checks that
no answer is a server error and that every status code, media type, body and header is the documented
one. A medewerker's session is sent along, so the backoffice operations are exercised, not skipped.

Bounded so that it stays a few minutes on two cores: a fixed seed, few examples per operation, and the
coverage phase (its boundary values are where bounds and undocumented statuses show up) with the
examples and a short fuzzing phase."""

import itertools

import pytest
import requests
import schemathesis
from django.test import Client
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from loket.meldingen import services
from tests.loket.meldingen.helpers import PUNT_RD
from tests.support.adressen import CENTRUM, PAND_12A
from tests.support.adressen import maak as maak_adressen
from tests.support.factories import MedewerkerFactory
from tests.support.paden import ROOT
from tests.support.portaal import start_portaal
from tests.support.proces import leeg_wachtrij

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 13,
        "generation": {
            "max-examples": 5,
            "deterministic": True,
            "database": "none",
            # The medewerker's session cookie is ours; schemathesis should not make up another.
            "with-security-parameters": False,
        },
        # The coverage phase walks every parameter's boundaries, only with valid values here: its
        # invalid variants (many per parameter) would make this run several minutes; the fuzzing phase
        # sends invalid ones too, a few per operation.
        "phases": {"stateful": {"enabled": False}, "coverage": {"generation": {"mode": "positive"}}},
    }
)
schema = schemathesis.openapi.from_path(ROOT / "docs" / "openapi.yaml", config=CONFIG)

TELLER = itertools.count()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture(scope="module")
def portaal(django_db_setup, django_db_blocker, tmp_path_factory):
    """The portal on a real socket for the whole module, with committed data: an address, a melding and
    a medewerker who may see every zaak. One setup for all operations (a flush per operation would
    cost more than the run itself); emptied again as a transactional test leaves the database."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from dev.sample.meldingen import maak_categorieen
    from kaartlagen.tegelserver import sluit_pool

    with django_db_blocker.unblock():
        # The database is set up for this module because its test carries the django_db mark.
        assert connection.settings_dict["NAME"].startswith("test_"), "niet de testdatabase"
        # The folder every test of this run reads (tests/conftest.py), so the configuration the portal's
        # release step writes is the one /gereed and the basemap's paths look for.
        oud, settings.BASISKAART_DIR = settings.BASISKAART_DIR, tmp_path_factory.getbasetemp() / "basiskaart"
        servers = []
        sessie = requests.Session()
        try:
            maak_adressen()
            maak_categorieen()
            melding = services.meld(
                services.Invoer("losse-stoeptegel", "Er ligt een stoeptegel los.", *PUNT_RD)
            )
            medewerker = MedewerkerFactory(
                username="contract", rechten=["alle_zaken", "contactgegevens_zien"]
            )
            url = start_portaal(servers)
            client = Client()
            client.force_login(medewerker)
            client.get("/backoffice/")  # sets the csrftoken cookie
            for naam in ("sessionid", "csrftoken"):
                sessie.cookies.set(naam, client.cookies[naam].value)
            sessie.headers["X-CSRFToken"] = client.cookies["csrftoken"].value
            # Path parameters that name something that exists, for every other case (the rest stays
            # generated, so the 404s are checked too).
            bestaand = {
                "referentie": melding.zaak.referentie,
                "token": melding.token,
                "code": CENTRUM,
                "collectie": "panden",
                "laag": "panden",
                "item": PAND_12A,
            }
            yield url, sessie, bestaand
        finally:
            sessie.close()
            for server in servers:
                server.shutdown()
            sluit_pool()
            leeg_wachtrij()
            call_command("flush", verbosity=0, interactive=False)
            settings.BASISKAART_DIR = oud


# The mark makes pytest-django set up the test database; the data this module reads is committed by the
# module fixture, and the server's writes happen on its own connections.
@pytest.mark.django_db
@schema.parametrize()
def test_api_volgens_openapi(case, portaal):
    url, sessie, bestaand = portaal
    if case.path_parameters and next(TELLER) % 2:
        for naam in case.path_parameters.keys() & bestaand.keys():
            case.path_parameters[naam] = bestaand[naam]
    case.call_and_validate(base_url=url, session=sessie, checks=CHECKS, timeout=30)
