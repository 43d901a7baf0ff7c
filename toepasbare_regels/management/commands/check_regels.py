import json
import time
from dataclasses import asdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kern.fouten import CodeFout
from kern.importing.sources import bestanden
from toepasbare_regels.importing import lees_begrensd
from toepasbare_regels.sttr.controle import Bevinding, controleer_bestand, tel

OMGEVINGSPLAN = "toepasbare_regels.omgevingsplan"


def locatiecheck_uit_db():
    """A check against the omgevingsplan's Locatie table, or None when that app is not installed."""
    from django.apps import apps

    if not apps.is_installed(OMGEVINGSPLAN):
        return None
    locatie = apps.get_model("omgevingsplan", "Locatie")

    def bekend(ids: set[str]) -> set[str]:
        return set(locatie.objects.filter(identificatie__in=ids).values_list("identificatie", flat=True))

    return bekend


def dmn_bestanden(pad: Path):
    """The .dmn files in a file, folder or zip (zips in zips too); a file named on its own always counts,
    and so does what the zip could not unpack."""
    for bestand in bestanden(pad):
        if bestand.fout or bestand.basename.lower().endswith(".dmn") or bestand.naam == str(pad):
            yield bestand


class Command(BaseCommand):
    help = (
        "Controleer STTR-bestanden (toepasbare regels): verwijzingen, locaties, regels die nooit gelden, "
        "overlap onder UNIQUE, gaten en ongebruikte vragen. Geeft exitcode 1 bij fouten."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", nargs="+", type=Path, help=".dmn-bestand, map of zip zoals geleverd")
        parser.add_argument(
            "--locaties-uit-db",
            action="store_true",
            help="controleer de locatie-identificaties van geoVerwijzingen tegen het omgevingsplan in de database",
        )
        parser.add_argument(
            "--json", dest="als_json", action="store_true", help="schrijf de bevindingen als JSON"
        )

    def handle(self, *args, pad, locaties_uit_db, als_json, verbosity, **options):
        start = time.monotonic()
        for p in pad:
            if not p.exists():
                raise CommandError(f"{p} bestaat niet")
        locaties = None
        if locaties_uit_db:
            locaties = locatiecheck_uit_db()
            if locaties is None:
                self.stderr.write(
                    f"Locaties uit de database: niet beschikbaar (app {OMGEVINGSPLAN} is niet geïnstalleerd); "
                    "locatie-identificaties worden alleen op hun vorm gecontroleerd."
                )
        alle, aantal = [], 0
        for p in pad:
            for bestand in dmn_bestanden(p):
                aantal += 1
                try:
                    inhoud = lees_begrensd(bestand)
                except CodeFout as exc:
                    bevindingen = [
                        Bevinding("bestand.onleesbaar", "fout", f"[{exc.code}] {exc}", bestand.naam)
                    ]
                else:
                    bevindingen = controleer_bestand(inhoud, bestand.naam, locaties)
                alle += bevindingen
                if not als_json:
                    self.toon(bestand.naam, bevindingen, verbosity)
        if not aantal:
            raise CommandError("geen .dmn-bestanden gevonden in " + ", ".join(map(str, pad)))
        telling = tel(alle)
        if als_json:
            self.stdout.write(_json(alle))
        self.stdout.write(
            f"check_regels: {aantal} bestand(en), {telling['fout']} fout(en), "
            f"{telling['waarschuwing']} waarschuwing(en), {telling['info']} info in {time.monotonic() - start:.2f} s"
        )
        if telling["fout"]:
            raise CommandError(f"{telling['fout']} fout(en) gevonden")

    def toon(self, naam: str, bevindingen, verbosity: int) -> None:
        telling = tel(bevindingen)
        kop = ", ".join(f"{n} × {e}" for e, n in telling.items() if n) or "geen bevindingen"
        self.stdout.write(f"{naam}: {kop}")
        for b in bevindingen:
            if b.ernst != "info" or verbosity >= 2:
                self.stdout.write("  " + b.regel_tekst(met_bestand=False))


def _json(bevindingen) -> str:
    return json.dumps([asdict(b) for b in bevindingen], ensure_ascii=False, indent=2)
