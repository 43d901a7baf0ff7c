"""The Den Helder sample rules for building on and around a house, and the questions they share.

The sample covers the werkzaamheden residents ask about most (catalogue: `werkzaamheden.py`); the rules
are spread over this module, `woning.py` (installaties, kozijnen, slopen), `overig.py` and
`indiening.py`. Content paraphrases the vergunningvrij rules of the Besluit bouwwerken leefomgeving (Bbl, art. 2.29)
and a model APV, simplified for a sample; the toelichtingen are written at B1. They refer to the
articles of the sample omgevingsplan (dev.sample.omgevingsplan) by wId.
"""

from .bouw import conclusie, geo, vraag

ART = "gm0400_1__chp_22__art_22."
MONUMENT, GEZICHT = "gm0400_1__chp_5__art_5.3", "gm0400_1__chp_5__art_5.2"
# Units and bounds of the number questions (a DMN itemDefinition each, read by sttr.grenzen): what
# cannot be true is refused, e.g. a dakkapel of 1,5 cm (meant: 1,5 m).
CM_DAKKAPEL = ("cm", "[30..600]")
M_BOUWWERK = ("m", "(0..30]")

monument = vraag(
    "monument",
    "Is uw pand een monument?",
    "boolean",
    10,
    feit="monument",
    toelichting="Een monument is een gebouw dat de gemeente of het Rijk beschermt.",
)
beschermd = geo(
    "beschermd_gezicht",
    "nl.imow-gm0400.gebied.BeschermdDorpsgezicht",
    "Ligt uw pand in het beschermd dorpsgezicht?",
)
erf = vraag(
    "erf",
    "Waar komt het bouwwerk?",
    "list",
    20,
    opties=("Achtererf", "Voorerf"),
    feit="erf",
    toelichting="Het voorerf is het deel van uw erf aan de kant van de straat. Het achtererf is de rest.",
)
afstand_weg = vraag(
    "afstand_weg",
    "Hoeveel meter is het van de weg of de stoep?",
    "number",
    40,
    feit="afstand-openbare-weg",
    groep="g2",
    grenzen=("m", "[0..1000]"),
)
OPMERKING_MONUMENT = (
    "Uw pand is een monument. Voor bijna elke verandering aan een monument heeft u een vergunning nodig. "
    "Zo blijft het monument mooi en waardevol."
)
OPMERKING_GEZICHT = (
    "Uw pand ligt in het beschermd dorpsgezicht. Hier let de gemeente extra op hoe gebouwen eruitzien. "
    "Daarom heeft u een vergunning nodig."
)


def dakkapel():
    dakvlak = vraag(
        "dakvlak",
        "Op welke kant van het dak komt de dakkapel?",
        "list",
        20,
        opties=("Achterkant", "Zijkant, niet aan de straatkant", "Zijkant, aan de straatkant", "Voorkant"),
        toelichting="De voorkant is de kant van het dak aan de straat of het openbaar gebied.",
    )
    hoogte = vraag(
        "hoogte",
        "Hoe hoog wordt de dakkapel, in centimeters?",
        "number",
        30,
        groep="g2",
        toelichting="Meet vanaf de onderkant (de voet) tot de bovenkant van de dakkapel.",
        grenzen=CM_DAKKAPEL,
    )
    afstanden = vraag(
        "afstanden",
        "Blijft de dakkapel meer dan 50 cm van de nok, de onderkant en de zijkanten van het dak?",
        "boolean",
        40,
        groep="g2",
    )
    vrij = "Een dakkapel aan de achterkant of niet-zichtbare zijkant, lager dan 1,75 m en met 50 cm ruimte rondom, mag u zonder vergunning bouwen. Houd u wel aan de regels voor veilig bouwen."
    return conclusie(
        "BouwenDakkapel",
        "Dakkapel plaatsen",
        [monument, beschermd, dakvlak, hoogte, afstanden],
        [
            (("true", "-", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (("-", "true", "-", "-", "-"), "Vergunningplicht", OPMERKING_GEZICHT, GEZICHT),
            (
                ("-", "-", '"Voorkant","Zijkant, aan de straatkant"', "-", "-"),
                "Vergunningplicht",
                "Een dakkapel aan de straatkant valt op. Daarom toetst de gemeente of hij past bij de straat.",
                ART + "26",
            ),
            (
                ("-", "-", "-", ">= 175", "-"),
                "Vergunningplicht",
                "De dakkapel is 1,75 m of hoger. Dan heeft u een vergunning nodig.",
                ART + "26",
            ),
            (
                ("-", "-", "-", "-", "false"),
                "Vergunningplicht",
                "De dakkapel komt te dicht bij de rand van het dak. Dan heeft u een vergunning nodig.",
                ART + "26",
            ),
            (("-", "-", "-", "< 175", "true"), "Toestemmingsvrij", vrij, ART + "26"),
        ],
    )


def aanbouw():
    hoogte = vraag(
        "hoogte", "Hoe hoog wordt het bouwwerk, in meters?", "number", 30, groep="g2", grenzen=M_BOUWWERK
    )
    oppervlakte = vraag(
        "oppervlakte",
        "Hoe groot wordt het bouwwerk, in vierkante meters?",
        "number",
        31,
        groep="g2",
        grenzen=("m²", "(0..1000]"),
    )
    max_hoogte = vraag(
        "maximum_bouwhoogte",
        "Wat is de maximale bouwhoogte op uw perceel, in meters?",
        "number",
        50,
        feit="maximum-bouwhoogte",
        groep="g2",
        grenzen=("m", "(0..100]"),
    )
    return conclusie(
        "BouwenBijbehorendBouwwerk",
        "Aanbouw of bijgebouw bouwen",
        [monument, erf, hoogte, oppervlakte, max_hoogte],
        [
            (("true", "-", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (
                ("-", '"Voorerf"', "-", "-", "-"),
                "Vergunningplicht",
                "Een aanbouw of bijgebouw aan de straatkant (op het voorerf) mag niet zonder vergunning.",
                ART + "27",
            ),
            (
                ("-", "-", "> 5", "-", "-"),
                "Vergunningplicht",
                "Het bouwwerk wordt hoger dan 5 meter. Dan heeft u een vergunning nodig.",
                ART + "27",
            ),
            (
                ("-", "-", "-", "> 30", "-"),
                "Vergunningplicht",
                "Het bouwwerk wordt groter dan 30 m². Dan heeft u een vergunning nodig.",
                ART + "27",
            ),
            (
                ("-", "-", "> 3", "-", "< 6"),
                "Vergunningplicht",
                "Op uw perceel mag niet hoger worden gebouwd dan 6 meter. Een aanbouw hoger dan 3 meter past daar niet zonder vergunning.",
                "gm0400_1__chp_5__art_5.1",
            ),
            (
                ("-", '"Achtererf"', "<= 5", "<= 30", "-"),
                "Toestemmingsvrij",
                "Een aanbouw of bijgebouw op het achtererf, niet hoger dan 5 meter en niet groter dan 30 m², mag zonder vergunning.",
                ART + "27",
            ),
        ],
    )


def schutting():
    hoogte = vraag(
        "hoogte",
        "Hoe hoog wordt de schutting of het hek, in meters?",
        "number",
        30,
        groep="g2",
        grenzen=("m", "(0..10]"),
    )
    return conclusie(
        "BouwenErfafscheiding",
        "Schutting of hek plaatsen",
        [monument, hoogte, erf, afstand_weg],
        [
            (("true", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (
                ("-", "<= 1", "-", "-"),
                "Toestemmingsvrij",
                "Een schutting of hek tot 1 meter hoog mag overal zonder vergunning.",
                ART + "28",
            ),
            (
                ("-", "-", '"Voorerf"', "-"),
                "Vergunningplicht",
                "Aan de straatkant (voorerf) mag een schutting zonder vergunning maar 1 meter hoog zijn.",
                ART + "28",
            ),
            (
                ("-", "> 2", "-", "-"),
                "Vergunningplicht",
                "Een schutting hoger dan 2 meter mag niet zonder vergunning.",
                ART + "28",
            ),
            (
                ("-", "-", "-", "< 1"),
                "Vergunningplicht",
                "De schutting staat binnen 1 meter van de weg of de stoep en is hoger dan 1 meter. Dan heeft u een vergunning nodig.",
                ART + "28",
            ),
            (
                ("-", "(1..2]", '"Achtererf"', ">= 1"),
                "Toestemmingsvrij",
                "Op het achtererf mag een schutting tot 2 meter hoog zonder vergunning.",
                ART + "28",
            ),
        ],
    )


def boom():
    fruit = vraag("fruitboom", "Is het een fruitboom of een boom in een kwekerij?", "boolean", 20)
    diameter = vraag(
        "diameter",
        "Hoe dik is de stam, in centimeters doorsnede, op 1,30 m hoogte?",
        "number",
        30,
        groep="g2",
        grenzen=("cm", "[1..500]"),
        toelichting="Meet de omtrek van de stam en deel die door 3. Dat is ongeveer de doorsnede.",
    )
    gevaar = vraag("gevaar", "Is de boom ziek of gevaarlijk, volgens een boomdeskundige?", "boolean", 40)
    return conclusie(
        "VellenHoutopstand",
        "Boom kappen",
        [beschermd, fruit, diameter, gevaar],
        [
            (
                ("-", "true", "-", "-"),
                "Toestemmingsvrij",
                "Een fruitboom of een boom in een kwekerij mag u zonder vergunning kappen.",
                ART + "33",
            ),
            (
                ("false", "-", "< 20", "-"),
                "Toestemmingsvrij",
                "Een boom met een stam dunner dan 20 cm mag u zonder vergunning kappen.",
                ART + "33",
            ),
            (
                ("true", "-", "< 10", "-"),
                "Toestemmingsvrij",
                "Een boom met een stam dunner dan 10 cm mag u zonder vergunning kappen, ook in het beschermd dorpsgezicht.",
                ART + "33",
            ),
            (
                ("-", "-", "-", "true"),
                "Meldingsplicht",
                "Een zieke of gevaarlijke boom mag u kappen na een melding. Stuur het advies van de boomdeskundige mee.",
                ART + "33",
            ),
            (
                ("-", "-", "-", "false"),
                "Vergunningplicht",
                "Voor het kappen van deze boom heeft u een vergunning nodig. De gemeente kijkt of de boom waardevol is.",
                ART + "33",
            ),
        ],
    )


def uitweg():
    vervangen = vraag(
        "vervangen",
        "Vervangt u alleen een bestaande inrit, op dezelfde plek en even breed?",
        "boolean",
        20,
    )
    return conclusie(
        "AanleggenUitweg",
        "Inrit of uitweg aanleggen",
        [vervangen],
        [
            (
                ("true",),
                "Toestemmingsvrij",
                "Een bestaande inrit op dezelfde plek vervangen mag zonder vergunning.",
                ART + "30",
            ),
            (
                ("false",),
                "Vergunningplicht",
                "Voor een nieuwe of bredere inrit heeft u een vergunning nodig. De gemeente kijkt naar de veiligheid en naar parkeerplaatsen en bomen op straat.",
                ART + "30",
            ),
        ],
    )


def zonnepanelen():
    binnen = vraag("binnen_dakvlak", "Blijven de panelen binnen de randen van het dak?", "boolean", 20)
    kant = vraag(
        "dakvlak",
        "Op welke kant van het dak komen de panelen?",
        "list",
        25,
        opties=("Achterkant", "Zijkant", "Voorkant"),
    )
    return conclusie(
        "PlaatsenZonnepanelen",
        "Zonnepanelen op het dak plaatsen",
        [monument, binnen, beschermd, kant],
        [
            (("true", "-", "-", "-"), "Vergunningplicht", OPMERKING_MONUMENT, MONUMENT),
            (
                ("-", "false", "-", "-"),
                "Vergunningplicht",
                "Panelen die buiten het dak uitsteken mogen niet zonder vergunning.",
                ART + "29",
            ),
            (
                ("-", "-", "true", '"Voorkant"'),
                "Vergunningplicht",
                "In het beschermd dorpsgezicht mogen panelen aan de voorkant niet zonder vergunning.",
                GEZICHT,
            ),
            (
                ("false", "true", "false", "-"),
                "Toestemmingsvrij",
                "Zonnepanelen binnen de randen van het dak mag u zonder vergunning plaatsen.",
                ART + "29",
            ),
            (
                ("false", "true", "true", '"Achterkant","Zijkant"'),
                "Toestemmingsvrij",
                "Zonnepanelen aan de achterkant of zijkant mag u ook in het beschermd dorpsgezicht zonder vergunning plaatsen.",
                ART + "29",
            ),
        ],
    )
