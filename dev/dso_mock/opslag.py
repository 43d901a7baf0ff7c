"""The mock's own storage: verzoeken and the feed of what arrived, in memory, optionally saved as JSON.

Every change to a verzoek (a new one, a new versie, an aanvulling) gets the next volgnummer in the
feed, the cursor a back office syncs by. Thread-safe: the server answers requests in threads.
"""

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

ACTIVITEITEN = {
    "dakkapel": (
        "Dakkapel plaatsen",
        [("Staat de dakkapel aan de voorkant?", ["ja", "nee"]), ("Breedte in meters", None)],
    ),
    "bouwen": (
        "Bouwwerk bouwen",
        [("Bouwhoogte in meters", None), ("Grenst het aan openbaar gebied?", ["ja", "nee"])],
    ),
    "kappen": (
        "Houtopstand vellen",
        [("Aantal bomen", None), ("Stamomtrek groter dan 90 cm?", ["ja", "nee"])],
    ),
    "uitrit": ("Uitrit aanleggen", [("Breedte van de uitrit in meters", None)]),
    "sloop": ("Bouwwerk slopen", [("Asbest aanwezig?", ["ja", "nee", "onbekend"])]),
    "evenement": ("Evenement organiseren", [("Aantal bezoekers", None)]),
}
URN = "nl.imow-gm0400.activiteit.{}"
TYPES = ("aanvraag", "melding", "informatie")


class Opslag:
    def __init__(self, bestand: Path | None = None, bevoegd_gezag: str = "gm0400"):
        self.lock = threading.RLock()
        self.bestand = Path(bestand) if bestand else None
        self.bevoegd_gezag = bevoegd_gezag
        self.verzoeken: dict[str, dict] = {}
        self.feed: list[dict] = []
        self.statussen: list[dict] = []
        self.klok = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
        if self.bestand and self.bestand.exists():
            data = json.loads(self.bestand.read_text(encoding="utf-8"))
            self.verzoeken, self.feed, self.statussen = data["verzoeken"], data["feed"], data["statussen"]
            self.klok = datetime.fromisoformat(data["klok"])

    def _bewaar(self) -> None:
        if self.bestand:
            data = {
                "verzoeken": self.verzoeken,
                "feed": self.feed,
                "statussen": self.statussen,
                "klok": self.klok.isoformat(),
            }
            tijdelijk = self.bestand.with_suffix(".tmp")
            tijdelijk.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            tijdelijk.replace(self.bestand)

    def _tik(self) -> str:
        # A deterministic clock: seeded data is the same on every run.
        self.klok += timedelta(minutes=17)
        return self.klok.isoformat()

    def _publiceer(self, v: dict) -> dict:
        v["volgnummer"] = len(self.feed) + 1
        item = {
            "volgnummer": v["volgnummer"],
            "verzoeknummer": v["verzoeknummer"],
            "type": v["type"],
            "versie": v["versie"],
            "tijdstip": v["bijgewerktOp"],
        }
        self.feed.append(item)
        self._bewaar()
        return item

    def nieuw(
        self,
        type_: str,
        adres: dict,
        punt: tuple,
        activiteiten: list[dict],
        omschrijving: str,
        initiatiefnemer: dict,
        hoort_bij: str | None = None,
        kapot: bool = False,
    ) -> dict:
        with self.lock:
            nummer = f"V-2026-{len(self.verzoeken) + 1:06d}"
            tijd = self._tik()
            bijlagen = [
                {"id": f"{nummer}-b1", "naam": "situatietekening.pdf", "documentsoort": "Situatietekening"}
            ]
            if type_ == "aanvraag":
                bijlagen.append(
                    {"id": f"{nummer}-b2", "naam": "bouwtekening.pdf", "documentsoort": "Bouwtekening"}
                )
            v = {
                "verzoeknummer": nummer,
                "type": type_,
                "versie": 1,
                "ingediendOp": tijd,
                "bijgewerktOp": tijd,
                "bevoegdGezag": self.bevoegd_gezag,
                "hoortBij": hoort_bij,
                "adres": adres,
                "punt": [round(punt[0], 3), round(punt[1], 3)],
                "activiteiten": activiteiten,
                "bijlagen": bijlagen,
                "omschrijving": omschrijving,
                "initiatiefnemer": initiatiefnemer,
                "kapot": kapot,
            }
            self.verzoeken[nummer] = v
            self._publiceer(v)
            return v

    def aanvulling(self, nummer: str, vraag_index: int = 0, antwoord: str = "nee") -> dict:
        """The initiatiefnemer changes one answer and adds a bijlage: a verzoek of type aanvulling."""
        with self.lock:
            basis = self.verzoeken[nummer]
            activiteit = basis["activiteiten"][0]
            vraag = activiteit["antwoorden"][vraag_index % len(activiteit["antwoorden"])]
            wijziging = [{**activiteit, "antwoorden": [{**vraag, "antwoord": antwoord}]}]
            return self.nieuw(
                "aanvulling",
                basis["adres"],
                basis["punt"],
                wijziging,
                f"Aanvulling op {nummer}",
                basis["initiatiefnemer"],
                hoort_bij=nummer,
            )

    def nieuwe_versie(self, nummer: str, omschrijving: str) -> dict:
        """The knooppunt republishes a verzoek (e.g. after a correction): same number, higher versie."""
        with self.lock:
            v = self.verzoeken[nummer]
            v["versie"] += 1
            v["omschrijving"] = omschrijving
            v["bijgewerktOp"] = self._tik()
            return self._publiceer(v)

    def feed_na(self, na: int, limiet: int) -> tuple[list[dict], int]:
        with self.lock:
            # A verzoek that changed again appears once, at its newest volgnummer.
            actueel = [
                i for i in self.feed if self.verzoeken[i["verzoeknummer"]]["volgnummer"] == i["volgnummer"]
            ]
            na_cursor = [i for i in actueel if i["volgnummer"] > na]
            return [dict(i) for i in na_cursor[:limiet]], len(na_cursor)

    def registreer_status(self, nummer: str, status: dict) -> None:
        with self.lock:
            self.statussen.append({"verzoeknummer": nummer, **status})
            self._bewaar()
