"""manage.py dso_sync [--verzoeken|--regels|--all] [--dry-run] | --reconcile"""

import time

from django.core.management.base import BaseCommand, CommandError

from dso_koppeling import reconciliatie, regels, terugmelding, verzoeken
from dso_koppeling.client import DsoClient, DsoFout


class Command(BaseCommand):
    help = "Synchroniseer met het DSO-knooppunt: verzoeken → zaken, en toepasbare regels en omgevingsplan."

    def add_arguments(self, parser):
        parser.add_argument("--verzoeken", action="store_true", help="nieuwe en gewijzigde verzoeken ophalen")
        parser.add_argument("--regels", action="store_true", help="toepasbare regels (STTR) en omgevingsplan")
        parser.add_argument("--all", action="store_true", help="alles (ook statusterugmeldingen)")
        parser.add_argument("--dry-run", action="store_true", help="alleen lezen en tellen, niets opslaan")
        parser.add_argument(
            "--reconcile", action="store_true", help="rapport: wat DSO heeft en wij niet, en andersom"
        )
        parser.add_argument("--grootte", type=int, default=50, help="items per pagina van de feed")

    def handle(self, *args, **opties):
        client = DsoClient()
        begin = time.monotonic()
        if opties["reconcile"]:
            return self._rapport(client)
        alles = opties["all"] or not (opties["verzoeken"] or opties["regels"])
        droog = opties["dry_run"]
        mislukt = False
        if alles or opties["verzoeken"]:
            r = verzoeken.synchroniseer(
                client, droog=droog, grootte=opties["grootte"], voortgang=self._voortgang
            )
            self._samenvatting(
                "Verzoeken", r.telling, r.bevindingen, r.seconden, f"cursor {r.cursor_van} → {r.cursor_tot}"
            )
            mislukt |= not r.ok
            if r.afgebroken:
                self.stderr.write(
                    f"Verzoeken gestopt: {r.afgebroken} (de volgende ronde gaat verder vanaf de cursor)"
                )
        if alles or opties["regels"]:
            r = regels.synchroniseer(client, droog=droog)
            self._samenvatting("Regels en plan", r.telling, r.bevindingen, r.seconden)
            mislukt |= not r.ok
        if alles and not droog:
            terugmelding.leg_vast()
            self.stdout.write(f"Statusterugmeldingen: {dict(terugmelding.verstuur(client))}")
        s = client.statistiek
        self.stdout.write(
            f"Klaar in {time.monotonic() - begin:.1f} s: {s['aanroepen']} aanroepen, {s['herhalingen']} herhalingen, "
            f"storingen { ({k[8:]: v for k, v in s.items() if k.startswith('storing_')}) }"
            + (" (droog: niets opgeslagen)" if droog else "")
        )
        if mislukt:
            raise CommandError("Niet alles is gelukt; zie de bevindingen hierboven.")

    def _voortgang(self, tekst: str) -> None:
        self.stdout.write("  " + tekst)

    def _samenvatting(self, titel, telling, bevindingen, seconden, extra: str = "") -> None:
        tellers = ", ".join(f"{k} {v}" for k, v in sorted(telling.items()))
        self.stdout.write(f"{titel}: {tellers or 'niets te doen'} in {seconden:.1f} s {extra}".rstrip())
        for code, nummer, detail in bevindingen[:50]:
            self.stdout.write(f"  ! {code} {nummer}: {detail}")

    def _rapport(self, client: DsoClient) -> None:
        try:
            r = reconciliatie.reconcilieer(client)
        except DsoFout as fout:
            raise CommandError(f"Reconciliatie mislukt ({fout.code}): {fout}") from None
        self.stdout.write(f"DSO-feed: {r.bij_dso} verzoeken en aanvullingen; bij ons: {r.bij_ons}")
        self.stdout.write(f"Cursor {r.cursor}, laatste volgnummer bij DSO {r.laatste_volgnummer}")
        self.stdout.write(
            f"Ontbreekt bij ons ({len(r.ontbreekt_bij_ons)}): {', '.join(r.ontbreekt_bij_ons) or '-'}"
        )
        achter = ", ".join(f"{n} (wij v{o}, DSO v{d})" for n, o, d in r.versie_achter)
        self.stdout.write(f"Oudere versie bij ons ({len(r.versie_achter)}): {achter or '-'}")
        quarantaine = ", ".join(f"{n} ({c})" for n, c in r.in_quarantaine)
        self.stdout.write(f"In quarantaine ({len(r.in_quarantaine)}): {quarantaine or '-'}")
        self.stdout.write(f"Alleen bij ons ({len(r.alleen_bij_ons)}): {', '.join(r.alleen_bij_ons) or '-'}")
        self.stdout.write(
            "Sluitend."
            if r.sluitend
            else "Niet sluitend: draai dso_sync --verzoeken of kijk in de quarantaine."
        )
