import pytest

from loket.zaken.definitie import ZaaktypeDefinitie, definieer

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


@pytest.fixture
def zaaktype(db):
    return definieer(PROEF)
