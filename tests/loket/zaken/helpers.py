"""A small zaaktype of the tests' own, independent of the apps that bring real ones."""

from loket.zaken.definitie import ZaaktypeDefinitie

PROEF = ZaaktypeDefinitie(
    code="proef",
    omschrijving="Proefzaak",
    prefix="PRF",
    afhandeltermijn_dagen=5,
    statustypen=[
        ("ontvangen", "Ontvangen", "We hebben uw verzoek ontvangen."),
        ("in_behandeling", "In behandeling", ""),
        ("afgehandeld", "Afgehandeld", "Uw verzoek is afgehandeld."),
        ("heropend", "Heropend", ""),
    ],
    overgangen={
        "ontvangen": ["in_behandeling", "afgehandeld"],
        "in_behandeling": ["afgehandeld"],
        "afgehandeld": ["heropend"],
        "heropend": ["afgehandeld"],
    },
    eind={"afgehandeld"},
)
