"""Omgevingsdocumenten presenteren (Ozon) v8, as far as a municipality's omgevingsplan needs it:
regelingen, locaties/_zoek by geometry, activiteitlocatieaanduidingen and gebiedsaanwijzingen, all
with geldigOp; plus Geometrie opvragen v1. Geometry is RD New, announced with Content-Crs."""

from datetime import datetime

from shapely.geometry import box, mapping, shape

from dev.dso_mock.http import HttpFout, Request, Response, json_response, pagineer
from dev.dso_mock.opslag import ACTIVITEITEN, URN
from kern.crs import RD_NEW_URI, is_rd_new

PREFIX = "/publiek/omgevingsdocumenten/api/presenteren/v8"
GEOMETRIE = "/publiek/omgevingsdocumenten/api/geometrieopvragen/v1"
REGELING = "/akn/nl/act/gm0400/2026/omgevingsplan"


def _geregistreerd(begin: str, versie: int = 1) -> dict:
    return {
        "versie": versie,
        "beginInwerking": begin,
        "beginGeldigheid": begin,
        "tijdstipRegistratie": f"{begin}T09:00:00Z",
    }


LOCATIES = {
    "nl.imow-gm0400.gebied.gemeentegebied": (
        "Gemeentegebied Den Helder",
        box(108000, 540000, 119000, 558000),
        "2026-01-01",
    ),
    "nl.imow-gm0400.gebied.centrum": ("Centrum", box(112000, 552000, 114000, 554000), "2026-01-01"),
    "nl.imow-gm0400.gebied.haven": ("Haven", box(114000, 551000, 116000, 553000), "2026-01-01"),
    "nl.imow-gm0400.gebied.duinen": (
        "Duinen (nieuw per 2027)",
        box(108500, 545000, 111000, 550000),
        "2027-01-01",
    ),
}
GEBIEDSAANWIJZINGEN = {
    "nl.imow-gm0400.gebiedsaanwijzing.stadsgezicht": (
        "Beschermd stadsgezicht",
        "erfgoed",
        "nl.imow-gm0400.gebied.centrum",
    ),
    "nl.imow-gm0400.gebiedsaanwijzing.geluidzone": (
        "Geluidzone haven",
        "geluid",
        "nl.imow-gm0400.gebied.haven",
    ),
    "nl.imow-gm0400.gebiedsaanwijzing.natuur": (
        "Natuurgebied duinen",
        "natuur",
        "nl.imow-gm0400.gebied.duinen",
    ),
}


def _geldig_op(req: Request) -> str:
    waarde = req.query.get("geldigOp")
    if not waarde:
        return datetime.now().date().isoformat()
    try:
        return datetime.fromisoformat(waarde).date().isoformat()
    except ValueError:
        raise HttpFout(400, "geldigOp_ongeldig", "geldigOp is een datum of tijdstip in ISO 8601.") from None


def _locatie(ident: str) -> dict:
    noemer, _, begin = LOCATIES[ident]
    return {
        "identificatie": ident,
        "noemer": noemer,
        "locatieType": "Gebied",
        "geregistreerdMet": _geregistreerd(begin),
        "_links": {"geometrie": {"href": f"{GEOMETRIE}/geometrieen/{ident}"}},
    }


def _geldige_locaties(dag: str) -> list[str]:
    return [ident for ident, (_, _, begin) in LOCATIES.items() if begin <= dag]


def regelingen(app, req: Request) -> Response:
    gezag = req.query.get("bevoegdGezag", "gm0400").lower()
    lijst = []
    if gezag == app.opslag.bevoegd_gezag:
        lijst = [
            {
                "identificatie": REGELING,
                "officieleTitel": "Omgevingsplan gemeente Den Helder",
                "type": {"code": "omgevingsplan", "waarde": "Omgevingsplan"},
                "geregistreerdMet": _geregistreerd("2026-01-01", app.plan_versie),
                "_links": {"self": {"href": f"{PREFIX}/regelingen{REGELING}"}},
            }
        ]
    _geldig_op(req)
    return json_response(pagineer(req, "regelingen", lijst))


def regeling(app, req: Request, ident: str) -> Response:
    if ident != REGELING:
        raise HttpFout(404, "regeling_onbekend", f"Geen regeling {ident}.")
    _geldig_op(req)
    return json_response(
        {
            "identificatie": REGELING,
            "officieleTitel": "Omgevingsplan gemeente Den Helder",
            "geregistreerdMet": _geregistreerd("2026-01-01", app.plan_versie),
            "_links": {"self": {"href": f"{PREFIX}/regelingen{REGELING}"}},
        }
    )


def locaties_zoek(app, req: Request) -> Response:
    crs = req.header("Content-Crs")
    if not crs:
        raise HttpFout(
            422, "crs_ontbreekt", "Geef met de header Content-Crs het coördinatenstelsel van de geometrie."
        )
    if not is_rd_new(crs):
        raise HttpFout(422, "crs_niet_ondersteund", f"Alleen RD New ({RD_NEW_URI}) wordt ondersteund.")
    try:
        zoekgebied = shape(req.json()["geometrie"])
    except (KeyError, TypeError, ValueError, AttributeError):
        raise HttpFout(
            400, "geometrie_ongeldig", "De body heeft een geldige GeoJSON-geometrie nodig in 'geometrie'."
        ) from None
    dag = _geldig_op(req)
    lijst = [_locatie(i) for i in _geldige_locaties(dag) if LOCATIES[i][1].intersects(zoekgebied)]
    return json_response(pagineer(req, "locaties", lijst), headers={"Content-Crs": RD_NEW_URI})


def activiteitlocatieaanduidingen(app, req: Request) -> Response:
    dag = _geldig_op(req)
    gevraagd = req.query.get("locatieIdentificatie")
    lijst = []
    for locatie in _geldige_locaties(dag):
        if gevraagd and gevraagd != locatie:
            continue
        for code, (naam, _) in sorted(ACTIVITEITEN.items()):
            kwalificatie = (
                "Vergunningplicht" if locatie != "nl.imow-gm0400.gebied.gemeentegebied" else "Meldingsplicht"
            )
            lijst.append(
                {
                    "identificatie": f"{locatie}.{code}",
                    "activiteitregelkwalificatie": {"code": kwalificatie.lower(), "waarde": kwalificatie},
                    "betreftEenActiviteit": {
                        "identificatie": URN.format(code),
                        "naam": naam,
                        "groep": {"code": "bouwactiviteit", "waarde": "Bouwactiviteit"},
                        "geregistreerdMet": _geregistreerd("2026-01-01"),
                    },
                    "locatieIdentificaties": [locatie],
                }
            )
    return json_response(pagineer(req, "activiteitlocatieaanduidingen", lijst))


def _gebiedsaanwijzing(ident: str) -> dict:
    naam, groep, locatie = GEBIEDSAANWIJZINGEN[ident]
    return {
        "identificatie": ident,
        "naam": naam,
        "groep": {"code": groep, "waarde": groep},
        "locatieIdentificaties": [locatie],
        "geregistreerdMet": _geregistreerd(LOCATIES[locatie][2]),
    }


def gebiedsaanwijzingen(app, req: Request) -> Response:
    geldig = _geldige_locaties(_geldig_op(req))
    lijst = [_gebiedsaanwijzing(i) for i, (_, _, locatie) in GEBIEDSAANWIJZINGEN.items() if locatie in geldig]
    return json_response(pagineer(req, "gebiedsaanwijzingen", lijst))


def gebiedsaanwijzing(app, req: Request, ident: str) -> Response:
    if ident not in GEBIEDSAANWIJZINGEN:
        raise HttpFout(404, "gebiedsaanwijzing_onbekend", f"Geen gebiedsaanwijzing {ident}.")
    return json_response(_gebiedsaanwijzing(ident))


def geometrie(app, req: Request, ident: str) -> Response:
    crs = req.query.get("crs")
    if not crs:
        raise HttpFout(422, "crs_ontbreekt", "De parameter crs is verplicht (CRS84 wordt niet ondersteund).")
    if not is_rd_new(crs):
        raise HttpFout(422, "crs_niet_ondersteund", f"Alleen RD New ({RD_NEW_URI}) wordt ondersteund.")
    if ident not in LOCATIES:
        raise HttpFout(404, "geometrie_onbekend", f"Geen geometrie {ident}.")
    return json_response(
        {"type": "Feature", "id": ident, "geometry": mapping(LOCATIES[ident][1]), "properties": {}},
        content_type="application/geo+json",
        headers={"Content-Crs": RD_NEW_URI},
    )


ROUTES = [
    ("GET", PREFIX + r"/regelingen", regelingen, False),
    ("GET", PREFIX + r"/regelingen(?P<ident>/akn/.+)", regeling, False),
    ("POST", PREFIX + r"/locaties/_zoek", locaties_zoek, False),
    ("GET", PREFIX + r"/activiteitlocatieaanduidingen", activiteitlocatieaanduidingen, False),
    ("GET", PREFIX + r"/gebiedsaanwijzingen", gebiedsaanwijzingen, False),
    ("GET", PREFIX + r"/gebiedsaanwijzingen/(?P<ident>[^/]+)", gebiedsaanwijzing, False),
    ("GET", GEOMETRIE + r"/geometrieen/(?P<ident>[^/]+)", geometrie, False),
]
