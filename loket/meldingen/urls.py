from django.urls import path

from loket.meldingen import api, api_backoffice, backoffice, views

app_name = "meldingen"
urlpatterns = [
    path("meldingen/nieuw", views.melden, name="melden"),
    path("meldingen/<str:referentie>/aansluiten", views.aansluiten, name="aansluiten"),
    path("meldingen/volgen/<str:token>", views.volgen, name="volgen"),
    path("meldingen/volgen/<str:token>/bevestigen", views.bevestig_volgen, name="volgen-bevestigen"),
    path("meldingen/volgen/<str:token>/foto/<int:nummer>", views.volgen_foto, name="volgen-foto"),
    path("meldingen/volgen/<str:token>/reactie", views.reactie, name="reactie"),
    path("meldingen/volgen/<str:token>/gegevens", views.gegevens, name="gegevens"),
    path("api/meldingen", api.MeldingenView.as_view(), name="api-melden"),
    path("api/meldingen/categorieen", api.CategorieenView.as_view(), name="api-categorieen"),
    path("api/meldingen/al-gemeld", api.AlGemeldView.as_view(), name="api-al-gemeld"),
    path("api/meldingen/kaart", api.KaartView.as_view(), name="api-kaart"),
    path("api/meldingen/volgen/<str:token>", api.VolgenView.as_view(), name="api-volgen"),
    path("api/meldingen/<str:referentie>/aansluiten", api.AansluitenView.as_view(), name="api-aansluiten"),
    path("api/backoffice/meldingen", api_backoffice.BackofficeLijstView.as_view(), name="api-lijst"),
    path(
        "api/backoffice/meldingen/<str:referentie>",
        api_backoffice.BackofficeDetailView.as_view(),
        name="api-detail",
    ),
    path(
        "api/backoffice/meldingen/<str:referentie>/status",
        api_backoffice.BackofficeStatusView.as_view(),
        name="api-status",
    ),
    path(
        "api/backoffice/meldingen/<str:referentie>/toewijzing",
        api_backoffice.BackofficeToewijzingView.as_view(),
        name="api-toewijzing",
    ),
    path("backoffice/", backoffice.lijst, name="backoffice"),
    path("backoffice/inloggen", backoffice.Inloggen.as_view(), name="inloggen"),
    path("backoffice/uitloggen", backoffice.Uitloggen.as_view(), name="uitloggen"),
    path("backoffice/tweede-factor", backoffice.tweede_factor, name="tweede-factor"),
    path("backoffice/export.csv", backoffice.export, name="export"),
    path("backoffice/kaart.geojson", backoffice.kaart, name="backoffice-kaart"),
    path("backoffice/bulk", backoffice.bulk, name="bulk"),
    path("backoffice/<str:referentie>", backoffice.detail, name="detail"),
    path("backoffice/<str:referentie>/contact", backoffice.contact, name="contact"),
    path("backoffice/<str:referentie>/foto/<int:nummer>", backoffice.foto, name="foto"),
]
