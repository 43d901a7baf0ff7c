"""A zaaktype with its status machine from a plain description; used by the data migrations of the
apps that bring a zaaktype (meldingen, DSO verzoeken) and by tests."""

from dataclasses import dataclass, field

from loket.zaken import toegang


@dataclass
class ZaaktypeDefinitie:
    code: str
    omschrijving: str
    prefix: str
    afhandeltermijn_dagen: int
    # (code, omschrijving, standaardtekst voor de burger); the first is the begin status.
    statustypen: list[tuple[str, str, str]]
    overgangen: dict[str, list[str]]
    eind: set[str] = field(default_factory=set)


def definieer(definitie: ZaaktypeDefinitie, apps=None):
    """Create or update the zaaktype and replace its overgangen (idempotent). `apps` is a migration's
    app registry; without it the current models are used."""
    if apps is None:
        from django.apps import apps
    Zaaktype = apps.get_model("zaken", "Zaaktype")
    Statustype = apps.get_model("zaken", "Statustype")
    Statusovergang = apps.get_model("zaken", "Statusovergang")
    zaaktype, _ = Zaaktype.objects.update_or_create(
        code=definitie.code,
        defaults={
            "omschrijving": definitie.omschrijving,
            "prefix": definitie.prefix,
            "afhandeltermijn_dagen": definitie.afhandeltermijn_dagen,
        },
    )
    typen = {}
    for volgnummer, (code, omschrijving, tekst) in enumerate(definitie.statustypen, 1):
        typen[code], _ = Statustype.objects.update_or_create(
            zaaktype=zaaktype,
            code=code,
            defaults={
                "omschrijving": omschrijving,
                "volgnummer": volgnummer,
                "is_begin": volgnummer == 1,
                "is_eind": code in definitie.eind,
                "tekst_voor_burger": tekst,
            },
        )
    Statusovergang.objects.filter(zaaktype=zaaktype).delete()
    Statusovergang.objects.bulk_create(
        Statusovergang(zaaktype=zaaktype, van=typen[van], naar=typen[naar])
        for van, naar_lijst in definitie.overgangen.items()
        for naar in naar_lijst
    )
    toegang.maak_rechten(zaaktype, apps)
    return zaaktype
