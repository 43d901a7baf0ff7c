"""The project's URLs plus two views that crash: one on an API path, one on a page."""

from django.urls import include, path


def kapot(request):
    raise RuntimeError("met opzet kapot")


urlpatterns = [path("api/kapot", kapot), path("pagina/kapot", kapot), path("", include("config.urls"))]
