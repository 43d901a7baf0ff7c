"""AVG: contact data only as long as needed, meldingen only as long as their retention, and a
resident's own data to see and erase through their token link."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kern.mail import wis_adres
from loket.meldingen.models import ContactInzage, Melding, Volger
from loket.zaken.models import Zaak

logger = logging.getLogger(__name__)


def verwijder_contactgegevens(nu=None) -> int:
    """Wipe e-mail and phone of meldingen closed longer than MELDINGEN_CONTACT_BEWAARTERMIJN_DAGEN ago."""
    nu = nu or timezone.now()
    grens = nu - timedelta(days=settings.MELDINGEN_CONTACT_BEWAARTERMIJN_DAGEN)
    with transaction.atomic():
        oud = Melding.objects.filter(zaak__einddatum__lt=grens)
        aantal = oud.exclude(email="", telefoon="").update(email="", telefoon="", contact_verwijderd=nu)
        volgers = Volger.objects.filter(melding__zaak__einddatum__lt=grens).exclude(email="").update(email="")
    logger.info("contactgegevens verwijderd: %d meldingen, %d volgers", aantal, volgers)
    return aantal + volgers


def verwijder_verlopen(nu=None) -> dict[str, int]:
    """Delete meldingen whose last status change is older than their status's retention period."""
    nu = nu or timezone.now()
    geteld = {}
    for status, dagen in settings.MELDINGEN_BEWAARTERMIJN_DAGEN.items():
        zaken = Zaak.objects.filter(
            melding__isnull=False,
            status__code=status,
            laatste_statuswijziging__lt=nu - timedelta(days=dagen),
        )
        with transaction.atomic():
            for zaak in zaken.prefetch_related("documenten"):
                for document in zaak.documenten.all():
                    # Files are not transactional: remove them only once the rows are gone.
                    transaction.on_commit(lambda d=document.bestand: d.delete(save=False))
            geteld[status], _ = zaken.delete()
    logger.info("verlopen meldingen verwijderd: %s", geteld)
    return geteld


def gegevens(melding: Melding) -> dict:
    """Everything we keep about a melder, for the download behind their token link."""
    zaak = melding.zaak
    return {
        "referentie": zaak.referentie,
        "categorie": str(melding.categorie),
        "omschrijving": zaak.omschrijving,
        "locatie": zaak.adres,
        "gemeld_op": zaak.registratiedatum.isoformat(),
        "email": melding.email,
        "telefoon": melding.telefoon,
        "fotos": zaak.documenten.count(),
        "contactgegevens_verwijderd_op": melding.contact_verwijderd.isoformat()
        if melding.contact_verwijderd
        else None,
        "reacties": [
            {"tevreden": r.tevreden, "toelichting": r.toelichting, "op": r.tijdstip.isoformat()}
            for r in melding.reacties.all()
        ],
    }


def wis(melding: Melding, volger: Volger | None = None) -> None:
    """Erase the resident's personal data now: contact data, photos and their own words."""
    with transaction.atomic():
        if volger is not None:
            wis_adres(volger.email)
            volger.email = ""
            volger.save(update_fields=["email"])
            return
        if melding.email:
            wis_adres(melding.email)
        melding.email, melding.telefoon, melding.contact_verwijderd = "", "", timezone.now()
        melding.save(update_fields=["email", "telefoon", "contact_verwijderd"])
        melding.reacties.update(toelichting="")
        for document in melding.zaak.documenten.all():
            transaction.on_commit(lambda d=document.bestand: d.delete(save=False))
        melding.zaak.documenten.all().delete()


def log_inzage(melding: Melding, gebruiker, waar: str) -> None:
    ContactInzage.objects.create(melding=melding, gebruiker=gebruiker, waar=waar)
