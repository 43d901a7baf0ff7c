from django.urls import path, re_path

from kaartlagen import api, ogcapi, views

app_name = "kaartlagen"
urlpatterns = [
    # Signed numbers are matched too, so that a negative x gets a clear 400 instead of a bare 404.
    re_path(
        r"^tiles/(?P<laag>[-\w]+)/(?P<z>-?\d{1,3})/(?P<x>-?\d{1,8})/(?P<y>-?\d{1,8})\.mvt$",
        views.tegel_view,
        name="tegel",
    ),
    path("api/locatie/suggest", api.SuggestView.as_view(), name="locatie-suggest"),
    path("api/locatie/free", api.FreeView.as_view(), name="locatie-free"),
    path("api/locatie/lookup", api.LookupView.as_view(), name="locatie-lookup"),
    path("api/locatie/reverse", api.ReverseView.as_view(), name="locatie-reverse"),
    path("api/locatie/informatie", api.InformatieView.as_view(), name="locatie-informatie"),
    re_path(r"^download/(?P<laag>[-\w]+)\.(?P<formaat>geojson|csv)$", views.download_view, name="download"),
    # One URL, two forms: the API view answers JSON and hands a browser (or ?f=html) to the page.
    path("ogc/", ogcapi.LandingView.as_view(html_pagina=views.ogc_landing_pagina), name="ogc-landing"),
    path(
        "ogc/conformance",
        ogcapi.ConformanceView.as_view(html_pagina=views.ogc_conformance_pagina),
        name="ogc-conformance",
    ),
    path(
        "ogc/collections",
        ogcapi.CollectiesView.as_view(html_pagina=views.ogc_collecties_pagina),
        name="ogc-collecties",
    ),
    path(
        "ogc/collections/<slug:collectie>",
        ogcapi.CollectieView.as_view(html_pagina=views.ogc_collectie_pagina),
        name="ogc-collectie",
    ),
    path(
        "ogc/collections/<slug:collectie>/items",
        ogcapi.ItemsView.as_view(html_pagina=views.ogc_items_pagina),
        name="ogc-items",
    ),
    path(
        "ogc/collections/<slug:collectie>/items/<str:item>",
        ogcapi.ItemView.as_view(html_pagina=views.ogc_item_pagina),
        name="ogc-item",
    ),
    path("basiskaart/", views.basiskaart_pagina, name="basiskaart"),
    path("open-data/", views.open_data_pagina, name="open-data"),
    path("open-data/catalogus.jsonld", views.catalogus_view, name="catalogus"),
]
