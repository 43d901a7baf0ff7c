"""From checked request data (API or HTML form) to the services: one path for both."""

from django.contrib.gis.geos import Point

from kern.crs import RD_NEW
from loket.meldingen import fotos, services
from loket.meldingen.models import Melding


def maak_melding(data: dict, bestanden: list) -> Melding:
    """Shared by the API and the HTML form: every check, then one transaction."""
    if data.get("website"):
        # The honeypot: a field people never see. Said plainly, but nothing is stored.
        raise services.MeldingFout("invoer_ongeldig", "Dit formulier kon niet worden verwerkt.")
    fotos.controleer_aantal(bestanden)
    schone = [fotos.schoon(b) for b in bestanden]
    x_rd, y_rd = services.locatie_rd(
        data.get("x"), data.get("y"), data.get("crs", "wgs84"), data.get("adres_id", "")
    )
    invoer = services.Invoer(
        categorie=data["categorie"],
        omschrijving=data["omschrijving"],
        x_rd=x_rd,
        y_rd=y_rd,
        email=data.get("email", ""),
        telefoon=data.get("telefoon", ""),
        toestemming=data.get("toestemming", False),
        fotos=schone,
    )
    return services.meld(invoer)


def al_gemeld(data: dict) -> list[dict]:
    categorie = services.categorie_op_slug(data["categorie"])
    x_rd, y_rd = services.locatie_rd(data.get("x"), data.get("y"), data["crs"], data.get("adres_id", ""))
    punt = Point(x_rd, y_rd, srid=RD_NEW)
    return [
        {
            "referentie": z.referentie,
            "categorie": str(z.melding.categorie),
            "status": z.status.omschrijving,
            "datum": z.startdatum,
            "afstand": round(z.geometrie.distance(punt)),
        }
        for z in services.al_gemeld(categorie, punt)
    ]
