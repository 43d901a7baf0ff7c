"""Write a parsed STTR file back as DMN 1.2 with the STTR namespaces of the family it came in (v1.0 or
v2.0; what the DSO accepts).

Also how the project writes its own sample rules: they are authored as model objects and exported here,
so there is one DMN writer.
"""

from lxml import etree

from .model import (
    HERBRUIKBARE_BESLISSINGEN,
    REGISTERBEVRAGINGEN,
    Beslistabel,
    Besluit,
    Bestand,
    Knoop,
    Maatregel,
    Uitvoeringsregel,
)
from .parser import sttr_namespaces

DMN12 = "http://www.omg.org/spec/DMN/20180521/MODEL/"


def _q(el, prefix: str, naam: str) -> str:
    """The full tag of prefix:naam in the document `el` belongs to (its root declares the prefixes)."""
    return f"{{{el.nsmap[prefix]}}}{naam}"


def _sub(parent, prefix: str, naam: str, tekst: str | None = None, **attrs):
    el = etree.SubElement(parent, _q(parent, prefix, naam), {k: v for k, v in attrs.items() if v})
    if tekst is not None:
        el.text = tekst
    return el


def naar_dmn(bestand: Bestand) -> bytes:
    nsmap = {"dmn": DMN12, **sttr_namespaces(bestand.sttr_versie)}
    root = etree.Element(
        f"{{{DMN12}}}definitions",
        {
            k: v
            for k, v in (("id", bestand.id), ("name", bestand.naam), ("namespace", bestand.namespace))
            if v
        },
        nsmap=nsmap,
    )
    ext = _sub(root, "dmn", "extensionElements")
    if bestand.regelgroepen:
        groepen = _sub(ext, "inter", "regelgroepen")
        for g in bestand.regelgroepen:
            el = _sub(groepen, "inter", "regelgroep", id=g.id)
            _sub(el, "inter", "naam", g.naam)
            _sub(el, "inter", "prioriteit", str(g.prioriteit))
    if bestand.uitvoeringsregels:
        regels = _sub(ext, "uitv", "uitvoeringsregels")
        for u in bestand.uitvoeringsregels:
            _uitvoeringsregel(regels, u)
    if bestand.maatregelen:
        maatregelen = _sub(ext, "content", "maatregelen")
        for m in bestand.maatregelen:
            _maatregel(maatregelen, m)
    for k in bestand.item_definities:
        _knoop(root, k)
    for i in bestand.invoer:
        el = _sub(root, "dmn", "inputData", id=i.id, name=i.naam)
        if i.uitvoeringsregel:
            _sub(
                _sub(el, "dmn", "extensionElements"),
                "uitv",
                "uitvoeringsregelRef",
                href=f"#{i.uitvoeringsregel}",
            )
        _sub(el, "dmn", "variable", name=i.naam, typeRef=i.type_ref)
    for b in bestand.besluiten:
        _besluit(root, b)
    for k in bestand.kennisbronnen:
        _knoop(root, k)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _uitvoeringsregel(parent, u: Uitvoeringsregel) -> None:
    el = _sub(parent, "uitv", "uitvoeringsregel", id=u.id)
    if u.regelgroep:
        _sub(el, "uitv", "regelgroepRef", href=f"#{u.regelgroep}")
    if u.bereik:
        _sub(el, "uitv", "bereik", u.bereik)
    if u.herbruikbaar_id:
        _sub(el, "uitv", "herbruikbaarId", u.herbruikbaar_id)
    if u.prioriteit:
        _sub(el, "inter", "prioriteit", str(u.prioriteit))
    if u.soort == "vraag":
        v = _sub(el, "uitv", "vraag")
        _sub(v, "uitv", "gegevensType", u.gegevens_type)
        _sub(v, "uitv", "vraagTekst", u.vraag_tekst)
        if u.opties:
            opties = _sub(v, "uitv", "opties")
            _sub(opties, "uitv", "optieType", u.optie_type or "enkelAntwoord")
            for o in u.opties:
                oel = _sub(opties, "uitv", "optie")
                if o.sequence_id:
                    _sub(oel, "uitv", "sequenceId", o.sequence_id)
                _sub(oel, "uitv", "optieText", o.tekst)
                if o.toelichting:
                    toelichting = _sub(oel, "content", "uitvoeringsregelToelichting")
                    _sub(toelichting, "content", "toelichting", o.toelichting)
    elif u.soort == "geoVerwijzing":
        g = _sub(el, "uitv", "geoVerwijzing")
        _sub(g, "uitv", "locatie", identificatie=u.locatie)
        if u.vraag_tekst:
            _sub(g, "uitv", "vraagTekst", u.vraag_tekst)
    elif u.soort == "bijlage":
        _sub(_sub(el, "uitv", "bijlage"), "uitv", "bijlageType", u.bijlage_type)
    elif u.soort in REGISTERBEVRAGINGEN:
        r = _sub(el, "uitv", u.soort)
        _velden(
            r,
            ("gegevensType", u.gegevens_type),
            ("vraagTekst", u.vraag_tekst),
            ("register", u.register),
            ("registerkoppelveld", u.koppelveld),
            ("afnamepunt", u.afnamepunt),
            ("verborgenStuurvraag", "true" if u.verborgen else ""),
        )
    elif u.soort in HERBRUIKBARE_BESLISSINGEN:
        h = _sub(el, "uitv", u.soort)
        _velden(h, ("naam", u.beslissing))
        if u.activiteit:
            _sub(h, "uitv", "activiteit", urn=u.activiteit)
        _velden(h, ("gegevensType", u.gegevens_type))
    elif u.soort == "implicietAntwoord":
        i = _sub(el, "uitv", u.soort)
        _sub(i, "uitv", "waarde", u.waarde)
        if u.werkzaamheid:
            _sub(i, "uitv", "werkzaamheid", href=u.werkzaamheid)
        _velden(i, ("context", u.context))
    else:
        # vasteWaardeVoorbehoud wraps a complete uitv:vasteWaarde, then its tekstVoorbehoud.
        buiten = _sub(el, "uitv", u.soort)
        w = _sub(buiten, "uitv", "vasteWaarde") if u.soort == "vasteWaardeVoorbehoud" else buiten
        _sub(w, "uitv", "waardeVraag", u.vraag_tekst)
        _sub(w, "uitv", "waarde", u.waarde)
        _sub(w, "uitv", "gegevensType", u.gegevens_type)
        if u.soort == "vasteWaardeVoorbehoud":
            _sub(buiten, "uitv", "tekstVoorbehoud", u.tekst_voorbehoud)
    if u.toelichting or u.lange_toelichting or u.belangrijk:
        t = _sub(el, "content", "uitvoeringsregelToelichting")
        if u.toelichting:
            _sub(t, "content", "toelichting", u.toelichting)
        if u.lange_toelichting:
            _sub(t, "content", "langeToelichting", u.lange_toelichting)
        if u.belangrijk:
            _sub(t, "content", "belangrijk", "true")


def _velden(parent, *velden: tuple[str, str]) -> None:
    """uitv: child elements with text, in order; empty ones left out."""
    for naam, tekst in velden:
        if tekst:
            _sub(parent, "uitv", naam, tekst)


def _maatregel(parent, m: Maatregel) -> None:
    el = _sub(parent, "content", "maatregel", id=m.id)
    for naam, tekst in (
        ("nummer", m.nummer),
        ("maatregeltekst", m.tekst),
        ("toelichting", m.toelichting),
        ("frequentie", m.frequentie),
        ("volgorde", str(m.volgorde) if m.volgorde else ""),
        ("kenmerk", m.kenmerk),
    ):
        if tekst:
            _sub(el, "content", naam, tekst)
    for thema in m.themas:
        _sub(el, "content", "thema", thema)


def _knoop(parent, k: Knoop) -> None:
    el = _sub(parent, "dmn", k.naam, k.tekst or None, **dict(k.attributen))
    for kind in k.kinderen:
        _knoop(el, kind)


def _besluit(root, b: Besluit) -> None:
    el = _sub(root, "dmn", "decision", id=b.id, name=b.naam)
    if b.functionele_structuur_ref:
        _sub(
            _sub(el, "dmn", "extensionElements"),
            "bedr",
            "functioneleStructuurRef",
            href=f"#{b.functionele_structuur_ref}",
        )
    _sub(el, "dmn", "variable", name=b.naam, typeRef=b.type_ref)
    for ref in b.vereiste_besluiten:
        _sub(_sub(el, "dmn", "informationRequirement"), "dmn", "requiredDecision", href=f"#{ref}")
    for ref in b.vereiste_invoer:
        _sub(_sub(el, "dmn", "informationRequirement"), "dmn", "requiredInput", href=f"#{ref}")
    for k in b.autoriteit:
        _knoop(el, k)
    if b.tabel is not None:
        _tabel(el, b.tabel)
    if b.aanroep is not None:
        a = b.aanroep
        aanroep = _sub(el, "dmn", "invocation", id=a.id, typeRef=a.type_ref)
        _sub(_sub(aanroep, "dmn", "literalExpression"), "dmn", "text", a.functie)
        for parameter, tekst in a.bindingen:
            binding = _sub(aanroep, "dmn", "binding")
            _sub(binding, "dmn", "parameter", name=parameter)
            _sub(_sub(binding, "dmn", "literalExpression"), "dmn", "text", tekst)


def _tabel(parent, t: Beslistabel) -> None:
    el = _sub(parent, "dmn", "decisionTable", id=t.id, hitPolicy=t.hit_policy, aggregation=t.aggregatie)
    for i in t.invoer:
        iel = _sub(el, "dmn", "input", id=i.id, label=i.label)
        _sub(_sub(iel, "dmn", "inputExpression", typeRef=i.type_ref), "dmn", "text", i.expressie)
    for o in t.uitvoer:
        oel = _sub(el, "dmn", "output", id=o.id, name=o.naam, typeRef=o.type_ref)
        if o.waarden:
            _sub(_sub(oel, "dmn", "outputValues"), "dmn", "text", o.waarden)
    for naam in t.annotatie_kolommen:
        _sub(el, "dmn", "annotation", name=naam)
    for r in t.regels:
        rel = _sub(el, "dmn", "rule", id=r.id)
        for cel in r.invoer:
            _sub(_sub(rel, "dmn", "inputEntry"), "dmn", "text", cel)
        for k, cel in enumerate(r.uitvoer):
            oel = _sub(rel, "dmn", "outputEntry")
            toelichting = r.toelichtingen[k] if k < len(r.toelichtingen) else ""
            if toelichting:
                ct = _sub(_sub(oel, "dmn", "extensionElements"), "content", "conclusieToelichting")
                _sub(ct, "content", "toelichting", toelichting)
            _sub(oel, "dmn", "text", cel)
        for a in r.annotaties:
            _sub(_sub(rel, "dmn", "annotationEntry"), "dmn", "text", a)
