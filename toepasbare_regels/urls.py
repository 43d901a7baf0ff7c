from django.urls import path

from . import api, views

UITVOEREN = "api/toepasbare-regels/uitvoeren/v3/"

urlpatterns = [
    path(f"{UITVOEREN}conclusie/_bepaal", api.ConclusieBepaalView.as_view(), name="regels-conclusie"),
    path(
        f"{UITVOEREN}indieningsvereisten/_bepaal",
        api.IndieningsvereistenBepaalView.as_view(),
        name="regels-iv",
    ),
    path(
        f"{UITVOEREN}maatregelen/_bepaal",
        api.MaatregelenBepaalView.as_view(),
        name="regels-maatregelen",
    ),
    path(f"{UITVOEREN}toelichtingen/<str:ident>", api.ToelichtingView.as_view(), name="regels-toelichting"),
    path(
        "api/toepasbare-regels/zoekinterface/v2/werkzaamheden/_zoek",
        api.WerkzaamhedenZoekView.as_view(),
        name="regels-werkzaamheden-zoek",
    ),
    path(
        "api/vergunningcheck/werkzaamheden/suggest",
        api.WerkzaamhedenSuggestView.as_view(),
        name="vergunningcheck-suggest",
    ),
    path("vergunningcheck/", views.start, name="vergunningcheck"),
    path("vergunningcheck/nieuw", views.nieuw, name="vergunningcheck-nieuw"),
    path("vergunningcheck/<str:token>/", views.stap, name="vergunningcheck-stap"),
    path("vergunningcheck/<str:token>/uitkomst", views.uitkomst, name="vergunningcheck-uitkomst"),
    path(
        "vergunningcheck/<str:token>/werkingsgebieden.geojson",
        views.werkingsgebieden,
        name="vergunningcheck-gebieden",
    ),
]
