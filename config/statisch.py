"""Static files for production: compressed, with a content hash in every name (whitenoise)."""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


class Statisch(CompressedManifestStaticFilesStorage):
    # References inside CSS (url(), @import) are rewritten to the hashed names; the JS rule is left out:
    # it only rewrites `//# sourceMappingURL=` comments, and the vendored Leaflet names a map we do not
    # ship (browsers fetch it only with their developer tools open).
    patterns = tuple(p for p in HashedFilesMixin.patterns if p[0] == "*.css")
