"""Deterministic seed data for Den Helder: verzoeken at addresses of the kaartlagen sample.

The addresses come from the generated BAG sample (the same one `make run` loads into the portal),
so a verzoek's nummeraanduiding and point match a real address on the map.
"""

import random
import tempfile
from pathlib import Path

from lxml import etree

from dev.dso_mock.opslag import ACTIVITEITEN, TYPES, URN, Opslag
from kern.importing.sources import bestanden

_O = "{www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601}"
_GML_POS = "{http://www.opengis.net/gml/3.2}pos"
_SAMPLE = Path(__file__).resolve().parents[2] / "data" / "bgt_bag_samples"
_SOORTEN = {"OPR": _O + "OpenbareRuimte", "NUM": _O + "Nummeraanduiding", "VBO": _O + "Verblijfsobject"}


def _objecten(bron: Path, soort: str):
    """(identificatie, element) of one BAG object type; a later voorkomen replaces an earlier one."""
    tag = _SOORTEN[soort]
    for bestand in bestanden(bron):
        if soort not in bestand.basename:
            continue
        with bestand.open() as fh:
            for _, el in etree.iterparse(fh, tag=tag):
                yield el.findtext(_O + "identificatie"), el
                el.clear()


def adressen(sample: Path, aantal: int) -> list[dict]:
    """`aantal` addresses with a point, spread evenly over the sample's verblijfsobjecten."""
    bron = next(sample.glob("BAGGEM*.zip"), None) if sample.is_dir() else sample
    if bron is None:
        raise FileNotFoundError(f"geen BAG-sample in {sample}")
    vbos = {}
    for ident, el in _objecten(bron, "VBO"):
        pos = el.find(f".//{_GML_POS}")
        hoofd = el.find(f"{_O}heeftAlsHoofdadres/*")
        if pos is not None and hoofd is not None:
            x, y = (float(c) for c in pos.text.split()[:2])
            vbos[ident] = (hoofd.text, x, y)
    stap = max(1, len(vbos) // aantal)
    gekozen = {vbos[k][0]: vbos[k][1:] for k in sorted(vbos)[::stap][:aantal]}
    nums = {}
    for ident, el in _objecten(bron, "NUM"):
        if ident in gekozen:
            nums[ident] = (
                el.findtext(_O + "huisnummer"),
                el.findtext(_O + "huisletter"),
                el.findtext(_O + "postcode"),
                el.find(f"{_O}ligtAan/*").text,
            )
    straten = {ident: el.findtext(_O + "naam") for ident, el in _objecten(bron, "OPR")}
    return [
        {
            "straatnaam": straten.get(nums[n][3], ""),
            "huisnummer": int(nums[n][0]),
            "huisletter": nums[n][1],
            "postcode": nums[n][2],
            "woonplaats": "Den Helder",
            "nummeraanduiding": n,
            "punt": gekozen[n],
        }
        for n in sorted(gekozen)
        if n in nums
    ]


def sample_pad() -> Path:
    """The project's sample, or a freshly generated one (the generator is deterministic)."""
    if any(_SAMPLE.glob("BAGGEM*.zip")):
        return _SAMPLE
    from dev.sample.bgt_bag import generate

    doel = Path(tempfile.mkdtemp(prefix="dso-mock-sample-"))
    generate(doel)
    return doel


def activiteiten(rng: random.Random, aantal: int = 1) -> list[dict]:
    gekozen = rng.sample(sorted(ACTIVITEITEN), aantal)
    uit = []
    for code in gekozen:
        naam, vragen = ACTIVITEITEN[code]
        antwoorden = [
            {
                "vraagId": i + 1,
                "vraag": vraag,
                "antwoord": rng.choice(opties) if opties else str(rng.randint(1, 12)),
            }
            for i, (vraag, opties) in enumerate(vragen)
        ]
        uit.append({"urn": URN.format(code), "naam": naam, "antwoorden": antwoorden})
    return uit


def nieuw_verzoek(
    opslag: Opslag, rng: random.Random, adres: dict, type_: str | None = None, kapot: bool = False
) -> dict:
    type_ = type_ or rng.choice(TYPES)
    acts = activiteiten(rng, 2 if rng.random() < 0.25 else 1)
    # Fictitious people (personal data is never real in a mock), so the adapter can show it stores none it need not.
    nummer = rng.randint(1, 999)
    return opslag.nieuw(
        type_,
        {k: v for k, v in adres.items() if k != "punt"},
        adres["punt"],
        acts,
        f"{acts[0]['naam']} aan de {adres['straatnaam']}",
        {"naam": f"Initiatiefnemer {nummer}", "email": f"initiatiefnemer{nummer}@example.org"},
        kapot=kapot,
    )


def vul(
    opslag: Opslag, adressen_lijst: list[dict], seed: int = 400, aanvullingen: int = 3, kapot: int = 1
) -> list[dict]:
    """A verzoek (aanvraag, melding or informatie) at each address, a few aanvullingen and `kapot`
    verzoeken whose XML does not parse. Same arguments, same data."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    verzoeken = [
        nieuw_verzoek(opslag, rng, adres, kapot=i >= len(adressen_lijst) - kapot)
        for i, adres in enumerate(adressen_lijst)
    ]
    for v in verzoeken[:aanvullingen]:
        opslag.aanvulling(v["verzoeknummer"], rng.randint(0, 3), rng.choice(["ja", "nee", "7"]))
    return verzoeken
