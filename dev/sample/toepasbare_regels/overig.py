"""Sample rules outside building: evenementen (model APV) and reclame, simplified for a sample."""

from .bouw import conclusie, geo, vraag
from .regels import ART, GEZICHT, MONUMENT, OPMERKING_GEZICHT, OPMERKING_MONUMENT, beschermd, monument


def evenement():
    terrein = geo(
        "evenemententerrein",
        "nl.imow-gm0400.gebiedengroep.Evenemententerreinen",
        "Is het op een evenemententerrein?",
    )
    bezoekers = vraag(
        "bezoekers", "Hoeveel bezoekers verwacht u tegelijk?", "number", 20, grenzen=("", "[1..1000000]")
    )
    weg = vraag("op_de_weg", "Sluit u een weg af of gebruikt u de rijbaan?", "boolean", 30)
    tijd = vraag("tijd", "Is het evenement tussen 9.00 en 23.00 uur?", "boolean", 31)
    return conclusie(
        "OrganiserenEvenement",
        "Evenement organiseren",
        [bezoekers, weg, tijd, terrein],
        [
            (
                ("> 5000", "-", "-", "-"),
                "NeemContactOpMet",
                "Bij meer dan 5.000 bezoekers maakt de gemeente eerst afspraken met politie, brandweer en ambulance. Neem minstens 16 weken van tevoren contact op met het team evenementen.",
                ART + "32",
            ),
            (
                ("-", "true", "-", "-"),
                "Vergunningplicht",
                "Als u een weg afsluit, heeft u een evenementenvergunning nodig.",
                ART + "32",
            ),
            (
                ("-", "-", "false", "-"),
                "Vergunningplicht",
                "Een evenement voor 9.00 of na 23.00 uur heeft een vergunning nodig.",
                ART + "32",
            ),
            (
                ("< 50", "false", "true", "-"),
                "Toestemmingsvrij",
                "Een kleine bijeenkomst met minder dan 50 mensen hoeft u niet te melden.",
                ART + "32",
            ),
            (
                ("<= 250", "false", "true", "-"),
                "Meldingsplicht",
                "Een klein evenement tot 250 bezoekers meldt u minstens 4 weken van tevoren.",
                ART + "32",
            ),
            (
                ("<= 1000", "false", "true", "true"),
                "Meldingsplicht",
                "Op een evenemententerrein meldt u een evenement tot 1.000 bezoekers minstens 4 weken van tevoren.",
                ART + "32",
            ),
            (
                ("> 250", "false", "true", "-"),
                "Vergunningplicht",
                "Voor een evenement met meer dan 250 bezoekers heeft u een vergunning nodig.",
                ART + "32",
            ),
        ],
    )


def reclame():
    gevel = vraag("op_gevel", "Komt de reclame plat op de gevel van uw eigen bedrijf?", "boolean", 20)
    oppervlakte = vraag(
        "oppervlakte",
        "Hoe groot is de reclame, in vierkante meters?",
        "number",
        30,
        groep="g2",
        grenzen=("m²", "(0..100]"),
    )
    licht = vraag("licht", "Geeft de reclame licht of knippert hij?", "boolean", 31)
    return conclusie(
        "PlaatsenReclame",
        "Reclame plaatsen",
        [monument, beschermd, gevel, oppervlakte, licht],
        [
            (("true", "-", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (("-", "true", "-", "-", "-"), "Vergunningplicht", OPMERKING_GEZICHT, GEZICHT),
            (
                ("-", "-", "false", "-", "-"),
                "Vergunningplicht",
                "Reclame die niet plat op uw eigen gevel komt, heeft een vergunning nodig.",
                ART + "31",
            ),
            (
                ("-", "-", "-", "> 1", "-"),
                "Vergunningplicht",
                "Reclame groter dan 1 m² heeft een vergunning nodig.",
                ART + "31",
            ),
            (
                ("-", "-", "-", "-", "true"),
                "Meldingsplicht",
                "Lichtreclame moet u melden. De gemeente kijkt of het licht de buren of het verkeer hindert.",
                ART + "31",
            ),
            (
                ("false", "false", "true", "<= 1", "false"),
                "Toestemmingsvrij",
                "Een klein reclamebord plat op de gevel van uw eigen bedrijf mag zonder vergunning.",
                ART + "31",
            ),
        ],
    )
