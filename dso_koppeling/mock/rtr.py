"""RTR gegevens raadplegen v2 and the STTR file download: the activiteiten and werkzaamheden of a
bevoegd gezag and its toepasbare regels, each with a version that changes when staff publish anew."""

import hashlib
from datetime import datetime

from dso_koppeling.mock.http import HttpFout, Request, Response, json_response, pagineer
from dso_koppeling.mock.opslag import ACTIVITEITEN, URN

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


def _dmn(code: str, naam: str, versie: int) -> bytes:
    """A small STTR-style DMN file for one activiteit (conclusie: vergunningplicht when the first
    answer is 'ja'); the rules issue's own sample set replaces these when it is installed."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<dmn:definitions xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/" '
        f'id="gm0400-{code}-v{versie}" name="{naam}" namespace="http://toepasbare-regels.omgevingswet.overheid.nl/gm0400">'
        f'<dmn:decision id="conclusie-{code}" name="Conclusie {naam}">'
        '<dmn:decisionTable hitPolicy="FIRST">'
        '<dmn:input id="i1" label="Eerste vraag"><dmn:inputExpression typeRef="string"><dmn:text>antwoord1</dmn:text></dmn:inputExpression></dmn:input>'
        '<dmn:output id="o1" name="conclusie" typeRef="string"/>'
        '<dmn:rule id="r1"><dmn:inputEntry><dmn:text>"ja"</dmn:text></dmn:inputEntry><dmn:outputEntry><dmn:text>"Vergunningplicht"</dmn:text></dmn:outputEntry></dmn:rule>'
        '<dmn:rule id="r2"><dmn:inputEntry><dmn:text>-</dmn:text></dmn:inputEntry><dmn:outputEntry><dmn:text>"Toegestaan"</dmn:text></dmn:outputEntry></dmn:rule>'
        "</dmn:decisionTable></dmn:decision></dmn:definitions>\n"
    ).encode()


class Regels:
    """The toepasbare regels the knooppunt holds for Den Helder, one per activiteit."""

    def __init__(self):
        self.versies = {code: 1 for code in sorted(ACTIVITEITEN)}

    def lijst(self) -> list[dict]:
        return [
            {
                "identifier": nummer,
                "functioneleStructuurRef": URN.format(code),
                "naam": ACTIVITEITEN[code][0],
                "begindatum": "01-11-2026",
                "sttrVersie": "1.3.0",
                "versie": versie,
                "hash": hashlib.sha256(self.bestand(nummer)).hexdigest(),
                "_links": {
                    "self": {"href": f"{PREFIX}/toepasbareRegels/{nummer}"},
                    "sttrBestand": {"href": f"{PREFIX}/toepasbareRegels/{nummer}/sttrBestand"},
                },
            }
            for nummer, (code, versie) in enumerate(self.versies.items(), 1)
        ]

    def bestand(self, nummer: int) -> bytes:
        codes = list(self.versies)
        if not 1 <= nummer <= len(codes):
            raise HttpFout(404, "regels_onbekend", f"Geen toepasbare regels met identifier {nummer}.")
        code = codes[nummer - 1]
        return _dmn(code, ACTIVITEITEN[code][0], self.versies[code])

    def publiceer(self, nummer: int) -> None:
        code = list(self.versies)[nummer - 1]
        self.versies[code] += 1


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
