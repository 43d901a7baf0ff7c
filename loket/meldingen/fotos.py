"""Photos from residents: only JPEG and PNG, at most 10 MB, decoded and encoded anew so nothing
but pixels survives (no EXIF, no GPS position, no hidden payload)."""

import io
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

from kern.fouten import CodeFout
from kern.uploads import te_groot as te_groot_verzoek

MAX_FOTOS = 3
MAX_BYTES = 10 * 1024 * 1024
# Decompression bombs: a small file that unpacks to a giant bitmap. Pixels are read from the header
# before anything is decoded. A JPEG is decoded at 1/2, 1/4 or 1/8 scale straight to about MAX_ZIJDE
# (libjpeg's DCT scaling), so a 40 MP phone photo costs a quarter of its bitmap; a PNG has no such
# shortcut and is decoded whole, so it gets a lower limit.
MAX_PIXELS = 50_000_000
MAX_PIXELS_PNG = 16_000_000
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
            pixels = beeld.width * beeld.height
            if pixels > (MAX_PIXELS if formaat == "JPEG" else MAX_PIXELS_PNG):
                raise FotoFout("foto_te_groot", "Deze foto heeft te veel pixels.")
            if formaat == "JPEG":
                schaal = MAX_ZIJDE / max(beeld.size)
                beeld.draft("RGB", (math.ceil(beeld.width * schaal), math.ceil(beeld.height * schaal)))
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
    except Image.DecompressionBombError:
        # Pillow's own limit, read from the header too: more pixels than any photo has.
        raise FotoFout("foto_te_groot", "Deze foto heeft te veel pixels.") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise FotoFout("geen_foto", "Dit bestand is geen foto (alleen JPEG of PNG).") from None
    uit = io.BytesIO()
    if formaat == "JPEG":
        schone.convert("RGB").save(uit, "JPEG", quality=85, optimize=True)
    else:
        schone.save(uit, "PNG", optimize=True)
    content_type, extensie = FORMATEN[formaat]
    return Foto(uit.getvalue(), content_type, extensie)


def uit_verzoek(request) -> list:
    """The uploaded photos of a request; FotoFout when the request went over its cap (kern.uploads)."""
    bestanden = request.FILES.getlist("fotos")
    if te_groot_verzoek(request):
        raise FotoFout(
            "verzoek_te_groot",
            f"Alles bij elkaar is te groot: hoogstens {settings.UPLOAD_MAX_VERZOEK // (1024 * 1024)} MB.",
            http_status=413,
            titel="Verzoek te groot",
        )
    return bestanden
