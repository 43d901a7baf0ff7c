"""Zip bombs built at test time in tmp: small ones through zipfile, a real-size one by repeating one
deflate block (writing gigabytes to build a bomb would defeat the point of the test)."""

import struct
import zipfile
import zlib
from pathlib import Path

MIB = 1 << 20


def zip_met(pad: Path, leden: dict[str, bytes], methode: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(pad, "w", methode) as zf:
        for naam, inhoud in leden.items():
            zf.writestr(naam, inhoud)
    return pad


def grote_bom(pad: Path, mib: int, naam: str = "bom.xml") -> Path:
    """A zip of one member that unpacks to `mib` MiB of zeros (at most ~4000: no zip64), about a
    thousandth of that on disk. Valid: its CRC and sizes are right."""
    if mib >= 4096:
        raise ValueError("zonder zip64 kan een lid hoogstens 4 GiB zijn")
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    nullen = bytes(MIB)
    # A full flush resets the compressor, so every further MiB of zeros compresses to this same block.
    blok = co.compress(nullen) + co.flush(zlib.Z_FULL_FLUSH)
    einde = co.flush()
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(nullen, crc)
    gepakt, uitgepakt, naam_b = len(blok) * mib + len(einde), mib * MIB, naam.encode()
    kop = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, gepakt, uitgepakt, len(naam_b), 0)
    centraal = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        gepakt,
        uitgepakt,
        len(naam_b),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    with open(pad, "wb") as fh:
        fh.write(kop + naam_b)
        for _ in range(mib):
            fh.write(blok)
        fh.write(einde)
        begin = fh.tell()
        fh.write(centraal + naam_b)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(centraal) + len(naam_b), begin, 0))
    return pad
