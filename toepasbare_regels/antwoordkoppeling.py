"""Antwoordkoppeling: which feit answers a question of an imported rule file.

In order: the question's own `herbruikbaarId` (our rule files); a koppeling staff made in the admin for
this file's uitvoeringsregel, or for this question text in any file; for a registerbevraging, the feit
its register field names (the rule itself says the value comes from a register, so a feit that fits it
answers it); the koppelingen shipped here for the national question texts our data can answer. A koppeling holds the question text, so it survives a new
version of the file only while the question reads the same. `suggesties` offers feiten for a question
from its words, for staff to confirm.
"""

import re

from kern.gemeente import huidige

from . import feiten_bag  # noqa: F401  (registers the BAG/BGT/CBS feiten)
from .feiten import FEITEN, uit_herbruikbaar_id
from .models import Antwoordkoppeling
from .sttr.model import REGISTERBEVRAGINGEN, Bestand, Uitvoeringsregel

KOPPELBAAR = ("vraag", "geoVerwijzing", *REGISTERBEVRAGINGEN)


def normaliseer(tekst: str) -> str:
    """Lower case, one space, no closing punctuation: "Is het  een monument ?" = "is het een monument"."""
    return re.sub(r"\s+", " ", (tekst or "").lower()).strip().rstrip("?.!: ").strip()


STANDAARD = {
    normaliseer(tekst): feit
    for tekst, feit in (
        # Question texts of the national-style Conclusie Bouwen Dakkapel (tests/toepasbare_regels/sttr/README.md).
        ("Is er sprake van een monument (gemeentelijk / provinciaal / rijk)?", "monument"),
        ("Is hoofdgebouw gelegen in Rijks Beschermd Stadsgezicht?", "beschermd-gezicht"),
        ("Betreft het plaatsing op een woonwagen?", "woonwagen"),
        ("Betreft het plaatsing op een tijdelijk bouwwerk?", "tijdelijk-bouwwerk"),
        (
            "Betreft het plaatsing op een recreatief nachtverblijf voor één huishouden?",
            "recreatief-nachtverblijf",
        ),
        (
            "Betreft het plaatsing op een dakvlak gekeerd naar openbaar toegankelijk gebied?",
            "dakvlak-openbaar-gebied",
        ),
        ("Komt de dakkapel op een nieuw te bouwen pand?", "nieuwbouw"),
        ("Ligt het pand binnen de gemeentegrens?", "binnen-gemeente"),
        ("Is het pand een monument?", "monument"),
        ("Is uw pand een monument?", "monument"),
        ("Ligt het pand in een beschermd stads- of dorpsgezicht?", "beschermd-gezicht"),
    )
}

SUGGESTIES = [
    (re.compile(p), feit)
    for p, feit in (
        (r"\bmonument", "monument"),
        (
            r"beschermd\w* (stads|dorps)?-?\s*(of dorps)?gezicht|stadsgezicht|dorpsgezicht",
            "beschermd-gezicht",
        ),
        (r"woonwagen|standplaats", "woonwagen"),
        (r"recreatie(f|woning)|nachtverblijf|vakantiewoning", "recreatief-nachtverblijf"),
        (r"tijdelijk\w* bouwwerk", "tijdelijk-bouwwerk"),
        (
            r"openbaar\w* (toegankelijk\w* )?(gebied|terrein|weg)|naar de (weg|straat)",
            "dakvlak-openbaar-gebied",
        ),
        (r"nieuw te bouwen|nieuwbouw", "nieuwbouw"),
        (r"gemeentegrens|binnen de gemeente", "binnen-gemeente"),
        (r"bouwhoogte", "maximum-bouwhoogte"),
        (r"afstand .*(weg|stoep|openbare)", "afstand-openbare-weg"),
        (r"voorerf|achtererf", "erf"),
    )
]


def _feiten_in(tekst: str) -> list[str]:
    """The feiten whose words a normalised text uses, in SUGGESTIES' order."""
    return [feit for patroon, feit in SUGGESTIES if patroon.search(tekst)]


def suggesties(u: Uitvoeringsregel) -> list[str]:
    gevonden = _feiten_in(normaliseer(u.vraag_tekst))
    if _eigen_gemeentegrens(u):
        gevonden.insert(0, "binnen-gemeente")
    return list(dict.fromkeys(gevonden))


class Koppelingen:
    """The koppelingen in force, read once (a check asks for many questions)."""

    def __init__(self):
        self._rijen = {
            (k.bestand_sleutel, k.uitvoeringsregel, k.vraagtekst): k.feit
            for k in Antwoordkoppeling.objects.all()
            if k.feit in FEITEN
        }

    def feit(self, sleutel: str, u: Uitvoeringsregel) -> tuple[str, str] | None:
        """(feit, how it was found) for a question of the file with this sleutel, or None."""
        if u.herbruikbaar_id and (eigen := uit_herbruikbaar_id(u.herbruikbaar_id)) in FEITEN:
            return eigen, "herbruikbaarId"
        tekst = normaliseer(u.vraag_tekst)
        for key in ((sleutel, u.id, tekst), (sleutel, "", tekst), ("", "", tekst)):
            if key in self._rijen:
                return self._rijen[key], "koppeling"
        if u.soort in REGISTERBEVRAGINGEN and (feit := _uit_register(u)):
            return feit, "register"
        if tekst in STANDAARD:
            return STANDAARD[tekst], "standaard"
        if _eigen_gemeentegrens(u):
            return "binnen-gemeente", "standaard"
        return None


def vragen(model: Bestand) -> list[Uitvoeringsregel]:
    """The questions of a rule file that a feit can answer."""
    return [u for u in model.uitvoeringsregels if u.soort in KOPPELBAAR]


def overzicht(sleutel: str, model: Bestand) -> list[dict]:
    """Per question of the file: the feit that answers it now (and how), the one staff chose for this
    file, and the suggested ones."""
    koppelingen = Koppelingen()
    eigen = {k.uitvoeringsregel: k.feit for k in Antwoordkoppeling.objects.filter(bestand_sleutel=sleutel)}
    return [
        {
            "u": u,
            "nu": koppelingen.feit(sleutel, u),
            "gekozen": eigen.get(u.id, ""),
            "suggesties": [s for s in suggesties(u) if s in FEITEN],
        }
        for u in vragen(model)
    ]


def bewaar(sleutel: str, model: Bestand, keuzes) -> int:
    """Staff's choice per question (`keuzes[u.id]`: a feit, or "" to ask the question again) for this
    file and its later versions while the question reads the same; returns how many were saved."""
    gewijzigd = 0
    for u in vragen(model):
        keuze = keuzes.get(u.id, "")
        rij = {"bestand_sleutel": sleutel, "uitvoeringsregel": u.id, "vraagtekst": normaliseer(u.vraag_tekst)}
        if keuze in FEITEN:
            Antwoordkoppeling.objects.update_or_create(**rij, defaults={"feit": keuze})
            gewijzigd += 1
        elif keuze == "":
            gewijzigd += Antwoordkoppeling.objects.filter(**rij).delete()[0]
    return gewijzigd


def _uit_register(u: Uitvoeringsregel) -> str | None:
    """The feit a registerbevraging's field names: by key ("monument"), else by its words."""
    for veld in (u.koppelveld, u.afnamepunt):
        tekst = normaliseer(veld)
        if (sleutel := tekst.replace(" ", "-")) in FEITEN:
            return sleutel
        if gevonden := [feit for feit in _feiten_in(tekst) if feit in FEITEN]:
            return gevonden[0]
    return None


def _eigen_gemeentegrens(u: Uitvoeringsregel) -> bool:
    return u.soort == "geoVerwijzing" and u.locatie == f"nl.imow-{huidige().code}.gebied.gemeentegrens"


def als_type(waarde, type_ref: str):
    """A geo-like feit ("ja"/"deels"/"nee") for a yes/no question, and a yes/no feit for a text one."""
    if type_ref == "boolean" and waarde in ("ja", "deels", "nee"):
        return waarde != "nee"
    if type_ref == "string" and isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    return waarde
