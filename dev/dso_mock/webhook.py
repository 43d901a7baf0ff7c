"""Verzoeknotificatie: the mock tells our back office a verzoek arrived, signed, best effort.

A notification that cannot be delivered is dropped after a few tries, as a real one may be: the
adapter's periodic sync is what makes sure nothing is missed.
"""

import json
import logging
import threading
import time
import urllib.request

from dso_koppeling.handtekening import HEADER, onderteken

logger = logging.getLogger(__name__)


class Webhook:
    def __init__(self, url: str, geheim: str, pogingen: int = 3):
        self.url, self.geheim, self.pogingen = url, geheim, pogingen
        self.verstuurd = 0
        self.mislukt = 0

    def meld(self, item: dict) -> threading.Thread:
        draad = threading.Thread(target=self._verstuur, args=(item,), daemon=True)
        draad.start()
        return draad

    def _verstuur(self, item: dict) -> None:
        body = json.dumps({"soort": "Verzoeknotificatie", **item}).encode()
        for poging in range(self.pogingen):
            verzoek = urllib.request.Request(  # noqa: S310 - the URL is our own configuration
                self.url,
                data=body,
                method="POST",
                headers={"Content-Type": "application/json", HEADER: onderteken(self.geheim, body)},
            )
            try:
                with urllib.request.urlopen(verzoek, timeout=5):  # noqa: S310
                    self.verstuurd += 1
                    return
            except OSError as exc:
                logger.info("webhook_mislukt poging=%s fout=%s", poging + 1, type(exc).__name__)
                time.sleep(0.2 * 2**poging)
        self.mislukt += 1
