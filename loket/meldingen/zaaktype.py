"""The zaaktype 'melding openbare ruimte' and its status flow (after Signalen's workflow)."""

from loket.zaken.definitie import ZaaktypeDefinitie

GEMELD, IN_BEHANDELING, INGEPLAND, AFGEHANDELD = "gemeld", "in_behandeling", "ingepland", "afgehandeld"
GEANNULEERD, HEROPEND, VERZOEK_TOT_HEROPENEN, DOORGEZET = (
    "geannuleerd",
    "heropend",
    "verzoek_tot_heropenen",
    "doorgezet_extern",
)

MELDING = ZaaktypeDefinitie(
    code="melding-openbare-ruimte",
    omschrijving="Melding openbare ruimte",
    prefix="MOR",
    afhandeltermijn_dagen=10,
    statustypen=[
        (GEMELD, "Gemeld", "Bedankt voor uw melding. We gaan ernaar kijken."),
        (IN_BEHANDELING, "In behandeling", "We zijn met uw melding bezig."),
        (INGEPLAND, "Ingepland", "We hebben het werk ingepland."),
        (AFGEHANDELD, "Afgehandeld", "We hebben uw melding afgehandeld."),
        (GEANNULEERD, "Geannuleerd", "We hebben uw melding gesloten zonder verdere actie."),
        (HEROPEND, "Heropend", "We kijken opnieuw naar uw melding."),
        (VERZOEK_TOT_HEROPENEN, "Verzoek tot heropenen", "U bent niet tevreden. We kijken ernaar."),
        (DOORGEZET, "Doorgezet naar extern", "Een andere organisatie pakt uw melding op."),
    ],
    overgangen={
        GEMELD: [IN_BEHANDELING, INGEPLAND, AFGEHANDELD, GEANNULEERD, DOORGEZET],
        IN_BEHANDELING: [INGEPLAND, AFGEHANDELD, GEANNULEERD, DOORGEZET],
        INGEPLAND: [IN_BEHANDELING, AFGEHANDELD, GEANNULEERD],
        HEROPEND: [IN_BEHANDELING, INGEPLAND, AFGEHANDELD, GEANNULEERD],
        AFGEHANDELD: [VERZOEK_TOT_HEROPENEN, HEROPEND],
        VERZOEK_TOT_HEROPENEN: [HEROPEND, AFGEHANDELD],
        DOORGEZET: [IN_BEHANDELING, AFGEHANDELD],
        GEANNULEERD: [HEROPEND],
    },
    eind={AFGEHANDELD, GEANNULEERD, DOORGEZET},
)
