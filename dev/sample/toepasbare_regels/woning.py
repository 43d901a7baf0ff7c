"""Sample rules for changes to a house that residents ask about often: a warmtepomp or airco outside,
new kozijnen, and slopen.

Example rules, not the official text. They follow the line of the Omgevingswet: the Besluit bouwwerken
leefomgeving (Bbl) makes small building work at the back vergunningvrij, sets a noise limit for
installations outside, and asks a melding before slopen with more than 10 m³ of waste or with asbestos;
monuments and the beschermd dorpsgezicht need a vergunning. The articles they cite (22.34-22.36) are in
the sample omgevingsplan (dev.sample.omgevingsplan), which says there too that they are examples.
"""

from .bouw import conclusie, vraag
from .regels import ART, GEZICHT, MONUMENT, OPMERKING_GEZICHT, OPMERKING_MONUMENT, beschermd, monument

ACHTER = "Achterkant of zijkant, niet aan de straat"
DAK = "Op een plat dak"
VOOR = "Voorkant of zijkant aan de straat"


def warmtepomp():
    plek = vraag(
        "plek_buitenunit",
        "Waar komt de buitenunit?",
        "list",
        20,
        opties=(ACHTER, DAK, VOOR),
        toelichting="De buitenunit is het deel van de warmtepomp of airco dat buiten hangt of staat.",
    )
    stil = vraag(
        "geluid",
        "Maakt de buitenunit op de grens met de buren 40 dB(A) geluid of minder?",
        "boolean",
        30,
        toelichting="Uw installateur kan dit voor u uitrekenen. Het hangt af van de unit en de afstand tot de buren.",
    )
    return conclusie(
        "PlaatsenWarmtepomp",
        "Warmtepomp of airco buiten plaatsen",
        [monument, beschermd, plek, stil],
        [
            (("true", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (
                ("-", "true", f'"{VOOR}"', "-"),
                "Vergunningplicht",
                "In het beschermd dorpsgezicht mag een buitenunit aan de straatkant niet zonder vergunning.",
                GEZICHT,
            ),
            (
                ("-", "-", f'"{VOOR}"', "-"),
                "Vergunningplicht",
                "Een buitenunit aan de straatkant valt op. Daarom heeft u een vergunning nodig.",
                ART + "34",
            ),
            (
                ("-", "-", "-", "false"),
                "Verbod",
                "Een buitenunit die bij de buren meer dan 40 dB(A) geluid maakt, mag niet. Kies een stillere unit of een plek verder van de buren.",
                ART + "34",
            ),
            (
                ("false", "-", f'"{ACHTER}","{DAK}"', "true"),
                "Toestemmingsvrij",
                "Een stille buitenunit aan de achterkant, een zijkant die niet aan de straat ligt of op een plat dak mag u zonder vergunning plaatsen.",
                ART + "34",
            ),
        ],
    )


def kozijn():
    kant = vraag(
        "kant",
        "Aan welke kant van het huis komt het nieuwe kozijn?",
        "list",
        20,
        opties=(ACHTER, VOOR),
        toelichting="Een kozijn is de lijst om een raam of deur. Het raam of de deur zelf hoort erbij.",
    )
    gelijk = vraag(
        "zelfde_uiterlijk",
        "Lijkt het nieuwe kozijn op het oude: dezelfde maat, vorm en indeling?",
        "boolean",
        30,
    )
    return conclusie(
        "VervangenKozijn",
        "Kozijnen, ramen of deuren vervangen",
        [monument, beschermd, kant, gelijk],
        [
            (("true", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (
                ("-", "true", f'"{VOOR}"', "false"),
                "Vergunningplicht",
                "In het beschermd dorpsgezicht mag u aan de straatkant alleen zonder vergunning een kozijn vervangen door een kozijn dat op het oude lijkt.",
                GEZICHT,
            ),
            (
                ("false", "-", "-", "true"),
                "Toestemmingsvrij",
                "Een kozijn vervangen door een kozijn dat er hetzelfde uitziet, is onderhoud. Daarvoor heeft u geen vergunning nodig.",
                ART + "35",
            ),
            (
                ("false", "-", f'"{ACHTER}"', "-"),
                "Toestemmingsvrij",
                "Aan de achterkant, of aan een zijkant die niet aan de straat ligt, mag u kozijnen, ramen en deuren zonder vergunning veranderen.",
                ART + "35",
            ),
            (
                ("false", "false", f'"{VOOR}"', "false"),
                "Toestemmingsvrij",
                "Aan de straatkant mag u een kozijn ook zonder vergunning veranderen. Het moet wel passen bij het huis en de straat.",
                ART + "35",
            ),
        ],
    )


def slopen():
    asbest = vraag(
        "asbest",
        "Zit er asbest in wat u sloopt, of weet u dat niet zeker?",
        "boolean",
        20,
        toelichting="In huizen van voor 1994 zit soms asbest, bijvoorbeeld in golfplaten, in een schuurtje of rond de cv-ketel.",
    )
    afval = vraag(
        "sloopafval",
        "Hoeveel sloopafval komt er ongeveer, in kubieke meters?",
        "number",
        30,
        groep="g2",
        toelichting="Een aanhangwagen vol is ongeveer 1 kubieke meter (m³). Een grote afvalcontainer is 6 tot 10 m³.",
        grenzen=("m³", "[0..10000]"),
    )
    return conclusie(
        "Slopen",
        "Slopen",
        [monument, beschermd, asbest, afval],
        [
            (("true", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (("-", "true", "-", "-"), "Vergunningplicht", OPMERKING_GEZICHT, GEZICHT),
            (
                ("-", "-", "true", "-"),
                "Meldingsplicht",
                "Er zit misschien asbest in. Laat eerst onderzoeken waar asbest zit en meld het slopen minstens 4 weken van tevoren. Een gecertificeerd bedrijf haalt het asbest weg.",
                ART + "36",
            ),
            (
                ("-", "-", "false", "> 10"),
                "Meldingsplicht",
                "Er komt meer dan 10 m³ sloopafval. Meld het slopen minstens 4 weken van tevoren.",
                ART + "36",
            ),
            (
                ("false", "false", "false", "<= 10"),
                "Toestemmingsvrij",
                "U sloopt weinig en er zit geen asbest in. Dan hoeft u niets te melden. Scheid het afval en breng het naar de milieustraat.",
                ART + "36",
            ),
        ],
    )
