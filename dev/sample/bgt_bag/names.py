"""Constants for the synthetic Den Helder sample: codes, names, code lists and namespaces.

Codes and names that exist in reality (gemeentecode, CBS wijk/buurt codes and names, street names) are
used so that the sample looks like Den Helder; everything else (geometry, numbers, dates) is invented.
"""

from kern.crs import RD_NEW_URN

GEMEENTE_CODE = "0400"
GEMEENTE_NAAM = "Den Helder"
# The Kadaster GEM-WPL-RELATIE file of 15-09-2020 (in ../shared/data) links gemeente 0400 to woonplaatsen
# 3056, 3057 and 3058 (Den Helder, Huisduinen, Julianadorp in some order; the file holds no names).
# 1051 belongs to gemeente 0995 (Lelystad) in that same file, so it cannot be Den Helder. 3056 is the
# lowest code, which is Den Helder under both plausible issuing orders (alphabetical, main place first);
# check it against the BAG woonplaatsentabel before production use.
WOONPLAATS_CODE = "3056"
WOONPLAATS_NAAM = "Den Helder"
BGT_BRONHOUDER = "G" + GEMEENTE_CODE
CBS_GM_CODE = "GM" + GEMEENTE_CODE

# BAG objecttypecodes in positions 5-6 of the 16-digit identificatie.
TYPE_CODE = {"VBO": "01", "LIG": "02", "STA": "03", "PND": "10", "NUM": "20", "OPR": "30"}

# Real RD New bounds the sample must stay inside, and the core area used at scale 1.
BOUNDS = (110_000.0, 546_000.0, 118_000.0, 556_000.0)
CORE_AREA = (112_000.0, 552_000.0, 114_500.0, 554_500.0)
CENTRE = (113_250.0, 553_250.0)

# Street names of Den Helder (the brief's list plus names of the naval-hero, Indische and Vogel
# buurten). Placement is invented, so a name here says nothing about where the real street lies.
MAIN_STREETS = [
    "Middenweg",
    "Kanaalweg",
    "Keizerstraat",
    "Spoorstraat",
    "Beatrixstraat",
    "Koningstraat",
    "Drs. F. Bijlweg",
    "Ruyghweg",
    "Jan Verfailleweg",
    "Schootenweg",
]
SHOPPING_STREETS = {"Keizerstraat", "Spoorstraat", "Beatrixstraat", "Koningstraat", "Middenweg"}
STREETS = [
    "Weststraat",
    "Zuidstraat",
    "Hoofdgracht",
    "Javastraat",
    "Sumatrastraat",
    "Molengracht",
    "Marsdiepstraat",
    "Vinkenstraat",
    "Wilhelminastraat",
    "Paleisstraat",
    "Dijkstraat",
    "Kerkgracht",
    "Emmastraat",
    "Westgracht",
    "Achtergracht",
    "Kortenaerstraat",
    "Van Galenstraat",
    "Piet Heinstraat",
    "Sluisdijkstraat",
    "Visstraat",
    "Breewaterstraat",
    "Vlamingstraat",
    "Baljuwstraat",
    "Borneostraat",
    "Celebesstraat",
    "Timorstraat",
    "Balistraat",
    "Lombokstraat",
    "Ambonstraat",
    "Bantamstraat",
    "Merelstraat",
    "Lijsterstraat",
    "Spreeuwenstraat",
    "Meeuwenstraat",
    "Reigerstraat",
    "Zwaluwstraat",
    "Nieuwstraat",
    "Stationsstraat",
    "Van Speijkstraat",
    "Trompstraat",
    "De Ruyterstraat",
    "Evertsenstraat",
    "Van Kinsbergenstraat",
    "Van Heemskerckstraat",
    "Karel Doormanstraat",
    "Californiëstraat",
    "Oostslootstraat",
    "Handelskade",
    "Texelstroomlaan",
    "Polderweg",
    "Boerhaavestraat",
    "Huygensstraat",
    "Lorentzstraat",
    "Zeemanstraat",
    "Ankerstraat",
    "Schoolstraat",
    "Torenstraat",
    "Kuipersdijk",
    "Vijzelstraat",
    "Kruisstraat",
    "Sluisweg",
    "Tuindorpstraat",
    "Seringenstraat",
    "Hortensiastraat",
    "Jasmijnstraat",
    "Lindenstraat",
    "Berkenstraat",
]
# Openbare ruimten that are not street-grid lines: (naam, type).
SPECIAL_OPR = [
    ("Binnenhaven", "Water"),
    ("Buitenhaven", "Water"),
    ("Havenplein", "Weg"),
    ("Willemsoord", "Terrein"),
    ("Moormanbrug", "Kunstwerk"),
    ("Bernhardplein", "Weg"),
    ("Julianaplein", "Weg"),
]
# One openbare ruimte whose naming was withdrawn, so importers meet 'Naamgeving ingetrokken'.
WITHDRAWN_OPR = "Loodsgracht"

# CBS wijken and buurten of Den Helder, 2014 indeling (codes and names as published by CBS).
WIJKEN = {
    "WK040001": "Wijk 01 Stad binnen de Linie-Oost",
    "WK040002": "Wijk 02 Stad binnen de Linie-West",
    "WK040003": "Wijk 03 Nieuw Den Helder-West",
    "WK040004": "Wijk 04 Nieuw Den Helder-oost",
    "WK040005": "Wijk 05 De Schooten",
    "WK040006": "Wijk 06 Het Koegras",
    "WK040007": "Wijk 07 Duinzoom",
    "WK040008": "Wijk 08 Julianadorp",
}
# Per wijk, buurten in the order they are taken into use (the most central ones first).
BUURTEN = {
    "WK040001": [
        ("BU04000102", "Centrum"),
        ("BU04000107", "Havenbuurt"),
        ("BU04000106", "Grachtengordel"),
        ("BU04000101", "Oostsloot"),
        ("BU04000105", "Visbuurt"),
        ("BU04000103", "Willemsoord"),
        ("BU04000104", "Sluisdijk"),
        ("BU04000108", "Vogelbuurt"),
        ("BU04000100", "Marinehaven"),
        ("BU04000109", "Mijnendienst"),
    ],
    "WK040002": [
        ("BU04000200", "Oud Den Helder"),
        ("BU04000201", "Van Galenbuurt"),
        ("BU04000202", "Indische Buurt-Noord"),
        ("BU04000203", "Indische buurt-Zuid"),
        ("BU04000204", "Geleerdenbuurt"),
        ("BU04000205", "Tuindorp-West"),
        ("BU04000206", "Tuindorp-Oost"),
        ("BU04000207", "Fort Erfprins"),
        ("BU04000208", "Fort Dirksz Admiraal"),
    ],
    "WK040003": [
        ("BU04000300", "Huisduinen"),
        ("BU04000301", "Liniebuurt"),
        ("BU04000302", "Jeruzalem"),
        ("BU04000303", "Duinbuurt"),
        ("BU04000304", "Donkere Duinen"),
    ],
    "WK040004": [
        ("BU04000400", "Nieuwlandbuurt"),
        ("BU04000401", "Golfstroombuurt"),
        ("BU04000402", "Grote Rivierenbuurt"),
        ("BU04000403", "Kleine Rivierenbuurt"),
        ("BU04000404", "Deltabuurt"),
        ("BU04000405", "Falga"),
        ("BU04000406", "Zuiderzeebuurt"),
        ("BU04000407", "Schepenbuurt"),
        ("BU04000408", "Nieuw Den Helder Zuid-Oost"),
        ("BU04000409", "Dirksz Admiraal"),
    ],
    "WK040005": [
        ("BU04000500", "Westoever"),
        ("BU04000501", "Marina"),
        ("BU04000502", "Schouten en Schepenenbuurt"),
        ("BU04000503", "Walvisvaarderbuurt"),
        ("BU04000504", "Zeeloodsenbuurt"),
        ("BU04000505", "Boerderijbuurt"),
        ("BU04000506", "Schooten-Centrum"),
        ("BU04000507", "Landmetersbuurt"),
        ("BU04000508", "Waterkeringsbuurt"),
        ("BU04000509", "Guldemond"),
    ],
    "WK040006": [
        ("BU04000600", "Julianadorp-Oost"),
        ("BU04000601", "Oostoever"),
        ("BU04000602", "Friesebuurt"),
        ("BU04000603", "Kooypunt"),
        ("BU04000604", "Koegras-Noord"),
        ("BU04000605", "Blauwe Keet"),
        ("BU04000606", "Koegras-Zuid"),
        ("BU04000607", "De Kooy"),
    ],
    "WK040007": [("BU04000700", "Mariëndal"), ("BU04000701", "De Zandloper"), ("BU04000702", "Ooghduyne")],
    "WK040008": [
        ("BU04000800", "Julianadorp-West"),
        ("BU04000801", "Middelzand"),
        ("BU04000802", "Vogelzand"),
        ("BU04000803", "Doorzwin"),
        ("BU04000804", "Kruiszwin"),
        ("BU04000805", "Wierbalg"),
        ("BU04000806", "Malzwin"),
        ("BU04000807", "Boterzwin"),
        ("BU04000808", "Zwanenbalg"),
        ("BU04000809", "Noorderhaven"),
    ],
}
# Wijken laid out as rows from north to south, west first: 02|01 above 03|04 as in the real town.
WIJK_ROWS = [
    ("WK040002", "WK040001"),
    ("WK040003", "WK040004"),
    ("WK040005", "WK040006"),
    ("WK040007", "WK040008"),
]

POSTCODE_NUMBERS = [1781, 1782, 1783, 1784, 1785, 1786]
# PostNL never uses F, I, O, Q, U, Y in older postcodes, nor SA, SD, SS.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
POSTCODE_SKIP = {"SA", "SD", "SS"}

# LV BAG 2.0 status values.
PND_IN_GEBRUIK = "Pand in gebruik"
PND_NIET_INGEMETEN = "Pand in gebruik (niet ingemeten)"
PND_VERBOUWING = "Verbouwing pand"
PND_BOUW_GESTART = "Bouw gestart"
PND_VERGUNNING = "Bouwvergunning verleend"
PND_SLOOPVERGUNNING = "Sloopvergunning verleend"
PND_GESLOOPT = "Pand gesloopt"
PND_NIET_GEREALISEERD = "Niet gerealiseerd pand"
PND_GONE = {PND_GESLOOPT, PND_NIET_GEREALISEERD}

VBO_IN_GEBRUIK = "Verblijfsobject in gebruik"
VBO_NIET_INGEMETEN = "Verblijfsobject in gebruik (niet ingemeten)"
VBO_GEVORMD = "Verblijfsobject gevormd"
VBO_BUITEN_GEBRUIK = "Verblijfsobject buiten gebruik"
VBO_VERBOUWING = "Verbouwing verblijfsobject"
VBO_INGETROKKEN = "Verblijfsobject ingetrokken"
VBO_NIET_GEREALISEERD = "Niet gerealiseerd verblijfsobject"

NUM_UITGEGEVEN = "Naamgeving uitgegeven"
NUM_INGETROKKEN = "Naamgeving ingetrokken"
PLAATS_AANGEWEZEN = "Plaats aangewezen"
PLAATS_INGETROKKEN = "Plaats ingetrokken"

# Namespaces exactly as in the Kadaster extract and the PDOK BGT download.
BAG_ROOT_ATTRS = (
    'xmlns:DatatypenNEN3610="www.kadaster.nl/schemas/lvbag/imbag/datatypennen3610/v20200601" '
    'xmlns:Objecten="www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601" '
    'xmlns:gml="http://www.opengis.net/gml/3.2" '
    'xmlns:Historie="www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601" '
    'xmlns:Objecten-ref="www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601" '
    'xmlns:nen5825="www.kadaster.nl/schemas/lvbag/imbag/nen5825/v20200601" '
    'xmlns:KenmerkInOnderzoek="www.kadaster.nl/schemas/lvbag/imbag/kenmerkinonderzoek/v20200601" '
    'xmlns:selecties-extract="http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601" '
    'xmlns:sl-bag-extract="http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601" '
    'xmlns:sl="http://www.kadaster.nl/schemas/standlevering-generiek/1.0" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xsi:schemaLocation="http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601 '
    "http://www.kadaster.nl/schemas/bag-verstrekkingen/extract-deelbestand-lvc/v20200601/"
    'BagvsExtractDeelbestandExtractLvc-2.1.0.xsd"'
)
BGT_ROOT = (
    '<CityModel xmlns:gml="http://www.opengis.net/gml" xmlns:imgeo="http://www.geostandaarden.nl/imgeo/2.1" '
    'xmlns="http://www.opengis.net/citygml/2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.geostandaarden.nl/imgeo/2.1 '
    'http://register.geostandaarden.nl/gmlapplicatieschema/imgeo/2.1.1/imgeo.xsd">'
)
CRS_URN = RD_NEW_URN
IMGEO_DEF = "http://www.geostandaarden.nl/imgeo/def/2.1#"
