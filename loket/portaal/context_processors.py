from django.conf import settings

from kern import gemeente as kern_gemeente
from loket.portaal import navigatie


def thema_css() -> str:
    return f"portaal/thema/{settings.GEMEENTE_THEMA}.css"


def gemeente(request):
    return {
        "gemeente": kern_gemeente.huidige(),
        "gemeente_naam": settings.GEMEENTE_NAAM,
        "thema_css": thema_css(),
        "navigatie": navigatie.menu(request),
        "voettekst": navigatie.voettekst(request),
    }
