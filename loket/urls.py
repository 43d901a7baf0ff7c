from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("", include("kaartlagen.urls")),
    path("", include("loket.portaal.urls")),
]
