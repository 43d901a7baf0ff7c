"""CBS Kerncijfers wijken en buurten (KWB) in CBS's own published format, into `Kerncijfer`.

The format is the StatLine/open-data table of a KWB year (e.g. 85618NED for 2023) downloaded as CSV:
a header of column codes such as `WijkenEnBuurten`, `SoortRegio_2`, `AantalInwoners_5`,
`k_65JaarOfOuder_12`, `HuishoudensTotaal_28`, `Bevolkingsdichtheid_33`, values padded with spaces,
separated by ";" (or ","). The number after the last "_" is the column's position in that year's
table and changes from year to year, so a figure is stored under its code without it (`kenmerk`,
e.g. AantalInwoners) and the full code is kept beside it (`kolom`).

Cells without a number keep CBS's own mark: "." (onbekend, onvoldoende betrouwbaar of geheim) and
"x" (geheim) become an empty `waarde` with that `teken`; an empty cell is stored as "." too. "-"
(nihil) is 0. Decimals may come with "." or ",".

The year: a `Perioden` column ("2023JJ00") if the file has one, else the `jaar` the caller gives,
else four digits 19xx/20xx in the file name; without one the file is refused (`jaar_onbekend`).
Rows of other gemeenten are left out and counted in one waarschuwing.
"""

import csv
import hashlib
import io
import re

from kern.importing.levering import importeer
from kern.importing.merge import upsert
from kern.importing.pipeline import Context, ImportFout, Objectsoort, RecordFout, Telling
from loket.buurtdashboard.models import Kerncijfer

# Columns that name or describe the region rather than measure it (stems, without the number).
_TEKSTKOLOMMEN = {
    "ID",
    "WijkenEnBuurten",
    "Gemeentenaam",
    "SoortRegio",
    "Codering",
    "IndelingswijzigingWijkenEnBuurten",
    "MeestVoorkomendePostcode",
    "Dekkingspercentage",
    "Perioden",
}
_REGIOKOLOMMEN = ("WijkenEnBuurten", "Codering")
_CODE = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")
_JAAR_PERIODE = re.compile(r"^((?:19|20)\d\d)JJ00$")
_JAAR_NAAM = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_GETAL = re.compile(r"^-?\d+(?:[.,]\d+)?$")
# CBS's marks for a cell without a number.
TEKENS = {".": ".", "x": "x", "": "."}

_STAGING = [
    ("identificatie", "text"),  # gebiedscode/kenmerk
    ("regelnummer", "integer"),
    ("jaar", "integer"),
    ("gebiedscode", "text"),
    ("kenmerk", "text"),
    ("kolom", "text"),
    ("waarde", "double precision"),
    ("teken", "text"),
    ("bron_hash", "text"),
]
_COLUMNS = ["jaar", "gebiedscode", "kenmerk", "kolom", "waarde", "teken", "bron_hash"]


def stam(kolom: str) -> str:
    """AantalInwoners_5 → AantalInwoners; k_65JaarOfOuder_12 → k_65JaarOfOuder."""
    return re.sub(r"_\d+$", "", kolom.strip())


def waarde(cel: str) -> tuple[float | None, str]:
    """A cell as (number, "") or (None, CBS mark); RecordFout when it is neither."""
    tekst = cel.strip()
    if tekst in TEKENS:
        return None, TEKENS[tekst]
    if tekst == "-":
        return 0.0, ""
    if _GETAL.match(tekst):
        return float(tekst.replace(",", ".")), ""
    raise RecordFout("waarde_ongeldig", f"'{tekst[:30]}' is geen getal en geen CBS-teken (. of x)")


class KerncijferSoort(Objectsoort):
    code = "KWB"
    staging = _STAGING

    def __init__(self, gemeente: str, jaar: int | None):
        self.nummer = gemeente[2:]
        self.jaar = jaar

    def _jaar(self, kolommen: dict, rij: list, naam: str) -> int:
        if "Perioden" in kolommen:
            match = _JAAR_PERIODE.match(rij[kolommen["Perioden"]].strip())
            if match:
                return int(match.group(1))
        if self.jaar:
            return self.jaar
        match = _JAAR_NAAM.search(naam)
        if match:
            return int(match.group(1))
        raise ImportFout(
            "jaar_onbekend", "geen jaar: geen kolom Perioden, geen --jaar en geen jaartal in de bestandsnaam"
        )

    def records(self, fh, ctx: Context):
        tekst = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        eerste = tekst.readline()
        scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
        kop = next(csv.reader([eerste], delimiter=scheiding))
        kolommen = {stam(k): i for i, k in enumerate(kop)}
        regio = next((kolommen[k] for k in _REGIOKOLOMMEN if k in kolommen), None)
        if regio is None:
            raise ImportFout(
                "formaat_onbekend", "geen kolom WijkenEnBuurten of Codering: is dit een KWB-tabel van CBS?"
            )
        meetkolommen = [(i, k.strip(), stam(k)) for i, k in enumerate(kop) if stam(k) not in _TEKSTKOLOMMEN]
        if not meetkolommen:
            raise ImportFout("formaat_onbekend", "geen kolommen met kerncijfers gevonden")
        anders = 0
        for nr, rij in enumerate(csv.reader(tekst, delimiter=scheiding), 2):
            if not rij or not any(c.strip() for c in rij):
                continue
            ctx.gelezen += 1
            code = rij[regio].strip().upper() if len(rij) > regio else ""
            try:
                if len(rij) != len(kop):
                    raise RecordFout("veld_ontbreekt", f"{len(rij)} velden, de kop heeft er {len(kop)}")
                if not _CODE.match(code):
                    raise RecordFout("code_ongeldig", f"'{code[:12]}' is geen GM-, WK- of BU-code")
                if code[2:6] != self.nummer:
                    anders += 1
                    continue
                jaar = self._jaar(kolommen, rij, ctx.bestand.basename)
            except RecordFout as exc:
                ctx.noteer("overgeslagen", exc.code, nr, code or None, str(exc))
                continue
            for i, kolom, kenmerk in meetkolommen:
                try:
                    getal, teken = waarde(rij[i])
                except RecordFout as exc:
                    ctx.noteer("overgeslagen", exc.code, nr, f"{code}/{kolom}", str(exc))
                    continue
                digest = hashlib.md5(
                    repr((jaar, code, kenmerk, kolom, getal, teken)).encode(), usedforsecurity=False
                )
                # COPY text has no float formatter of its own: the number goes as its exact repr.
                getal_tekst = None if getal is None else repr(getal)
                yield [
                    f"{code}/{kenmerk}",
                    nr,
                    jaar,
                    code,
                    kenmerk,
                    kolom,
                    getal_tekst,
                    teken,
                    digest.hexdigest(),
                ]
        if anders:
            ctx.noteer(
                "waarschuwing",
                "andere_gemeente",
                None,
                None,
                f"{anders} regio's van andere gemeenten niet geïmporteerd (alleen {self.nummer})",
            )

    def merge(self, cursor, ctx: Context) -> Telling:
        telling = Telling()
        cursor.execute(
            "create temporary table cur on commit drop as select distinct on (jaar, gebiedscode, kenmerk) "
            f"{', '.join(_COLUMNS)} from staging order by jaar, gebiedscode, kenmerk, regelnummer desc"
        )
        aantal = cursor.rowcount
        nieuw, gewijzigd = upsert(cursor, Kerncijfer._meta.db_table, _COLUMNS, "jaar, gebiedscode, kenmerk")
        cursor.execute("drop table cur")
        telling.nieuw, telling.gewijzigd = nieuw, gewijzigd
        telling.ongewijzigd = aantal - nieuw - gewijzigd
        return telling


def importeer_kerncijfers(
    bron, *, gemeente: str, jaar: int | None = None, opnieuw: bool = False, stream=None
):
    """Import a KWB file (or a folder or zip of them) for one gemeente (e.g. "GM0400")."""

    def soort_voor(basename: str):
        return KerncijferSoort(gemeente, jaar) if basename.lower().endswith((".csv", ".txt")) else None

    return importeer(f"kwb:{gemeente}", bron, soort_voor, lambda naam: naam, opnieuw=opnieuw, stream=stream)
