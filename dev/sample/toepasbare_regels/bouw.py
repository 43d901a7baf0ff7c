"""A small builder so the sample rules read like the rules they are; it produces model objects, and
`sttr.export` writes them, so there is one DMN writer."""

from dataclasses import dataclass

from toepasbare_regels.sttr.model import (
    Beslistabel,
    Besluit,
    Bestand,
    InputData,
    Invoer,
    Knoop,
    Optie,
    Regel,
    Regelgroep,
    Uitvoer,
    Uitvoeringsregel,
)

NAMESPACE = "http://toepasbare-regels.omgevingswet.overheid.nl/gm0400"
"""Den Helder's OIN belongs here (as in every real STTR file); it is not verified yet, so the sample
uses the CBS code and says so in docs/toepasbare-regels.md."""
AKN = "/akn/nl/act/gm0400/2024/omgevingsplan/"
CONCLUSIEWAARDEN = '"Verbod","Vergunningplicht","Meldingsplicht","Informatieplicht","NeemContactOpMet","Toestemmingsvrij","NietVanToepassing"'
ACTIVITEIT = "nl.imow-gm0400.activiteit."


@dataclass(frozen=True)
class Invoerregel:
    """One input: its variable name, how it is obtained, and its DMN type."""

    naam: str
    regel: Uitvoeringsregel
    type_ref: str
    grenzen: tuple[str, str] = ("", "")  # (unit, FEEL allowedValues), e.g. ("cm", "[20..1000]")

    def item_definitie(self) -> Knoop | None:
        """The DMN itemDefinition that carries a number question's unit and bounds (sttr.grenzen)."""
        eenheid, toegestaan = self.grenzen
        if not toegestaan:
            return None
        return Knoop(
            "itemDefinition",
            (("label", eenheid), ("name", self.naam)),
            "",
            (
                Knoop("typeRef", (), "number"),
                Knoop("allowedValues", (), "", (Knoop("text", (), toegestaan),)),
            ),
        )


def vraag(
    naam, tekst, soort, prio, toelichting="", opties=(), feit="", groep="g1", grenzen=("", "")
) -> Invoerregel:
    regel = Uitvoeringsregel(
        id=f"U_{naam}",
        soort="vraag",
        regelgroep=groep,
        prioriteit=prio,
        bereik="werkzaamheid",
        herbruikbaar_id=feit,
        gegevens_type=soort,
        vraag_tekst=tekst,
        opties=tuple(Optie(o, str(i)) for i, o in enumerate(opties, start=1)),
        toelichting=toelichting,
    )
    return Invoerregel(naam, regel, "string" if soort == "list" else soort, grenzen)


def geo(naam, locatie, tekst, prio=1) -> Invoerregel:
    regel = Uitvoeringsregel(
        id=f"U_{naam}",
        soort="geoVerwijzing",
        regelgroep="g0",
        prioriteit=prio,
        locatie=locatie,
        vraag_tekst=tekst,
    )
    return Invoerregel(naam, regel, "boolean")


def bijlage(naam, soort, toelichting, prio) -> Invoerregel:
    regel = Uitvoeringsregel(
        id=f"U_{naam}",
        soort="bijlage",
        regelgroep="g9",
        prioriteit=prio,
        bijlage_type=soort,
        toelichting=toelichting,
    )
    return Invoerregel(naam, regel, "boolean")


def conclusie(activiteit, titel, invoer, regels, hit="FIRST") -> Bestand:
    """regels: (cells, conclusion, toelichting, artikel-wId)."""
    return _bestand(
        f"Conclusie {titel}",
        f"{NAMESPACE}/id/concept/Conclusie{ACTIVITEIT}{activiteit}",
        invoer,
        [(cellen, f'"{uit}"', toelichting, wid) for cellen, uit, toelichting, wid in regels],
        hit,
        "string",
        CONCLUSIEWAARDEN,
    )


def indieningsvereisten(activiteit, titel, invoer) -> Bestand:
    """Indienbaar when every question is answered and every bijlage is there (STTR's not(null))."""
    n = len(invoer)
    regels = [(tuple("not(null)" for _ in range(n)), "true", "", "")]
    regels += [(tuple("null" if i == k else "-" for i in range(n)), "false", "", "") for k in range(n)]
    return _bestand(
        f"Indieningsvereisten Vergunning {titel}",
        f"{NAMESPACE}/id/concept/IndieningsvereistenVergunning{ACTIVITEIT}{activiteit}",
        invoer,
        regels,
        "FIRST",
        "boolean",
        "",
    )


def _bestand(naam, ref, invoer, regels, hit, type_ref, waarden) -> Bestand:
    groepen = {"g0": ("Locatie", 0), "g1": ("Uw plan", 1), "g2": ("Afmetingen", 2), "g9": ("Bijlagen", 9)}
    gebruikt = {i.regel.regelgroep for i in invoer}
    tabel = Beslistabel(
        id=f"T_{_slug(naam)}",
        hit_policy=hit,
        invoer=tuple(Invoer(f"I_{i.naam}", i.naam, i.naam, i.type_ref) for i in invoer),
        uitvoer=(Uitvoer("O_uitkomst", "uitkomst", type_ref, waarden),),
        regels=tuple(
            Regel(
                id=f"R{nr}",
                invoer=tuple(cellen),
                uitvoer=(uit,),
                annotaties=(f"{AKN}{wid}",) if wid else (),
                toelichtingen=(toelichting,),
            )
            for nr, (cellen, uit, toelichting, wid) in enumerate(regels, start=1)
        ),
    )
    return Bestand(
        naam=naam,
        namespace=NAMESPACE,
        id=f"D_{_slug(naam)}",
        regelgroepen=tuple(Regelgroep(k, n, p) for k, (n, p) in groepen.items() if k in gebruikt),
        uitvoeringsregels=tuple(i.regel for i in invoer),
        item_definities=tuple(d for i in invoer if (d := i.item_definitie()) is not None),
        invoer=tuple(InputData(f"ID_{i.naam}", i.naam, i.type_ref, i.regel.id) for i in invoer),
        besluiten=(
            Besluit(
                id=f"B_{_slug(naam)}",
                naam=naam,
                type_ref=type_ref,
                functionele_structuur_ref=ref,
                vereiste_invoer=tuple(f"ID_{i.naam}" for i in invoer),
                tabel=tabel,
            ),
        ),
    )


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)
