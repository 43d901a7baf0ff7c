from django.contrib import admin

from kern.admin import AlleenLezen
from kern.mail.models import Bezorging


@admin.register(Bezorging)
class BezorgingAdmin(AlleenLezen):
    list_display = (
        "sleutel",
        "soort",
        "status",
        "pogingen",
        "volgende_poging",
        "verstuurd_op",
        "laatste_fout",
    )
    list_filter = ("status", "soort")
    search_fields = ("sleutel",)
    exclude = ("tekst", "html", "bijlagen", "headers", "inhoud", "vulling")
