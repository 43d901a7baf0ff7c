"""The closing summary of an import, the same for every importer and command."""

from collections import Counter

from kern.importing.pipeline import Resultaat

MAX_REGELS = 25


def samenvatting(resultaat: Resultaat) -> str:
    t = resultaat.totaal()
    lines = [
        f"{resultaat.soort.upper()}: {len(resultaat.bestanden)} bestand(en) in {resultaat.seconden:.1f} s",
        f"  gelezen {t.gelezen:,} · nieuw {t.nieuw:,} · gewijzigd {t.gewijzigd:,} · ongewijzigd {t.ongewijzigd:,}"
        f" · historisch {t.historisch:,} · beëindigd {t.beeindigd:,} · overgeslagen {t.overgeslagen:,}"
        f" · hersteld {t.hersteld:,}",
    ]
    skipped_files = Counter(b.status for b in resultaat.bestanden if b.status != "klaar")
    if skipped_files["al_geimporteerd"]:
        lines.append(
            f"  {skipped_files['al_geimporteerd']} bestanden waren al geïmporteerd en zijn niet opnieuw gelezen"
        )
    for b in resultaat.bestanden:
        if b.status == "mislukt":
            lines.append(f"  MISLUKT (teruggedraaid): {b.naam}: {b.fout}")
    if resultaat.bevindingen:
        per_code = Counter((m.soort, m.code) for m in resultaat.bevindingen)
        lines.append(
            "  bevindingen: "
            + ", ".join(f"{n}× {soort}/{code}" for (soort, code), n in sorted(per_code.items()))
        )
        for bevinding in resultaat.bevindingen[:MAX_REGELS]:
            lines.append(f"    {bevinding}")
        if len(resultaat.bevindingen) > MAX_REGELS:
            lines.append(
                f"    … en {len(resultaat.bevindingen) - MAX_REGELS} meer (zie ImportRun in het beheer)"
            )
    return "\n".join(lines)
