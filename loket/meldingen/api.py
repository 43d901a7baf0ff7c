"""The public meldingen API: melden, "al gemeld?", aansluiten, the public map and track & trace.
Logic lives in services; the staff side is in api_backoffice."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from kaartlagen import features
from kern import idempotentie, ratelimit
from kern.api import ApiFout, ProbleemSerializer
from kern.crs import WGS84
from loket.meldingen import fotos, openbaar, services
from loket.meldingen import invoer as invoer_
from loket.meldingen.models import Melding
from loket.zaken.models import Zaak


def beperk(request, soort: str) -> None:
    if not ratelimit.tel(request, soort, settings.MELDINGEN_MAX_PER_UUR):
        raise ApiFout(
            "te_veel_verzoeken",
            "U heeft het afgelopen uur te vaak iets verstuurd. Probeer het later opnieuw.",
            "Te veel verzoeken",
            429,
        )


class SubcategorieSerializer(serializers.Serializer):
    slug = serializers.CharField()
    naam = serializers.CharField()


class CategorieSerializer(serializers.Serializer):
    slug = serializers.CharField()
    naam = serializers.CharField()
    subcategorieen = SubcategorieSerializer(many=True)


class CategorieenView(APIView):
    @extend_schema(responses={200: CategorieSerializer(many=True)}, summary="De onderwerpen om uit te kiezen")
    def get(self, request):
        return Response(CategorieSerializer(services.categorie_boom(), many=True).data)


class LocatieInvoer(serializers.Serializer):
    x = serializers.FloatField(required=False, help_text="lengtegraad (wgs84) of RD-x")
    y = serializers.FloatField(required=False, help_text="breedtegraad (wgs84) of RD-y")
    crs = serializers.ChoiceField(choices=["wgs84", "rd"], default="wgs84")
    adres_id = serializers.CharField(required=False, max_length=40, help_text="id uit /api/locatie/suggest")


class MeldingInvoer(LocatieInvoer):
    categorie = serializers.CharField(max_length=60, help_text="slug van een subcategorie")
    omschrijving = serializers.CharField(max_length=services.MAX_TEKST, trim_whitespace=True)
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    telefoon = serializers.CharField(required=False, allow_blank=True, max_length=20)
    toestemming = serializers.BooleanField(default=False, help_text="toestemming om contact op te nemen")
    fotos = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=fotos.MAX_FOTOS,
        help_text="JPEG of PNG, ≤ 10 MB",
    )
    website = serializers.CharField(required=False, allow_blank=True, help_text="laat leeg (tegen spam)")


class BevestigingSerializer(serializers.Serializer):
    referentie = serializers.CharField()
    status = serializers.CharField()
    volg_url = serializers.CharField(help_text="pagina om de melding te volgen; bewaar deze link")
    token = serializers.CharField()


def bevestiging(request, referentie: str, status: str, token: str) -> dict:
    url = request.build_absolute_uri(reverse("meldingen:volgen", args=[token]))
    return {"referentie": referentie, "status": status, "volg_url": url, "token": token}


class MeldingenView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    throttle_classes = []

    @extend_schema(
        request={"multipart/form-data": MeldingInvoer, "application/json": MeldingInvoer},
        parameters=[idempotentie.PARAMETER],
        responses={
            201: BevestigingSerializer,
            400: ProbleemSerializer,
            413: ProbleemSerializer,
            422: ProbleemSerializer,
            429: ProbleemSerializer,
        },
        summary="Een melding doen (zonder account)",
    )
    @idempotentie.idempotent("meldingen.melden")
    def post(self, request):
        beperk(request, "melden")
        bestanden = fotos.uit_verzoek(request)  # first: a request over its cap was not even read
        invoer = MeldingInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        melding = invoer_.maak_melding(invoer.validated_data, bestanden)
        zaak = melding.zaak
        return Response(
            BevestigingSerializer(
                bevestiging(request, zaak.referentie, zaak.status.omschrijving, melding.token)
            ).data,
            status=201,
        )


class AlGemeldParams(LocatieInvoer):
    categorie = serializers.CharField(max_length=60)


class AlGemeldSerializer(serializers.Serializer):
    referentie = serializers.CharField()
    categorie = serializers.CharField()
    status = serializers.CharField()
    datum = serializers.DateField()
    afstand = serializers.IntegerField(help_text="meter")


class AlGemeldView(APIView):
    @extend_schema(
        parameters=[AlGemeldParams],
        responses={200: AlGemeldSerializer(many=True), 400: ProbleemSerializer},
        summary="Is dit al gemeld? Open meldingen van hetzelfde onderwerp in de buurt",
    )
    def get(self, request):
        params = AlGemeldParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        return Response(AlGemeldSerializer(invoer_.al_gemeld(params.validated_data), many=True).data)


AANGEMELD = "Kijk in uw e-mail en open de link om te bevestigen dat u deze melding wilt volgen."


class AansluitenAangemeldSerializer(serializers.Serializer):
    referentie = serializers.CharField()
    status = serializers.CharField()
    bericht = serializers.CharField(help_text="wat de bewoner nu moet doen: de link in de e-mail openen")


class AansluitenInvoer(serializers.Serializer):
    email = serializers.CharField(required=False, allow_blank=True, max_length=254)
    toestemming = serializers.BooleanField(default=False)
    website = serializers.CharField(required=False, allow_blank=True)


class AansluitenView(APIView):
    parser_classes = [FormParser, JSONParser]

    @extend_schema(
        request=AansluitenInvoer,
        responses={
            201: BevestigingSerializer,
            202: AansluitenAangemeldSerializer,
            400: ProbleemSerializer,
            404: ProbleemSerializer,
            422: ProbleemSerializer,
            429: ProbleemSerializer,
        },
        summary="Aansluiten bij een bestaande melding in plaats van een nieuwe te doen",
        description=(
            "Met een e-mailadres (202): het adres krijgt één e-mail met een eigen volglink en pas na "
            "bevestiging daar ook nieuws (dubbele opt-in); de volglink staat daarom niet in dit antwoord. "
            "Zonder e-mailadres (201): meteen de volglink."
        ),
        parameters=[idempotentie.PARAMETER],
    )
    @idempotentie.idempotent("meldingen.aansluiten")
    def post(self, request, referentie: str):
        beperk(request, "melden")
        invoer = AansluitenInvoer(data=request.data)
        invoer.is_valid(raise_exception=True)
        if invoer.validated_data.get("website"):
            raise ApiFout("invoer_ongeldig", "Dit formulier kon niet worden verwerkt.")
        zaak = Zaak.objects.filter(referentie=referentie, melding__isnull=False).first()
        if zaak is None:
            raise ApiFout("niet_gevonden", "Deze melding bestaat niet.", "Niet gevonden", 404)
        volger = services.sluit_aan(
            zaak,
            invoer.validated_data.get("email", ""),
            invoer.validated_data["toestemming"],
        )
        if volger.email:
            return Response(
                {
                    "referentie": zaak.referentie,
                    "status": zaak.status.omschrijving,
                    "bericht": AANGEMELD,
                },
                status=202,
            )
        return Response(
            BevestigingSerializer(
                bevestiging(request, zaak.referentie, zaak.status.omschrijving, volger.token)
            ).data,
            status=201,
        )


class KaartView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "bbox", features.BBOX_SCHEMA, description="minx,miny,maxx,maxy in WGS84 (optioneel)"
            )
        ],
        responses={
            (200, "application/geo+json"): OpenApiResponse(description="GeoJSON FeatureCollection"),
            400: ProbleemSerializer,
        },
        summary="Open meldingen op de kaart (categorie, status, datum; ligging op 10 m afgerond)",
    )
    def get(self, request):
        bbox = None
        if tekst := request.query_params.get("bbox"):
            bbox = features.bbox_rd(tekst, WGS84)
        response = HttpResponse(openbaar.geojson(bbox), content_type="application/geo+json")
        response["Cache-Control"] = "public, max-age=60"
        return response


class HistorieSerializer(serializers.Serializer):
    status = serializers.CharField()
    tijdstip = serializers.DateTimeField()
    tekst = serializers.CharField()


class VolgenSerializer(serializers.Serializer):
    """What the track & trace page shows, from the same service (`services.volg_gegevens`)."""

    referentie = serializers.CharField()
    categorie = serializers.CharField()
    status = serializers.CharField()
    gemeld_op = serializers.DateTimeField()
    eigen = serializers.BooleanField(
        help_text="true met het eigen token van de melder; false voor wie later aansloot (volger)"
    )
    omschrijving = serializers.CharField(help_text="wat de melder schreef; leeg voor een volger")
    adres = serializers.CharField(help_text="het adres bij de plek; leeg voor een volger")
    buurt = serializers.CharField(help_text="de buurt (CBS) van de plek; leeg buiten een buurt")
    plek_ll = serializers.ListField(
        child=serializers.FloatField(),
        allow_null=True,
        help_text="[lon, lat] in WGS84: voor de melder de gekozen plek, voor een volger op 10 m afgerond; "
        "null als de melding geen plek heeft",
    )
    locatie_ll = serializers.ListField(
        child=serializers.FloatField(),
        allow_null=True,
        help_text="[lon, lat] in WGS84, op 10 m afgerond (zoals op de openbare kaart); null zonder plek",
    )
    fotos = serializers.ListField(
        child=serializers.URLField(), help_text="de eigen foto's van de melder (alleen met het eigen token)"
    )
    historie = HistorieSerializer(many=True)
    kan_reageren = serializers.BooleanField(help_text="'Bent u tevreden?' kan nog beantwoord worden")


class VolgenView(APIView):
    @extend_schema(
        responses={200: VolgenSerializer, 403: ProbleemSerializer, 404: ProbleemSerializer},
        summary="Een melding volgen",
        description=(
            "Wat en waar, zoals de volgpagina het toont. Met het eigen token van de melder ook de "
            "omschrijving, het adres, de precieze plek en de foto's; met het token van een volger alleen "
            "categorie, buurt en de plek op 10 m. Een volger die zijn e-mailadres nog niet bevestigde: "
            "403 `volgen_niet_bevestigd`."
        ),
    )
    def get(self, request, token: str):
        try:
            melding, volger = services.op_token(token)
        except Melding.DoesNotExist:
            raise ApiFout("niet_gevonden", "Deze link klopt niet (meer).", "Niet gevonden", 404) from None
        if volger is not None and volger.bevestigd is None:
            raise ApiFout(
                "volgen_niet_bevestigd",
                "Bevestig eerst dat u deze melding wilt volgen: open de link in de e-mail.",
                "Nog niet bevestigd",
                403,
            )
        gegevens = services.volg_gegevens(melding, volger)
        gegevens["fotos"] = [
            request.build_absolute_uri(reverse("meldingen:volgen-foto", args=[token, nummer]))
            for nummer in gegevens["fotos"]
        ]
        response = Response(VolgenSerializer(gegevens).data)
        # The token is the key: as on the page, no shared cache may keep the answer.
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response
