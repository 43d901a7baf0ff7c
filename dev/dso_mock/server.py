"""Build and start the mock: storage (seeded once), faults, webhook, server. Used by `__main__`
and by tests, which run it on a free port in a thread."""

from pathlib import Path

from dev.dso_mock import seed as startdata
from dev.dso_mock.app import MockApp
from dev.dso_mock.http import in_thread, serveer
from dev.dso_mock.opslag import Opslag
from dev.dso_mock.storingen import Storingen, standaard_timeout
from dev.dso_mock.webhook import Webhook


def start(
    poort: int = 0,
    *,
    host: str = "127.0.0.1",
    opslag_bestand: Path | None = None,
    aantal: int = 40,
    seed: int = 400,
    kapot: int = 1,
    aanvullingen: int = 3,
    omgeving: str = "pre",
    storingen_kans: float = 0.0,
    storingen: str = "",
    storingen_seed: int = 1,
    timeout: float | None = None,
    latentie: float = 0.2,
    retry_after: int = 1,
    max_per_seconde: float = 0,
    webhook: str = "",
    webhook_geheim: str = "",
    ssl_context=None,
    sample: Path | None = None,
    achtergrond: bool = True,
):
    opslag = Opslag(opslag_bestand)
    # More addresses than seeded verzoeken, so verzoeken added later land on other addresses too.
    adressen = startdata.adressen(sample or startdata.sample_pad(), aantal + 20)
    if not opslag.verzoeken:
        startdata.vul(opslag, adressen[:aantal], seed, aanvullingen, kapot)
    fouten = Storingen.uit_tekst(
        storingen_kans,
        storingen,
        seed=storingen_seed,
        timeout=standaard_timeout() if timeout is None else timeout,
        latentie=latentie,
        retry_after=retry_after,
    )
    app = MockApp(
        opslag,
        fouten,
        omgeving,
        webhook=Webhook(webhook, webhook_geheim) if webhook else None,
        max_per_seconde=max_per_seconde,
        adressen=adressen,
    )
    server = serveer(app, host, poort, ssl_context)
    if achtergrond:
        in_thread(server)
    return server, app
