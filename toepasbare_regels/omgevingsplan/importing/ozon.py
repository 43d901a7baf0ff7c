"""The omgevingsplan as the DSO presents it (Ozon v8 JSON, bundled per regeling by
`dso_koppeling.regels.plan_bundel`) into the same tables as a STOP/TPOD delivery, through the same
`bewaar()`: one transaction per regeling version, re-importable.

Ozon shows annotations, not the besluit: locaties with their geometry, activiteitlocatieaanduidingen
and gebiedsaanwijzingen. A juridische regel is therefore made per aanduiding (its regeltekst is not in
the JSON); artikel texts keep coming from a STOP delivery of the same plan.
"""

import hashlib
import json
from datetime import date

from shapely.geometry import shape

from kern.importing.pipeline import ImportFout
from toepasbare_regels.omgevingsplan.importing.levering import ImportResultaat, Levering, bewaar
from toepasbare_regels.omgevingsplan.models import Regeling
from toepasbare_regels.omgevingsplan.waardelijsten import kwalificatie

LOCATIESOORTEN = {"gebied": "gebied", "lijn": "lijn", "punt": "punt"}


def _code(waarde) -> str:
    return (
        (waarde.get("code") or waarde.get("waarde") or "") if isinstance(waarde, dict) else str(waarde or "")
    )


def levering_uit_ozon(data: dict, bron: str) -> Levering:
    regeling = data["regeling"]
    ident = regeling["identificatie"]
    geregistreerd = regeling.get("geregistreerdMet") or {}
    try:
        begin = date.fromisoformat(str(geregistreerd.get("beginGeldigheid", ""))[:10])
    except ValueError:
        raise ImportFout("ozon_ongeldig", f"{bron}: regeling {ident} zonder beginGeldigheid") from None
    lev = Levering(
        bron=Regeling.Bron.DSO,
        regeling=ident,
        titel=regeling.get("officieleTitel") or ident,
        bevoegd_gezag=ident.split("/")[4] if ident.count("/") >= 4 else "",
        expressie=f"{ident}@{geregistreerd.get('versie', '')}",
        begin_geldigheid=begin,
    )
    for loc in data.get("locaties", []):
        try:
            wkt = shape(loc["geometrie"]).wkt
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ImportFout(
                "ozon_ongeldig", f"{bron}: locatie {loc.get('identificatie')} zonder geldige geometrie"
            ) from None
        soort = LOCATIESOORTEN.get(str(loc.get("locatieType", "gebied")).lower(), "gebied")
        lev.locaties.append(
            {
                "identificatie": loc["identificatie"],
                "soort": soort,
                "noemer": loc.get("noemer", ""),
                "wkt": wkt,
            }
        )
    activiteiten = {}
    for a in data.get("activiteiten", []):
        activiteiten[a["urn"]] = {
            "identificatie": a["urn"],
            "naam": a.get("omschrijving", ""),
            "groep": "",
            "bovenliggende": "",
        }
    for ala in data.get("activiteitlocatieaanduidingen", []):
        act = ala.get("betreftEenActiviteit") or {}
        activiteiten.setdefault(
            act.get("identificatie", ""),
            {
                "identificatie": act.get("identificatie", ""),
                "naam": act.get("naam", ""),
                "groep": _code(act.get("groep")),
                "bovenliggende": "",
            },
        )
        kw = kwalificatie(_code(ala.get("activiteitregelkwalificatie")))
        if kw is None:
            raise ImportFout(
                "kwalificatie_onbekend",
                f"{bron}: {ala.get('identificatie')}: onbekende activiteitregelkwalificatie",
            )
        locaties = list(ala.get("locatieIdentificaties", []))
        lev.regels.append(
            {
                "identificatie": f"{ala['identificatie']}.regel",
                "soort": "RegelVoorIedereen",
                "regeltekst": "",
                "idealisatie": "",
                "locaties": locaties,
                "activiteiten": [act.get("identificatie", "")],
                "gebiedsaanwijzingen": [],
                "normen": [],
                "aanduidingen": [
                    {
                        "identificatie": ala["identificatie"],
                        "activiteit": act.get("identificatie", ""),
                        "kwalificatie": kw,
                        "locaties": locaties,
                    }
                ],
            }
        )
    lev.activiteiten = [a for a in activiteiten.values() if a["identificatie"]]
    for ga in data.get("gebiedsaanwijzingen", []):
        lev.gebiedsaanwijzingen.append(
            {
                "identificatie": ga["identificatie"],
                "type": _code(ga.get("type")) or _code(ga.get("groep")),
                "groep": _code(ga.get("groep")),
                "naam": ga.get("naam", ""),
                "locaties": list(ga.get("locatieIdentificaties", [])),
            }
        )
    return lev


def importeer_ozon(inhoud: bytes, bron: str) -> ImportResultaat:
    """The DSO sync's port for the omgevingsplan: one Ozon bundle (JSON bytes) → one regeling version."""
    try:
        data = json.loads(inhoud)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFout("ozon_ongeldig", f"{bron}: geen geldige JSON: {exc}") from None
    return bewaar(levering_uit_ozon(data, bron), Regeling.Bron.DSO, bron, hashlib.sha256(inhoud).hexdigest())
