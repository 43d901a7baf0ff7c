from django.urls import path

from dso_koppeling import backoffice, views

urlpatterns = [
    path("dso/verzoeknotificatie", views.verzoeknotificatie, name="dso-verzoeknotificatie"),
    path("backoffice/vergunningaanvragen/", backoffice.lijst, name="dso-backoffice"),
    path("backoffice/vergunningaanvragen/kaart.geojson", backoffice.kaart, name="dso-backoffice-kaart"),
    path(
        "backoffice/vergunningaanvragen/quarantaine/",
        backoffice.quarantaine,
        name="dso-backoffice-quarantaine",
    ),
    path(
        "backoffice/vergunningaanvragen/quarantaine/<str:verzoeknummer>/opnieuw",
        backoffice.opnieuw,
        name="dso-backoffice-opnieuw",
    ),
    path("backoffice/vergunningaanvragen/<str:referentie>", backoffice.detail, name="dso-backoffice-detail"),
    path(
        "backoffice/vergunningaanvragen/<str:referentie>/document/<int:document_id>",
        backoffice.document,
        name="dso-backoffice-document",
    ),
]
