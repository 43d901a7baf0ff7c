from django.urls import path

from dso_koppeling import views

urlpatterns = [path("dso/verzoeknotificatie", views.verzoeknotificatie, name="dso-verzoeknotificatie")]
