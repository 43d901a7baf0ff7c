"""Verzoek afhandelen v1 (secured API): the feed of new verzoeken, referenties, XML, PDF, bijlagen,
and the status report back (our design: the real endpoint is not public)."""

import random
from datetime import datetime

from dev.dso_mock import documenten
from dev.dso_mock.http import HttpFout, Request, Response, hal_pagina, json_response

PREFIX = "/overheid/verzoeken/api/afhandelen/v1"


def _verzoek(app, nummer: str) -> dict:
    v = app.opslag.verzoeken.get(nummer)
    if v is None:
        raise HttpFout(
            404, "verzoek_onbekend", f"Verzoek {nummer} bestaat niet (of niet voor dit bevoegd gezag)."
        )
    return v


def _wijzig_tijdens_bladeren(app) -> None:
    """A page that changes while the client pages: something new arrives, or an earlier verzoek moves
    to the end of the feed because it changed."""
    opslag, rng = app.opslag, random.Random(len(app.opslag.feed))  # noqa: S311 - test data
    gewone = sorted(n for n, v in opslag.verzoeken.items() if v["type"] != "aanvulling" and not v["kapot"])
    wat = app.storingen.keuze(("nieuw", "aanvulling", "versie"))
    if wat == "nieuw" or not gewone:
        app.nieuw_verzoek(rng)
    elif wat == "aanvulling":
        app.meld(opslag.aanvulling(rng.choice(gewone), rng.randint(0, 3), rng.choice(["ja", "nee", "9"])))
    else:
        nummer = rng.choice(gewone)
        app.meld(opslag.nieuwe_versie(nummer, f"Gecorrigeerd: {opslag.verzoeken[nummer]['omschrijving']}"))


def feed(app, req: Request) -> Response:
    """New and changed verzoeken after cursor `na` (a volgnummer) or since moment `sinds`, oldest first."""
    if req.storing == "wijziging":
        _wijzig_tijdens_bladeren(app)
    na = req.int_param("na", 0, minimum=0, maximum=10**9)
    if "sinds" in req.query:
        try:
            sinds = datetime.fromisoformat(req.query["sinds"]).isoformat()
        except ValueError:
            raise HttpFout(400, "parameter_ongeldig", "sinds moet een ISO 8601-tijdstip zijn.") from None
        eerder = [i["volgnummer"] for i in app.opslag.feed if i["tijdstip"] <= sinds]
        na = max([na, *eerder])
    nummer = req.int_param("page", 1)
    grootte = req.int_param("size", 20, maximum=100)
    alles, totaal = app.opslag.feed_na(na, nummer * grootte)
    items = alles[(nummer - 1) * grootte :]
    for item in items:
        item["_links"] = {"referenties": {"href": f"{PREFIX}/verzoeken/{item['verzoeknummer']}/referenties"}}
    if req.storing == "dubbel" and na > 0:
        # An item the client already had on an earlier page comes round again.
        eerder = app.opslag.feed[app.storingen.keuze(range(min(na, len(app.opslag.feed))))]
        items.insert(
            0,
            {
                **eerder,
                "_links": {
                    "referenties": {"href": f"{PREFIX}/verzoeken/{eerder['verzoeknummer']}/referenties"}
                },
            },
        )
    if req.storing == "volgorde":
        app.storingen.schud(items)
    if req.storing == "kapot_item" and items:
        positie = app.storingen.keuze(range(len(items)))
        items[positie] = {"volgnummer": "??", "verzoeknummer": None, "type": 17}
    return json_response(hal_pagina(req, "verzoeken", items, totaal, nummer, grootte))


def referenties(app, req: Request, nummer: str) -> Response:
    v = _verzoek(app, nummer)
    basis = f"{PREFIX}/verzoeken/{nummer}"
    return json_response(
        {
            "verzoeknummer": nummer,
            "type": v["type"],
            "versie": v["versie"],
            "_links": {
                "self": {"href": f"{basis}/referenties"},
                "verzoek": {"href": f"{basis}/verzoek", "type": "application/xml"},
                "publiceerbaar": {"href": f"{basis}/publiceerbaar", "type": "application/pdf"},
            },
            "_embedded": {
                "bijlagen": [
                    {
                        "id": b["id"],
                        "naam": b["naam"],
                        "documentsoort": b["documentsoort"],
                        "_links": {
                            "inhoud": {"href": f"{basis}/bijlagen/{b['id']}", "type": "application/pdf"}
                        },
                    }
                    for b in v["bijlagen"]
                ]
            },
        }
    )


def verzoek_xml(app, req: Request, nummer: str) -> Response:
    return Response(200, documenten.verzoek_xml(_verzoek(app, nummer)), "application/xml")


def publiceerbaar(app, req: Request, nummer: str) -> Response:
    return Response(200, documenten.publiceerbaar_pdf(_verzoek(app, nummer)), "application/pdf")


def bijlage(app, req: Request, nummer: str, bijlage_id: str) -> Response:
    v = _verzoek(app, nummer)
    for b in v["bijlagen"]:
        if b["id"] == bijlage_id:
            return Response(200, documenten.bijlage_inhoud(v, b), "application/pdf")
    raise HttpFout(404, "bijlage_onbekend", f"Verzoek {nummer} heeft geen bijlage {bijlage_id}.")


def status(app, req: Request, nummer: str) -> Response:
    _verzoek(app, nummer)
    body = req.json()
    if not isinstance(body, dict) or not body.get("status"):
        raise HttpFout(
            400,
            "status_ontbreekt",
            "Geef een status mee.",
            invalidParams=[{"name": "status", "reason": "verplicht"}],
        )
    app.opslag.registreer_status(
        nummer, {k: body[k] for k in ("status", "datum", "zaakidentificatie") if k in body}
    )
    return json_response(
        {"verzoeknummer": nummer, "ontvangen": True}, status=201, content_type="application/json"
    )


ROUTES = [
    ("GET", PREFIX + r"/verzoeken", feed, True),
    ("GET", PREFIX + r"/verzoeken/(?P<nummer>[^/]+)/referenties", referenties, False),
    ("GET", PREFIX + r"/verzoeken/(?P<nummer>[^/]+)/verzoek", verzoek_xml, False),
    ("GET", PREFIX + r"/verzoeken/(?P<nummer>[^/]+)/publiceerbaar", publiceerbaar, False),
    ("GET", PREFIX + r"/verzoeken/(?P<nummer>[^/]+)/bijlagen/(?P<bijlage_id>[^/]+)", bijlage, False),
    ("POST", PREFIX + r"/verzoeken/(?P<nummer>[^/]+)/statussen", status, False),
]
