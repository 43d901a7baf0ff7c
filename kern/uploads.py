"""Uploads with a cap before anything is decoded: Django's upload handler, but a file is written to its
temporary file only up to `UPLOAD_MAX_BESTAND` bytes, and a request announcing more than
`UPLOAD_MAX_VERZOEK` bytes is not read at all. What went over is marked, so the view can say which
limit it was (`te_groot(request)`, or a file's size), instead of a 300 MB upload filling the disk before it is refused.
"""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import QueryDict
from django.shortcuts import render
from django.utils.datastructures import MultiValueDict


class TeGrootBestand(UploadedFile):
    """Stands in for a file that went over the cap: its size is what was sent, its content nothing."""

    def __init__(self, name, content_type, size):
        super().__init__(None, name, content_type, size)

    def chunks(self, chunk_size=None):
        return iter(())

    def read(self, *args):
        return b""

    def seek(self, *args):
        return 0

    def close(self):
        pass


class BegrensdeUpload(TemporaryFileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.UPLOAD_MAX_VERZOEK:
            self.request.upload_te_groot = True
            return QueryDict(encoding=encoding), MultiValueDict()  # "handled": nothing read, nothing written

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.gezien = 0
        self.over_de_grens = False

    def receive_data_chunk(self, raw_data, start):
        self.gezien += len(raw_data)
        if self.over_de_grens:
            return None
        if self.gezien > settings.UPLOAD_MAX_BESTAND:
            self.over_de_grens = True
            self.file.close()  # the temporary file is deleted on close
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size):
        if self.over_de_grens:
            return TeGrootBestand(self.file_name, self.content_type, self.gezien)
        return super().file_complete(file_size)


def te_groot(request) -> bool:
    """True when the request announced more than UPLOAD_MAX_VERZOEK and was not read (a file over
    UPLOAD_MAX_BESTAND shows as a `TeGrootBestand` with its size). Read request.POST/FILES first."""
    return getattr(request, "upload_te_groot", False)


def csrf_mislukt(request, reason=""):
    """CSRF_FAILURE_VIEW: a form whose upload was too big arrives without its CSRF token (nothing of it
    was read); say that, instead of a puzzling 403. Any other failure (a page left open long, cookies
    refused) gets what to do, in Dutch (403_csrf.html); Django logs the reason, the resident gets no
    technical text. Rendered with the request: Django's own csrf_failure renders without it, so the
    page would miss the portal's look."""
    if te_groot(request):
        return render(
            request,
            "kern/te_groot.html",
            {"max_mb": settings.UPLOAD_MAX_VERZOEK // (1024 * 1024)},
            status=413,
        )
    return render(request, "403_csrf.html", status=403)
