from django.urls import path

from loket.buurtberichten import backoffice, feedviews, views

app_name = "buurtberichten"
urlpatterns = [
    path("buurtberichten/", views.start, name="start"),
    path("buurtberichten/aangemeld", views.aangemeld, name="aangemeld"),
    path("buurtberichten/bevestig/<str:token>", views.bevestig, name="bevestig"),
    path("buurtberichten/beheer/<str:token>", views.beheer, name="beheer"),
    path("buurtberichten/afmelden/<str:token>", views.afmelden, name="afmelden"),
    path("buurtberichten/gegevens/<str:token>", views.gegevens, name="gegevens"),
    path("buurtberichten/berichten", views.lijst, name="lijst"),
    path("buurtberichten/berichten/<uuid:uuid>", views.bericht, name="bericht"),
    path("buurtberichten/berichten/<uuid:uuid>/kaart.png", views.kaartje, name="kaartje"),
    path("buurtberichten/feeds/buurt/<str:code>.atom", feedviews.atom_buurt, name="atom-buurt"),
    path("buurtberichten/feeds/buurt/<str:code>.ics", feedviews.ical_buurt, name="ical-buurt"),
    path("buurtberichten/feeds/gebied.atom", feedviews.atom_bbox, name="atom-bbox"),
    path("backoffice/buurtberichten/", backoffice.lijst, name="backoffice"),
    path("backoffice/buurtberichten/nieuw", backoffice.nieuw, name="backoffice-nieuw"),
]
