"""A Conclusie Bouwen Dakkapel in the shape national STTR files have (DMN 1.2, OIN namespace, GUID-like
ids, UitvIdNNNN uitvoeringsregels, 14 questions + 1 geoVerwijzing + 2 fixed values, a COLLECT top table
over ANY/FIRST sub-decisions). Question texts and the decision structure follow the public
Conclusie Bouwen Dakkapel (tests/toepasbare_regels/sttr/README.md); the tables are written here."""

from xml.sax.saxutils import escape

from tests.toepasbare_regels.sttr import dmn
from tests.toepasbare_regels.sttr.schemavorm import OIN, definitions, input_data

NAAM = "Conclusie Bouwen Dakkapel"
REF = f"{OIN}/id/concept/ConclusieBouwenDakkapel"

# (id, regelgroep, prioriteit, gegevensType, tekst, opties, inputData naam)
VRAGEN = [
    (
        "UitvId0001",
        "groep1",
        10,
        "boolean",
        "Is er sprake van een monument (gemeentelijk / provinciaal / rijk)?",
        (),
        "Monument",
    ),
    (
        "UitvId0002",
        "groep1",
        20,
        "boolean",
        "Is hoofdgebouw gelegen in Rijks Beschermd Stadsgezicht?",
        (),
        "Stadsgezicht",
    ),
    ("UitvId0003", "groep1", 30, "boolean", "Betreft het plaatsing op een woonwagen?", (), "Woonwagen"),
    (
        "UitvId0004",
        "groep1",
        40,
        "boolean",
        "Betreft het plaatsing op een tijdelijk bouwwerk?",
        (),
        "Tijdelijk bouwwerk",
    ),
    (
        "UitvId0005",
        "groep1",
        50,
        "boolean",
        "Betreft het plaatsing op een recreatief nachtverblijf voor één huishouden?",
        (),
        "Recreatief nachtverblijf",
    ),
    (
        "UitvId0006",
        "groep1",
        60,
        "boolean",
        "Betreft het plaatsing op een dakvlak gekeerd naar openbaar toegankelijk gebied?",
        (),
        "Openbaar gebied",
    ),
    ("UitvId0007", "groep1", 70, "boolean", "Is dakkapel voorzien van een plat dak?", (), "Plat dak"),
    (
        "UitvId0011",
        "groep2",
        210,
        "number",
        "Wat is de hoogte gemeten vanaf de voet van de dakkapel (in cm)?",
        (),
        "Hoogte dakkapel",
    ),
    (
        "UitvId0012",
        "groep2",
        220,
        "number",
        "Hoever ligt de onderzijde boven de dakvoet (in cm)?",
        (),
        "Afstand dakvoet",
    ),
    (
        "UitvId0013",
        "groep2",
        230,
        "number",
        "Hoever ligt de bovenzijde onder de daknok (in cm)?",
        (),
        "Afstand nok",
    ),
    (
        "UitvId0014",
        "groep2",
        240,
        "number",
        "Hoever liggen de zijkanten van de dakkapel van de zijkanten van het dakvlak (in cm)?",
        (),
        "Afstand zijkanten",
    ),
    (
        "UitvId0015",
        "groep2",
        250,
        "list",
        "Op welk dakvlak wordt de dakkapel geplaatst?",
        ("Voorkant", "Zijkant", "Achterkant"),
        "Dakvlak",
    ),
    (
        "UitvId0021",
        "groep3",
        310,
        "boolean",
        "Gelden er in uw gemeente welstandsciteria voor dakkapellen?",
        (),
        "Welstand",
    ),
    (
        "UitvId0040",
        "groep3",
        320,
        "boolean",
        "Komt de dakkapel op een nieuw te bouwen pand?",
        (),
        "Nieuwbouw",
    ),
]
DATA_WEET = {
    "Monument",
    "Stadsgezicht",
    "Woonwagen",
    "Tijdelijk bouwwerk",
    "Recreatief nachtverblijf",
    "Nieuwbouw",
}


def _vraag(ident, groep, prio, soort, tekst, opties) -> str:
    return dmn.vraag(ident, soort, tekst, opties, groep, prioriteit=prio) + "\n"


def _besluit(ident, naam, hit, kolommen, regels, *, top=False, uit_type="boolean", waarden="") -> str:
    """kolommen: (naam, typeRef, id of the inputData or decision, is_besluit); regels: (cellen, uitvoer)."""
    ext = (
        f'<dmn:extensionElements><bedr:functioneleStructuurRef href="#{REF}"/></dmn:extensionElements>'
        if top
        else ""
    )
    eisen = "".join(
        f'<dmn:informationRequirement><dmn:required{"Decision" if b else "Input"} href="#{i}"/></dmn:informationRequirement>'
        for _, _, i, b in kolommen
    )
    inputs = "".join(
        f'<dmn:input id="{ident}-in{k}"><dmn:inputExpression typeRef="{t}"><dmn:text>{n}</dmn:text>'
        "</dmn:inputExpression></dmn:input>"
        for k, (n, t, _, _) in enumerate(kolommen)
    )
    output = (
        f'<dmn:output id="{ident}-out"><dmn:outputValues><dmn:text>{escape(waarden)}</dmn:text></dmn:outputValues></dmn:output>'
        if waarden
        else f'<dmn:output id="{ident}-out"/>'
    )
    rules = "".join(
        f'<dmn:rule id="{ident}-r{n}">'
        + "".join(
            f'<dmn:inputEntry id="{ident}-r{n}-{k}"><dmn:text>{escape(c)}</dmn:text></dmn:inputEntry>'
            for k, c in enumerate(cellen)
        )
        + f'<dmn:outputEntry id="{ident}-r{n}-o"><dmn:text>{escape(uit)}</dmn:text></dmn:outputEntry>'
        + (
            f'<dmn:annotationEntry><dmn:text>"/akn/nl/act/gm0400/2024/omgevingsplan/art_dakkapel_{n}"</dmn:text></dmn:annotationEntry>'
            if top
            else ""
        )
        + "</dmn:rule>"
        for n, (cellen, uit) in enumerate(regels)
    )
    return (
        f'<dmn:decision id="{ident}" name="{naam}">{ext}<dmn:variable id="{ident}-var" name="{naam}" typeRef="{uit_type}"/>'
        f'{eisen}<dmn:decisionTable hitPolicy="{hit}" id="{ident}-t" outputLabel="{naam}" typeRef="{uit_type}">'
        f"{inputs}{output}{rules}</dmn:decisionTable></dmn:decision>\n"
    )


def _in(naam: str) -> tuple:
    soort = next((s for _, _, _, s, _, _, n in VRAGEN if n == naam), "boolean")
    return (naam, "string" if soort == "list" else soort, f"_i-{naam.lower().replace(' ', '-')}", False)


def _b(ident: str, naam: str) -> tuple:
    return (naam, "boolean", ident, True)


def bestand(gemeente_code: str = "gm0400") -> bytes:
    regels = "".join(_vraag(*v[:6]) for v in VRAGEN) + (
        '<uitv:uitvoeringsregel id="UitvId0031"><uitv:regelgroepRef href="#groep3"/><inter:prioriteit>340</inter:prioriteit>'
        "<uitv:vasteWaardeVoorbehoud><uitv:vasteWaarde><uitv:waardeVraag>Nestelt er een beschermde vogel?</uitv:waardeVraag>"
        "<uitv:waarde>false</uitv:waarde><uitv:gegevensType>boolean</uitv:gegevensType></uitv:vasteWaarde>"
        "<uitv:tekstVoorbehoud>U mag de dakkapel plaatsen als er geen beschermde vogel nestelt.</uitv:tekstVoorbehoud>"
        "</uitv:vasteWaardeVoorbehoud></uitv:uitvoeringsregel>\n"
        '<uitv:uitvoeringsregel id="UitvId0032"><uitv:regelgroepRef href="#groep3"/><inter:prioriteit>350</inter:prioriteit>'
        "<uitv:vasteWaarde><uitv:waardeVraag>Is het gebouw illegaal?</uitv:waardeVraag><uitv:waarde>false</uitv:waarde>"
        "<uitv:gegevensType>boolean</uitv:gegevensType></uitv:vasteWaarde></uitv:uitvoeringsregel>\n"
        '<uitv:uitvoeringsregel id="UitvId0034"><uitv:regelgroepRef href="#groep3"/><uitv:geoVerwijzing>'
        f'<uitv:locatie identificatie="nl.imow-{gemeente_code}.gebied.gemeentegrens"/>'
        "<uitv:vraagTekst>Ligt het pand binnen de gemeentegrens?</uitv:vraagTekst></uitv:geoVerwijzing></uitv:uitvoeringsregel>\n"
    )
    invoer = "".join(
        input_data("1.2", _in(n)[2], n, ident, "string" if s == "list" else s)
        for ident, _, _, s, _, _, n in VRAGEN
    )
    invoer += input_data("1.2", "_i-vogel", "Beschermde vogel broedt", "UitvId0031", "boolean")
    invoer += input_data("1.2", "_i-illegaal", "Illegaal", "UitvId0032", "boolean")
    invoer += input_data("1.2", "_i-gemeentegrens", "Locatie binnen gemeentegrens", "UitvId0034", "string")
    conclusies = '"Vergunningplicht","Toestemmingsvrij","Verbod","Meldingsplicht","Informatieplicht","NeemContactOpMet","NietVanToepassing"'
    grens = ("Locatie binnen gemeentegrens", "string", "_i-gemeentegrens", False)
    vogel = ("Beschermde vogel broedt", "boolean", "_i-vogel", False)
    illegaal = ("Illegaal", "boolean", "_i-illegaal", False)
    besluiten = [
        _besluit(
            "_d-top",
            "Conclusie Dakkapel",
            "COLLECT",
            [
                grens,
                _in("Plat dak"),
                _b("_d-erfgoed", "Erfgoed"),
                _b("_d-fysiek", "Fysieke kenmerken vergunningvrije dakkapel"),
                _b("_d-bijzonder", "Bijzonder gebouw"),
                _b("_d-dakvlak", "Vergunningvrij dakvlak"),
                _in("Nieuwbouw"),
                vogel,
                illegaal,
            ],
            [
                (['"nee"', "-", "-", "-", "-", "-", "-", "-", "-"], '"NietVanToepassing"'),
                (['"deels"', "-", "-", "-", "-", "-", "-", "-", "-"], '"NeemContactOpMet"'),
                (['"ja"', "-", "true", "-", "-", "-", "-", "-", "-"], '"Vergunningplicht"'),
                (['"ja"', "-", "-", "-", "-", "-", "-", "-", "true"], '"NeemContactOpMet"'),
                (['"ja"', "false", "false", "-", "-", "-", "-", "-", "-"], '"Vergunningplicht"'),
                (['"ja"', "true", "false", "-", "true", "-", "-", "-", "-"], '"NeemContactOpMet"'),
                (['"ja"', "true", "false", "false", "false", "-", "-", "-", "-"], '"Vergunningplicht"'),
                (['"ja"', "true", "false", "true", "false", "false", "-", "-", "-"], '"Vergunningplicht"'),
                (['"ja"', "true", "false", "true", "false", "true", "true", "-", "-"], '"Informatieplicht"'),
                (
                    ['"ja"', "true", "false", "true", "false", "true", "false", "true", "false"],
                    '"Meldingsplicht"',
                ),
                (
                    ['"ja"', "true", "false", "true", "false", "true", "false", "false", "false"],
                    '"Toestemmingsvrij"',
                ),
            ],
            top=True,
            uit_type="string",
            waarden=conclusies,
        ),
        _besluit(
            "_d-erfgoed",
            "Erfgoed",
            "ANY",
            [_in("Monument"), _in("Stadsgezicht")],
            [(["true", "-"], "true"), (["-", "true"], "true"), (["false", "false"], "false")],
        ),
        _besluit(
            "_d-bijzonder",
            "Bijzonder gebouw",
            "ANY",
            [_in("Woonwagen"), _in("Tijdelijk bouwwerk"), _in("Recreatief nachtverblijf")],
            [
                (["true", "-", "-"], "true"),
                (["-", "true", "-"], "true"),
                (["-", "-", "true"], "true"),
                (["false", "false", "false"], "false"),
            ],
        ),
        _besluit(
            "_d-fysiek",
            "Fysieke kenmerken vergunningvrije dakkapel",
            "ANY",
            [_in("Hoogte dakkapel"), _in("Afstand dakvoet"), _in("Afstand nok"), _in("Afstand zijkanten")],
            [
                (["<= 175", "[50..100]", ">= 50", ">= 50"], "true"),
                (["> 175", "-", "-", "-"], "false"),
                (["-", "< 50", "-", "-"], "false"),
                (["-", "> 100", "-", "-"], "false"),
                (["-", "-", "< 50", "-"], "false"),
                (["-", "-", "-", "< 50"], "false"),
            ],
        ),
        _besluit(
            "_d-dakvlak",
            "Vergunningvrij dakvlak",
            "FIRST",
            [
                _b("_d-voor", "Vergunningvrij voordakvlak"),
                _b("_d-zij", "Vergunningvrij zijdakvlak"),
                _b("_d-achter", "Vergunningvrij achterdakvlak"),
            ],
            [
                (["true", "-", "-"], "true"),
                (["-", "true", "-"], "true"),
                (["-", "-", "true"], "true"),
                (["false", "false", "false"], "false"),
            ],
        ),
        _besluit(
            "_d-voor",
            "Vergunningvrij voordakvlak",
            "ANY",
            [_in("Dakvlak"), _in("Openbaar gebied"), _in("Welstand")],
            [
                (['"Voorkant"', "false", "false"], "true"),
                (['"Voorkant"', "true", "-"], "false"),
                (['"Voorkant"', "-", "true"], "false"),
                (['not("Voorkant")', "-", "-"], "false"),
            ],
        ),
        _besluit(
            "_d-zij",
            "Vergunningvrij zijdakvlak",
            "ANY",
            [_in("Dakvlak"), _in("Openbaar gebied")],
            [
                (['"Zijkant"', "false"], "true"),
                (['"Zijkant"', "true"], "false"),
                (['not("Zijkant")', "-"], "false"),
            ],
        ),
        _besluit(
            "_d-achter",
            "Vergunningvrij achterdakvlak",
            "ANY",
            [_in("Dakvlak")],
            [(['"Achterkant"'], "true"), (['not("Achterkant")'], "false")],
        ),
    ]
    groepen = (
        '<inter:regelgroep id="groep2"><inter:naam>Afmetingen</inter:naam><inter:prioriteit>2</inter:prioriteit></inter:regelgroep>'
        '<inter:regelgroep id="groep3"><inter:naam>Extra vragen</inter:naam><inter:prioriteit>3</inter:prioriteit></inter:regelgroep>'
    )
    return definitions(
        "1.2", invoer + "".join(besluiten), ext=f"<uitv:uitvoeringsregels>{regels}</uitv:uitvoeringsregels>"
    ).replace(
        b"</inter:regelgroep>\n    </inter:regelgroepen>",
        f"</inter:regelgroep>{groepen}</inter:regelgroepen>".encode(),
    )
