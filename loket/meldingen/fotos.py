"""Photos from residents: only JPEG and PNG, at most 10 MB, decoded and encoded anew so nothing
but pixels survives (no EXIF, no GPS position, no hidden payload)."""

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

from kern.fouten import CodeFout

MAX_FOTOS = 3
MAX_BYTES = 10 * 1024 * 1024
# Decompression bombs: a small file that unpacks to a giant bitmap.
MAX_PIXELS = 40_000_000
MAX_ZIJDE = 2560
FORMATEN = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}


class FotoFout(CodeFout):
    """A file we do not accept as a photo."""


@dataclass
class Foto:
    inhoud: bytes
    content_type: str
    extensie: str


def controleer_aantal(bestanden: list) -> None:
    if len(bestanden) > MAX_FOTOS:
        raise FotoFout("te_veel_fotos", f"U kunt hoogstens {MAX_FOTOS} foto's meesturen.")


def schoon(bestand: UploadedFile) -> Foto:
    """The photo re-encoded without metadata; FotoFout when it is too big or not a JPEG/PNG image."""
    if bestand.size > MAX_BYTES:
        raise FotoFout("foto_te_groot", "Een foto mag hoogstens 10 MB zijn.")
    data = bestand.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FotoFout("foto_te_groot", "Een foto mag hoogstens 10 MB zijn.")
    try:
        with Image.open(io.BytesIO(data)) as beeld:
            formaat = beeld.format
            if formaat not in FORMATEN:
                raise FotoFout("geen_foto", "Alleen foto's in JPEG- of PNG-formaat kunnen mee.")
            if beeld.width * beeld.height > MAX_PIXELS:
                raise FotoFout("foto_te_groot", "Deze foto heeft te veel pixels.")
            beeld.load()
            # Honour the camera's orientation before the EXIF that holds it is dropped.
            beeld = ImageOps.exif_transpose(beeld)
            beeld.thumbnail((MAX_ZIJDE, MAX_ZIJDE))
            if beeld.mode not in ("RGB", "RGBA", "L"):
                beeld = beeld.convert("RGBA")
            # A new image gets only the pixels: no info dict, no EXIF, no text chunks.
            schone = Image.new(beeld.mode, beeld.size)
            schone.paste(beeld)
    except FotoFout:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise FotoFout("geen_foto", "Dit bestand is geen foto (alleen JPEG of PNG).") from None
    uit = io.BytesIO()
    if formaat == "JPEG":
        schone.convert("RGB").save(uit, "JPEG", quality=85, optimize=True)
    else:
        schone.save(uit, "PNG", optimize=True)
    content_type, extensie = FORMATEN[formaat]
    return Foto(uit.getvalue(), content_type, extensie)
