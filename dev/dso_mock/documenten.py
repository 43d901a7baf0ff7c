"""The documents of a verzoek as the knooppunt hands them out: the verzoek as XML in the spirit of
STAM, a publishable PDF without personal data, and generated bijlagen."""

from xml.sax.saxutils import escape, quoteattr

from kern.crs import RD_NEW_URN

STAM_NS = "http://www.omgevingswet.nl/koppelvlak/stam/verzoek/mock"
GML_NS = "http://www.opengis.net/gml/3.2"


def _tekst(tag: str, waarde) -> str:
    return f"<stam:{tag}>{escape(str(waarde))}</stam:{tag}>" if waarde not in (None, "") else ""


def verzoek_xml(v: dict) -> bytes:
    """The verzoek as XML. A verzoek marked `kapot` gets a document that does not parse, as a
    broken delivery would."""
    adres = v["adres"]
    activiteiten = "".join(
        "<stam:activiteit>"
        + _tekst("urn", a["urn"])
        + _tekst("naam", a["naam"])
        + "<stam:vragen>"
        + "".join(
            f"<stam:vraag id={quoteattr(str(q['vraagId']))}>{_tekst('tekst', q['vraag'])}"
            f"{_tekst('antwoord', q['antwoord'])}</stam:vraag>"
            for q in a["antwoorden"]
        )
        + "</stam:vragen></stam:activiteit>"
        for a in v["activiteiten"]
    )
    bijlagen = "".join(
        f"<stam:bijlage id={quoteattr(b['id'])}>{_tekst('naam', b['naam'])}"
        f"{_tekst('documentsoort', b['documentsoort'])}</stam:bijlage>"
        for b in v["bijlagen"]
    )
    x, y = v["punt"]
    tekst = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<stam:verzoek xmlns:stam="{STAM_NS}" xmlns:gml="{GML_NS}">'
        + _tekst("verzoeknummer", v["verzoeknummer"])
        + _tekst("type", v["type"])
        + _tekst("versie", v["versie"])
        + _tekst("indieningsdatum", v["ingediendOp"])
        + _tekst("hoortBij", v.get("hoortBij"))
        + f"<stam:bevoegdGezag>{_tekst('code', v['bevoegdGezag'])}</stam:bevoegdGezag>"
        + _tekst("projectomschrijving", v["omschrijving"])
        + "<stam:locatie><stam:adres>"
        + "".join(
            _tekst(k, adres.get(k))
            for k in ("straatnaam", "huisnummer", "huisletter", "postcode", "woonplaats")
        )
        + _tekst("nummeraanduidingIdentificatie", adres.get("nummeraanduiding"))
        + f'</stam:adres><stam:punt><gml:Point srsName="{RD_NEW_URN}"><gml:pos>{x:.3f} {y:.3f}</gml:pos>'
        + "</gml:Point></stam:punt></stam:locatie>"
        + f"<stam:activiteiten>{activiteiten}</stam:activiteiten>"
        + f"<stam:bijlagen>{bijlagen}</stam:bijlagen>"
        + "<stam:initiatiefnemer>"
        + _tekst("naam", v["initiatiefnemer"]["naam"])
        + _tekst("email", v["initiatiefnemer"]["email"])
        + "</stam:initiatiefnemer></stam:verzoek>\n"
    )
    if v.get("kapot"):
        # Cut off halfway through an element: what a truncated or corrupted delivery looks like.
        tekst = tekst[: len(tekst) // 2]
    return tekst.encode("utf-8")


def _pdf_tekst(regel: str) -> str:
    veilig = regel.encode("latin-1", "replace").decode("latin-1")
    return veilig.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(regels: list[str]) -> bytes:
    """A small valid PDF (one A4 page of Helvetica text) with a correct cross-reference table."""
    inhoud = "BT /F1 11 Tf 56 780 Td 14 TL " + " ".join(f"({_pdf_tekst(r)}) '" for r in regels) + " ET"
    stroom = inhoud.encode("latin-1")
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stroom)).encode() + b" >>\nstream\n" + stroom + b"\nendstream",
    ]
    uit = bytearray(b"%PDF-1.4\n")
    posities = []
    for nummer, obj in enumerate(objecten, 1):
        posities.append(len(uit))
        uit += f"{nummer} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(uit)
    uit += f"xref\n0 {len(objecten) + 1}\n0000000000 65535 f \n".encode()
    uit += b"".join(f"{p:010d} 00000 n \n".encode() for p in posities)
    uit += f"trailer\n<< /Size {len(objecten) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(uit)


def publiceerbaar_pdf(v: dict) -> bytes:
    """The publishable version: what, where and when, never who."""
    adres = v["adres"]
    regels = [
        f"Verzoek {v['verzoeknummer']} ({v['type']}), versie {v['versie']}",
        f"Ingediend op {v['ingediendOp']}",
        f"Locatie: {adres['straatnaam']} {adres['huisnummer']}{adres.get('huisletter') or ''}, {adres['woonplaats']}",
        *(f"Activiteit: {a['naam']}" for a in v["activiteiten"]),
        f"Omschrijving: {v['omschrijving']}",
    ]
    return pdf(regels)


def bijlage_inhoud(v: dict, bijlage: dict) -> bytes:
    return pdf(
        [f"Bijlage {bijlage['naam']} ({bijlage['documentsoort']})", f"bij verzoek {v['verzoeknummer']}"]
    )
