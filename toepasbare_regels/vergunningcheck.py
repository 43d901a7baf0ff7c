"""The vergunningcheck: werkzaamheden + location + answers so far → per activiteit a conclusion with
its explanation, or the next question group. Stateless: every call gets all answers again.

Questions are only asked when the engine says their answer can still change an undecided outcome, and
never when our data answers them: geoVerwijzing by PostGIS intersection with the omgevingsplan
locaties, other questions and registerbevragingen through the data-answer registry (feiten.py). An
implicietAntwoord follows from the chosen werkzaamheid; a herbruikbare beslissing and an aansluitpunt
are evaluated in the file they name, with the values the aansluitpunt's bindings pass.
"""

from dataclasses import dataclass, field, replace
from datetime import date

from kern.gemeente import huidige
from toepasbare_regels.omgevingsplan.models import Activiteit

from .antwoordkoppeling import Koppelingen, als_type
from .feiten import FEITEN
from .maatregelen import maatregelen_van
from .models import ToepasbareRegelBestand
from .plek import Plek
from .regelcache import bewaard
from .regelset import aansluitpunt, activiteiten_van, bestanden_voor, geladen, herbruikbaar, werkzaamheid_urn
from .sttr.antwoorden import toon, typeer
from .sttr.engine import Binding
from .sttr.feel import ONBEKEND
from .sttr.grenzen import grenzen_van
from .sttr.model import REGISTERBEVRAGINGEN, Aanroep, Bestand, InputData, Uitvoeringsregel

CONCLUSIE_TEKST = {
    "Vergunningplicht": "U heeft een vergunning nodig.",
    "Meldingsplicht": "U moet dit vooraf melden bij de gemeente.",
    "Informatieplicht": "U moet de gemeente vooraf informatie geven.",
    "Toestemmingsvrij": "U heeft geen vergunning nodig en hoeft niets te melden.",
    "Verbod": "Dit mag niet.",
    "NeemContactOpMet": "Neem contact op met de gemeente.",
    "NietVanToepassing": "Deze regels gelden niet voor uw plan.",
}
ACTIES = {
    "Vergunningplicht": "Vraag een vergunning aan via het Omgevingsloket (omgevingswet.overheid.nl). Begin pas als u de vergunning heeft.",
    "Meldingsplicht": "Doe een melding via het Omgevingsloket, minstens 4 weken voordat u begint.",
    "Informatieplicht": "Geef de gemeente de gevraagde informatie via het Omgevingsloket voordat u begint.",
    "Toestemmingsvrij": "U kunt beginnen. Houd u aan de regels in de toelichting en overleg met uw buren.",
    "Verbod": "Pas uw plan aan. Zoals het nu is, mag het niet.",
    "NietVanToepassing": "Voor dit onderdeel hoeft u niets te doen.",
}
SOORT_VAN_CONCLUSIE = {
    "Vergunningplicht": "Vergunning",
    "Meldingsplicht": "Melding",
    "Informatieplicht": "Informatie",
}


def actie(code: str) -> str:
    """What to do after a conclusion; "neem contact op" names the configured municipality's phone and
    e-mail (kern.gemeente), never a hard-coded one."""
    return huidige().contact_zin if code == "NeemContactOpMet" else ACTIES[code]


def vraag_id(row: ToepasbareRegelBestand, ident: str) -> str:
    return f"{row.sleutel}.{ident}"


def _open_vraag(row, model: Bestand, inp_id) -> "Vraag":
    """An open input: an inputData id of `model`, or (row, id) of a model an aansluitpunt reached."""
    if isinstance(inp_id, tuple):
        row, inp_id = inp_id
        model = geladen(row)[0]
    inp = model.input_data(inp_id)
    u = model.uitvoeringsregel(inp.uitvoeringsregel) if inp.uitvoeringsregel else None
    return _vraag(row, model, inp, u)


@dataclass
class Vraag:
    id: str
    tekst: str
    type: str
    groep: str
    volgorde: tuple
    opties: list[str] = field(default_factory=list)
    toelichting: str = ""
    bijlage: bool = False
    herbruikbaar_id: str = ""
    # A number question's unit and bounds, from its rule file (sttr.grenzen); shown with the field.
    eenheid: str = ""
    minimum: str = ""
    maximum: str = ""

    def als_dict(self) -> dict:
        return {
            "id": self.id,
            "tekst": self.tekst,
            "type": self.type,
            "opties": self.opties,
            "toelichting": self.toelichting,
            "bijlage": self.bijlage,
            "eenheid": self.eenheid,
            "minimum": self.minimum,
            "maximum": self.maximum,
        }


def _vraag(row, model: Bestand, inp: InputData, u: Uitvoeringsregel | None) -> Vraag:
    groep = model.regelgroep(u.regelgroep) if u and u.regelgroep else None
    if u is not None and u.soort == "bijlage":
        return Vraag(
            vraag_id(row, u.id),
            f"Heeft u dit bij de hand: {u.bijlage_type}?",
            "boolean",
            "Bijlagen",
            (99, u.prioriteit),
            toelichting=u.toelichting,
            bijlage=True,
        )
    soort = (u.gegevens_type if u else "") or inp.type_ref or "string"
    grenzen = grenzen_van(model, inp) if soort == "number" else None
    return Vraag(
        vraag_id(row, u.id if u else inp.id),
        (u.vraag_tekst if u else "") or inp.naam,
        soort,
        groep.naam if groep else "Vragen",
        (groep.prioriteit if groep else 50, u.prioriteit if u else 0),
        opties=[o.tekst for o in u.opties] if u else [],
        toelichting=u.toelichting if u else "",
        herbruikbaar_id=u.herbruikbaar_id if u else "",
        eenheid=grenzen.eenheid if grenzen else "",
        minimum=toon(grenzen.minimum) if grenzen and grenzen.minimum is not None else "",
        maximum=toon(grenzen.maximum) if grenzen and grenzen.maximum is not None else "",
    )


class Check:
    def __init__(
        self,
        refs: list[str],
        plek: Plek,
        antwoorden: dict | None = None,
        betwist: set[str] | frozenset = frozenset(),
        typering: str = "Conclusie",
    ):
        self.plek = plek
        # What the rule tables say is kept per process while they do not change (regelcache).
        self.paren = self._bewaard(("paren", tuple(refs)), lambda: activiteiten_van(refs))
        self.antwoorden = {str(k): v for k, v in (antwoorden or {}).items()}
        self.betwist = set(betwist)
        self.typering = typering
        self.feiten: dict[str, dict] = {}
        self.koppelingen = self._bewaard("koppelingen", Koppelingen)

    def _bewaard(self, sleutel, maak):
        return bewaard(self.plek.regelstand, sleutel, maak)

    def _activiteit_naam(self, activiteit: str, standaard: str) -> str:
        naam = self._bewaard(("activiteit", activiteit), lambda: _activiteit_naam(activiteit))
        return naam or standaard

    def _feit(self, sleutel: str):
        waarden = self.plek.feitwaarden
        if sleutel not in waarden:
            waarden[sleutel] = FEITEN[sleutel].bepaal(self.plek)
        return waarden[sleutel]

    def _bron(self, row, model: Bestand, herkomst: dict, werkzaamheid=None, gebonden=None):
        """waarde_van for the engine: a value the calling rules pass, fixed value, the werkzaamheid,
        map, answer, data, or ONBEKEND (then it may be asked). `gebonden`: (bindings by inputData name,
        per input still open the caller's inputs to ask instead)."""

        def waarde_van(inp: InputData):
            u = model.uitvoeringsregel(inp.uitvoeringsregel) if inp.uitvoeringsregel else None
            soort = (u.gegevens_type if u and u.gegevens_type else "") or inp.type_ref or "string"
            vid = vraag_id(row, u.id if u else inp.id)
            tekst = (u.vraag_tekst if u else "") or inp.naam
            if gebonden is not None and inp.naam in gebonden[0]:
                binding: Binding = gebonden[0][inp.naam]
                gebonden[1][inp.id] = binding
                if binding.waarde is not ONBEKEND:
                    herkomst[inp.id] = {
                        "vraag": tekst,
                        "antwoord": toon(binding.waarde),
                        "bron": "doorgegeven door de regels die deze regels aanroepen",
                    }
                return binding.waarde
            if (
                u is not None
                and u.soort == "implicietAntwoord"
                and (waarde := self._impliciet(u, werkzaamheid)) is not ONBEKEND
            ):
                herkomst[inp.id] = {
                    "vraag": tekst,
                    "antwoord": toon(waarde),
                    "bron": "de werkzaamheid die u koos",
                }
                return waarde
            if u is not None and u.soort in ("vasteWaarde", "vasteWaardeVoorbehoud"):
                waarde = typeer(u.waarde, soort, None, vid)
                herkomst[inp.id] = {
                    "vraag": tekst,
                    "antwoord": toon(waarde),
                    "bron": "vaste waarde in de regels",
                }
                if u.tekst_voorbehoud:
                    herkomst[inp.id]["voorbehoud"] = u.tekst_voorbehoud
                return waarde
            gekoppeld = self.koppelingen.feit(row.sleutel, u) if u is not None else None
            if u is not None and u.soort == "geoVerwijzing":
                if (
                    gekoppeld
                    and (waarde := self._uit_data(gekoppeld, tekst, inp, soort, herkomst)) is not ONBEKEND
                ):
                    return waarde
                # A yes/no question is "ja" as soon as part of the location lies in the locatie.
                ligging = self.plek.ligging(u.locatie)
                herkomst[inp.id] = {
                    "vraag": tekst,
                    "antwoord": ligging,
                    "bron": "kaart van het omgevingsplan",
                    "locatie": u.locatie,
                }
                return ligging if inp.type_ref == "string" else ligging != "nee"
            gegeven = self.antwoorden.get(vid)
            if gegeven is None and u is not None and u.herbruikbaar_id:
                gegeven = self.antwoorden.get(u.herbruikbaar_id)
            if gegeven is not None:
                grenzen = grenzen_van(model, inp) if soort == "number" else None
                waarde = typeer(gegeven, "boolean" if u and u.soort == "bijlage" else soort, u, vid, grenzen)
                herkomst[inp.id] = {
                    "vraag": tekst,
                    "antwoord": toon(waarde),
                    "bron": "uw antwoord",
                    "vraag_id": vid,
                }
                return waarde
            if gekoppeld:
                return self._uit_data(gekoppeld, tekst, inp, soort, herkomst)
            return ONBEKEND

        return waarde_van

    def _impliciet(self, u: Uitvoeringsregel, werkzaamheid):
        """An implicietAntwoord: its waarde when the werkzaamheid it names was chosen, the opposite when
        another was; Werkzaamheidoverstijgend counts every werkzaamheid of this check. ONBEKEND when the
        activiteit was chosen without a werkzaamheid: then it is asked."""
        if u.context.lower() == "werkzaamheidoverstijgend":
            gekozen = {w.urn for w, _ in self.paren if w is not None}
        else:
            gekozen = {werkzaamheid.urn} if werkzaamheid is not None else set()
        if not gekozen:
            return ONBEKEND
        waarde = u.waarde == "true"
        return waarde if werkzaamheid_urn(u.werkzaamheid) in gekozen else not waarde

    def _uit_data(self, gekoppeld: tuple[str, str], tekst: str, inp: InputData, soort: str, herkomst: dict):
        """The feit's value typed for this input, or ONBEKEND (no data here, or the user disputes it)."""
        sleutel, _ = gekoppeld
        if sleutel in self.betwist:
            return ONBEKEND
        waarde = als_type(self._feit(sleutel), soort)
        if waarde is None:
            return ONBEKEND
        feit = FEITEN[sleutel]
        self.feiten[sleutel] = {
            "feit": sleutel,
            "titel": feit.titel,
            "waarde": toon(waarde),
            "bron": feit.bron,
            "vraag": tekst,
        }
        herkomst[inp.id] = {"vraag": tekst, "antwoord": toon(waarde), "bron": feit.bron, "feit": sleutel}
        if feit.gebieden and waarde is True:
            herkomst[inp.id]["gebieden"] = feit.gebieden(self.plek)
        return waarde

    def _aansluiten(self, row, herkomst: dict, werkzaamheid=None, stapel: frozenset = frozenset()):
        """Evaluate an aansluitpunt or herbruikbare beslissing in the model it names, with the values its
        bindings pass; its own inputs and herkomst are keyed (row, id), a bound input that is still open
        becomes the caller's inputs it is bound to."""

        def aansluiten(a: Aanroep, bindingen: dict[str, Binding]):
            if a.activiteit or not a.model:
                waar = f"de regels voor {a.activiteit or 'een activiteit die de regels niet noemen'}"
                doel = self._bewaard(
                    ("herbruikbaar", a.activiteit, self.typering, self.plek.peildatum),
                    lambda: (
                        herbruikbaar(a.activiteit, self.typering, self.plek.peildatum)
                        if a.activiteit
                        else None
                    ),
                )
            else:
                waar = f"regels ({a.model})"
                doel = self._bewaard(
                    ("aansluitpunt", row.pk, a.model, self.plek.peildatum),
                    lambda: aansluitpunt(row, a.model, self.plek.peildatum),
                )
            if doel is None or doel.sha256 in stapel | {row.sha256}:
                return f"Een deel van de vragen ({a.besluit}) staat in {waar} die de gemeente nog niet heeft klaargezet."
            model, engine = geladen(doel)
            besluit = next((b for b in model.besluiten if b.naam == a.besluit), None)
            if besluit is None and not a.besluit and model.top_besluiten:
                besluit = model.top_besluiten[0]
            if besluit is None:
                return f"De regels {model.naam!r} hebben geen onderdeel {a.besluit!r}."
            eigen: dict = {}
            gebonden: dict = {}
            uit = engine.evalueer(
                besluit.id,
                self._bron(doel, model, eigen, werkzaamheid, (bindingen, gebonden)),
                aansluiten=self._aansluiten(doel, eigen, werkzaamheid, stapel | {row.sha256}),
            )

            def sleutels(i, veld: str) -> list:
                if isinstance(i, tuple):
                    return [i]
                if i in gebonden:  # the caller's own inputs, as the caller names them
                    return list(getattr(gebonden[i], veld))
                return [(doel, i)]

            herkomst.update({k if isinstance(k, tuple) else (doel, k): v for k, v in eigen.items()})
            return replace(
                uit,
                open=list(dict.fromkeys(s for i in uit.open for s in sleutels(i, "open"))),
                gebruikt=list(dict.fromkeys(s for i in uit.gebruikt for s in sleutels(i, "gebruikt"))),
            )

        return aansluiten

    def uitvoeren(self) -> dict:
        activiteiten, open_vragen, mogelijk = [], {}, set()
        for werkzaamheid, activiteit in self.paren:
            rows = self._bewaard(
                ("bestanden", activiteit, self.typering, self.plek.peildatum),
                lambda activiteit=activiteit: bestanden_voor(activiteit, self.typering, self.plek.peildatum),
            )
            if not rows:
                activiteiten.append(self._zonder_regels(werkzaamheid, activiteit))
                continue
            for row in rows:
                model, engine = geladen(row)
                mogelijk |= self._nog_te_vragen(row, model)
                herkomst: dict = {}
                waarde_van = self._bron(row, model, herkomst, werkzaamheid)
                for besluit in model.top_besluiten:
                    uitkomst = engine.evalueer(
                        besluit.id, waarde_van, aansluiten=self._aansluiten(row, herkomst, werkzaamheid)
                    )
                    item = {
                        "activiteit": activiteit,
                        "werkzaamheid": werkzaamheid.naam if werkzaamheid else "",
                        "naam": self._activiteit_naam(activiteit, model.naam),
                        "functioneleStructuurRef": besluit.functionele_structuur_ref,
                        "bestand": row.naam,
                    }
                    if uitkomst.beslist:
                        item |= self._conclusie(activiteit, model, uitkomst, herkomst)
                    elif not uitkomst.open:
                        item |= self._onbeslist(uitkomst)
                    else:
                        item["conclusie"] = None
                        eigen = [_open_vraag(row, model, i) for i in uitkomst.open]
                        item["open_vragen"] = sorted(eigen, key=lambda v: v.volgorde)
                        for v in eigen:
                            open_vragen.setdefault(v.herbruikbaar_id or v.id, v)
                    activiteiten.append(item)
        volgende = sorted(open_vragen.values(), key=lambda v: v.volgorde)
        groep = [v for v in volgende if v.groep == volgende[0].groep] if volgende else []
        return {
            "klaar": not volgende,
            "activiteiten": activiteiten,
            "vraaggroep": {"naam": groep[0].groep, "vragen": [v.als_dict() for v in groep]}
            if groep
            else None,
            "nog_vragen": len(volgende),
            # Honest progress: the engine only knows the next question(s); this is the most that can
            # still come (every question of these rules not answered yet, this page included).
            "nog_hoogstens": max(len(mogelijk), len(groep)),
            "feiten": list(self.feiten.values()),
            "peildatum": self.plek.peildatum.isoformat(),
        }

    def _nog_te_vragen(self, row, model: Bestand) -> set[str]:
        sleutels = set()
        for u in model.uitvoeringsregels:
            if u.soort not in ("vraag", "bijlage", *REGISTERBEVRAGINGEN):
                continue
            vid = vraag_id(row, u.id)
            if vid in self.antwoorden or (u.herbruikbaar_id and u.herbruikbaar_id in self.antwoorden):
                continue
            gekoppeld = self.koppelingen.feit(row.sleutel, u)
            if gekoppeld and gekoppeld[0] not in self.betwist and self._feit(gekoppeld[0]) is not None:
                continue  # the portal knows this from its data: it will not be asked
            sleutels.add(u.herbruikbaar_id or vid)
        return sleutels

    def _onbeslist(self, uitkomst) -> dict:
        """Undecided with nothing left to ask: an aansluitpunt that is not loaded, or a table gap."""
        redenen = uitkomst.ontbreekt or [
            "Uw antwoorden passen bij geen enkele regel. Dat is een fout in de regels; wij hebben die gemeld."
        ]
        if self.typering != "Conclusie":
            return {"conclusie": None, "uitkomst": None, "open_vragen": [], "redenen": redenen}
        return {
            "conclusie": {"code": "NeemContactOpMet", "tekst": CONCLUSIE_TEKST["NeemContactOpMet"]},
            "toelichting": "\n\n".join(redenen),
            "artikelen": [],
            "waarom": [],
            "werkingsgebieden": [],
            "voorbehouden": [],
            "acties": [actie("NeemContactOpMet")],
        }

    def _zonder_regels(self, werkzaamheid, activiteit: str) -> dict:
        return {
            "activiteit": activiteit,
            "werkzaamheid": werkzaamheid.naam if werkzaamheid else "",
            "naam": self._activiteit_naam(activiteit, activiteit),
            "conclusie": {"code": "NeemContactOpMet", "tekst": CONCLUSIE_TEKST["NeemContactOpMet"]},
            "toelichting": "Voor deze activiteit heeft de gemeente nog geen vragen en regels op deze datum. "
            "Daarom kunnen wij hier geen antwoord geven.",
            "artikelen": [],
            "waarom": [],
            "werkingsgebieden": [],
            "voorbehouden": [],
            "acties": [actie("NeemContactOpMet")],
        }

    def _artikelen(self, verwijzingen: list[str]) -> list[dict]:
        """The artikelen the rules cite, once each, with kop and tekst from the omgevingsplan in force
        (one statement for all of them)."""
        wids = {v: v.rstrip("/").rsplit("/", 1)[-1] for v in dict.fromkeys(verwijzingen)}
        teksten = self.plek.regelteksten(sorted(set(wids.values())))
        uit = []
        for verwijzing, wid in wids.items():
            kop, tekst = teksten.get(wid, ("", ""))
            uit.append({"verwijzing": verwijzing, "wId": wid, "kop": kop, "tekst": tekst})
        return uit

    def _conclusie(self, activiteit: str, model: Bestand, uitkomst, herkomst: dict) -> dict:
        code = uitkomst.waarde if isinstance(uitkomst.waarde, str) else None
        if self.typering != "Conclusie":
            code = None
        toelichtingen, verwijzingen = [], []
        for _besluit, regel in uitkomst.regels:
            toelichtingen += [t for t in regel.toelichtingen if t]
            verwijzingen += [a for a in regel.annotaties if a]
        artikelen = self._artikelen(verwijzingen)
        waarom = [herkomst[i] for i in uitkomst.gebruikt if i in herkomst]
        if code is None and self.typering == "Conclusie":
            code = "NeemContactOpMet"
            toelichtingen.append(
                "Uw antwoorden passen bij geen enkele regel. Dat is een fout in de regels; wij hebben die gemeld."
            )
        resultaat = {
            "conclusie": {"code": code, "tekst": CONCLUSIE_TEKST.get(code, "")} if code else None,
            "uitkomst": toon(uitkomst.waarde) if uitkomst.waarde is not None else None,
            "toelichting": "\n\n".join(dict.fromkeys(toelichtingen)),
            "artikelen": artikelen,
            "waarom": waarom,
            "werkingsgebieden": sorted(
                {w["locatie"] for w in waarom if w.get("locatie") and w["antwoord"] in ("ja", "deels")}
                | {g for w in waarom for g in w.get("gebieden", [])}
            ),
            "voorbehouden": [w["voorbehoud"] for w in waarom if w.get("voorbehoud")],
            "acties": [actie(code)] if code in ACTIES or code == "NeemContactOpMet" else [],
        }
        if self.typering == "Maatregelen":
            resultaat |= maatregelen_van(model, uitkomst.regels)
        if code in SOORT_VAN_CONCLUSIE:
            # For the activiteit evaluated here: one file may serve several activiteiten.
            soort = SOORT_VAN_CONCLUSIE[code]
            resultaat["indieningsvereisten"] = self._bewaard(
                ("indieningsvereisten", activiteit, soort, self.plek.peildatum),
                lambda: indieningsvereisten(activiteit, soort, self.plek.peildatum),
            )
        return resultaat


def indieningsvereisten(activiteit: str, toestemming: str, peildatum: date) -> list[dict]:
    """What an aanvraag or melding must contain: every question and bijlage of the file, in order."""
    out = []
    for row in bestanden_voor(activiteit, "Indieningsvereisten", peildatum, toestemming):
        model, _ = geladen(row)
        for inp in model.invoer:
            u = model.uitvoeringsregel(inp.uitvoeringsregel) if inp.uitvoeringsregel else None
            out.append(_vraag(row, model, inp, u))
    return [
        {
            "tekst": v.tekst
            if not v.bijlage
            else v.tekst.removeprefix("Heeft u dit bij de hand: ").rstrip("?"),
            "bijlage": v.bijlage,
            "toelichting": v.toelichting,
        }
        for v in sorted(out, key=lambda v: v.volgorde)
    ]


def _activiteit_naam(activiteit: str) -> str | None:
    return Activiteit.objects.filter(identificatie=activiteit).values_list("naam", flat=True).first()
