from django.urls import path

from loket.buurtdashboard import api, views

app_name = "buurtdashboard"
urlpatterns = [
    path("dashboard/", views.start, name="start"),
    path("dashboard/<str:code>/", views.gebied, name="gebied"),
    path("dashboard/<str:code>/kaart/", views.kaart, name="kaart"),
    path("dashboard/<str:code>/<slug:tabel>.csv", views.export, name="export"),
    path("api/dashboard/<str:code>", api.GebiedView.as_view(), name="api-gebied"),
]
