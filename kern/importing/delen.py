"""One large XML file read by several workers at once, each a byte range of it.

A delivery can be one large file (Doesburg's panden: one 15 MB file and a small one), and then one
worker parses while the others wait. So such a file is cut into ranges at the start of a record
container (BAG: `<sl:stand`), and each range becomes a document of its own: the XML declaration and
the start tags of the root and its child (with every namespace in scope) before it, their end tags
after it. Workers parse the ranges side by side; the file is still merged in one transaction.

A cut in the wrong place (inside a comment or CDATA) leaves the range before it unclosed, so its
parse fails; any failure sends the whole file down the ordinary path, which is then the authority
on the file's errors. So cutting never makes a broken file pass, nor a valid file fail.
"""

import io
import re
from dataclasses import dataclass

from lxml import etree

from kern.importing.gml import local_name

CHUNK = 1 << 16
DECLARATIE = re.compile(rb"<\?xml[^>]*\?>")
ENCODING = re.compile(rb"encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
# After a tag name comes whitespace, '>' or '/'.
_NA_NAAM = frozenset(b" \t\r\n>/")


@dataclass(frozen=True)
class Indeling:
    """Where a file may be cut and what a range needs around it to be a document."""

    eenheid: bytes  # b"<sl:stand": the start of a record container, as the file writes it
    kop: bytes  # declaration + start tags of root and its child, without any newline
    staart: bytes  # their end tags


@dataclass(frozen=True)
class Deel:
    begin: int
    eind: int
    eerste: bool  # starts at byte 0: the file's own head, nothing added before it
    laatste: bool  # ends at the end of the file: the file's own end tags, nothing added after it


def qname(el) -> str:
    return f"{el.prefix}:{local_name(el.tag)}" if el.prefix else local_name(el.tag)


def start_tag(el) -> str:
    # Imported here: xml.sax.saxutils brings urllib.request and http.client along (~10 ms of every
    # import's start-up), and only a file that is cut needs it.
    from xml.sax.saxutils import quoteattr

    ns = " ".join(
        f"xmlns:{prefix}={quoteattr(uri)}" if prefix else f"xmlns={quoteattr(uri)}"
        for prefix, uri in el.nsmap.items()
    )
    return f"<{qname(el)} {ns}>" if ns else f"<{qname(el)}>"


def indeling(pad, element: str) -> Indeling | None:
    """How to cut the file, from its head up to the first `element` (a local name); None when it
    cannot be cut: not UTF-8, or the records are not nested at least three deep."""
    with open(pad, "rb") as fh:
        head = fh.read(1024)
    declaratie = DECLARATIE.match(head.removeprefix(b"\xef\xbb\xbf"))
    encoding = ENCODING.search(declaratie.group()) if declaratie else None
    if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        return None
    try:
        for _, el in etree.iterparse(
            pad, events=("start",), huge_tree=True, resolve_entities=False, no_network=True
        ):
            if isinstance(el.tag, str) and local_name(el.tag) == element:
                keten = list(reversed(list(el.iterancestors())))
                break
        else:
            return None
    except Exception:  # noqa: BLE001 (whatever is wrong with the file, the ordinary path reports it)
        return None
    if len(keten) < 3:
        return None
    root, kind = keten[0], keten[1]
    kop = (declaratie.group() if declaratie else b"") + (start_tag(root) + start_tag(kind)).encode()
    staart = f"</{qname(kind)}></{qname(root)}>".encode()
    return Indeling(f"<{qname(keten[2])}".encode(), kop, staart)


def _volgende_eenheid(fh, eenheid: bytes, vanaf: int, grootte: int) -> int:
    """Offset of the first container start at or after `vanaf`; the file's size when there is none."""
    fh.seek(vanaf)
    start, blok = vanaf, b""  # start: the file offset of blok[0]
    while True:
        nieuw = fh.read(CHUNK)
        blok += nieuw
        i = blok.find(eenheid)
        while i >= 0 and i + len(eenheid) < len(blok):
            if blok[i + len(eenheid)] in _NA_NAAM:
                return start + i
            i = blok.find(eenheid, i + 1)
        if not nieuw:
            return grootte
        # Keep the tail: a container start may straddle two blocks.
        start += len(blok) - len(eenheid)
        blok = blok[-len(eenheid) :]


def delen(pad, indeling: Indeling, aantal: int) -> list[Deel]:
    """At most `aantal` ranges of about equal size, each starting at a container (the first at 0)."""
    with open(pad, "rb") as fh:
        grootte = fh.seek(0, io.SEEK_END)
        grenzen = [0]
        for k in range(1, aantal):
            grens = _volgende_eenheid(
                fh, indeling.eenheid, max(grenzen[-1] + 1, grootte * k // aantal), grootte
            )
            if grens >= grootte:
                break
            grenzen.append(grens)
    grenzen.append(grootte)
    return [
        Deel(begin, eind, begin == 0, eind == grootte)
        for begin, eind in zip(grenzen, grenzen[1:], strict=False)
    ]


def regelnummer_voor(pad, deel: Deel) -> int:
    """Newlines before the range: what its line numbers lag behind the file's (its head has none)."""
    n, over = 0, deel.begin
    with open(pad, "rb") as fh:
        while over > 0:
            blok = fh.read(min(CHUNK * 16, over))
            n += blok.count(b"\n")
            over -= len(blok)
    return n


class DeelLezer(io.RawIOBase):
    """The range as a document of its own, read as a stream (memory stays flat)."""

    def __init__(self, pad, indeling: Indeling, deel: Deel):
        self.fh = open(pad, "rb")  # noqa: SIM115 (closed in close())
        self.fh.seek(deel.begin)
        self.over = deel.eind - deel.begin
        self.voor = b"" if deel.eerste else indeling.kop
        self.na = b"" if deel.laatste else indeling.staart

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.voor:
            data, self.voor = self.voor[: len(buffer)], self.voor[len(buffer) :]
        else:
            data = self.fh.read(min(len(buffer), self.over)) if self.over > 0 else b""
            self.over = self.over - len(data) if data else 0
            if not data:
                data, self.na = self.na[: len(buffer)], self.na[len(buffer) :]
        buffer[: len(data)] = data
        return len(data)

    def close(self):
        self.fh.close()
        super().close()
