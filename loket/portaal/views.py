from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from kaartlagen.services import inhoud


def home(request):
    return render(request, "portaal/home.html", {"inhoud": inhoud()})


def gezondheid(request):
    """Liveness for load balancers and `make run` smoke tests: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("select postgis_lib_version()")
        (postgis,) = cursor.fetchone()
    return JsonResponse({"status": "ok", "postgis": postgis})
