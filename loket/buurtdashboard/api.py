"""The dashboard's figures as JSON for staff (session login), with the same scope, logging and
suppression as the pages."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kern.api import ApiFout, ProbleemSerializer
from loket.buurtdashboard import gebieden, toegang
from loket.buurtdashboard.overzicht import overzicht


# Its own component name: kaartlagen.api has a GebiedSerializer of another shape.
@extend_schema_serializer(component_name="DashboardGebied")
class GebiedSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()
    soort = serializers.CharField()
    kolommen = serializers.ListField(child=serializers.DictField(), help_text="gebieden van de tabellen")
    tabellen = serializers.ListField(
        child=serializers.DictField(),
        help_text='de tabellen van de pagina: naam, titel, kop, rijen; aantallen 1–4 als "<5"',
    )


class GebiedView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        summary="Kerncijfers en indicatoren van een gemeente, wijk of buurt (medewerkers)",
        responses={
            200: GebiedSerializer,
            403: OpenApiResponse(ProbleemSerializer, description="geen rol of geen toegang tot dit gebied"),
            404: OpenApiResponse(ProbleemSerializer, description="geen gebied van deze gemeente"),
        },
    )
    def get(self, request, code):
        try:
            g = gebieden.gebied(code)
        except gebieden.GebiedOnbekend as fout:
            raise ApiFout(fout.code, str(fout), "Gebied niet gevonden", 404) from None
        t = toegang.open_gebied(request.user, g.code, "api")
        inhoud = overzicht(g, t)
        return Response(
            {
                "code": g.code,
                "naam": g.naam,
                "soort": g.soort,
                "kolommen": [
                    {"code": k.code, "naam": k.naam, "soort": k.soort} for k in inhoud.pop("kolommen")
                ],
                "tabellen": [
                    {
                        "naam": tb.naam,
                        "titel": tb.titel,
                        "kop": tb.kop,
                        "rijen": tb.rijen,
                        "toelichting": tb.toelichting,
                    }
                    for tb in inhoud["tabellen"]
                ],
            }
        )
