"""The result of a vergunningcheck as a PDF to keep or send along: the same content as the page."""

from fpdf import FPDF

from kern.gemeente import huidige

from .models import CheckSessie
from .sessies import plek_omschrijving

_VERVANG = {"…": "...", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "€": "EUR"}


def _tekst(waarde) -> str:
    """The built-in PDF fonts know Latin-1 only; replace the few typographic characters outside it."""
    tekst = str(waarde or "")
    for oud, nieuw in _VERVANG.items():
        tekst = tekst.replace(oud, nieuw)
    return tekst.encode("latin-1", "replace").decode("latin-1")


def uitkomst_pdf(sessie: CheckSessie, resultaat: dict) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title("Uitkomst vergunningcheck")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(
        0,
        8,
        _tekst(f"Uitkomst van uw vergunningcheck - gemeente {huidige().naam}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        6,
        _tekst(
            f"Plek: {plek_omschrijving(sessie)}. "
            f"Gecontroleerd op {resultaat['peildatum']}. Kenmerk: {sessie.token[:8]}"
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for a in resultaat["activiteiten"]:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 7, _tekst(a["naam"]), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(
            0, 6, _tekst((a.get("conclusie") or {}).get("tekst", "")), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("Helvetica", "", 10)
        for regel in [a.get("toelichting", ""), *a.get("voorbehouden", [])]:
            if regel:
                pdf.multi_cell(0, 5, _tekst(regel), new_x="LMARGIN", new_y="NEXT")
        _lijst(
            pdf,
            "Wat moet u doen?",
            a.get("acties", [])
            + [
                ("Bijlage: " if iv["bijlage"] else "") + iv["tekst"]
                for iv in a.get("indieningsvereisten", [])
            ],
        )
        _lijst(pdf, "Waarom?", [f"{w['vraag']} {w['antwoord']} ({w['bron']})" for w in a.get("waarom", [])])
        _lijst(
            pdf, "Regels", [f"{art['kop'] or art['wId']}: {art['tekst']}" for art in a.get("artikelen", [])]
        )
    return bytes(pdf.output())


def _lijst(pdf: FPDF, kop: str, regels: list[str]) -> None:
    if not regels:
        return
    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(0, 6, _tekst(kop), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for regel in regels:
        pdf.multi_cell(0, 5, _tekst(f"- {regel}"), new_x="LMARGIN", new_y="NEXT")
