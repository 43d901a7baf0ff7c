from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

urlpatterns = [
    # One login for staff, with its attempt limit and second factor: the admin's own form has neither.
    path("beheer/login/", RedirectView.as_view(pattern_name="meldingen:inloggen", query_string=True)),
    path("beheer/", admin.site.urls),
    path("api/schema", SpectacularAPIView.as_view(), name="openapi"),
    path("", include("kaartlagen.urls")),
    path("", include("dso_koppeling.urls")),
    path("", include("toepasbare_regels.omgevingsplan.urls")),
    path("", include("toepasbare_regels.urls")),
    # Before meldingen: its backoffice/<referentie> would otherwise catch /backoffice/buurtberichten/.
    path("", include("loket.buurtberichten.urls")),
    path("", include("loket.meldingen.urls")),
    path("", include("loket.buurtdashboard.urls")),
    path("", include("loket.portaal.urls")),
]

# Error pages in Dutch and in the portal's look (templates/404.html, 403.html, 400.html use Django's own
# handlers); a 500 is made without the database, which may be what failed.
handler500 = "loket.portaal.views.serverfout"
