"""Create (or update) a staff account with a role on the buurtdashboard, e.g. a gebiedsmanager with
their wijken. The password is never an argument (it would end up in the shell history and the process
list): it is asked for twice, or the account gets none and the beheerder sets one in the admin."""

import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from loket.buurtdashboard import gebieden, toegang
from loket.buurtdashboard.models import Rol


class Command(BaseCommand):
    help = (
        "Maak een medewerker met een rol op het buurtdashboard, bijv. "
        "`maak_gebiedsmanager jan --email jan@gemeente.nl --wijk WK040001 --wijk WK040002`. "
        "Het wachtwoord wordt gevraagd (twee keer), nooit als argument."
    )

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam", nargs="?")
        parser.add_argument("--email", default="")
        parser.add_argument("--wijk", action="append", default=[], help="wijkcode; mag vaker (WK040001)")
        parser.add_argument("--rol", choices=[r.value for r in Rol], default=Rol.GEBIEDSMANAGER.value)
        parser.add_argument(
            "--zonder-wachtwoord",
            action="store_true",
            help="geen wachtwoord vragen: de beheerder zet er een in /beheer/ (nodig zonder terminal)",
        )
        parser.add_argument("--lijst-wijken", action="store_true", help="toon de wijkcodes en stop")

    def handle(self, *args, **opts):
        if opts["lijst_wijken"]:
            for w in gebieden.wijken():
                self.stdout.write(f"{w.code}  {w.naam}")
            return
        if not opts["gebruikersnaam"]:
            raise CommandError("Geef een gebruikersnaam (of --lijst-wijken).")
        wachtwoord = None if opts["zonder_wachtwoord"] else self._vraag_wachtwoord(opts["gebruikersnaam"])
        User = get_user_model()
        with transaction.atomic():
            user, nieuw = User.objects.get_or_create(
                username=opts["gebruikersnaam"], defaults={"email": opts["email"], "is_staff": True}
            )
            if opts["email"] and user.email != opts["email"]:
                user.email = opts["email"]
            if wachtwoord:
                user.set_password(wachtwoord)
            elif nieuw:
                user.set_unusable_password()
            user.save()
            try:
                rol = toegang.ken_rol_toe(user, opts["rol"], opts["wijk"])
            except toegang.OnbekendeWijk as fout:
                raise CommandError(f"{fout} (zie --lijst-wijken)") from None
        wijken = f" voor {', '.join(rol.wijken)}" if rol.wijken else ""
        self.stdout.write(
            f"{'Aangemaakt' if nieuw else 'Bijgewerkt'}: {user.username}, {rol.get_rol_display()}{wijken}."
        )
        if not wachtwoord and not user.has_usable_password():
            self.stdout.write(
                "Nog geen wachtwoord: zet er een in /beheer/ (Gebruikers) voordat deze persoon inlogt."
            )

    def _vraag_wachtwoord(self, gebruikersnaam: str) -> str:
        if not sys.stdin.isatty():
            raise CommandError("Geen terminal om het wachtwoord te vragen; gebruik --zonder-wachtwoord.")
        for _ in range(3):
            eerste = getpass.getpass(f"Wachtwoord voor {gebruikersnaam}: ")
            if eerste != getpass.getpass("Nog een keer: "):
                self.stderr.write("De wachtwoorden zijn niet gelijk.")
                continue
            try:
                validate_password(eerste, get_user_model()(username=gebruikersnaam))
            except ValidationError as fout:
                self.stderr.write(" ".join(fout.messages))
                continue
            return eerste
        raise CommandError("Geen geldig wachtwoord gekregen.")
