"""LV BAG 2.0 extract (Kadaster 'Objecten' XML, sl-bag-extract:bagStand) into the BAG tables.

The object types and their own fields and references; what they share (reading an object, the
voorkomen in force, the merge) is in bagsoort.py.
"""

import re
from pathlib import Path

from kaartlagen.importing.bagsoort import BagSoort, refs
from kern.importing.copytekst import NULL, copy_array, copy_tekst
from kern.importing.levering import importeer
from kern.importing.pipeline import Objectsoort, RecordFout

# Load order: what is referred to comes before what refers to it.
VOLGORDE = ["WPL", "OPR", "NUM", "PND", "VBO", "LIG", "STA"]
# Files of one fase go side by side; a fase starts when the objects it checks its references against
# are complete: NUM checks OPR; VBO, LIG and STA check NUM. OPR's woonplaats and PND are not checked.
_FASE = {"WPL": 0, "OPR": 0, "NUM": 1, "PND": 1, "VBO": 2, "LIG": 2, "STA": 2}
# The fields every object ends with, in the Kadaster's order (bagsnel.py).
_GEMEEN = ("status", "geconstateerd", "documentdatum", "documentnummer")
_BESTANDSNAAM = re.compile(r"^\d{4}(WPL|OPR|NUM|PND|VBO|LIG|STA)\d{8}")


class WoonplaatsSoort(BagSoort):
    code, element, table = "WPL", "Woonplaats", "kaartlagen_woonplaats"
    extra = [("naam", "text")]
    volgorde = ("identificatie", "naam", "geometrie", *_GEMEEN, "voorkomen")

    def velden(self, kids, multi):
        return [copy_tekst(self.text(kids, "naam"))]


class OpenbareRuimteSoort(BagSoort):
    code, element, table = "OPR", "OpenbareRuimte", "kaartlagen_openbareruimte"
    extra = [("naam", "text"), ("type", "text"), ("woonplaats_id", "text")]
    shape = None
    volgorde = ("identificatie", "naam", "type", *_GEMEEN, "ligtIn", "voorkomen", "verkorteNaam")
    verwijzingen = frozenset({"ligtIn"})

    def velden(self, kids, multi):
        ligt_in = kids.get("ligtIn")
        woonplaats = refs(ligt_in) if ligt_in is not None else None
        if not woonplaats:
            raise RecordFout("verwijzing_ontbreekt", "ligtIn (woonplaats) ontbreekt")
        return [
            copy_tekst(self.text(kids, "naam")),
            copy_tekst(self.text(kids, "type")),
            copy_tekst(woonplaats[0]),
        ]


class NummeraanduidingSoort(BagSoort):
    code, element, table = "NUM", "Nummeraanduiding", "kaartlagen_nummeraanduiding"
    extra = [
        ("huisnummer", "integer"),
        ("huisletter", "text"),
        ("huisnummertoevoeging", "text"),
        ("postcode", "text"),
        ("type_adresseerbaar_object", "text"),
        ("openbare_ruimte_id", "text"),
        ("woonplaats_id", "text"),
    ]
    shape = None
    # ligtIn twice: before the voorkomen as in the extracts we have, after ligtAan as the schema has it.
    volgorde = (
        "identificatie",
        "huisnummer",
        "huisletter",
        "huisnummertoevoeging",
        "postcode",
        "typeAdresseerbaarObject",
        *_GEMEEN,
        "ligtIn",
        "voorkomen",
        "ligtAan",
        "ligtIn",
    )
    verwijzingen = frozenset({"ligtAan", "ligtIn"})

    def velden(self, kids, multi):
        ligt_aan = kids.get("ligtAan")
        openbare_ruimte = refs(ligt_aan) if ligt_aan is not None else None
        if not openbare_ruimte:
            raise RecordFout("verwijzing_ontbreekt", "ligtAan (openbare ruimte) ontbreekt")
        ligt_in = kids.get("ligtIn")
        woonplaats = refs(ligt_in) if ligt_in is not None else None
        return [
            str(int(self.text(kids, "huisnummer"))),
            copy_tekst(self.text(kids, "huisletter", "")),
            copy_tekst(self.text(kids, "huisnummertoevoeging", "")),
            copy_tekst(self.text(kids, "postcode", "")),
            copy_tekst(self.text(kids, "typeAdresseerbaarObject")),
            copy_tekst(openbare_ruimte[0]),
            copy_tekst(woonplaats[0]) if woonplaats else NULL,
        ]

    def check_references(self, cursor, ctx):
        cursor.execute(
            "delete from cur where not exists (select 1 from kaartlagen_openbareruimte o "
            "where o.identificatie = cur.openbare_ruimte_id) returning identificatie, regelnummer, openbare_ruimte_id"
        )
        for identificatie, regelnummer, opr in cursor.fetchall():
            ctx.noteer(
                "overgeslagen",
                "verwijzing_ontbreekt",
                regelnummer,
                identificatie,
                f"verwijst naar openbare ruimte {opr}, die niet bestaat (niet in deze of een eerdere levering)",
            )


class PandSoort(BagSoort):
    code, element, table = "PND", "Pand", "kaartlagen_pand"
    extra = [("oorspronkelijk_bouwjaar", "integer")]
    volgorde = ("identificatie", "geometrie", "oorspronkelijkBouwjaar", *_GEMEEN, "voorkomen")

    def velden(self, kids, multi):
        return [str(int(self.text(kids, "oorspronkelijkBouwjaar")))]


class AdresseerbaarSoort(BagSoort):
    extra = [("hoofdadres_id", "text"), ("nevenadressen", "text[]")]
    herhaald = frozenset({"heeftAlsNevenadres"})
    volgorde = (
        "heeftAlsHoofdadres",
        "voorkomen",
        "heeftAlsNevenadres",
        "identificatie",
        "status",
        "geometrie",
        "geconstateerd",
        "documentdatum",
        "documentnummer",
    )
    verwijzingen = frozenset({"heeftAlsHoofdadres", "heeftAlsNevenadres"})

    def velden(self, kids, multi):
        hoofdadres = kids.get("heeftAlsHoofdadres")
        adres = refs(hoofdadres) if hoofdadres is not None else None
        if not adres:
            raise RecordFout("verwijzing_ontbreekt", "heeftAlsHoofdadres ontbreekt")
        neven = [r for el in multi.get("heeftAlsNevenadres", ()) for r in refs(el)]
        return [copy_tekst(adres[0]), copy_array(neven)]

    def check_references(self, cursor, ctx):
        # An address outside this extract is possible (a gemeente border); warn, do not skip.
        cursor.execute(
            "select identificatie, regelnummer, hoofdadres_id from cur where not exists (select 1 from "
            "kaartlagen_nummeraanduiding n where n.identificatie = cur.hoofdadres_id)"
        )
        for identificatie, regelnummer, num in cursor.fetchall():
            ctx.noteer(
                "waarschuwing",
                "verwijzing_ontbreekt",
                regelnummer,
                identificatie,
                f"hoofdadres {num} is onbekend",
            )


class VerblijfsobjectSoort(AdresseerbaarSoort):
    code, element, table = "VBO", "Verblijfsobject", "kaartlagen_verblijfsobject"
    extra = AdresseerbaarSoort.extra + [
        ("gebruiksdoelen", "text[]"),
        ("oppervlakte", "integer"),
        ("panden", "text[]"),
    ]
    shape = "point"
    herhaald = AdresseerbaarSoort.herhaald | {"gebruiksdoel", "maaktDeelUitVan"}
    volgorde = (
        "heeftAlsHoofdadres",
        "voorkomen",
        "heeftAlsNevenadres",
        "identificatie",
        "geometrie",
        "gebruiksdoel",
        "oppervlakte",
        *_GEMEEN,
        "maaktDeelUitVan",
    )
    verwijzingen = AdresseerbaarSoort.verwijzingen | {"maaktDeelUitVan"}

    def velden(self, kids, multi):
        doelen = [el.text.strip() for el in multi.get("gebruiksdoel", ()) if el.text]
        if not doelen:
            raise RecordFout("veld_ontbreekt", "gebruiksdoel ontbreekt")
        panden = [r for el in multi.get("maaktDeelUitVan", ()) for r in refs(el)]
        return super().velden(kids, multi) + [
            copy_array(doelen),
            str(int(self.text(kids, "oppervlakte"))),
            copy_array(panden),
        ]


class LigplaatsSoort(AdresseerbaarSoort):
    code, element, table = "LIG", "Ligplaats", "kaartlagen_ligplaats"


class StandplaatsSoort(AdresseerbaarSoort):
    code, element, table = "STA", "Standplaats", "kaartlagen_standplaats"


SOORTEN = {
    s.code: s
    for s in (
        WoonplaatsSoort,
        OpenbareRuimteSoort,
        NummeraanduidingSoort,
        PandSoort,
        VerblijfsobjectSoort,
        LigplaatsSoort,
        StandplaatsSoort,
    )
}


def bestand_code(name: str) -> str | None:
    match = _BESTANDSNAAM.match(Path(name.rsplit("!", 1)[-1]).name)
    return match.group(1) if match else None


def _volgorde(name: str):
    code = bestand_code(name)
    return (VOLGORDE.index(code) if code else len(VOLGORDE), name)


def _fase(name: str):
    return _FASE.get(bestand_code(name))


def _soort_voor(basename: str) -> Objectsoort | None:
    code = bestand_code(basename)
    return SOORTEN[code]() if code and basename.lower().endswith(".xml") else None


def importeer_bag(bron: Path, *, opnieuw: bool = False, werkers: int = 1, stream=None):
    """Import an LV BAG 2.0 extract: a gemeente zip as the Kadaster delivers it, a folder, or one file."""
    return importeer(
        "bag",
        bron,
        _soort_voor,
        _volgorde,
        fase=_fase,
        opnieuw=opnieuw,
        werkers=werkers,
        stream=stream,
    )
