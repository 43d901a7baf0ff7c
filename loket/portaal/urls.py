from django.urls import path

from loket.portaal import views

app_name = "portaal"
urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid", views.gezondheid, name="gezondheid"),
]
