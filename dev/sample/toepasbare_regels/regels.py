"""The Den Helder sample rules: the eight werkzaamheden residents ask about most.

Content paraphrases the vergunningvrij rules of the Besluit bouwwerken leefomgeving (Bbl, art. 2.29)
and a model APV, simplified for a sample; the toelichtingen are written at B1. They refer to the
articles of the sample omgevingsplan (dev.sample.omgevingsplan) by wId.
"""

from .bouw import bijlage, conclusie, geo, indieningsvereisten, vraag

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


def iv_dakkapel():
    return indieningsvereisten(
        "BouwenDakkapel",
        "Dakkapel plaatsen",
        [
            vraag("omschrijving", "Beschrijf de dakkapel: materiaal en kleur.", "string", 10),
            vraag(
                "hoogte",
                "Hoe hoog wordt de dakkapel, in centimeters?",
                "number",
                20,
                groep="g2",
                grenzen=CM_DAKKAPEL,
            ),
            vraag(
                "breedte",
                "Hoe breed wordt de dakkapel, in centimeters?",
                "number",
                21,
                groep="g2",
                grenzen=("cm", "[50..2000]"),
            ),
            bijlage(
                "bouwtekening", "Bouwtekening", "Een tekening van de voorkant en de zijkant, met maten.", 30
            ),
            bijlage(
                "fotos", "Foto's van de huidige situatie", "Foto's van het dak waar de dakkapel komt.", 31
            ),
            bijlage(
                "situatietekening",
                "Situatietekening",
                "Een kaartje van uw perceel met de plek van de dakkapel.",
                32,
            ),
        ],
    )


def iv_boom():
    return indieningsvereisten(
        "VellenHoutopstand",
        "Boom kappen",
        [
            vraag("soort", "Welke boomsoort is het?", "string", 10),
            vraag(
                "diameter",
                "Hoe dik is de stam, in centimeters doorsnede, op 1,30 m hoogte?",
                "number",
                20,
                groep="g2",
                grenzen=("cm", "[1..500]"),
            ),
            vraag("reden", "Waarom wilt u de boom kappen?", "string", 30),
            vraag("herplant", "Plant u een nieuwe boom terug?", "boolean", 40),
            bijlage("situatieschets", "Situatieschets", "Teken op een kaartje waar de boom staat.", 50),
            bijlage("foto", "Foto van de boom", "Een foto waarop de hele boom te zien is.", 51),
        ],
    )


def iv_uitweg():
    return indieningsvereisten(
        "AanleggenUitweg",
        "Inrit of uitweg aanleggen",
        [
            vraag(
                "breedte",
                "Hoe breed wordt de inrit, in meters?",
                "number",
                10,
                groep="g2",
                grenzen=("m", "(0..20]"),
            ),
            bijlage(
                "situatietekening",
                "Situatietekening",
                "Een kaartje met de plek en de breedte van de inrit.",
                20,
            ),
            bijlage(
                "fotos", "Foto's van de stoep en de straat", "Foto's van de plek waar de inrit komt.", 21
            ),
        ],
    )


BESTANDEN = (
    dakkapel,
    aanbouw,
    schutting,
    boom,
    uitweg,
    zonnepanelen,
    evenement,
    reclame,
    iv_dakkapel,
    iv_boom,
    iv_uitweg,
)

WERKZAAMHEDEN = [
    (
        "DakkapelPlaatsen",
        "Dakkapel plaatsen",
        ["dakkapel", "dakraam", "dakopbouw", "kapel op het dak"],
        ["BouwenDakkapel"],
    ),
    (
        "AanbouwBouwen",
        "Aanbouw, uitbouw of bijgebouw bouwen",
        [
            "aanbouw",
            "uitbouw",
            "bijgebouw",
            "schuur",
            "tuinhuis",
            "serre",
            "carport",
            "veranda",
            "overkapping",
        ],
        ["BouwenBijbehorendBouwwerk"],
    ),
    (
        "ErfafscheidingPlaatsen",
        "Schutting, hek of muur plaatsen",
        ["schutting", "hek", "erfafscheiding", "muur", "tuinmuur", "afrastering", "heg"],
        ["BouwenErfafscheiding"],
    ),
    (
        "BoomKappen",
        "Boom kappen",
        ["boom", "kappen", "boom omzagen", "bomen rooien", "houtopstand", "vellen"],
        ["VellenHoutopstand"],
    ),
    (
        "UitwegAanleggen",
        "Inrit of uitrit aanleggen",
        ["inrit", "uitrit", "oprit", "uitweg", "stoep verlagen", "parkeren op eigen terrein"],
        ["AanleggenUitweg"],
    ),
    (
        "ZonnepanelenPlaatsen",
        "Zonnepanelen op het dak plaatsen",
        ["zonnepanelen", "zonnepaneel", "zonnecollector", "pv-panelen", "zonneboiler"],
        ["PlaatsenZonnepanelen"],
    ),
    (
        "EvenementOrganiseren",
        "Evenement organiseren",
        ["evenement", "feest", "festival", "buurtfeest", "straatfeest", "braderie", "markt", "optocht"],
        ["OrganiserenEvenement"],
    ),
    (
        "ReclamePlaatsen",
        "Reclame plaatsen",
        ["reclame", "reclamebord", "uithangbord", "lichtreclame", "spandoek", "bord"],
        ["PlaatsenReclame"],
    ),
]
