"""BAG values in everyday words (taalniveau B1): the one mapping the panel, /locatie and the API use.

The BAG's own terms ("woonfunctie", "Pand in gebruik (niet ingemeten)") stay in the API for machines;
people read these.
"""

GEBRUIKSDOELEN = {
    "woonfunctie": "wonen",
    "winkelfunctie": "winkel",
    "kantoorfunctie": "kantoor",
    "bijeenkomstfunctie": "bijeenkomsten (bijvoorbeeld horeca of een kerk)",
    "industriefunctie": "bedrijf of werkplaats",
    "onderwijsfunctie": "school",
    "gezondheidszorgfunctie": "zorg",
    "logiesfunctie": "hotel of pension",
    "sportfunctie": "sport",
    "celfunctie": "gevangenis",
    "overige gebruiksfunctie": "overig",
}

PANDSTATUS = {
    "Bouwvergunning verleend": "er mag gebouwd worden",
    "Niet gerealiseerd pand": "niet gebouwd",
    "Bouw gestart": "in aanbouw",
    "Pand in gebruik (niet ingemeten)": "in gebruik",
    "Pand in gebruik": "in gebruik",
    "Verbouwing pand": "wordt verbouwd",
    "Sloopvergunning verleend": "wordt gesloopt",
    "Pand gesloopt": "gesloopt",
    "Pand buiten gebruik": "niet in gebruik",
    "Pand ten onrechte opgevoerd": "bestaat niet",
}


def gebruik(gebruiksdoelen: list[str]) -> str:
    """ "wonen, winkel" for ["woonfunctie", "winkelfunctie"]; "onbekend" when the BAG says nothing."""
    return ", ".join(GEBRUIKSDOELEN.get(d, d) for d in gebruiksdoelen) or "onbekend"


def pandstatus(status: str) -> str:
    return PANDSTATUS.get(status, status)
