"""Who may work in the backoffice, and on which zaaktypen.

One staff login for every section (/backoffice/inloggen). Per zaaktype there is a permission
(`zaken.zaaktype_<code>`, "may see and handle every zaak of this zaaktype") and a group that holds it
("Behandelaars <code>"): give a medewerker that group in the admin. Team membership keeps working
beside it: a team member sees the zaken of their team (meldingen are routed to teams).
"""

from django.contrib.auth.decorators import user_passes_test

from kern import inloggen

PREFIX = "zaaktype_"


def is_medewerker(u) -> bool:
    # A session of someone with a second factor counts only once that factor was given (OTPMiddleware).
    return u.is_active and u.is_staff and (u.is_verified() or not inloggen.heeft_tweede_factor(u))


# Without a login_url: settings.LOGIN_URL, the one staff login page.
medewerker = user_passes_test(is_medewerker)


def recht(code: str) -> str:
    """The permission (app_label.codename) for one zaaktype."""
    return f"zaken.{PREFIX}{code}"


def mag_zaaktype(user, code: str) -> bool:
    return is_medewerker(user) and user.has_perm(recht(code))


def zaaktype_codes(user) -> set[str]:
    """The zaaktypen whose every zaak this user may see (through the permission, directly or by group)."""
    if not user.is_authenticated or not user.is_staff:
        return set()
    voorvoegsel = recht("")
    return {p[len(voorvoegsel) :] for p in user.get_all_permissions() if p.startswith(voorvoegsel)}


def maak_rechten(zaaktype, apps) -> None:
    """The permission and group of one zaaktype (idempotent); called by `definieer` in data migrations."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    soort, _ = ContentType.objects.get_or_create(app_label="zaken", model="zaaktype")
    permissie, _ = Permission.objects.update_or_create(
        content_type=soort,
        codename=f"{PREFIX}{zaaktype.code}",
        defaults={"name": f"Mag alle zaken van zaaktype '{zaaktype.omschrijving}' zien en behandelen"[:255]},
    )
    groep, _ = Group.objects.get_or_create(name=f"Behandelaars {zaaktype.code}"[:150])
    groep.permissions.add(permissie)
