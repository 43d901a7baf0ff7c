from django.urls import re_path

from kaartlagen import views

app_name = "kaartlagen"
urlpatterns = [
    # Signed numbers are matched too, so that a negative x gets a clear 400 instead of a bare 404.
    re_path(
        r"^tiles/(?P<laag>[-\w]+)/(?P<z>-?\d{1,3})/(?P<x>-?\d{1,8})/(?P<y>-?\d{1,8})\.mvt$",
        views.tegel_view,
        name="tegel",
    ),
]
