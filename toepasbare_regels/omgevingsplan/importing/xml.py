"""Reading delivery XML safely and as a stream.

Plan deliveries come from outside, so the parser never resolves entities, never touches the network,
keeps libxml2's limits on (no huge_tree: a billion-laughs document stops at the limit) and refuses any
DOCTYPE outright: no STOP, IMOW, GIO or IMRO file has one.
"""

from collections.abc import Iterator

from lxml import etree

from kern.importing.pipeline import ImportFout

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def elementen(fh, namen: set[str]) -> Iterator:
    """Yield each element whose local name is in `namen` when it is complete, then free it.

    Nested wanted elements (a Lid inside an Artikel) are yielded before their parent; only elements
    that are not inside another wanted element are cleared, so a parent still has its children.
    """
    diepte = 0
    for event, el in etree.iterparse(
        fh,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
    ):
        naam = local(el.tag)
        if event == "start":
            if el.getparent() is None and el.getroottree().docinfo.doctype:
                raise ImportFout("xml_doctype", "XML met een DOCTYPE wordt niet gelezen (entiteiten).", 1)
            if naam in namen:
                diepte += 1
            continue
        if naam not in namen:
            continue
        diepte -= 1
        yield el
        if diepte == 0:
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]


def wortel(fh) -> str:
    """The local name of the document's root element (to recognise a file), read from the start."""
    for _, el in etree.iterparse(
        fh, events=("start",), resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    ):
        if el.getroottree().docinfo.doctype:
            raise ImportFout("xml_doctype", "XML met een DOCTYPE wordt niet gelezen (entiteiten).", 1)
        return local(el.tag)
    return ""


def kind(el, naam: str):
    for c in el:
        if local(c.tag) == naam:
            return c
    return None


def kinderen(el, naam: str) -> list:
    return [c for c in el if local(c.tag) == naam]


def tekst(el, naam: str, standaard: str = "") -> str:
    c = kind(el, naam)
    return (c.text or "").strip() if c is not None and c.text else standaard


def pad(el, *namen):
    for naam in namen:
        if el is None:
            return None
        el = kind(el, naam)
    return el


def refs(el, naam: str) -> list[str]:
    """The xlink:href of every reference under each child `naam` (e.g. every groepselement)."""
    return [
        c.get(XLINK_HREF).strip()
        for houder in kinderen(el, naam)
        for c in houder.iter()
        if isinstance(c.tag, str) and c.get(XLINK_HREF)
    ]


def _schoon(text: str) -> str:
    return " ".join(text.split())


def alle_tekst(el) -> str:
    """Plain text of a STOP text element: one line per alinea (Al), list items with their number."""
    regels = []
    for al in el.iter():
        if local(al.tag) != "Al":
            continue
        regel = _schoon("".join(al.itertext()))
        li = al.getparent()
        nummer = kind(li, "LiNummer") if li is not None and local(li.tag) == "Li" else None
        if nummer is not None and al is kind(li, "Al"):
            regel = f"{_schoon(''.join(nummer.itertext()))} {regel}"
        if regel:
            regels.append(regel)
    return "\n".join(regels) if regels else _schoon("".join(el.itertext()))
