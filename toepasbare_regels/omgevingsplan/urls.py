from django.urls import path

from toepasbare_regels.omgevingsplan import api

app_name = "omgevingsplan"
urlpatterns = [
    path("api/locatie/regels", api.RegelsView.as_view(), name="locatie-regels"),
]
