"""GET /api/locatie/regels: what the omgevingsplan says at one point, on a peildatum."""

from django.contrib.gis.geos import Point
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kaartlagen import zoeken
from kern.api import ProbleemSerializer, query_params
from kern.crs import RD_NEW, WGS84
from toepasbare_regels.omgevingsplan import services
from toepasbare_regels.omgevingsplan.waardelijsten import KWALIFICATIES


class RegelsParams(serializers.Serializer):
    x = serializers.FloatField(help_text="lengtegraad (wgs84) of RD-x")
    y = serializers.FloatField(help_text="breedtegraad (wgs84) of RD-y")
    crs = serializers.ChoiceField(choices=["wgs84", "rd"], default="wgs84")
    peildatum = serializers.DateField(required=False, help_text="JJJJ-MM-DD; standaard vandaag")


class ArtikelSerializer(serializers.Serializer):
    identificatie = serializers.CharField()
    wId = serializers.CharField()  # noqa: N815 (the STOP name)
    kop = serializers.CharField()
    tekst = serializers.CharField()


class ActiviteitRegelSerializer(serializers.Serializer):
    kwalificatie = serializers.ChoiceField(
        choices=list(KWALIFICATIES), help_text="activiteitregelkwalificatie"
    )
    activiteitlocatieaanduiding = serializers.CharField()
    juridische_regel = serializers.CharField()
    artikel = ArtikelSerializer(allow_null=True)
    locaties = serializers.ListField(child=serializers.CharField(), help_text="werkingsgebieden hier")


class ActiviteitSerializer(serializers.Serializer):
    identificatie = serializers.CharField()
    naam = serializers.CharField()
    groep = serializers.CharField()
    bovenliggende = serializers.CharField()
    regels = ActiviteitRegelSerializer(many=True)


class OverigeRegelSerializer(serializers.Serializer):
    juridische_regel = serializers.CharField()
    artikel = ArtikelSerializer(allow_null=True)
    gebiedsaanwijzingen = serializers.ListField(child=serializers.CharField())
    normen = serializers.ListField(child=serializers.CharField())


class GebiedsaanwijzingSerializer(serializers.Serializer):
    identificatie = serializers.CharField()
    type = serializers.CharField(help_text="uit de waardelijst TypeGebiedsaanwijzing, bijv. 'erfgoed'")
    groep = serializers.CharField()
    naam = serializers.CharField()
    locaties = serializers.ListField(child=serializers.CharField())


class NormSerializer(serializers.Serializer):
    identificatie = serializers.CharField()
    normwaarde = serializers.CharField()
    naam = serializers.CharField()
    soort = serializers.ChoiceField(choices=["omgevingsnorm", "omgevingswaarde"])
    type = serializers.CharField()
    eenheid = serializers.CharField()
    waarde = serializers.JSONField(help_text="getal (kwantitatief) of tekst (kwalitatief)")
    locatie = serializers.CharField()


class RegelsSerializer(serializers.Serializer):
    peildatum = serializers.DateField()
    locaties = serializers.ListField(child=serializers.CharField(), help_text="IMOW-locaties op dit punt")
    activiteiten = ActiviteitSerializer(many=True)
    overige_regels = OverigeRegelSerializer(many=True)
    gebiedsaanwijzingen = GebiedsaanwijzingSerializer(many=True)
    normen = NormSerializer(many=True)


def _regels(x: float, y: float, srid: int, peildatum):
    x_rd, y_rd = zoeken.punt_in_gemeente(x, y, srid)
    return services.regels_op(Point(x_rd, y_rd, srid=RD_NEW), peildatum)


class RegelsView(APIView):
    @extend_schema(
        parameters=[RegelsParams],
        responses={200: RegelsSerializer, 400: ProbleemSerializer},
        summary="Regels van het omgevingsplan op één punt",
        description="Elke activiteit met regels hier (kwalificatie, juridische regel, artikel), en de "
        "gebiedsaanwijzingen en normen (bijv. maximum bouwhoogte) op dit punt, geldig op de peildatum.",
    )
    def get(self, request):
        p = query_params(RegelsParams, request)
        srid = WGS84 if p["crs"] == "wgs84" else RD_NEW
        return Response(RegelsSerializer(_regels(p["x"], p["y"], srid, p.get("peildatum"))).data)
