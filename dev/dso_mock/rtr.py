"""RTR gegevens raadplegen v2 and the STTR file download: the activiteiten and werkzaamheden of a
bevoegd gezag and its toepasbare regels, each with a version that changes when staff publish anew."""

import hashlib
import re
from datetime import datetime

from dev.dso_mock.http import HttpFout, Request, Response, json_response, pagineer
from dev.dso_mock.opslag import ACTIVITEITEN, URN

PREFIX = "/publiek/toepasbare-regels/api/rtrgegevens/v2"
OIN_DEN_HELDER = "00000001001928290000"
WERKZAAMHEID = "http://toepasbare-regels.omgevingswet.overheid.nl/werkzaamheden/id/concept/{}"


def _datum(req: Request, waarde: str | None):
    if not waarde:
        return None
    try:
        return datetime.strptime(waarde, "%d-%m-%Y").date()
    except ValueError:
        raise HttpFout(400, "datum_ongeldig", "Een datum schrijft u als dd-MM-yyyy.") from None


_REF = re.compile(rb'functioneleStructuurRef href="#([^"]+)"')


class Regels:
    """The toepasbare regels the knooppunt holds for Den Helder: the project's own sample STTR set
    (dev.sample.toepasbare_regels), each with a version that staff can publish anew."""

    def __init__(self):
        from dev.sample.toepasbare_regels import bestanden

        self.bestanden = {
            naam[:-4]: inhoud for naam, inhoud in sorted(bestanden().items()) if naam.endswith(".dmn")
        }
        self.namen = list(self.bestanden)
        self.versies = dict.fromkeys(self.namen, 1)

    def lijst(self) -> list[dict]:
        uit = []
        for nummer, naam in enumerate(self.namen, 1):
            inhoud = self.bestand(nummer)
            ref = _REF.search(inhoud)
            uit.append(
                {
                    "identifier": nummer,
                    "functioneleStructuurRef": ref.group(1).decode() if ref else "",
                    "naam": naam,
                    "begindatum": "01-11-2026",
                    "sttrVersie": "1.3.0",
                    "versie": self.versies[naam],
                    "hash": hashlib.sha256(inhoud).hexdigest(),
                    "_links": {
                        "self": {"href": f"{PREFIX}/toepasbareRegels/{nummer}"},
                        "sttrBestand": {"href": f"{PREFIX}/toepasbareRegels/{nummer}/sttrBestand"},
                    },
                }
            )
        return uit

    def bestand(self, nummer: int) -> bytes:
        if not 1 <= nummer <= len(self.namen):
            raise HttpFout(404, "regels_onbekend", f"Geen toepasbare regels met identifier {nummer}.")
        naam = self.namen[nummer - 1]
        versie = self.versies[naam]
        # A republished file differs in its bytes (and so its hash), not in what it decides.
        extra = f"<!-- opnieuw gepubliceerd: versie {versie} -->\n".encode() if versie > 1 else b""
        return self.bestanden[naam] + extra

    def publiceer(self, nummer: int) -> None:
        self.versies[self.namen[nummer - 1]] += 1


def activiteiten(app, req: Request) -> Response:
    body = req.json()
    _datum(req, body.get("datum"))
    code = (body.get("bestuursorgaan") or {}).get("organisatieCode", "gm0400")
    lijst = []
    if code.lower() == app.opslag.bevoegd_gezag:
        lijst = [
            {
                "urn": URN.format(c),
                "omschrijving": naam,
                "bestuursorgaan": {
                    "oin": OIN_DEN_HELDER,
                    "organisatieType": "gemeente",
                    "organisatieCode": "gm0400",
                },
                "regelBeheerObjecten": [
                    {
                        "typering": "Conclusie",
                        "functioneleStructuurRef": URN.format(c),
                        "toestemming": {"code": "Vergunningplicht", "waarde": "Vergunningplicht"},
                    },
                    {"typering": "Indieningsvereisten", "functioneleStructuurRef": URN.format(c)},
                ],
                "locaties": [{"identificatie": "nl.imow-gm0400.gebied.gemeentegebied"}],
            }
            for c, (naam, _) in sorted(ACTIVITEITEN.items())
        ]
    req.query.update({k: str(body[k]) for k in ("page", "pageSize") if k in body})
    return json_response(pagineer(req, "activiteiten", lijst, "pageSize"))


def werkzaamheden(app, req: Request) -> Response:
    lijst = [
        {
            "urn": WERKZAAMHEID.format(naam.replace(" ", "")),
            "omschrijving": naam,
            "functioneleStructuurRef": URN.format(c),
        }
        for c, (naam, _) in sorted(ACTIVITEITEN.items())
    ]
    return json_response(pagineer(req, "werkzaamheden", lijst, "pageSize"))


def toepasbare_regels(app, req: Request) -> Response:
    _datum(req, req.query.get("datum"))
    return json_response(pagineer(req, "toepasbareRegelsList", app.regels.lijst(), "pageSize"))


def sttr_bestand(app, req: Request, nummer: str) -> Response:
    return Response(200, app.regels.bestand(int(nummer)), "application/xml")


ROUTES = [
    ("POST", PREFIX + r"/activiteiten/_zoek", activiteiten, False),
    ("GET", PREFIX + r"/werkzaamheden", werkzaamheden, False),
    ("GET", PREFIX + r"/toepasbareRegels", toepasbare_regels, False),
    ("GET", PREFIX + r"/toepasbareRegels/(?P<nummer>\d+)/sttrBestand", sttr_bestand, False),
]
