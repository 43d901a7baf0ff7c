"""Reading one `uitv:uitvoeringsregel` (how an input is obtained), in every IMTR 3.x kind, and the small
helpers the whole STTR parser reads elements with. The kinds' shapes and their sources are in
docs/toepasbare-regels.md and tests/toepasbare_regels/sttr/README.md."""

import functools
import re

from .model import (
    GEGEVENSTYPEN,
    HERBRUIKBARE_BESLISSINGEN,
    REGISTERBEVRAGINGEN,
    Optie,
    Uitvoeringsregel,
)

STTR_BASIS = "http://toepasbare-regels.omgevingswet.overheid.nl/"
STTR_DELEN = {
    "uitv": "Uitvoeringsregel",
    "inter": "Interactieregel",
    "bedr": "Bedrijfsregel",
    "content": "Content",
}
# Files of STTR v1 (…/v1.0/…) and of the STTR 3 set (…/v2.0/…) are delivered side by side; the
# element names are the same, so the parser reads whichever family a file uses.
STTR_NAMESPACE = re.compile(
    r"^http://toepasbare-regels\.omgevingswet\.overheid\.nl/(v\d+(?:\.\d+)*)/"
    r"(?:Uitvoeringsregel|Interactieregel|Bedrijfsregel|Content)$"
)


def sttr_namespaces(versie: str = "v1.0") -> dict[str, str]:
    """The four STTR namespace URIs of a version family, by their usual prefix."""
    return {prefix: f"{STTR_BASIS}{versie}/{deel}" for prefix, deel in STTR_DELEN.items()}


def _tekst(el, pad: str, ns: dict) -> str:
    """The text of the first element at `pad` (prefixed, "/"-separated child steps). A large table
    reads several texts per rule: lxml's find with a namespace map costs about twice a walk over the
    children by their full tag, so the path is resolved to full tags once."""
    gevonden = el
    for tag in _tags(pad, ns["d"], ns["uitv"]):
        gevonden = next(gevonden.iterchildren(tag), None)
        if gevonden is None:
            # ElementPath semantics when the first of several equal steps lacks the rest of the path.
            gevonden = el.find(pad, ns) if "/" in pad else None
            break
    return (gevonden.text or "").strip() if gevonden is not None and gevonden.text else ""


@functools.lru_cache(maxsize=512)
def _tags(pad: str, dmn: str, uitv: str) -> tuple[str, ...]:
    ns = {"d": dmn, **sttr_namespaces(uitv.rsplit("/", 2)[1])}
    return tuple(f"{{{ns[stap.split(':', 1)[0]]}}}{stap.split(':', 1)[1]}" for stap in pad.split("/"))


def _href(el) -> str:
    return (el.get("href") or "").lstrip("#") if el is not None else ""


def _int(text: str) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


class UitvoeringsregelLezer:
    """The part of the parser's reader that reads uitvoeringsregels; needs `ns` (the prefixes of this
    file's namespaces) and `fout(code, bericht)`."""

    def uitvoeringsregel(self, u) -> Uitvoeringsregel:
        ns, ident = self.ns, u.get("id", "")
        velden = {
            "id": ident,
            "regelgroep": _href(u.find("uitv:regelgroepRef", ns)),
            "prioriteit": _int(_tekst(u, "inter:prioriteit", ns)),
            "bereik": _tekst(u, "uitv:bereik", ns),
            "herbruikbaar_id": _tekst(u, "uitv:herbruikbaarId", ns),
            "toelichting": _tekst(u, "content:uitvoeringsregelToelichting/content:toelichting", ns),
            "lange_toelichting": _tekst(
                u, "content:uitvoeringsregelToelichting/content:langeToelichting", ns
            ),
            "belangrijk": _tekst(u, "content:uitvoeringsregelToelichting/content:belangrijk", ns) == "true",
        }
        soort = el = None
        for kind in u:
            if isinstance(kind.tag, str):
                namespace, _, lokaal = kind.tag.rpartition("}")
                if (soort := self.soorten.get(f"{namespace}}}{lokaal.lower()}")) is not None:
                    el = kind
                    break
        if soort is None:
            raise self.fout(
                "sttr.uitvoeringsregel_leeg",
                f"uitvoeringsregel {ident} heeft geen vraag, geoVerwijzing, bijlage, vaste waarde, "
                "registerbevraging, herbruikbare beslissing of impliciet antwoord",
            )
        velden |= {"soort": soort} | getattr(self, f"_{_SLUG.get(soort, soort)}")(el, ident)
        return Uitvoeringsregel(**velden)

    def _vraag(self, v, ident: str) -> dict:
        ns = self.ns
        velden = {
            "gegevens_type": _tekst(v, "uitv:gegevensType", ns),
            "vraag_tekst": _tekst(v, "uitv:vraagTekst", ns),
            "optie_type": _tekst(v, "uitv:opties/uitv:optieType", ns),
            "opties": tuple(
                Optie(
                    _tekst(o, "uitv:optieText", ns),
                    _tekst(o, "uitv:sequenceId", ns),
                    # The schema nests it in uitvoeringsregelToelichting; older exports of ours
                    # wrote content:toelichting directly under the optie.
                    _tekst(o, "content:uitvoeringsregelToelichting/content:toelichting", ns)
                    or _tekst(o, "content:toelichting", ns),
                )
                for o in v.iterfind("uitv:opties/uitv:optie", ns)
            ),
        }
        if velden["gegevens_type"] not in GEGEVENSTYPEN:
            raise self.fout(
                "sttr.gegevenstype_onbekend",
                f"uitvoeringsregel {ident}: gegevensType {velden['gegevens_type']!r}",
            )
        return velden

    def _geo(self, g, ident: str) -> dict:
        locatie = g.find("uitv:locatie", self.ns)
        return {
            "locatie": locatie.get("identificatie", "") if locatie is not None else "",
            "vraag_tekst": _tekst(g, "uitv:vraagTekst", self.ns),
        }

    def _bijlage(self, b, ident: str) -> dict:
        return {"bijlage_type": _tekst(b, "uitv:bijlageType", self.ns)}

    def _voorbehoud(self, w, ident: str) -> dict:
        # STTR: vasteWaardeVoorbehoud = uitv:vasteWaarde (waardeVraag, waarde, gegevensType) +
        # uitv:tekstVoorbehoud. Files written by our exporter before 2026-12 held the three
        # fields flat; those are still read.
        binnen = w.find("uitv:vasteWaarde", self.ns)
        return self._vast(binnen if binnen is not None else w, ident) | {
            "tekst_voorbehoud": _tekst(w, "uitv:tekstVoorbehoud", self.ns)
        }

    def _vast(self, w, ident: str) -> dict:
        return {
            "vraag_tekst": _tekst(w, "uitv:waardeVraag", self.ns),
            "waarde": _tekst(w, "uitv:waarde", self.ns),
            "gegevens_type": _tekst(w, "uitv:gegevensType", self.ns),
        }

    def _register(self, r, ident: str) -> dict:
        """registerBevraging / registerbevragingAPIProfiel (CIM-TR: gegevensType, register,
        registerkoppelveld, verborgen stuurvraag; the API profile names an afnamepunt). Never refused:
        an input we cannot answer from data is asked, with its vraagTekst or the inputData's name."""
        ns = self.ns
        gegevens_type = _tekst(r, "uitv:gegevensType", ns)
        return {
            "gegevens_type": gegevens_type if gegevens_type in GEGEVENSTYPEN else "",
            "vraag_tekst": _tekst(r, "uitv:vraagTekst", ns),
            "register": _tekst(r, "uitv:register", ns),
            "koppelveld": _tekst(r, "uitv:registerkoppelveld", ns),
            "afnamepunt": _tekst(r, "uitv:afnamepunt", ns)
            or _tekst(r, "uitv:afnamepunt/uitv:omschrijving", ns),
            "verborgen": _tekst(r, "uitv:verborgenStuurvraag", ns).lower() == "true",
        }

    def _herbruikbaar(self, h, ident: str) -> dict:
        """(uitkomst)HerbruikbareBeslissing: the outcome of decision `naam` of the file for activiteit
        `urn` (CIM-TR: naam, urn toepasbare activiteit; files carry it as uitv:activiteit@urn)."""
        activiteit = h.find("uitv:activiteit", self.ns)
        urn = ""
        if activiteit is not None:
            urn = activiteit.get("urn") or _href(activiteit) or (activiteit.text or "").strip()
        gegevens_type = _tekst(h, "uitv:gegevensType", self.ns)
        return {
            "beslissing": _tekst(h, "uitv:naam", self.ns),
            "activiteit": urn,
            "gegevens_type": gegevens_type if gegevens_type in GEGEVENSTYPEN else "",
        }

    def _impliciet(self, i, ident: str) -> dict:
        """implicietAntwoord (CIM-TR: waarde boolean, werkzaamheid reference, optional context): the
        value follows from the werkzaamheid the initiatiefnemer chose; it is not asked."""
        waarde = _tekst(i, "uitv:waarde", self.ns)
        if waarde.lower() not in ("true", "false"):
            raise self.fout(
                "sttr.impliciet_antwoord",
                f"uitvoeringsregel {ident}: waarde {waarde!r} is geen true of false",
            )
        werkzaamheid = i.find("uitv:werkzaamheid", self.ns)
        ref = ""
        if werkzaamheid is not None:
            ref = _href(werkzaamheid) or werkzaamheid.get("urn") or (werkzaamheid.text or "").strip()
        return {
            "waarde": waarde.lower(),
            "werkzaamheid": ref,
            "context": _tekst(i, "uitv:context", self.ns),
        }


_SLUG = {
    "vraag": "vraag",
    "geoVerwijzing": "geo",
    "bijlage": "bijlage",
    "vasteWaarde": "vast",
    "vasteWaardeVoorbehoud": "voorbehoud",
    "implicietAntwoord": "impliciet",
    **dict.fromkeys(REGISTERBEVRAGINGEN, "register"),
    **dict.fromkeys(HERBRUIKBARE_BESLISSINGEN, "herbruikbaar"),
}
"""Which reader method reads each uitvoeringsregel kind."""
