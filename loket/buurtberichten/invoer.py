"""What the public forms send, read into the services' terms (areas, preferences). One place for
the page and the manage page, so both accept the same."""

from loket.buurtberichten import gebieden
from loket.buurtberichten.abonnementen import Voorkeuren
from loket.buurtberichten.fouten import BuurtberichtFout


def _straal(tekst: str) -> int:
    try:
        return int(tekst)
    except (TypeError, ValueError):
        raise BuurtberichtFout("straal_ongeldig", "Kies een afstand.") from None


def _ingevuld(post, soort: str) -> bool:
    if soort == "adres":
        return bool(post.get("adres_id") or post.get("adres", "").strip())
    return bool(post.get({"getekend": "vlak"}.get(soort, soort)))


def gebied(post) -> gebieden.NieuwGebied | None:
    """One area from the form: the chosen kind decides which fields count; when that kind is left
    empty, the first kind that is filled in (someone picks a buurt from the list and leaves the
    radio on "Rond een adres"). None: nothing chosen."""
    gekozen = post.get("gebied_soort", "adres")
    soort = next((s for s in (gekozen, "adres", "buurt", "wijk", "getekend") if _ingevuld(post, s)), None)
    if soort == "buurt":
        return gebieden.buurt(post["buurt"][:16])
    if soort == "wijk":
        return gebieden.wijk(post["wijk"][:16])
    if soort == "getekend":
        return gebieden.getekend(post["vlak"])
    if soort == "adres":
        adres_id = post.get("adres_id", "")[:40] or gebieden.adres_uit_tekst(post.get("adres", ""))
        return gebieden.rond_adres(adres_id, _straal(post.get("straal")))
    return None


def voorkeuren(post) -> Voorkeuren:
    return Voorkeuren(
        onderwerpen=post.getlist("onderwerpen")[:20], frequentie=post.get("frequentie", "")[:10]
    )


def formulier(post) -> dict:
    """What the resident typed, to show again after a refusal."""
    return {
        "email": post.get("email", "")[:254],
        "gebied_soort": post.get("gebied_soort", "adres")[:10],
        "adres": post.get("adres", "")[:200],
        "adres_id": post.get("adres_id", "")[:40],
        "straal": post.get("straal", "")[:5],
        "buurt": post.get("buurt", "")[:16],
        "wijk": post.get("wijk", "")[:16],
        "vlak": post.get("vlak", "")[:100_000],
        "onderwerpen": post.getlist("onderwerpen")[:20],
        "frequentie": post.get("frequentie", "")[:10],
        "toestemming": post.get("toestemming") == "ja",
    }
