from django.urls import path

from loket.portaal import kaart, locatie, views

app_name = "portaal"
urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid", views.gezondheid, name="gezondheid"),
    path("locatie", locatie.locatie_pagina, name="locatie"),
    path("kaart", kaart.kaart_pagina, name="kaart"),
    path("contact", views.info, {"pagina": "contact"}, name="contact"),
    path("privacyverklaring", views.info, {"pagina": "privacy"}, name="privacy"),
    path("toegankelijkheid", views.info, {"pagina": "toegankelijkheid"}, name="toegankelijkheid"),
    path("proclaimer", views.info, {"pagina": "proclaimer"}, name="proclaimer"),
    path("favicon.ico", views.favicon, name="favicon"),
]
