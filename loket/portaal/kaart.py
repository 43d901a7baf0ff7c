from django.shortcuts import render

from kaartlagen.kaart import kaartconfig


def kaart_pagina(request):
    return render(request, "portaal/kaart.html", {"config": kaartconfig(request)})
