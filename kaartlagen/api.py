"""The address search API (/api/locatie/…), shaped like PDOK's Locatieserver."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kaartlagen import locatie, zoeken
from kern.api import ApiFout, ProbleemSerializer, query_params
from kern.crs import RD_NEW, WGS84


class SuggestieSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="bijv. adres-0400200000012345, weg-…, buurt-BU04000102")
    type = serializers.ChoiceField(choices=list(zoeken.TYPE_VOLGORDE))
    weergavenaam = serializers.CharField()
    score = serializers.FloatField(help_text="1.0 is exact; lager is minder zeker")


class LocatieSerializer(SuggestieSerializer):
    centroide_rd = serializers.ListField(
        child=serializers.FloatField(), required=False, help_text="[x, y] RD New"
    )
    centroide_ll = serializers.ListField(
        child=serializers.FloatField(), required=False, help_text="[lon, lat] WGS84"
    )
    straatnaam = serializers.CharField(required=False)
    huisnummer = serializers.IntegerField(required=False)
    huisletter = serializers.CharField(required=False)
    huisnummertoevoeging = serializers.CharField(required=False)
    postcode = serializers.CharField(required=False)
    woonplaatsnaam = serializers.CharField(required=False)
    nummeraanduiding = serializers.CharField(required=False)
    buurtcode = serializers.CharField(required=False)
    buurtnaam = serializers.CharField(required=False)
    wijkcode = serializers.CharField(required=False)
    wijknaam = serializers.CharField(required=False)
    afstand = serializers.FloatField(required=False, help_text="meters (alleen bij reverse)")


class ZoekParams(serializers.Serializer):
    q = serializers.CharField(max_length=zoeken.MAX_ZOEKTERM, trim_whitespace=True)
    rows = serializers.IntegerField(min_value=1, max_value=zoeken.MAX_RESULTATEN, default=10)


class ReverseParams(serializers.Serializer):
    x = serializers.FloatField(help_text="lengtegraad (wgs84) of RD-x")
    y = serializers.FloatField(help_text="breedtegraad (wgs84) of RD-y")
    crs = serializers.ChoiceField(choices=["wgs84", "rd"], default="wgs84")
    rows = serializers.IntegerField(min_value=1, max_value=zoeken.MAX_RESULTATEN, default=5)


def _uit(treffers, serializer_class):
    return serializer_class([t.als_dict() for t in treffers], many=True).data


class SuggestView(APIView):
    @extend_schema(
        parameters=[ZoekParams],
        responses={200: SuggestieSerializer(many=True), 400: ProbleemSerializer},
        summary="Suggesties bij typen",
    )
    def get(self, request):
        p = query_params(ZoekParams, request)
        # Built as SuggestieSerializer would (it describes the answer for OpenAPI), without its cost on
        # the request typing asks most often.
        return Response(
            [
                {"id": t.id, "type": t.type, "weergavenaam": t.weergavenaam, "score": t.score}
                for t in zoeken.suggest(p["q"], p["rows"])
            ]
        )


class FreeView(APIView):
    @extend_schema(
        parameters=[ZoekParams],
        responses={200: LocatieSerializer(many=True), 400: ProbleemSerializer},
        summary="Zoeken met ligging",
    )
    def get(self, request):
        p = query_params(ZoekParams, request)
        return Response(_uit(zoeken.free(p["q"], p["rows"]), LocatieSerializer))


class LookupView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("id", str, required=True, description="id uit suggest")],
        responses={200: LocatieSerializer, 400: ProbleemSerializer, 404: ProbleemSerializer},
        summary="Eén resultaat uit suggest opvragen",
    )
    def get(self, request):
        ident = request.query_params.get("id", "")
        treffer = zoeken.lookup(ident)
        if treffer is None:
            raise ApiFout("niet_gevonden", f"Er is niets met id '{ident[:40]}'.", "Niet gevonden", 404)
        return Response(_uit([treffer], LocatieSerializer)[0])


class ReverseView(APIView):
    @extend_schema(
        parameters=[ReverseParams],
        responses={200: LocatieSerializer(many=True), 400: ProbleemSerializer},
        summary="Adressen bij een punt",
    )
    def get(self, request):
        p = query_params(ReverseParams, request)
        srid = WGS84 if p["crs"] == "wgs84" else RD_NEW
        return Response(_uit(zoeken.reverse(p["x"], p["y"], srid, p["rows"]), LocatieSerializer))


class PandSerializer(serializers.Serializer):
    identificatie = serializers.CharField()
    bouwjaar = serializers.IntegerField()
    status = serializers.CharField(help_text="de status zoals de BAG hem noemt")
    status_tekst = serializers.CharField(help_text="de status in gewone woorden")
    oppervlakte = serializers.IntegerField(help_text="grondvlak in m²")
    gebruiksdoelen = serializers.ListField(child=serializers.CharField(), help_text="BAG-gebruiksdoelen")
    gebruik = serializers.CharField(help_text="de gebruiksdoelen in gewone woorden, bijvoorbeeld 'wonen'")
    oppervlakte_verblijfsobjecten = serializers.IntegerField(help_text="gebruiksoppervlakte in m² (BAG)")
    contour = serializers.JSONField(help_text="de omtrek van het pand, GeoJSON in WGS84")


class GebiedSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()


class SectieSerializer(serializers.Serializer):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    regels = serializers.ListField(source="rijen", child=serializers.ListField(child=serializers.CharField()))


class LocatieInformatieSerializer(serializers.Serializer):
    punt_rd = serializers.ListField(child=serializers.FloatField())
    punt_ll = serializers.ListField(child=serializers.FloatField())
    adressen = LocatieSerializer(many=True)
    panden = PandSerializer(many=True)
    buurt = GebiedSerializer(allow_null=True)
    wijk = GebiedSerializer(allow_null=True)
    secties = SectieSerializer(
        many=True, help_text="door andere onderdelen toegevoegd (omgevingsplan, meldingen, …)"
    )


class InformatieParams(serializers.Serializer):
    id = serializers.CharField(required=False, help_text="een adres-id uit suggest; anders x en y")
    x = serializers.FloatField(required=False)
    y = serializers.FloatField(required=False)
    crs = serializers.ChoiceField(choices=["wgs84", "rd"], default="wgs84")


class InformatieView(APIView):
    @extend_schema(
        parameters=[InformatieParams],
        responses={200: LocatieInformatieSerializer, 400: ProbleemSerializer, 404: ProbleemSerializer},
        summary="Alles over één plek: adressen, gebouw, buurt en wijk",
    )
    def get(self, request):
        p = query_params(InformatieParams, request)
        if "id" in p:
            info = locatie.bij_adres(p["id"])
            if info is None:
                raise ApiFout("niet_gevonden", f"Er is geen adres '{p['id'][:40]}'.", "Niet gevonden", 404)
        elif "x" in p and "y" in p:
            info = locatie.bij_punt(p["x"], p["y"], WGS84 if p["crs"] == "wgs84" else RD_NEW)
        else:
            raise ApiFout("invoer_ongeldig", "Geef een id, of x en y.")
        # The serializer describes the answer (OpenAPI); the dict is already in its shape.
        return Response(info.als_dict())
