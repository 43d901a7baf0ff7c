"""The staff side of the meldingen API: list with filters, detail with history, status change and
assignment. Medewerkers see their teams' meldingen; contact data only with the right permission."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from kern import idempotentie
from kern.api import ProbleemSerializer
from kern.crs import naar_wgs84
from loket.meldingen import avg, selectie, services
from loket.meldingen.api import HistorieSerializer
from loket.meldingen.behandeling import (
    FilterParams,
    filters_uit,
    mag_contact_zien,
    wijs_toe,
    wijzig_status,
    zichtbare_melding,
)
from loket.meldingen.models import Melding
from loket.zaken import services as zaken
from loket.zaken.backoffice import BegrensdePaginator, historie


class IsMedewerker(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


class Pagina(PageNumberPagination):
    django_paginator_class = BegrensdePaginator
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


PAGINA_PARAMETERS = [
    OpenApiParameter("page", int, description="paginanummer (vanaf 1)"),
    OpenApiParameter(
        "page_size",
        int,
        description=f"rijen per pagina, standaard {Pagina.page_size}, hoogstens {Pagina.max_page_size}",
    ),
]
# Refused as a medewerker would be: not logged in, or not staff.
GEEN_MEDEWERKER = {403: ProbleemSerializer}


class LijstSerializer(serializers.Serializer):
    referentie = serializers.CharField(source="zaak.referentie")
    categorie = serializers.CharField(source="categorie.__str__")
    status = serializers.CharField(source="zaak.status.code")
    status_omschrijving = serializers.CharField(source="zaak.status.omschrijving")
    gemeld_op = serializers.DateTimeField(source="zaak.registratiedatum")
    uiterlijke_einddatum = serializers.DateField(source="zaak.uiterlijke_einddatum")
    over_termijn = serializers.SerializerMethodField()
    adres = serializers.CharField(source="zaak.adres")
    buurt = serializers.CharField(source="zaak.buurtnaam")
    team = serializers.CharField(source="zaak.behandelend_team.code", default=None, allow_null=True)
    medewerker = serializers.CharField(source="zaak.toegewezen_aan.username", default=None, allow_null=True)

    def get_over_termijn(self, melding) -> bool:
        return zaken.is_over_termijn(melding.zaak)


class LijstPaginaSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="aantal meldingen (bij heel veel: een ondergrens)")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LijstSerializer(many=True)


class StaffHistorieSerializer(HistorieSerializer):
    door = serializers.CharField()
    toelichting_intern = serializers.CharField()


class DetailSerializer(LijstSerializer):
    omschrijving = serializers.CharField(source="zaak.omschrijving")
    wijk = serializers.CharField(source="zaak.wijknaam")
    bgt_objecttype = serializers.CharField(source="zaak.bgt_objecttype")
    locatie_ll = serializers.SerializerMethodField()
    historie = serializers.SerializerMethodField()
    toegestane_statussen = serializers.SerializerMethodField()
    fotos = serializers.IntegerField(source="zaak.documenten.count")
    volgers = serializers.IntegerField(source="volgers.count")
    email = serializers.SerializerMethodField(help_text="alleen met het recht contactgegevens_zien")
    telefoon = serializers.SerializerMethodField()

    def get_locatie_ll(self, melding) -> list[float]:
        punt = melding.zaak.geometrie.point_on_surface
        return [round(v, 7) for v in naar_wgs84(punt.x, punt.y)]

    def get_historie(self, melding) -> list[dict]:
        return StaffHistorieSerializer(historie(melding.zaak), many=True).data

    def get_toegestane_statussen(self, melding) -> list[str]:
        return [s.code for s in zaken.toegestane_statussen(melding.zaak)]

    def get_email(self, melding) -> str | None:
        return melding.email if self.context.get("contact") else None

    def get_telefoon(self, melding) -> str | None:
        return melding.telefoon if self.context.get("contact") else None


class BackofficeLijstView(APIView):
    permission_classes = [IsMedewerker]

    @extend_schema(
        operation_id="api_backoffice_meldingen_list",
        parameters=[FilterParams, *PAGINA_PARAMETERS],
        responses={
            200: LijstPaginaSerializer,
            400: ProbleemSerializer,
            404: ProbleemSerializer,
            **GEEN_MEDEWERKER,
        },
        description="Een pagina buiten het bereik is een 404 (`not_found`).",
        summary="Meldingen van mijn teams",
    )
    def get(self, request):
        qs = selectie.meldingen(request.user, filters_uit(request.query_params))
        pagina = Pagina()
        rijen = pagina.paginate_queryset(qs, request, view=self)
        return pagina.get_paginated_response(LijstSerializer(rijen, many=True).data)


class BackofficeDetailView(APIView):
    permission_classes = [IsMedewerker]

    @extend_schema(
        responses={200: DetailSerializer, 404: ProbleemSerializer, **GEEN_MEDEWERKER},
        summary="Eén melding met historie",
    )
    def get(self, request, referentie: str):
        melding = zichtbare_melding(request.user, referentie)
        contact = mag_contact_zien(request.user)
        if contact and melding.heeft_contact:
            avg.log_inzage(melding, request.user, "api")
        return Response(DetailSerializer(melding, context={"contact": contact}).data)


class StatusInvoer(serializers.Serializer):
    status = serializers.CharField(max_length=40)
    toelichting_intern = serializers.CharField(
        required=False, allow_blank=True, max_length=services.MAX_TEKST
    )
    tekst_voor_burger = serializers.CharField(required=False, allow_blank=True, max_length=services.MAX_TEKST)


class WijzigView(APIView):
    """A change to one melding: check the input, call the service, answer with the new detail."""

    permission_classes = [IsMedewerker]
    invoer_klasse: type[serializers.Serializer]

    def wijzig(self, user, melding: Melding, data: dict) -> None:
        raise NotImplementedError

    def wijzig_verzoek(self, request, referentie: str):
        melding = zichtbare_melding(request.user, referentie)
        invoer = self.invoer_klasse(data=request.data)
        invoer.is_valid(raise_exception=True)
        self.wijzig(request.user, melding, invoer.validated_data)
        melding = zichtbare_melding(request.user, referentie)
        return Response(DetailSerializer(melding, context={"contact": False}).data)


WIJZIG_ANTWOORDEN = {
    200: DetailSerializer,
    400: ProbleemSerializer,
    404: ProbleemSerializer,
    422: ProbleemSerializer,
    **GEEN_MEDEWERKER,
}


class BackofficeStatusView(WijzigView):
    invoer_klasse = StatusInvoer

    @extend_schema(
        request=StatusInvoer,
        parameters=[idempotentie.PARAMETER],
        responses=WIJZIG_ANTWOORDEN,
        summary="Status wijzigen (met tekst voor de melder)",
    )
    @idempotentie.idempotent("backoffice.status")
    def post(self, request, referentie: str):
        return self.wijzig_verzoek(request, referentie)

    def wijzig(self, user, melding, data):
        wijzig_status(user, melding, data)


class ToewijzingInvoer(serializers.Serializer):
    team = serializers.CharField(required=False, allow_blank=True, help_text="teamcode; leeg: huidig team")
    medewerker = serializers.CharField(
        required=False, allow_blank=True, help_text="gebruikersnaam; leeg: niemand"
    )


class BackofficeToewijzingView(WijzigView):
    invoer_klasse = ToewijzingInvoer

    @extend_schema(
        request=ToewijzingInvoer,
        parameters=[idempotentie.PARAMETER],
        responses=WIJZIG_ANTWOORDEN,
        summary="Toewijzen aan een team en/of medewerker",
    )
    @idempotentie.idempotent("backoffice.toewijzing")
    def post(self, request, referentie: str):
        return self.wijzig_verzoek(request, referentie)

    def wijzig(self, user, melding, data):
        wijs_toe(user, melding, data)
