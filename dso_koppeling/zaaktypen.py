"""The zaaktypen a DSO verzoek becomes, with their status machine (data, in the zaak core)."""

from loket.zaken.definitie import ZaaktypeDefinitie

ONTVANGEN = ("ontvangen", "Ontvangen", "Wij hebben uw verzoek ontvangen via het Omgevingsloket.")

VERGUNNINGAANVRAAG = ZaaktypeDefinitie(
    code="vergunningaanvraag",
    omschrijving="Aanvraag omgevingsvergunning (via DSO)",
    prefix="OV",
    afhandeltermijn_dagen=56,  # reguliere procedure: 8 weken
    statustypen=[
        ONTVANGEN,
        ("in_behandeling", "In behandeling", "Wij beoordelen uw aanvraag."),
        ("aanvulling_gevraagd", "Aanvulling gevraagd", "Wij hebben meer gegevens van u nodig."),
        ("besluit_genomen", "Besluit genomen", "Er is een besluit genomen op uw aanvraag."),
        ("ingetrokken", "Ingetrokken", "De aanvraag is ingetrokken."),
    ],
    overgangen={
        "ontvangen": ["in_behandeling", "aanvulling_gevraagd", "ingetrokken"],
        "in_behandeling": ["aanvulling_gevraagd", "besluit_genomen", "ingetrokken"],
        "aanvulling_gevraagd": ["in_behandeling", "ingetrokken"],
    },
    eind={"besluit_genomen", "ingetrokken"},
)
MELDING = ZaaktypeDefinitie(
    code="melding-omgevingswet",
    omschrijving="Melding activiteit (via DSO)",
    prefix="MA",
    afhandeltermijn_dagen=28,
    statustypen=[
        ONTVANGEN,
        ("in_behandeling", "In behandeling", "Wij beoordelen uw melding."),
        ("aanvulling_gevraagd", "Aanvulling gevraagd", "Wij hebben meer gegevens van u nodig."),
        ("beoordeeld", "Beoordeeld", "Wij hebben uw melding beoordeeld."),
    ],
    overgangen={
        "ontvangen": ["in_behandeling", "beoordeeld"],
        "in_behandeling": ["aanvulling_gevraagd", "beoordeeld"],
        "aanvulling_gevraagd": ["in_behandeling"],
    },
    eind={"beoordeeld"},
)
INFORMATIE = ZaaktypeDefinitie(
    code="informatie-omgevingswet",
    omschrijving="Informatie over een activiteit (informatieplicht, via DSO)",
    prefix="IA",
    afhandeltermijn_dagen=28,
    statustypen=[ONTVANGEN, ("beoordeeld", "Beoordeeld", "Wij hebben uw informatie bekeken.")],
    overgangen={"ontvangen": ["beoordeeld"]},
    eind={"beoordeeld"},
)
ALLE = [VERGUNNINGAANVRAAG, MELDING, INFORMATIE]
PER_VERZOEKTYPE = {
    "aanvraag": VERGUNNINGAANVRAAG.code,
    "melding": MELDING.code,
    "informatie": INFORMATIE.code,
}
# Reaching one of these is a besluit: what we report back to DSO.
BESLUITSTATUSSEN = {"besluit_genomen", "beoordeeld"}
