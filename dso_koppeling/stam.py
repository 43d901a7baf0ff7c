"""Reading a verzoek as the knooppunt delivers it (XML in the spirit of STAM) into plain data.

A document that does not parse or lacks what we need raises StamFout with a stable code; the sync
quarantines that verzoek and goes on with the rest. Entities and network access are off (XXE).
"""

from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from kern.crs import is_rd_new
from kern.fouten import CodeFout

NS = {
    "stam": "http://www.omgevingswet.nl/koppelvlak/stam/verzoek/mock",
    "gml": "http://www.opengis.net/gml/3.2",
}
TYPES = {"aanvraag", "melding", "informatie", "aanvulling"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class StamFout(CodeFout):
    """xml_onleesbaar, veld_ontbreekt, type_onbekend, srs_onjuist."""


@dataclass
class StamVerzoek:
    verzoeknummer: str
    type: str
    versie: int
    ingediend_op: datetime
    omschrijving: str
    adres: dict
    punt: tuple[float, float]
    activiteiten: list[dict]
    bijlagen: list[dict] = field(default_factory=list)
    hoort_bij: str | None = None

    def adres_tekst(self) -> str:
        a = self.adres
        nummer = f"{a.get('huisnummer', '')}{a.get('huisletter') or ''}"
        return f"{a.get('straatnaam', '')} {nummer}, {a.get('postcode', '')} {a.get('woonplaats', '')}".strip(
            " ,"
        )


def _tekst(el, pad: str, verplicht: bool = True) -> str | None:
    waarde = el.findtext(pad, namespaces=NS)
    if verplicht and not (waarde and waarde.strip()):
        raise StamFout("veld_ontbreekt", f"{pad.replace('stam:', '')} ontbreekt in het verzoek")
    return waarde.strip() if waarde else None


def lees(inhoud: bytes) -> StamVerzoek:
    try:
        wortel = etree.fromstring(inhoud, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise StamFout("xml_onleesbaar", f"het verzoek-XML is niet leesbaar: {exc}") from None
    if etree.QName(wortel).localname != "verzoek":
        raise StamFout("xml_onleesbaar", "het document is geen verzoek")
    soort = _tekst(wortel, "stam:type")
    if soort not in TYPES:
        raise StamFout("type_onbekend", f"onbekend soort verzoek: {soort}")
    punt = wortel.find("stam:locatie/stam:punt/gml:Point", NS)
    if punt is None:
        raise StamFout("veld_ontbreekt", "locatie ontbreekt in het verzoek")
    if not is_rd_new(punt.get("srsName")):
        raise StamFout("srs_onjuist", f"de locatie is niet in RD New maar in {punt.get('srsName')!r}")
    try:
        x, y = (float(c) for c in _tekst(punt, "gml:pos").split()[:2])
        versie = int(_tekst(wortel, "stam:versie"))
        ingediend = datetime.fromisoformat(_tekst(wortel, "stam:indieningsdatum"))
    except ValueError as exc:
        raise StamFout("veld_ontbreekt", f"een waarde in het verzoek is onleesbaar: {exc}") from None
    adres_el = wortel.find("stam:locatie/stam:adres", NS)
    adres = {
        etree.QName(c).localname: (c.text or "").strip() for c in (adres_el if adres_el is not None else [])
    }
    activiteiten = [
        {
            "urn": _tekst(a, "stam:urn"),
            "naam": _tekst(a, "stam:naam"),
            "antwoorden": [
                {
                    "vraagId": int(v.get("id")),
                    "vraag": _tekst(v, "stam:tekst"),
                    "antwoord": _tekst(v, "stam:antwoord", False) or "",
                }
                for v in a.findall("stam:vragen/stam:vraag", NS)
            ],
        }
        for a in wortel.findall("stam:activiteiten/stam:activiteit", NS)
    ]
    if not activiteiten:
        raise StamFout("veld_ontbreekt", "het verzoek noemt geen activiteit")
    bijlagen = [
        {
            "id": b.get("id"),
            "naam": _tekst(b, "stam:naam"),
            "documentsoort": _tekst(b, "stam:documentsoort", False),
        }
        for b in wortel.findall("stam:bijlagen/stam:bijlage", NS)
    ]
    return StamVerzoek(
        verzoeknummer=_tekst(wortel, "stam:verzoeknummer"),
        type=soort,
        versie=versie,
        ingediend_op=ingediend,
        omschrijving=_tekst(wortel, "stam:projectomschrijving", False) or "",
        adres=adres,
        punt=(x, y),
        activiteiten=activiteiten,
        bijlagen=bijlagen,
        hoort_bij=_tekst(wortel, "stam:hoortBij", False),
    )


def pas_aanvullingen_toe(basis: list[dict], aanvullingen: list[list[dict]]) -> list[dict]:
    """The answers as they stand: each aanvulling (in order) replaces the answers it names and adds
    activiteiten the verzoek did not have."""
    uit = [{**a, "antwoorden": [dict(v) for v in a["antwoorden"]]} for a in basis]
    for aanvulling in aanvullingen:
        for nieuw in aanvulling:
            doel = next((a for a in uit if a["urn"] == nieuw["urn"]), None)
            if doel is None:
                uit.append({**nieuw, "antwoorden": [dict(v) for v in nieuw["antwoorden"]]})
                continue
            for antwoord in nieuw["antwoorden"]:
                bestaand = next((v for v in doel["antwoorden"] if v["vraagId"] == antwoord["vraagId"]), None)
                if bestaand is None:
                    doel["antwoorden"].append(dict(antwoord))
                else:
                    bestaand["antwoord"] = antwoord["antwoord"]
    return uit
