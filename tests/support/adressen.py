"""The identificaties of the shared `adressen` fixture (tests/conftest.py): Keizerstraat 12a and 14 in
two panden in buurt Centrum, Spoorstraat 3 outside any buurt."""

from tests.support import factories as f

KEIZER, SPOOR = "0400300000000001", "0400300000000002"
NUM_12A, NUM_14, NUM_SPOOR = "0400200000000001", "0400200000000002", "0400200000000003"
PAND_12A, PAND_14, PAND_SPOOR = "0400100000000001", "0400100000000002", "0400100000000003"
VBO_12A, VBO_14, VBO_SPOOR = "0400010000000001", "0400010000000002", "0400010000000003"
CENTRUM = "BU04000102"


def maak() -> None:
    """The rows the BAG and CBS importers would make of the matching deliveries (their own tests are in
    tests/kaartlagen/), without running them for every test."""
    keizer = f.OpenbareRuimteFactory(identificatie=KEIZER, naam="Keizerstraat")
    spoor = f.OpenbareRuimteFactory(identificatie=SPOOR, naam="Spoorstraat")
    for num, huisnummer, huisletter, straat, pand, bouwjaar, vbo, (x, y) in [
        (NUM_12A, 12, "a", keizer, PAND_12A, 1890, VBO_12A, (113000, 553000)),
        (NUM_14, 14, "", keizer, PAND_14, 1990, VBO_14, (113020, 553000)),
        (NUM_SPOOR, 3, "", spoor, PAND_SPOOR, 2005, VBO_SPOOR, (113495, 553495)),
    ]:
        f.VerblijfsobjectFactory(
            identificatie=vbo,
            hoofdadres=f.NummeraanduidingFactory(
                identificatie=num, huisnummer=huisnummer, huisletter=huisletter, openbare_ruimte=straat
            ),
            pand=f.PandFactory(identificatie=pand, oorspronkelijk_bouwjaar=bouwjaar, x=x, y=y),
            x=x + 5,
            y=y + 5,
        )
    f.BuurtFactory(code=CENTRUM, naam="Centrum", bbox=(112900, 552900, 113200, 553200))
