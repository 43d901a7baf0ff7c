"""The content of the Den Helder sample omgevingsplan: activiteiten, artikelen and juridische regels.

The identifiers and wIds are fixed: the STTR files of the vergunningcheck refer to them. The texts
paraphrase the vergunningvrij rules of the Besluit bouwwerken leefomgeving (Bbl, bijlage II) and the
model-APV in plain Dutch (B1); they are a sample, not the law.
"""

GM = "gm0400"
NS = f"nl.imow-{GM}"
REGELING = f"/akn/nl/act/{GM}/2024/omgevingsplan"
EXPRESSIE = f"{REGELING}/nld@2024-01-01;1"
TITEL = "Omgevingsplan gemeente Den Helder"
GELDIG_VANAF = "2024-01-01"
# The Rijk's functionele structuur is not in this delivery; our tree hangs under its omgevingsplanactiviteit.
RIJK_OMGEVINGSPLANACTIVITEIT = "nl.imow-mnre1034.activiteit.Omgevingsplanactiviteit"


def ident(soort: str, naam: str) -> str:
    return f"{NS}.{soort}.{naam}"


# (local id, naam, groep term of the Activiteitengroep list, parent local id or a full identificatie)
ACTIVITEITEN = [
    (
        "Omgevingsplanactiviteit",
        "activiteiten in het omgevingsplan Den Helder",
        "Overig",
        RIJK_OMGEVINGSPLANACTIVITEIT,
    ),
    ("Bouwactiviteit", "bouwen van een bouwwerk", "BouwactiviteitRuimtelijk", "Omgevingsplanactiviteit"),
    ("BouwenDakkapel", "bouwen van een dakkapel", "BouwactiviteitRuimtelijk", "Bouwactiviteit"),
    (
        "BouwenBijbehorendBouwwerk",
        "bouwen van een bijbehorend bouwwerk (aanbouw, bijgebouw)",
        "BouwactiviteitRuimtelijk",
        "Bouwactiviteit",
    ),
    (
        "BouwenErfafscheiding",
        "bouwen van een erfafscheiding (schutting, hek)",
        "BouwactiviteitRuimtelijk",
        "Bouwactiviteit",
    ),
    ("PlaatsenZonnepanelen", "plaatsen van zonnepanelen", "BouwactiviteitRuimtelijk", "Bouwactiviteit"),
    (
        "VellenHoutopstand",
        "vellen van houtopstand (een boom kappen)",
        "Kapactiviteit",
        "Omgevingsplanactiviteit",
    ),
    (
        "AanleggenUitweg",
        "aanleggen of veranderen van een uitweg (inrit)",
        "Overig",
        "Omgevingsplanactiviteit",
    ),
    ("OrganiserenEvenement", "organiseren van een evenement", "Overig", "Omgevingsplanactiviteit"),
    ("PlaatsenReclame", "plaatsen van reclame", "Overig", "Omgevingsplanactiviteit"),
    (
        "PlaatsenWarmtepomp",
        "plaatsen van een warmtepomp of airco (buitenunit)",
        "BouwactiviteitRuimtelijk",
        "Bouwactiviteit",
    ),
    (
        "VervangenKozijn",
        "veranderen of vervangen van kozijnen, ramen en deuren",
        "BouwactiviteitRuimtelijk",
        "Bouwactiviteit",
    ),
    ("Slopen", "slopen van een bouwwerk", "Sloopactiviteit", "Omgevingsplanactiviteit"),
]

HOOFDSTUK_22 = f"{GM}_1__chp_22__"
HOOFDSTUK_5 = f"{GM}_1__chp_5__"

# wId -> (nummer, opschrift, alinea's)
ARTIKELEN = {
    f"{HOOFDSTUK_22}art_22.26": (
        "22.26",
        "Dakkapel",
        [
            "U mag zonder omgevingsvergunning een dakkapel bouwen op het achterdak of op een zijdak dat niet naar de straat is gekeerd.",
            "Dat mag alleen als de dakkapel niet hoger is dan 1,75 meter, onder de nok blijft en minstens 0,5 meter van de zijkanten van het dak blijft.",
            "Op een gemeentelijk monument of in het beschermd dorpsgezicht heeft u altijd een omgevingsvergunning nodig.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.27": (
        "22.27",
        "Bijbehorend bouwwerk",
        [
            "U mag zonder omgevingsvergunning een aanbouw of bijgebouw bouwen in het achtererfgebied.",
            "Dat mag alleen als het bouwwerk niet hoger is dan 5 meter en niet hoger dan 0,3 meter boven de eerste verdiepingsvloer van het hoofdgebouw.",
            "Binnen 4 meter van de achtergevel mag u maximaal 4 meter diep bouwen. Op een monument of in het beschermd dorpsgezicht heeft u een vergunning nodig.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.28": (
        "22.28",
        "Erfafscheiding",
        [
            "U mag zonder omgevingsvergunning een schutting of hek plaatsen tot 2 meter hoog achter de voorgevel.",
            "Voor de voorgevel mag de erfafscheiding maximaal 1 meter hoog zijn.",
            "In het beschermd dorpsgezicht heeft u voor een erfafscheiding aan de straatkant een omgevingsvergunning nodig.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.29": (
        "22.29",
        "Zonnepanelen",
        [
            "U mag zonder omgevingsvergunning zonnepanelen op een dak leggen als ze binnen het dakvlak blijven.",
            "Op een schuin dak moeten de panelen in of direct op het dakvlak liggen, met dezelfde helling.",
            "Op een gemeentelijk monument of in het beschermd dorpsgezicht heeft u een omgevingsvergunning nodig.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.30": (
        "22.30",
        "Uitweg",
        [
            "U heeft een omgevingsvergunning nodig om een uitweg (inrit) naar de openbare weg te maken of te veranderen.",
            "De gemeente kijkt naar de verkeersveiligheid, parkeerplaatsen en bomen en groen langs de weg.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.31": (
        "22.31",
        "Reclame",
        [
            "U mag zonder omgevingsvergunning reclame op uw eigen gevel plaatsen als die niet groter is dan 1 vierkante meter en niet boven de dakrand uitsteekt.",
            "Op een gemeentelijk monument of in het beschermd dorpsgezicht heeft u altijd een omgevingsvergunning nodig.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.32": (
        "22.32",
        "Evenement",
        [
            "U heeft een evenementenvergunning nodig om een evenement te organiseren.",
            "Een klein evenement op een evenemententerrein meldt u minstens 10 werkdagen vooraf. Een klein evenement duurt één dag, heeft minder dan 250 bezoekers en eindigt voor 23.00 uur.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.33": (
        "22.33",
        "Vellen van houtopstand",
        [
            "U heeft een omgevingsvergunning nodig om een boom te kappen met een stam van meer dan 20 centimeter doorsnede, gemeten op 1,3 meter hoogte.",
            "Voor een kleinere boom of een fruitboom in uw tuin heeft u geen vergunning nodig.",
        ],
    ),
    # 22.34-22.36 follow rules of the Bbl that are national, not the gemeente's; the sample plan holds
    # them so the example rules of the vergunningcheck can cite an article, and says so in the text.
    f"{HOOFDSTUK_22}art_22.34": (
        "22.34",
        "Warmtepomp of airco buiten (voorbeeld)",
        [
            "U mag zonder omgevingsvergunning de buitenunit van een warmtepomp of airco plaatsen aan de achterkant, aan een zijkant die niet aan de straat ligt of op een plat dak.",
            "Aan de straatkant heeft u een omgevingsvergunning nodig.",
            "De buitenunit maakt op de grens met het perceel van de buren niet meer dan 40 dB(A) geluid.",
            "Dit artikel is een voorbeeld voor de demo, geen officiële tekst. De echte regel staat in het Besluit bouwwerken leefomgeving (Bbl), over vergunningvrij bouwen en over geluid van installaties.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.35": (
        "22.35",
        "Kozijnen, ramen en deuren (voorbeeld)",
        [
            "Een kozijn, raam of deur vervangen door een die er hetzelfde uitziet, is onderhoud. Daarvoor heeft u geen omgevingsvergunning nodig.",
            "Aan de achterkant en aan een zijkant die niet aan de straat ligt, mag u kozijnen, ramen en deuren zonder omgevingsvergunning veranderen. Aan de straatkant ook, als het past bij het huis en de straat.",
            "In het beschermd dorpsgezicht en bij een monument heeft u voor een ander kozijn aan de straatkant een omgevingsvergunning nodig.",
            "Dit artikel is een voorbeeld voor de demo, geen officiële tekst. De echte regel staat in het Besluit bouwwerken leefomgeving (Bbl), over vergunningvrij bouwen.",
        ],
    ),
    f"{HOOFDSTUK_22}art_22.36": (
        "22.36",
        "Slopen (voorbeeld)",
        [
            "Wie sloopt en daarbij meer dan 10 kubieke meter sloopafval maakt, meldt dat minstens 4 weken voor het begin.",
            "Wie asbest verwijdert, meldt dat altijd. Asbest wordt verwijderd door een gecertificeerd bedrijf.",
            "Voor het slopen van een monument of van een gebouw in het beschermd dorpsgezicht heeft u een omgevingsvergunning nodig.",
            "Dit artikel is een voorbeeld voor de demo, geen officiële tekst. De echte regel staat in het Besluit bouwwerken leefomgeving (Bbl), over bouw- en sloopwerkzaamheden.",
        ],
    ),
    f"{HOOFDSTUK_5}art_5.1": (
        "5.1",
        "Bouwhoogte in bouwvlak",
        [
            "Een gebouw staat binnen het bouwvlak.",
            "De hoogte van een gebouw is niet meer dan de maximum bouwhoogte die voor dat bouwvlak geldt.",
        ],
    ),
    f"{HOOFDSTUK_5}art_5.2": (
        "5.2",
        "Beschermd dorpsgezicht",
        [
            "In het beschermd dorpsgezicht blijft het historische karakter van straten en gebouwen bewaard.",
            "Voor het veranderen van de buitenkant van een gebouw, ook als dat elders vergunningvrij is, heeft u hier een omgevingsvergunning nodig.",
        ],
    ),
    f"{HOOFDSTUK_5}art_5.3": (
        "5.3",
        "Gemeentelijk monument",
        [
            "Het is verboden een gemeentelijk monument zonder omgevingsvergunning te slopen, te verstoren of te veranderen.",
            "Dit geldt ook voor bouwwerken die elders zonder vergunning mogen, zoals een dakkapel of zonnepanelen.",
        ],
    ),
}

LOC_GEMEENTE = ident("gebied", "Gemeentegrens")
LOC_DORPSGEZICHT = ident("gebied", "BeschermdDorpsgezicht")
LOC_MONUMENTEN = ident("gebiedengroep", "Monumenten")
LOC_BOUWVLAKKEN = ident("gebiedengroep", "Bouwvlakken")
LOC_EVENEMENTEN = ident("gebiedengroep", "Evenemententerreinen")
NORM_BOUWHOOGTE = ident("omgevingsnorm", "MaximumBouwhoogte")
GEBOUWD = [
    "BouwenDakkapel",
    "BouwenBijbehorendBouwwerk",
    "BouwenErfafscheiding",
    "PlaatsenZonnepanelen",
    "PlaatsenReclame",
]
# The dorpsgezicht asks a vergunning for all of the building above and for slopen; a warmtepomp or a
# kozijn only at the street side (articles 22.34, 22.35), which an activiteit-wide rule cannot say.
IN_DORPSGEZICHT = [*GEBOUWD, "Slopen"]
OP_MONUMENT = [*GEBOUWD, "PlaatsenWarmtepomp", "VervangenKozijn", "Slopen"]

# (regel local id, wId, [(activiteit, kwalificatie, [locaties])], regel locaties, gebiedsaanwijzingen, normen)
REGELS = [
    (
        "Dakkapel",
        "art_22.26",
        [("BouwenDakkapel", "Toestemmingsvrij", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "BijbehorendBouwwerk",
        "art_22.27",
        [("BouwenBijbehorendBouwwerk", "Toestemmingsvrij", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Erfafscheiding",
        "art_22.28",
        [("BouwenErfafscheiding", "Toestemmingsvrij", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Zonnepanelen",
        "art_22.29",
        [("PlaatsenZonnepanelen", "Toestemmingsvrij", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Uitweg",
        "art_22.30",
        [("AanleggenUitweg", "Vergunningplicht", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Reclame",
        "art_22.31",
        [("PlaatsenReclame", "Toestemmingsvrij", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Evenement",
        "art_22.32",
        [
            ("OrganiserenEvenement", "Vergunningplicht", [LOC_GEMEENTE]),
            ("OrganiserenEvenement", "Meldingsplicht", [LOC_EVENEMENTEN]),
        ],
        [LOC_GEMEENTE],
        [ident("gebiedsaanwijzing", "Evenemententerreinen")],
        [],
    ),
    (
        "VellenHoutopstand",
        "art_22.33",
        [("VellenHoutopstand", "Vergunningplicht", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Warmtepomp",
        "art_22.34",
        [("PlaatsenWarmtepomp", "Toestemmingsvrij", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Kozijn",
        "art_22.35",
        [("VervangenKozijn", "Toestemmingsvrij", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Slopen",
        "art_22.36",
        [("Slopen", "Meldingsplicht", [LOC_GEMEENTE])],
        [LOC_GEMEENTE],
        [],
        [],
    ),
    (
        "Bouwhoogte",
        "art_5.1",
        [("Bouwactiviteit", "Gebod", [LOC_BOUWVLAKKEN])],
        [LOC_BOUWVLAKKEN],
        [],
        [NORM_BOUWHOOGTE],
    ),
    (
        "BeschermdDorpsgezicht",
        "art_5.2",
        [(a, "Vergunningplicht", [LOC_DORPSGEZICHT]) for a in IN_DORPSGEZICHT],
        [LOC_DORPSGEZICHT],
        [ident("gebiedsaanwijzing", "BeschermdDorpsgezicht")],
        [],
    ),
    (
        "GemeentelijkMonument",
        "art_5.3",
        [(a, "Vergunningplicht", [LOC_MONUMENTEN]) for a in OP_MONUMENT],
        [LOC_MONUMENTEN],
        [ident("gebiedsaanwijzing", "Monumenten")],
        [],
    ),
]

# Functie gebiedsaanwijzingen: groep term of the Functie list per functie of the sample.
FUNCTIES = {
    "Wonen": "Wonen",
    "Centrum": "Centrumgebied",
    "Bedrijf": "Bedrijf",
    "Groen": "Groen",
    "Water": "Water",
}
# Maximum bouwhoogte (m) of a bouwvlak by the functie where the pand stands; small buildings lower.
BOUWHOOGTE = {"Wonen": 9, "Centrum": 15, "Bedrijf": 12, "Groen": 6, "Water": 6}
BOUWHOOGTE_KLEIN = 6  # a pand under KLEIN_M2 is a shed or garage: its bouwvlak allows 6 m
KLEIN_M2 = 40
