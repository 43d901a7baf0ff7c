"""Read an STTR file exactly as the DSO delivers it: DMN 1.1 or 1.2 (1.3 too) plus the four STTR
extension namespaces. Authoring-tool namespaces (Trisotech, Drools, sttrbuilder …) are ignored.

The XML parser is hardened: no DTD, no entities, no network, bounded size, so XXE and billion-laughs
files are refused before anything is stored. Every FEEL cell is compiled here; a cell outside our subset
fails the import with file, decision, rule and cell named.
"""

from lxml import etree

from kern.fouten import CodeFout

from . import feel
from .model import (
    HIT_POLICIES,
    SOORTEN,
    Aanroep,
    Beslistabel,
    Besluit,
    Bestand,
    InputData,
    Invoer,
    Knoop,
    Maatregel,
    Regel,
    Regelgroep,
    Uitvoer,
)
from .uitvoeringsregels import STTR_NAMESPACE, UitvoeringsregelLezer, _href, _int, _tekst, sttr_namespaces

DMN_NS = {
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd": "1.1",
    "http://www.omg.org/spec/DMN/20180521/MODEL/": "1.2",
    "https://www.omg.org/spec/DMN/20191111/MODEL/": "1.3",
}
MAX_BYTES = 10 * 1024 * 1024
"""Far above any real STTR file (the largest known are a few hundred kB); refuses 50 MB bombs early."""


class SttrFout(CodeFout):
    def __init__(self, code: str, bestand: str, bericht: str):
        super().__init__(code, f"{bestand}: {bericht}")
        self.bestand = bestand


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def lees(inhoud: bytes, bestandsnaam: str) -> Bestand:
    """Parse and check one DMN document; raises SttrFout with a stable code."""
    if len(inhoud) > MAX_BYTES:
        raise SttrFout(
            "sttr.te_groot", bestandsnaam, f"bestand is {len(inhoud)} bytes; het maximum is {MAX_BYTES} bytes"
        )
    if b"<!DOCTYPE" in inhoud[:4096] or b"<!ENTITY" in inhoud:
        raise SttrFout("sttr.dtd_geweigerd", bestandsnaam, "DTD's en entiteiten zijn niet toegestaan in STTR")
    try:
        root = etree.fromstring(inhoud, _parser())
    except etree.XMLSyntaxError as exc:
        raise SttrFout("sttr.xml_ongeldig", bestandsnaam, f"geen geldige XML: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        # The quick scan above only looks at the start; a DOCTYPE behind a long comment ends up here.
        raise SttrFout("sttr.dtd_geweigerd", bestandsnaam, "DTD's en entiteiten zijn niet toegestaan in STTR")
    qname = etree.QName(root)
    if qname.localname != "definitions" or qname.namespace not in DMN_NS:
        raise SttrFout("sttr.geen_dmn", bestandsnaam, "geen DMN-document (dmn:definitions ontbreekt)")
    return _Lezer(root, qname.namespace, bestandsnaam, _sttr_versie(root, bestandsnaam)).bestand()


def _sttr_versie(root, bestandsnaam: str) -> str:
    """The STTR namespace family the file uses. Usually declared on the root; otherwise (or when the
    root declares more than one) the elements themselves tell."""
    gevonden = {m.group(1) for uri in root.nsmap.values() if uri and (m := STTR_NAMESPACE.match(uri))}
    if len(gevonden) != 1:
        gevonden = {
            m.group(1)
            for el in root.iter()
            if isinstance(el.tag, str) and (m := STTR_NAMESPACE.match(etree.QName(el).namespace or ""))
        }
    if len(gevonden) > 1:
        raise SttrFout(
            "sttr.namespaces_gemengd",
            bestandsnaam,
            f"het bestand gebruikt STTR-namespaces van meer dan één versie ({', '.join(sorted(gevonden))})",
        )
    return gevonden.pop() if gevonden else "v1.0"


class _Lezer(UitvoeringsregelLezer):
    def __init__(self, root, dmn: str, naam: str, sttr_versie: str):
        self.root, self.naam = root, naam
        self.versie, self.sttr_versie = DMN_NS[dmn], sttr_versie
        self.ns = {"d": dmn, **sttr_namespaces(sttr_versie)}
        # Element local names of the uitvoeringsregel kinds, case-insensitively: a spelling variant
        # ("registerBevragingAPIProfiel") must not fall through to "no kind".
        self.soorten = {f"{{{self.ns['uitv']}}}{s.lower()}": s for s in SOORTEN}

    def fout(self, code: str, bericht: str) -> SttrFout:
        return SttrFout(code, self.naam, bericht)

    def bestand(self) -> Bestand:
        ext = self.root.find("d:extensionElements", self.ns)
        groepen, regels = (), ()
        if ext is not None:
            groepen = tuple(
                Regelgroep(
                    g.get("id", ""),
                    _tekst(g, "inter:naam", self.ns),
                    _int(_tekst(g, "inter:prioriteit", self.ns)),
                )
                for g in ext.iterfind("inter:regelgroepen/inter:regelgroep", self.ns)
            )
            regels = tuple(
                self.uitvoeringsregel(u)
                for u in ext.iterfind("uitv:uitvoeringsregels/uitv:uitvoeringsregel", self.ns)
            )
        maatregelen = ()
        if ext is not None:
            maatregelen = tuple(
                self.maatregel(m) for m in ext.iterfind("content:maatregelen/content:maatregel", self.ns)
            )
        invoer = tuple(self.input_data(i) for i in self.root.iterfind("d:inputData", self.ns))
        besluiten = tuple(self.besluit(b) for b in self.root.iterfind("d:decision", self.ns))
        bestand = Bestand(
            naam=self.root.get("name", ""),
            namespace=self.root.get("namespace", ""),
            id=self.root.get("id", ""),
            dmn_versie=self.versie,
            sttr_versie=self.sttr_versie,
            regelgroepen=groepen,
            uitvoeringsregels=regels,
            invoer=invoer,
            besluiten=besluiten,
            maatregelen=maatregelen,
            item_definities=tuple(self.knoop(k) for k in self.root.iterfind("d:itemDefinition", self.ns)),
            kennisbronnen=tuple(self.knoop(k) for k in self.root.iterfind("d:knowledgeSource", self.ns)),
        )
        self.controleer(bestand)
        return bestand

    def maatregel(self, m) -> Maatregel:
        ns = self.ns
        return Maatregel(
            id=m.get("id", ""),
            nummer=_tekst(m, "content:nummer", ns),
            tekst=_tekst(m, "content:maatregeltekst", ns),
            toelichting=_tekst(m, "content:toelichting", ns),
            frequentie=_tekst(m, "content:frequentie", ns),
            volgorde=_int(_tekst(m, "content:volgorde", ns)),
            kenmerk=_tekst(m, "content:kenmerk", ns),
            themas=tuple((t.text or "").strip() for t in m.iterfind("content:thema", ns)),
        )

    def knoop(self, el) -> Knoop:
        """A DMN element kept as a tree; typeRefs normalised like everywhere else (feel:string → string)."""
        dmn = self.ns["d"]
        attributen = tuple(
            sorted((k, _type(v) if k == "typeRef" else v) for k, v in el.attrib.items() if "{" not in k)
        )
        naam = etree.QName(el).localname
        tekst = (el.text or "").strip()
        return Knoop(
            naam,
            attributen,
            _type(tekst) if naam == "typeRef" else tekst,
            tuple(self.knoop(k) for k in el if isinstance(k.tag, str) and etree.QName(k).namespace == dmn),
        )

    def input_data(self, i) -> InputData:
        var = i.find("d:variable", self.ns)
        return InputData(
            id=i.get("id", ""),
            naam=i.get("name", ""),
            type_ref=_type(var.get("typeRef", "") if var is not None else ""),
            uitvoeringsregel=_href(i.find("d:extensionElements/uitv:uitvoeringsregelRef", self.ns)),
        )

    def besluit(self, b) -> Besluit:
        ns = self.ns
        var = b.find("d:variable", ns)
        tabel_el = b.find("d:decisionTable", ns)
        naam = b.get("name", "")
        aanroep = None
        if tabel_el is None:
            if (aanroep_el := b.find("d:invocation", ns)) is None:
                raise self.fout(
                    "sttr.geen_beslistabel",
                    f"besluit {naam!r} heeft geen beslistabel of aansluitpunt (dmn:invocation)",
                )
            aanroep = self.aanroep(aanroep_el, naam)
        return Besluit(
            id=b.get("id", ""),
            naam=naam,
            type_ref=_type(var.get("typeRef", "") if var is not None else ""),
            functionele_structuur_ref=_href(b.find("d:extensionElements/bedr:functioneleStructuurRef", ns)),
            vereiste_invoer=tuple(
                _href(r) for r in b.iterfind("d:informationRequirement/d:requiredInput", ns)
            ),
            vereiste_besluiten=tuple(
                _href(r) for r in b.iterfind("d:informationRequirement/d:requiredDecision", ns)
            ),
            tabel=self.tabel(tabel_el, naam) if tabel_el is not None else None,
            aanroep=aanroep,
            autoriteit=tuple(self.knoop(k) for k in b.iterfind("d:authorityRequirement", ns)),
        )

    def aanroep(self, el, besluit: str) -> Aanroep:
        """An aansluitpunt: bindings `model name` and `decision name` name the decision it stands for
        (quoted FEEL strings); `namespace` and `parameters` are kept as written."""
        ns = self.ns
        bindingen = tuple(
            (
                (p.get("name", "") if (p := bd.find("d:parameter", ns)) is not None else ""),
                _tekst(bd, "d:literalExpression/d:text", ns),
            )
            for bd in el.iterfind("d:binding", ns)
        )
        waarden = {naam: tekst for naam, tekst in bindingen}
        model, doel = (_ontquote(waarden.get(k, "")) for k in ("model name", "decision name"))
        if not model or not doel:
            raise self.fout(
                "sttr.aansluitpunt_onvolledig",
                f"besluit {besluit!r}: het aansluitpunt noemt geen 'model name' en 'decision name'",
            )
        return Aanroep(
            id=el.get("id", ""),
            model=model,
            besluit=doel,
            type_ref=_type(el.get("typeRef", "")),
            bindingen=bindingen,
            functie=_tekst(el, "d:literalExpression/d:text", ns),
        )

    def tabel(self, t, besluit: str) -> Beslistabel:
        ns = self.ns
        hit = (t.get("hitPolicy") or "UNIQUE").upper()
        if hit not in HIT_POLICIES:
            raise self.fout("sttr.hitpolicy_onbekend", f"besluit {besluit!r}: hitPolicy {hit!r}")
        invoer = tuple(
            Invoer(
                i.get("id", ""),
                i.get("label", ""),
                _tekst(i, "d:inputExpression/d:text", ns),
                _type(
                    i.find("d:inputExpression", ns).get("typeRef", "")
                    if i.find("d:inputExpression", ns) is not None
                    else ""
                ),
            )
            for i in t.iterfind("d:input", ns)
        )
        uitvoer = tuple(
            Uitvoer(
                o.get("id", ""),
                o.get("name", ""),
                _type(o.get("typeRef", "")),
                _tekst(o, "d:outputValues/d:text", ns),
            )
            for o in t.iterfind("d:output", ns)
        )
        regels = []
        for nr, r in enumerate(t.iterfind("d:rule", ns), start=1):
            cellen = tuple(_tekst(e, "d:text", ns) for e in r.iterfind("d:inputEntry", ns))
            uit = tuple(_tekst(e, "d:text", ns) for e in r.iterfind("d:outputEntry", ns))
            waar = f"besluit {besluit!r}, regel {nr} ({r.get('id', '')})"
            if len(cellen) != len(invoer) or len(uit) != len(uitvoer):
                raise self.fout(
                    "sttr.regel_kolommen",
                    f"{waar}: {len(cellen)} invoer- en {len(uit)} uitvoercellen, tabel heeft {len(invoer)} en {len(uitvoer)} kolommen",
                )
            for k, cel in enumerate(cellen, start=1):
                try:
                    feel.test(cel)
                except feel.FeelFout as exc:
                    raise self.fout(exc.code, f"{waar}, invoercel {k} {_kort(cel)}: {exc}") from exc
            for k, cel in enumerate(uit, start=1):
                try:
                    feel.waarde(cel)
                except feel.FeelFout as exc:
                    raise self.fout(exc.code, f"{waar}, uitvoercel {k} {_kort(cel)}: {exc}") from exc
            regels.append(
                Regel(
                    id=r.get("id", ""),
                    invoer=cellen,
                    uitvoer=uit,
                    # Builders write annotations as FEEL strings ("/akn/…"); the quotes are not part of it.
                    annotaties=tuple(
                        _ontquote(_tekst(a, "d:text", ns)) for a in r.iterfind("d:annotationEntry", ns)
                    ),
                    toelichtingen=tuple(
                        _tekst(e, "d:extensionElements/content:conclusieToelichting/content:toelichting", ns)
                        for e in r.iterfind("d:outputEntry", ns)
                    ),
                )
            )
        return Beslistabel(
            id=t.get("id", ""),
            hit_policy=hit,
            invoer=invoer,
            uitvoer=uitvoer,
            regels=tuple(regels),
            aggregatie=(t.get("aggregation") or "").upper(),
            annotatie_kolommen=tuple(a.get("name", "") for a in t.iterfind("d:annotation", ns)),
        )

    def controleer(self, bestand: Bestand) -> None:
        """References must resolve: a rule set with a dangling reference cannot be evaluated."""
        for i in bestand.invoer:
            if i.uitvoeringsregel and bestand.uitvoeringsregel(i.uitvoeringsregel) is None:
                raise self.fout(
                    "sttr.verwijzing_onbekend",
                    f"inputData {i.naam!r} verwijst naar onbekende uitvoeringsregel #{i.uitvoeringsregel}",
                )
        for b in bestand.besluiten:
            for ref in b.vereiste_invoer:
                if bestand.input_data(ref) is None:
                    raise self.fout(
                        "sttr.verwijzing_onbekend", f"besluit {b.naam!r} vereist onbekende invoer #{ref}"
                    )
            for ref in b.vereiste_besluiten:
                if bestand.besluit(ref) is None:
                    raise self.fout(
                        "sttr.verwijzing_onbekend", f"besluit {b.naam!r} vereist onbekend besluit #{ref}"
                    )
        namen = {i.naam for i in bestand.invoer} | {b.naam for b in bestand.besluiten}
        for b in bestand.besluiten:
            for parameter, expressie in b.aanroep.parameters if b.aanroep else ():
                if expressie.strip() in namen:
                    continue
                try:
                    feel.waarde(expressie)
                except feel.FeelFout as exc:
                    raise self.fout(
                        exc.code,
                        f"besluit {b.naam!r}: binding {parameter!r} {_kort(expressie)} is geen invoer, besluit "
                        f"of FEEL-waarde: {exc}",
                    ) from exc
        for u in bestand.uitvoeringsregels:
            if u.regelgroep and bestand.regelgroep(u.regelgroep) is None:
                raise self.fout(
                    "sttr.verwijzing_onbekend",
                    f"uitvoeringsregel {u.id} verwijst naar onbekende regelgroep #{u.regelgroep}",
                )
        if not bestand.top_besluiten:
            raise self.fout(
                "sttr.geen_functionele_structuur", "geen besluit met een bedr:functioneleStructuurRef"
            )


def _kort(cel: str, lengte: int = 80) -> str:
    """A cell quoted in a message: a hostile one can be megabytes, the message names only its start."""
    return repr(cel if len(cel) <= lengte else cel[:lengte] + "…")


def _ontquote(tekst: str) -> str:
    tekst = tekst.strip()
    return tekst[1:-1] if len(tekst) >= 2 and tekst[0] == tekst[-1] == '"' else tekst


def _type(type_ref: str) -> str:
    """`feel:boolean` (DMN 1.1) and `boolean` (1.2) are the same type."""
    return type_ref.split(":", 1)[1] if type_ref.startswith("feel:") else type_ref
