"""The DSO-shaped API: conclusie/_bepaal, indieningsvereisten/_bepaal, toelichtingen, werkzaamheden/_zoek."""

import pytest

UITVOEREN = "/api/toepasbare-regels/uitvoeren/v3/"
RD = {"HTTP_CONTENT_CRS": "EPSG:28992"}
PUNT = {"type": "Point", "coordinates": [113005.0, 553005.0]}  # Keizerstraat 12a in the `adressen` fixture


def bepaal(client, refs, antwoorden=(), geo=PUNT, pad="conclusie", headers=RD, **extra):
    body = {
        "functioneleStructuurRefs": [
            {"functioneleStructuurRef": r, "antwoorden": list(antwoorden)} for r in refs
        ],
        "_geo": {"intersects": geo},
        **extra,
    }
    return client.post(f"{UITVOEREN}{pad}/_bepaal", body, content_type="application/json", **headers)


@pytest.fixture
def opzet(regels, adressen):
    return regels


def test_first_call_asks_questions_then_answers_give_a_conclusion(client, opzet):
    eerste = bepaal(client, ["UitwegAanleggen"])
    assert eerste.status_code == 200, eerste.content
    [werkzaamheid] = eerste.json()
    [activiteit] = werkzaamheid["activiteiten"]
    assert activiteit["conclusies"] == []
    [vraag] = activiteit["vraaggroepen"][0]["vragen"]
    assert vraag["antwoordType"] == "boolean"
    tweede = bepaal(client, ["UitwegAanleggen"], [{"id": vraag["id"], "antwoord": "false"}])
    [conclusie] = tweede.json()[0]["activiteiten"][0]["conclusies"]
    assert conclusie["toestemmingstype"]["code"] == "Vergunningplicht"
    assert conclusie["artikelen"][0]["wId"] == "gm0400_1__chp_22__art_22.30"
    assert conclusie["waarom"] == [
        {"vraag": vraag["tekst"], "antwoord": "nee", "bron": "uw antwoord", "vraag_id": vraag["id"]}
    ]
    assert any(iv["bijlage"] for iv in conclusie["indieningsvereisten"])


def test_indieningsvereisten_lists_what_is_missing_until_complete(client, opzet):
    ref = "http://toepasbare-regels.omgevingswet.overheid.nl/werkzaamheden/id/concept/UitwegAanleggen"
    antwoorden, gezien = [], 0
    while True:
        r = bepaal(client, [ref], antwoorden, pad="indieningsvereisten").json()[0]["activiteiten"][0]
        if not r["openVragen"]:
            break
        # Undecided: not indienbaar, and every open question listed, not only the next group.
        assert r["indienbaar"] is False
        assert {v["id"] for v in r["vraaggroepen"][0]["vragen"]} <= {v["id"] for v in r["openVragen"]}
        for v in r["vraaggroepen"][0]["vragen"]:
            antwoorden.append({"id": v["id"], "antwoord": "3" if v["antwoordType"] == "numeriek" else "true"})
            gezien += 1
    assert r["indienbaar"] is True and gezien == 3


@pytest.mark.parametrize(
    "kwargs, status, code",
    [
        ({"headers": {}}, 400, "content_crs_ontbreekt"),
        ({"headers": {"HTTP_CONTENT_CRS": "EPSG:2100"}}, 400, "content_crs_onbekend"),
        ({"geo": {"type": "Point", "coordinates": [200000.0, 400000.0]}}, 400, "buiten_gemeente"),
        ({"geo": {"type": "Point", "coordinates": [1e9, 1e9]}}, 400, "buiten_crs"),
        ({"geo": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}, 400, "geometrie_ongeldig"),
        (
            {
                "geo": {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [113000, 553000],
                            [113010, 553010],
                            [113010, 553000],
                            [113000, 553010],
                            [113000, 553000],
                        ]
                    ],
                }
            },
            400,
            "geometrie_ongeldig",
        ),
        ({"refs": ["BestaatNiet"]}, 400, "regels.werkzaamheid_onbekend"),
        ({"antwoorden": [{"id": "ANTWOORD", "antwoord": "misschien"}]}, 400, "regels.antwoord_ongeldig"),
        ({"datum": "gisteren"}, 400, "datum_ongeldig"),
    ],
)
def test_bad_input_is_a_clear_problem(client, opzet, kwargs, status, code):
    refs = kwargs.pop("refs", ["UitwegAanleggen"])
    if "antwoorden" in kwargs:
        vraag = bepaal(client, refs).json()[0]["activiteiten"][0]["vraaggroepen"][0]["vragen"][0]
        kwargs["antwoorden"] = [{"id": vraag["id"], "antwoord": "misschien"}]
    r = bepaal(client, refs, **kwargs)
    assert r.status_code == status
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["code"] == code


def test_list_answer_outside_the_options_is_refused(client, opzet):
    antwoorden = []
    for _ in range(5):  # without an omgevingsplan "monument?" comes first; answer it to reach the list
        vragen = bepaal(client, ["DakkapelPlaatsen"], antwoorden).json()[0]["activiteiten"][0][
            "vraaggroepen"
        ][0]["vragen"]
        lijst = next((v for v in vragen if v["antwoordType"] == "lijstwaarde"), None)
        if lijst:
            break
        antwoorden += [{"id": v["id"], "antwoord": "false"} for v in vragen]
    r = bepaal(client, ["DakkapelPlaatsen"], [*antwoorden, {"id": lijst["id"], "antwoord": "Onderkant"}])
    assert r.status_code == 400 and "Achterkant" in r.json()["detail"]


def test_werkzaamheden_are_found_by_the_words_people_use(client, opzet):
    def zoek(term):
        r = client.post(
            "/api/toepasbare-regels/zoekinterface/v2/werkzaamheden/_zoek",
            {"zoekterm": term},
            content_type="application/json",
        )
        assert r.status_code == 200
        return [w["urn"] for w in r.json()["_embedded"]["werkzaamheden"]]

    for term in ("schutting", "hek", "erfafscheiding", "schuting"):
        assert zoek(term)[0] == "ErfafscheidingPlaatsen", term
    assert zoek("dakkapl")[0] == "DakkapelPlaatsen"
    assert zoek("boom")[0] == "BoomKappen"
    assert zoek("inrit")[0] == "UitwegAanleggen"


def test_toelichting_by_question_id(client, opzet):
    vragen = bepaal(client, ["DakkapelPlaatsen"]).json()[0]["activiteiten"][0]["vraaggroepen"][0]["vragen"]
    met = next(v for v in vragen if v["toelichtingId"])
    r = client.get(f"{UITVOEREN}toelichtingen/{met['toelichtingId']}")
    assert r.status_code == 200 and r.json()["toelichting"]
    assert client.get(f"{UITVOEREN}toelichtingen/bestaat.niet").status_code == 404


def test_a_polygon_location_in_wgs84_works_too(client, opzet):
    from kern.crs import naar_wgs84

    hoeken = [
        naar_wgs84(x, y) for x, y in [(112995, 552995), (113015, 552995), (113015, 553015), (112995, 553015)]
    ]
    vlak = {"type": "Polygon", "coordinates": [[list(p) for p in [*hoeken, hoeken[0]]]]}
    r = bepaal(client, ["UitwegAanleggen"], geo=vlak, headers={"HTTP_CONTENT_CRS": "EPSG:4326"})
    assert r.status_code == 200, r.content
    assert r.json()[0]["activiteiten"][0]["vraaggroepen"][0]["vragen"]


def test_a_vaste_waarde_voorbehoud_in_the_dso_shape_gives_a_conclusion_with_its_voorbehoud(client, db):
    """The production bug: the nested uitv:vasteWaarde was read as "" and every conclusion failed."""
    from tests.toepasbare_regels.sttr.schemavorm import OIN, definitions, input_data, top_besluit
    from tests.toepasbare_regels.sttr.test_schema import VOORBEHOUD
    from toepasbare_regels.importing import importeer_sttr

    inhoud = definitions(
        "1.2",
        input_data("1.2", "_vogel", "Beschermde vogel broedt", "UitvId0001", "boolean")
        + top_besluit(
            "1.2",
            [("_vogel", "Beschermde vogel broedt", "boolean")],
            [(["false"], "Toestemmingsvrij"), (["true"], "Vergunningplicht")],
        ),
        ext=f"<uitv:uitvoeringsregels>{VOORBEHOUD}</uitv:uitvoeringsregels>",
    )
    importeer_sttr(inhoud, "dakkapel.dmn")
    r = bepaal(client, [f"{OIN}/id/concept/ConclusieBouwenDakkapel"])
    assert r.status_code == 200, r.content
    [conclusie] = r.json()[0]["activiteiten"][0]["conclusies"]
    assert conclusie["toestemmingstype"]["code"] == "Toestemmingsvrij"
    assert conclusie["voorbehouden"][0].startswith("U mag bouwen onder voorbehoud")


def test_the_bestuursorgaan_is_the_configured_gemeente(client, opzet, settings):
    settings.GEMEENTE_CBS_CODE = "GM0197"
    r = bepaal(client, ["UitwegAanleggen"]).json()
    assert r[0]["activiteiten"][0]["bestuursorgaan"]["organisatieCode"] == "gm0197"


def test_fact_ids_are_municipality_neutral_and_old_prefixed_ids_still_work(settings):
    from toepasbare_regels.feiten import FEITEN, uit_herbruikbaar_id

    assert not any(s.startswith("gm") for s in FEITEN)
    assert uit_herbruikbaar_id("gm0400.monument") == "monument"
    settings.GEMEENTE_CBS_CODE = "GM0197"
    assert uit_herbruikbaar_id("gm0197.erf") == "erf"
    assert "Aalten" not in FEITEN["monument"].bron
    settings.GEMEENTE_NAAM = "Aalten"
    assert FEITEN["monument"].bron.startswith("Omgevingsplan Aalten")


IV_EVENEMENT = (
    "http://toepasbare-regels.omgevingswet.overheid.nl/00000001001234567000/id/concept/"
    "IndieningsvereistenVergunningEvenementOrganiseren"
)


def _iv(client, antwoorden=()):
    r = bepaal(client, [IV_EVENEMENT], antwoorden, pad="indieningsvereisten")
    assert r.status_code == 200, r.content
    return r.json()[0]["activiteiten"][0]


def test_an_aansluitpunt_asks_the_questions_of_the_model_it_names(client, db):
    from tests.toepasbare_regels.sttr.schemavorm import aansluit_model, indieningsvereisten_met_aansluitpunt
    from toepasbare_regels.importing import importeer_sttr

    importeer_sttr(indieningsvereisten_met_aansluitpunt("1.1"), "iv.dmn")
    importeer_sttr(aansluit_model("1.2"), "aansluiting.dmn")
    eerste = _iv(client)
    assert eerste["indienbaar"] is False
    assert {v["tekst"] for v in eerste["openVragen"]} == {
        "Wie organiseert het evenement?",
        "Heeft u dit bij de hand: Plattegrond evenement?",
    }
    antwoorden = [
        {"id": v["id"], "antwoord": "true" if v["bijlage"] else "Stichting Havenfeest"}
        for v in eerste["openVragen"]
    ]
    klaar = _iv(client, antwoorden)
    assert (klaar["indienbaar"], klaar["openVragen"]) == (True, [])
    zonder_plattegrond = [
        a if "Stichting" in a["antwoord"] else a | {"antwoord": "false"} for a in antwoorden
    ]
    assert _iv(client, zonder_plattegrond)["indienbaar"] is False


def test_an_aansluitpunt_to_a_model_that_is_not_loaded_says_why(client, db):
    from tests.toepasbare_regels.sttr.schemavorm import indieningsvereisten_met_aansluitpunt
    from toepasbare_regels.importing import importeer_sttr

    importeer_sttr(indieningsvereisten_met_aansluitpunt("1.2"), "iv.dmn")
    [vraag] = _iv(client)["openVragen"]
    r = _iv(client, [{"id": vraag["id"], "antwoord": "Stichting Havenfeest"}])
    assert (r["indienbaar"], r["openVragen"]) == (False, [])
    assert "Indieningsvereisten evenement organiseren" in r["redenen"][0]
    assert "nog niet heeft klaargezet" in r["redenen"][0]


def test_maatregelen_bepaal_gives_voorschriften_and_maatregelen_in_order(client, db):
    from tests.toepasbare_regels.sttr.schemavorm import OIN, maatregelen_bestand
    from toepasbare_regels.importing import importeer_sttr

    importeer_sttr(maatregelen_bestand("1.1"), "maatregelen.dmn")
    ref = f"{OIN}/id/concept/MaatregelenOpslaanOlieproducten"
    eerste = bepaal(client, [ref], pad="maatregelen")
    assert eerste.status_code == 200, eerste.content
    [activiteit] = eerste.json()[0]["activiteiten"]
    [vraag] = activiteit["vraaggroepen"][0]["vragen"]
    assert "maatregelen" not in activiteit
    nee = bepaal(client, [ref], [{"id": vraag["id"], "antwoord": "false"}], pad="maatregelen").json()
    [activiteit] = nee[0]["activiteiten"]
    assert activiteit["voorschriften"] == [
        {"verwijzing": "jci1.3:c:BWBR0022762&hoofdstuk=3&artikel=3.54c&lid=1"}
    ]
    assert [(m["id"], m["frequentie"], m["themas"]) for m in activiteit["maatregelen"]] == [
        ("m0112", "Een keer per jaar", ["Bodem"]),
        ("m0106", "Eenmalig", ["Bodem", "Veiligheid"]),
    ]
    assert activiteit["maatregelen"][0]["maatregeltekst"] == "Leeg de opslagtank"
    ja = bepaal(client, [ref], [{"id": vraag["id"], "antwoord": "true"}], pad="maatregelen").json()
    assert ja[0]["activiteiten"][0]["maatregelen"] == []


def test_a_conclusie_with_an_aansluitpunt_that_is_not_loaded_is_neem_contact_op_with_the_reason(client, db):
    from tests.toepasbare_regels.sttr.schemavorm import OIN, indieningsvereisten_met_aansluitpunt
    from toepasbare_regels.importing import importeer_sttr

    inhoud = indieningsvereisten_met_aansluitpunt("1.2").replace(
        b"IndieningsvereistenVergunningEvenementOrganiseren", b"ConclusieEvenementOrganiseren"
    )
    importeer_sttr(inhoud, "conclusie.dmn")
    ref = f"{OIN}/id/concept/ConclusieEvenementOrganiseren"
    [vraag] = bepaal(client, [ref]).json()[0]["activiteiten"][0]["vraaggroepen"][0]["vragen"]
    r = bepaal(client, [ref], [{"id": vraag["id"], "antwoord": "Stichting Havenfeest"}]).json()
    [conclusie] = r[0]["activiteiten"][0]["conclusies"]
    assert conclusie["toestemmingstype"]["code"] == "NeemContactOpMet"
    assert "nog niet heeft klaargezet" in conclusie["toelichting"]
