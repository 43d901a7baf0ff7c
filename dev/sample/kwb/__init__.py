"""A synthetic CBS Kerncijfers wijken en buurten file for the sample buurten, in CBS's own format.

The columns are a selection of the KWB 2020 table (84799NED) as StatLine writes it: region codes and
names padded with spaces, ";" between fields, numbers without thousands separators, "." for a cell
CBS does not publish. One small buurt gets "." for its age groups and "x" for the woningwaarde, as CBS
does when numbers are too small to publish; the wijken and the gemeente are the sums of their buurten.
"""

import hashlib
import json
import random
from pathlib import Path

from shapely.geometry import shape

JAAR = 2020
TABEL = "84799NED"
KOLOMMEN = [
    "ID",
    "WijkenEnBuurten",
    "Gemeentenaam_1",
    "SoortRegio_2",
    "Codering_3",
    "IndelingswijzigingWijkenEnBuurten_4",
    "AantalInwoners_5",
    "Mannen_6",
    "Vrouwen_7",
    "k_0Tot15Jaar_8",
    "k_15Tot25Jaar_9",
    "k_25Tot45Jaar_10",
    "k_45Tot65Jaar_11",
    "k_65JaarOfOuder_12",
    "HuishoudensTotaal_28",
    "GemiddeldeHuishoudensgrootte_32",
    "Bevolkingsdichtheid_33",
    "Woningvoorraad_34",
    "GemiddeldeWoningwaarde_35",
]
LEEFTIJDEN = [
    "k_0Tot15Jaar_8",
    "k_15Tot25Jaar_9",
    "k_25Tot45Jaar_10",
    "k_45Tot65Jaar_11",
    "k_65JaarOfOuder_12",
]
SOM = ["AantalInwoners_5", "Mannen_6", "Vrouwen_7", *LEEFTIJDEN, "HuishoudensTotaal_28", "Woningvoorraad_34"]


def _km2(geometrie: dict) -> float:
    # Degrees to km near 53° N: good enough for a synthetic density.
    vorm = shape(geometrie)
    return vorm.area * 111.32 * 111.32 * 0.6018


def _buurt(rng: random.Random, km2: float, klein: bool) -> dict:
    inwoners = rng.randint(20, 45) if klein else rng.randint(600, 3200)
    oud = rng.uniform(0.12, 0.35)
    jong = rng.uniform(0.10, 0.20)
    delen = [jong, 0.11, rng.uniform(0.18, 0.28)]
    delen.append(max(0.05, 1 - oud - sum(delen)))
    delen.append(oud)
    som = sum(delen)
    leeftijden = [round(inwoners * d / som) for d in delen]
    leeftijden[3] += inwoners - sum(leeftijden)
    grootte = rng.uniform(1.7, 2.5)
    huishoudens = round(inwoners / grootte)
    mannen = round(inwoners * rng.uniform(0.47, 0.52))
    return {
        "AantalInwoners_5": inwoners,
        "Mannen_6": mannen,
        "Vrouwen_7": inwoners - mannen,
        **dict(zip(LEEFTIJDEN, leeftijden, strict=True)),
        "HuishoudensTotaal_28": huishoudens,
        "Woningvoorraad_34": round(huishoudens * rng.uniform(1.0, 1.06)),
        "GemiddeldeWoningwaarde_35": rng.randint(150, 320),
        "_km2": km2,
    }


def _afgeleid(rij: dict) -> dict:
    rij["GemiddeldeHuishoudensgrootte_32"] = round(
        rij["AantalInwoners_5"] / max(1, rij["HuishoudensTotaal_28"]), 1
    )
    rij["Bevolkingsdichtheid_33"] = round(rij["AantalInwoners_5"] / max(rij["_km2"], 0.01))
    return rij


def _veld(waarde, breedte=10) -> str:
    if isinstance(waarde, str):
        return '"' + waarde.ljust(breedte) + '"'
    return str(waarde)


def maak(buurten_geojson: Path, gemeentenaam: str = "Den Helder", seed: int = 400) -> str:
    """The KWB CSV text for the buurten (and their wijken and gemeente) of a CBS buurten GeoJSON."""
    data = json.loads(buurten_geojson.read_text(encoding="utf-8"))
    buurten = sorted(data["features"], key=lambda f: f["properties"]["statcode"])
    rijen = {}
    klein = buurten[-1]["properties"]["statcode"] if buurten else None
    for f in buurten:
        code = f["properties"]["statcode"]
        rng = random.Random(int(hashlib.sha1(f"{seed}:{code}".encode()).hexdigest()[:8], 16))  # noqa: S311, S324 (sample data, not security)
        rij = _afgeleid(_buurt(rng, _km2(f["geometry"]), code == klein))
        rij.update(naam=f["properties"]["statnaam"], soort="Buurt", code=code)
        rijen[code] = rij
    for niveau, lengte, soort in (("WK", 8, "Wijk"), ("GM", 6, "Gemeente")):
        for code in sorted({niveau + c[2:lengte] for c in list(rijen) if c.startswith("BU")}):
            delen = [r for c, r in rijen.items() if c.startswith("BU") and c[2:lengte] == code[2:]]
            rij = {k: sum(r[k] for r in delen) for k in [*SOM, "_km2"]}
            rij["GemiddeldeWoningwaarde_35"] = round(
                sum(r["GemiddeldeWoningwaarde_35"] for r in delen) / len(delen)
            )
            rij.update(naam=gemeentenaam if niveau == "GM" else code, soort=soort, code=code)
            rijen[code] = _afgeleid(rij)
    regels = [";".join(f'"{k}"' for k in KOLOMMEN)]
    volgorde = sorted(rijen, key=lambda c: ({"GM": 0, "WK": 1, "BU": 2}[c[:2]], c))
    for nr, code in enumerate(volgorde):
        rij = rijen[code]
        velden = [str(nr), _veld(code), _veld(gemeentenaam, 40), _veld(rij["soort"]), _veld(code), _veld("1")]
        for kolom in KOLOMMEN[6:]:
            waarde = rij[kolom]
            if code == klein and kolom in LEEFTIJDEN:
                waarde = "."  # too few inwoners for CBS to publish the age groups
            elif code == klein and kolom == "GemiddeldeWoningwaarde_35":
                waarde = "x"
            velden.append(_veld(waarde, 8) if isinstance(waarde, str) else str(waarde))
        regels.append(";".join(velden))
    return "\r\n".join(regels) + "\r\n"


def schrijf(buurten_map: Path, out: Path, *, if_missing: bool = False) -> Path | None:
    doel = out / f"kwb-{JAAR}-{TABEL}-gm0400.csv"
    if if_missing and doel.exists():
        return None
    bron = next(iter(sorted(buurten_map.glob("cbs_buurten_*.geojson"))), None)
    if bron is None:
        raise FileNotFoundError(f"geen cbs_buurten_*.geojson in {buurten_map}: draai eerst make sample")
    out.mkdir(parents=True, exist_ok=True)
    doel.write_text(maak(bron), encoding="utf-8")
    return doel
