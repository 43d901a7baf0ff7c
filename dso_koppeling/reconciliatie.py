"""The reconciliation report: what the knooppunt has that we lack, and the reverse."""

from dataclasses import dataclass, field

from dso_koppeling.client import DsoClient, DsoFout
from dso_koppeling.models import Aanvulling, Quarantaine, Synctoestand, Verzoek
from dso_koppeling.verzoeken import FEED, MAX_HERLEZEN, NAAM, geldig_item


@dataclass
class Rapport:
    bij_dso: int = 0
    bij_ons: int = 0
    ontbreekt_bij_ons: list[str] = field(default_factory=list)
    versie_achter: list[tuple[str, int, int]] = field(default_factory=list)  # (nummer, ons, dso)
    in_quarantaine: list[tuple[str, str]] = field(default_factory=list)
    alleen_bij_ons: list[str] = field(default_factory=list)
    cursor: int = 0
    laatste_volgnummer: int = 0

    @property
    def sluitend(self) -> bool:
        return not (self.ontbreekt_bij_ons or self.versie_achter or self.alleen_bij_ons)


def feed_items(client: DsoClient, grootte: int = 100):
    """Every current item of the feed, by keyset; a page with an unreadable item is read again."""
    na = herlezen = 0
    while True:
        items = (
            client.json("GET", FEED, params={"na": na, "size": grootte})
            .get("_embedded", {})
            .get("verzoeken", [])
        )
        if not items:
            return
        if not all(geldig_item(i) for i in items):
            herlezen += 1
            if herlezen >= MAX_HERLEZEN:
                raise DsoFout(
                    "feed_onleesbaar",
                    f"De feed van het DSO heeft na volgnummer {na} een onleesbaar item, ook na "
                    f"{MAX_HERLEZEN} keer opnieuw lezen; het rapport kan niet sluitend worden gemaakt.",
                )
            continue
        herlezen = 0
        for item in sorted(items, key=lambda i: i["volgnummer"]):
            if item["volgnummer"] > na:
                yield item
                na = item["volgnummer"]


def reconcilieer(client: DsoClient | None = None) -> Rapport:
    client = client or DsoClient()
    dso = {i["verzoeknummer"]: i for i in feed_items(client)}
    verzoeken = dict(Verzoek.objects.values_list("verzoeknummer", "versie"))
    aanvullingen = set(Aanvulling.objects.values_list("verzoeknummer", flat=True))
    quarantaine = dict(Quarantaine.objects.values_list("verzoeknummer", "code"))
    rapport = Rapport(bij_dso=len(dso), bij_ons=len(verzoeken) + len(aanvullingen))
    for nummer, item in sorted(dso.items()):
        if nummer in quarantaine:
            rapport.in_quarantaine.append((nummer, quarantaine[nummer]))
        elif nummer in verzoeken:
            if verzoeken[nummer] < item["versie"]:
                rapport.versie_achter.append((nummer, verzoeken[nummer], item["versie"]))
        elif nummer not in aanvullingen:
            rapport.ontbreekt_bij_ons.append(nummer)
    rapport.alleen_bij_ons = sorted((set(verzoeken) | aanvullingen) - set(dso))
    rapport.cursor = Synctoestand.objects.filter(naam=NAAM).values_list("cursor", flat=True).first() or 0
    rapport.laatste_volgnummer = max((i["volgnummer"] for i in dso.values()), default=0)
    return rapport
