"""Sample indieningsvereisten: what an aanvraag needs when the check says "vergunning nodig"."""

from .bouw import bijlage, indieningsvereisten, vraag
from .regels import CM_DAKKAPEL


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
