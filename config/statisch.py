"""Static files: compressed with gzip and brotli at collectstatic (whitenoise), with DEBUG off (`make run`,
production) also with a content hash in every name."""

import gzip
import os

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage, CompressedStaticFilesStorage


class AlleenGewijzigd(Compressor):
    """Compresses a file only when it changed since its .br (and .gz) were written: whitenoise gives
    those the file's own mtime. `make run` runs collectstatic every time, and brotli at its best takes
    ~15 s for all files again (bench/statisch_bench.py); a changed file gets a new mtime. The hashed
    copies of CSS files are written anew at every collectstatic (Django rewrites their url()s), with
    the same bytes: those are compared with their .gz instead, which costs a read, not a brotli run."""

    def compress(self, path):
        mtime = os.stat(path).st_mtime
        klaar = [path + ext for ext in (".br", ".gz") if _zelfde_mtime(path + ext, mtime)]
        if klaar and klaar[0].endswith(".br"):
            return klaar
        if _zelfde_inhoud(path):
            klaar = [path + ".br", path + ".gz"]
            for pad in klaar:
                os.utime(pad, (mtime, mtime))
            return klaar
        return super().compress(path)


def _zelfde_inhoud(pad: str) -> bool:
    """Both compressed files are there and the .gz holds what the file holds now."""
    if not os.path.exists(pad + ".br"):
        return False
    try:
        with open(pad + ".gz", "rb") as gz, open(pad, "rb") as bestand:
            return gzip.decompress(gz.read()) == bestand.read()
    except (FileNotFoundError, gzip.BadGzipFile, EOFError):
        return False


def _zelfde_mtime(pad: str, mtime: float) -> bool:
    try:
        return abs(os.stat(pad).st_mtime - mtime) < 0.001  # utime() takes a float: a rounding apart
    except FileNotFoundError:
        return False


class _AlleenGewijzigdComprimeren:
    def create_compressor(self, **kwargs):
        return AlleenGewijzigd(**kwargs)


class Gecomprimeerd(_AlleenGewijzigdComprimeren, CompressedStaticFilesStorage):
    """DEBUG on (`make run-dev`, the tests): the names as they are, no manifest to keep up to date."""


class Statisch(_AlleenGewijzigdComprimeren, CompressedManifestStaticFilesStorage):
    """DEBUG off (`make run`, production): a content hash in every name, so browsers keep them a year."""

    # References inside CSS (url(), @import) are rewritten to the hashed names; the JS rule is left out:
    # it only rewrites `//# sourceMappingURL=` comments, and the vendored Leaflet names a map we do not
    # ship (browsers fetch it only with their developer tools open).
    patterns = tuple(p for p in HashedFilesMixin.patterns if p[0] == "*.css")
