"""Who may see which gebied on the dashboard, and the log of every look.

Three roles (`Dashboardrol`): a gebiedsmanager sees only the wijken on their role (and the buurten in
them); a medewerker/KCC and a beheerder see everything; a superuser counts as beheerder. Staff without
a role, and everyone who is not staff, see nothing. The gemeente's totals are the comparison beside
every wijk, so every role may see those; a breakdown per wijk or buurt is filtered to the role's
wijken. Every page, API call and export goes through `open_gebied`, which checks and logs in one step.
"""

from dataclasses import dataclass

from kern.fouten import CodeFout
from kern.gemeente import huidige
from loket.buurtdashboard.gebieden import wijk_van
from loket.buurtdashboard.models import Dashboardrol, Inzage, Rol


class Geweigerd(CodeFout):
    http_status = 403
    titel = "Geen toegang"


@dataclass(frozen=True)
class Toegang:
    rol: str
    wijken: frozenset[str] | None  # None: every wijk

    def mag(self, gebiedscode: str) -> bool:
        if self.wijken is None or gebiedscode == huidige().cbs_code:
            return True
        return wijk_van(gebiedscode) in self.wijken

    def filter_codes(self, codes):
        """The codes (wijk or buurt) of `codes` this role may see, in their order."""
        return [c for c in codes if self.wijken is None or wijk_van(c) in self.wijken]


def toegang(user) -> Toegang | None:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    if user.is_superuser:
        return Toegang(Rol.BEHEERDER, None)
    try:
        rol = user.dashboardrol
    except Dashboardrol.DoesNotExist:
        return None
    if rol.rol == Rol.GEBIEDSMANAGER:
        return Toegang(rol.rol, frozenset(rol.wijken))
    return Toegang(rol.rol, None)


def vereist(user) -> Toegang:
    """The user's access, or Geweigerd when they have no role on the dashboard."""
    t = toegang(user)
    if t is None:
        raise Geweigerd("geen_dashboardrol", "U heeft geen rol op het buurtdashboard.")
    return t


def open_gebied(user, gebiedscode: str, weergave: str) -> Toegang:
    """Check that the user may see this gebied and log that they did (who, when, which gebied, where)."""
    t = vereist(user)
    if not t.mag(gebiedscode):
        raise Geweigerd("gebied_niet_toegestaan", f"U heeft geen toegang tot {gebiedscode}.")
    Inzage.objects.create(gebruiker=user, gebied=gebiedscode, weergave=weergave[:40])
    return t


class OnbekendeWijk(CodeFout):
    http_status = 400
    titel = "Onbekende wijk"


def ken_rol_toe(user, rol: str, wijken: list[str]) -> Dashboardrol:
    """Give a staff member a role on the dashboard (replacing any earlier one). A gebiedsmanager needs
    at least one wijk, and every wijk must be one of this gemeente's."""
    from loket.buurtdashboard.gebieden import wijken as alle_wijken

    codes = [w.strip().upper() for w in wijken if w.strip()]
    if rol == Rol.GEBIEDSMANAGER:
        bekend = {w.code for w in alle_wijken()}
        onbekend = [c for c in codes if c not in bekend]
        if onbekend or not codes:
            raise OnbekendeWijk(
                "wijk_onbekend",
                f"Geen wijk van deze gemeente: {', '.join(onbekend)}"
                if onbekend
                else "Een gebiedsmanager heeft minstens één wijk nodig.",
            )
    else:
        codes = []
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    dashboardrol, _ = Dashboardrol.objects.update_or_create(
        gebruiker=user, defaults={"rol": rol, "wijken": codes}
    )
    return dashboardrol
