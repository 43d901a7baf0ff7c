"""BAG records read without a tree, as the Kadaster writes them; lxml reads everything else.

lxml builds a tree of ~20 elements for every record that Python then walks: most of an import's CPU.
A Kadaster extract writes each record the same way (`<sl:stand>`, its `bagObject`, the object's
fields with fixed prefixes, plain text and a few known attributes), so such a record is read here by
regular expressions straight into the same row (BagSoort.rij, with stand-ins for the elements).

Nothing is read differently. The head of the file is read by lxml; a file whose head is not the
Kadaster's (another encoding, a DOCTYPE, other prefixes or namespaces, a record in the head) goes to
lxml whole before any row is given. Every `<sl:stand>` that is not written the usual way (comments,
CDATA, entities, other attributes, curves, a wrong srsName, anything) is read by lxml on its own, as a
document of the file's head start tags, the stand and their end tags, which puts it in the same
namespaces; and when that cannot stand for the file (it does not parse or closes the file's own
elements, a carriage return, an unusual end of file), the file is read again by lxml from the start
(pipeline.OpnieuwLezen), which then reports whatever is wrong.
"""

import io
import re

from lxml import etree

from kern.crs import is_rd_new
from kern.importing import delen
from kern.importing.gml import GML_NAMESPACES, local_name, plain_points, plain_ring
from kern.importing.pipeline import Context, OpnieuwLezen, xml_elementen

BLOK = 1 << 20
# The first record this far into a file, or the file is not the Kadaster's layout.
MAX_KOP = 1 << 20
EENHEID = b"<sl:stand>"
_KOP_ELEMENTEN = ("sl-bag-extract:bagStand", "sl:standBestand", "sl:stand")
_STAART = b"</sl:standBestand></sl-bag-extract:bagStand>"
_PREFIXEN = ("Objecten", "Objecten-ref", "Historie", "sl", "sl-bag-extract")

# XML's whitespace only (a str regex's \s also takes Unicode spaces, which are text in XML); text
# and attribute values without markup, references, carriage returns (a line break to libxml2) or
# characters XML forbids, so that what is matched is what lxml would give.
_W = "[ \t\n]*"
_TEKST = "[^<>&\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]*"
_WAARDE = '[^"<>&\x00-\x1f\ufffe\uffff]*'
_DOMEIN = f'(?: domein="{_WAARDE}")?'

_EIND = rf"</sl-bag-extract:bagObject>{_W}</sl:stand>{_W}"
_HISTORIE = (
    "voorkomenidentificatie",
    "beginGeldigheid",
    "eindGeldigheid",
    "tijdstipRegistratie",
    "eindRegistratie",
)
_HISTORIE_LV = ("tijdstipRegistratieLV", "tijdstipEindRegistratieLV")
_TEKSTEN = re.compile(rf"<Objecten:\w+{_DOMEIN}>({_TEKST})<")
_LIJSTEN = re.compile(rf"<Objecten:\w+>({_W})((?:<Objecten-ref:[^<]*</Objecten-ref:\w+>{_W})+)</")
_REF = re.compile(rf"<Objecten-ref:\w+{_DOMEIN}>({_TEKST})<")
_POS = re.compile(rf"{_W}<gml:pos>({_TEKST})</gml:pos>{_W}")
_RING = re.compile(
    rf"{_W}<gml:(exterior|interior)>{_W}<gml:LinearRing>{_W}"
    rf'<gml:posList(?: srsDimension="([23])")?(?: count="[0-9]+")?>({_TEKST})</gml:posList>{_W}'
    rf"</gml:LinearRing>{_W}</gml:\1>"
)
_WIT = re.compile(_W)
_EINDE = re.compile(rf"{_W}</sl:standBestand>{_W}</sl-bag-extract:bagStand>{_W}")


class _El:
    """What BagSoort.rij reads of an element: its text (None when empty, as lxml) and children."""

    __slots__ = ("text", "kinderen")

    def __init__(self, text, kinderen=()):
        self.text, self.kinderen = text, kinderen

    def __iter__(self):
        return iter(self.kinderen)

    def __len__(self):
        return len(self.kinderen)

    def __getitem__(self, i):
        return self.kinderen[i]


class _Ongewoon(Exception):
    """A record turns out not to be written the usual way: lxml reads it after all."""


class _Geometrie(_El):
    """An Objecten:geometrie: its WKT is only written when BagSoort.rij asks (not for history)."""

    __slots__ = ("delen",)

    def __init__(self, delen):
        super().__init__(None)
        self.delen = delen

    @property
    def wkt(self) -> str:
        wkt = _wkt(*self.delen)
        if wkt is None:
            raise _Ongewoon
        return wkt


_EEN_KIND = (_El(None),)  # a voorkomen's one child: its fields come as `vk`


def _wkt(srs: str, dim, soort: str, binnen: str) -> str | None:
    """The WKT of a gml:Point or gml:Polygon (its srsName and srsDimension, and its content), what
    gml.geometry_wkt gives for it; None when it is not plain (lxml then reads the record)."""
    if not is_rd_new(srs):
        return None
    if soort == "Point":
        pos = _POS.fullmatch(binnen)
        if pos is None:
            return None
        values = pos[1].split()
        pts = plain_points(pos[1], values, dim or len(values))
        return f"POINT({pts[0]})" if pts is not None and len(pts) == 1 else None
    rings, i = [], 0
    for ring in _RING.finditer(binnen):
        if ring.start() != i or ring[1] != ("interior" if rings else "exterior"):
            return None
        tekst = ring[3]
        text = plain_ring(plain_points(tekst, tekst.split(), ring[2] or dim or 2))
        if text is None:
            return None
        rings.append(text)
        i = ring.end()
    if not rings or not _WIT.fullmatch(binnen, i):
        return None
    return "POLYGON(" + ", ".join(rings) + ")"


def _veld(k: int, naam: str, verwijzing: bool, herhaald: bool) -> str:
    """The pattern of one child as the Kadaster writes it, optional; group v{k} holds all of it."""
    if naam == "geometrie":
        binnen = rf"[^<]*+(?:<(?!/gml:(?P=s{k})>)[^<]*+)*+"
        tekst = (
            rf"<Objecten:geometrie>{_W}(?:<Objecten:(?P<om{k}>punt|vlak)>{_W})?"
            rf'<gml:(?P<s{k}>Point|Polygon) srsName="(?P<srs{k}>{_WAARDE})"(?: srsDimension="(?P<d{k}>[23])")?'
            rf'(?: gml:id="{_WAARDE}")?>(?P<b{k}>{binnen})</gml:(?P=s{k})>{_W}'
            rf"(?(om{k})</Objecten:(?P=om{k})>{_W})</Objecten:geometrie>"
        )
    elif naam == "voorkomen":
        velden = "".join(rf"(?:<Historie:{h}>(?P<t{k}_{h}>{_TEKST})</Historie:{h}>{_W})?" for h in _HISTORIE)
        lv = "".join(rf"(?:<Historie:{h}>{_TEKST}</Historie:{h}>{_W})?" for h in _HISTORIE_LV)
        tekst = (
            rf"<Objecten:voorkomen>(?P<w{k}>{_W})<Historie:Voorkomen>{_W}{velden}"
            rf"(?:<Historie:BeschikbaarLV>{_W}{lv}</Historie:BeschikbaarLV>{_W})?"
            rf"</Historie:Voorkomen>{_W}</Objecten:voorkomen>"
        )
    elif verwijzing:
        tekst = (
            rf"<Objecten:{naam}>(?P<w{k}>{_W})(?:<Objecten-ref:(?P<r{k}>\w+){_DOMEIN}>{_TEKST}"
            rf"</Objecten-ref:(?P=r{k})>{_W})+</Objecten:{naam}>"
        )
    elif not herhaald:
        # Its text group is None when the child is absent, "" when it is empty: no group v{k}.
        return rf"(?:<Objecten:{naam}{_DOMEIN}>(?P<t{k}>{_TEKST})</Objecten:{naam}>{_W})?"
    else:
        tekst = rf"<Objecten:{naam}{_DOMEIN}>{_TEKST}</Objecten:{naam}>"
    return rf"(?P<v{k}>(?:{tekst}{_W})+)?" if herhaald else rf"(?P<v{k}>{tekst}{_W})?"


class _Sjabloon:
    """A soort's record as the Kadaster writes it: its children in their order (bag.py), each
    optional, in one pattern, matched at once (per child a Python step costs more than lxml)."""

    def __init__(self, soort):
        velden = [
            (k, naam, naam in soort.verwijzingen, naam in soort.herhaald)
            for k, naam in enumerate(soort.volgorde)
        ]
        self.patroon = re.compile(
            rf"<sl:stand>{_W}<sl-bag-extract:bagObject>{_W}()<Objecten:{soort.element}>{_W}"
            + "".join(_veld(*veld) for veld in velden)
            + rf"</Objecten:{soort.element}>{_W}{_EIND}"
        )
        # Per child (its kind, name, group numbers, whether it repeats): m.groups() once is cheaper
        # than a group() per name.
        nummer = {naam: i - 1 for naam, i in self.patroon.groupindex.items()}
        self.velden = []
        for k, naam, verwijzing, meer in velden:
            if naam == "geometrie":
                veld = (
                    "geometrie",
                    nummer[f"v{k}"],
                    tuple(nummer[f"{g}{k}"] for g in ("srs", "d", "s", "b")),
                )
            elif naam == "voorkomen":
                historie = tuple((h, nummer[f"t{k}_{h}"]) for h in _HISTORIE)
                veld = ("voorkomen", nummer[f"v{k}"], (nummer[f"w{k}"], historie))
            elif verwijzing:
                veld = ("lijst", nummer[f"v{k}"], None)
            elif meer:
                veld = ("meer", nummer[f"v{k}"], None)
            else:
                veld = ("tekst", nummer[f"t{k}"], None)
            self.velden.append((*veld, naam, meer))

    def kinderen(self, m) -> tuple[dict, dict, dict | None]:
        """kids, multi and vk as BagSoort.rij takes them."""
        kids, multi, vk = {}, {}, None
        groepen = m.groups()
        for soort, v, g, naam, meer in self.velden:
            tekst = groepen[v]
            if tekst is None:
                continue
            if soort == "tekst":
                kids[naam] = _El(tekst or None)
                continue
            if soort == "geometrie":
                els = [_Geometrie(tuple(groepen[i] for i in g))]
            elif soort == "voorkomen":
                vk = {h: groepen[t] or None for h, t in g[1] if groepen[t] is not None}
                els = [_El(groepen[g[0]] or None, _EEN_KIND)]
            elif soort == "lijst":
                els = [
                    _El(wit or None, [_El(t or None) for t in _REF.findall(refs)])
                    for wit, refs in _LIJSTEN.findall(tekst)
                ]
            else:
                els = [_El(t or None) for t in _TEKSTEN.findall(tekst)]
            kids[naam] = els[-1]
            if meer:
                multi.setdefault(naam, []).extend(els)
        return kids, multi, vk


_SJABLONEN: dict = {}


class _Opzet:
    """What the file's head says: None from `lees` when it is not the Kadaster's."""

    def __init__(self, kop: bytes, ingelezen: bytes):
        self.kop = kop  # declaration and start tags of the root and standBestand, on one line
        self.ingelezen = ingelezen  # what was read of the stream so far

    @classmethod
    def lees(cls, fh, element: str):
        data = b""
        while (i := data.find(EENHEID)) < 0 and len(data) < MAX_KOP:
            blok = fh.read(BLOK)
            if not blok:
                break
            data += blok
        if i < 0:
            return None, data
        kop = _kop(data[:i], element)
        return (cls(kop, data) if kop else None), data


def _kop(head: bytes, element: str) -> bytes | None:
    declaratie = delen.DECLARATIE.match(head.removeprefix(b"\xef\xbb\xbf"))
    if declaratie is None or b"<!" in head.replace(b"<!--", b"") or b"\r" in head:
        return None
    encoding = delen.ENCODING.search(declaratie.group())
    if b'version="1.0"' not in declaratie.group() or (
        encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8")
    ):
        return None
    parser = etree.XMLPullParser(
        events=("start", "end"), huge_tree=True, resolve_entities=False, no_network=True
    )
    open_ = []
    try:
        parser.feed(head + EENHEID)
        for event, el in parser.read_events():
            if event == "end":
                open_.pop()
            elif local_name(el.tag) == element:
                return None
            else:
                open_.append(el)
    except etree.XMLSyntaxError:
        return None
    if tuple(delen.qname(el) for el in open_) != _KOP_ELEMENTEN:
        return None
    ns = open_[-1].nsmap
    if ns.get("gml") not in {n[1:-1] for n in GML_NAMESPACES} or not all(p in ns for p in _PREFIXEN):
        return None
    kop = declaratie.group() + (delen.start_tag(open_[0]) + delen.start_tag(open_[1])).encode()
    return None if b"\n" in kop or b"\r" in kop else kop


def _blokken(fh, data: bytes):
    """The file from its first stand on as text, in blocks of about BLOK that each start at a stand
    (the last block ends at the end of the file), with the newlines before each block."""
    start = data.find(EENHEID)
    regels, data = data.count(b"\n", 0, start), data[start:]
    eof = False
    while not eof:
        blok = fh.read(BLOK)
        eof = not blok
        data += blok
        einde = len(data) if eof else data.rfind(EENHEID)
        if einde <= 0:
            continue
        stuk, data = data[:einde], data[einde:]
        if b"\r" in stuk:
            raise OpnieuwLezen("regeleinde met \\r")
        try:
            tekst = stuk.decode()
        except UnicodeDecodeError:
            raise OpnieuwLezen("geen UTF-8") from None
        yield tekst, eof, regels
        regels += tekst.count("\n")


class _Terug(io.RawIOBase):
    """The stream again from its start: what was read of it, then the rest."""

    def __init__(self, begin: bytes, fh):
        self.begin, self.fh = begin, fh

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.begin:
            n = min(len(buffer), len(self.begin))
            buffer[:n], self.begin = self.begin[:n], self.begin[n:]
            return n
        data = self.fh.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def snel_gelezen(soort, fh, ctx: Context):
    """BagSoort.rijen: the rows of a file, each record read here or by lxml (module docstring)."""
    opzet, ingelezen = _Opzet.lees(fh, soort.element)
    if opzet is None:
        yield from soort.rijen_gewoon(io.BufferedReader(_Terug(ingelezen, fh)), ctx)
        return
    sjabloon = _SJABLONEN.get(type(soort))
    if sjabloon is None:
        sjabloon = _SJABLONEN[type(soort)] = _Sjabloon(soort)
    patroon, offset = sjabloon.patroon, ctx.regelnummer_offset
    for blok, laatste, regels in _blokken(fh, opzet.ingelezen):
        i, n = 0, len(blok)
        while i < n:
            m = patroon.match(blok, i)
            if m is not None:
                j = m.end()
                volgende = j == n or blok.startswith("<sl:stand>", j)
                if not volgende and laatste and _EINDE.fullmatch(blok, j):
                    volgende, n = True, j
                if volgende:
                    velden = sjabloon.kinderen(m)
                    regel = regels + blok.count("\n", i, m.start(1)) + 1 + offset
                    try:
                        rij = soort.rij(velden[0], velden[1], regel, m[0], ctx, velden[2])
                    except _Ongewoon:
                        pass
                    else:
                        ctx.gelezen += 1
                        if rij is not None:
                            yield rij
                        regels += blok.count("\n", i, j)
                        i = j
                        continue
            # Not written the usual way: this stand to lxml, up to the next one or the file's end.
            j = blok.find("<sl:stand>", i + 1)
            if j < 0:
                j = n
                if laatste:
                    j = blok.rfind("</sl:standBestand>", i)
                    if j < 0 or not _EINDE.fullmatch(blok, j):
                        raise OpnieuwLezen("onverwacht einde van het bestand")
                    n = j
            yield from _met_lxml(soort, opzet, blok[i:j].encode(), regels, ctx)
            regels += blok.count("\n", i, j)
            i = j


def _met_lxml(soort, opzet: _Opzet, stand: bytes, regels: int, ctx: Context):
    """One stand that is not written the usual way, read by lxml as a document of its own."""
    parser = xml_elementen(io.BytesIO(opzet.kop + stand + _STAART), {"{*}" + soort.element})
    try:
        yield from soort.rijen_gewoon(None, ctx, parser, regels)
    except etree.XMLSyntaxError:
        raise OpnieuwLezen("een stand die lxml alleen niet kan lezen") from None
    # The stand must lie inside the file's standBestand: had it closed that one and opened another,
    # the records after it would sit in different namespaces than the head's.
    if len(parser.root) != 1:
        raise OpnieuwLezen("een stand buiten standBestand")
